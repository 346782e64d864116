/**
 * The listeners `serve` starts, as a list: CoreDNS runs one server per
 * transport, and so do we. Built from flags by `resolveListeners`; started
 * by `server.ts` through the runtime.
 *
 * | kind    | protocols                                            | flag            | default |
 * |---------|------------------------------------------------------|-----------------|---------|
 * | `http`  | Cloud Map API + DoH, HTTP/1.1 and h2c                 | `--http-port`   | 8053    |
 * | `dns`   | DNS over UDP and TCP (RFC 1035, RFC 7766)             | `--dns-port`    | 1053    |
 * | `grpc`  | CoreDNS `coredns.dns.DnsService/Query`, h2c (+ TLS)   | `--grpc-port`   | 8054    |
 * | `https` | Cloud Map API + DoH over TLS, ALPN h2 and http/1.1   | `--https-port`  | off     |
 *
 * Port 0 picks a free port for `http` and `dns` (tests use it) but turns
 * `grpc` and `https` off, as the issue specifies. `--tls-cert`/`--tls-key`
 * serve HTTPS and, when given, TLS on the gRPC port too (cleartext still
 * accepted there unless `--grpc-tls`).
 */

/** Kinds of listener. */
export type ListenerKind = 'http' | 'dns' | 'grpc' | 'https';

/** TLS files of a listener (PEM paths). */
export interface ListenerTls {
  certFile: string;
  keyFile: string;
  /** Refuse cleartext connections (gRPC; HTTPS is always TLS). */
  required?: boolean;
}

/** One listener to start. */
export interface ListenerConfig {
  kind: ListenerKind;
  /** Address to bind. */
  host: string;
  /** Port; 0 = any free port. */
  port: number;
  tls?: ListenerTls;
  /** Most open TCP connections on this listener; more are closed at once. */
  maxConnections: number;
  /** DNS over TCP: close connections idle this long, milliseconds (RFC 7766 §6.2.3). Only for `dns`. */
  idleTimeoutMs?: number;
}

/** Listener flags as the CLI hands them over (strings; booleans for switches). */
export interface ListenerFlags {
  httpPort?: string;
  dnsPort?: string;
  grpcPort?: string;
  httpsPort?: string;
  tlsCert?: string;
  tlsKey?: string;
  grpcTls?: boolean;
  maxConnections?: string;
  tcpIdleTimeout?: string;
}

/** Default gRPC port (CoreDNS examples forward SD zones with `grpc . 127.0.0.1:8054`). */
export const DEFAULT_GRPC_PORT = 8054;
/** Default per-listener connection cap: four listeners stay well under a 20,000 file-descriptor limit. */
export const DEFAULT_MAX_CONNECTIONS = 1000;
/** Default idle timeout of DNS-over-TCP connections, seconds. */
export const DEFAULT_TCP_IDLE_TIMEOUT_S = 10;

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new Error(`${flag} must be a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  return n;
}

function positive(value: string, flag: string, what: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new Error(`${flag} must be ${what} above 0, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * The listener list for `serve` from its flags.
 * @throws Error naming the flag at fault: a bad number, `--https-port` or
 *   `--grpc-tls` without `--tls-cert` and `--tls-key`, or only one of those two
 */
export function resolveListeners(host: string, flags: ListenerFlags): ListenerConfig[] {
  const maxConnections = Math.floor(positive(flags.maxConnections ?? String(DEFAULT_MAX_CONNECTIONS), '--max-connections', 'a number'));
  const idleTimeoutMs = Math.round(positive(flags.tcpIdleTimeout ?? String(DEFAULT_TCP_IDLE_TIMEOUT_S), '--tcp-idle-timeout', 'a number of seconds') * 1000);
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined)) throw new Error('--tls-cert and --tls-key must be given together');
  const tls = flags.tlsCert !== undefined ? { certFile: flags.tlsCert, keyFile: flags.tlsKey! } : undefined;
  const httpsPort = port(flags.httpsPort ?? '0', '--https-port');
  const grpcPort = port(flags.grpcPort ?? String(DEFAULT_GRPC_PORT), '--grpc-port');
  if (httpsPort > 0 && !tls) throw new Error('--https-port needs --tls-cert and --tls-key');
  if (flags.grpcTls && !tls) throw new Error('--grpc-tls needs --tls-cert and --tls-key');
  if (flags.grpcTls && grpcPort === 0) throw new Error('--grpc-tls needs a gRPC listener (--grpc-port is 0)');
  const list: ListenerConfig[] = [
    { kind: 'http', host, port: port(flags.httpPort ?? '8053', '--http-port'), maxConnections },
    { kind: 'dns', host, port: port(flags.dnsPort ?? '1053', '--dns-port'), maxConnections, idleTimeoutMs },
  ];
  if (grpcPort > 0) list.push({ kind: 'grpc', host, port: grpcPort, maxConnections, ...(tls && { tls: { ...tls, required: flags.grpcTls === true } }) });
  if (httpsPort > 0) list.push({ kind: 'https', host, port: httpsPort, maxConnections, tls: tls! });
  return list;
}
