/**
 * Plain DNS listeners on Node: UDP (node:dgram) and TCP (node:net) on one
 * address and port, answering through a `DnsResolver`.
 *
 * - UDP: one response datagram per query datagram, sized by the resolver
 *   (512 bytes without EDNS; RFC 1035 §4.2.1, RFC 6891).
 * - TCP: 2-byte length-prefixed messages, many per connection, pipelined
 *   (RFC 1035 §4.2.2, RFC 7766 §6.2.1); a connection idle for
 *   `tcpIdleTimeoutMs` is closed (RFC 7766 §6.2.3 suggests seconds, not
 *   minutes), and so is one whose message is still incomplete that long after
 *   its first byte (a peer trickling bytes cannot hold it open); at most
 *   `maxConnections` connections are open, more are closed at once.
 * - UDP answers pass through response-rate limiting when `rrl` is given.
 * - Bad input, client resets and write errors are logged at debug level and
 *   never stop the listeners.
 */
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type { DnsResolver } from '../../dns/resolver.ts';
import type { Logger } from '../../log.ts';
import type { ResponseRateLimiter } from '../../dns/rrl.ts';
import { createTcpSession, udpAnswerer } from '../../transport/udp-tcp.ts';
import { Deadlines } from './deadlines.ts';

/** Options of `startDnsServer`. */
export interface DnsServerOptions {
  /** Address or host name to bind, e.g. `127.0.0.1`, `::`, `0.0.0.0`. A name is resolved once. */
  host: string;
  /** Port for both UDP and TCP; 0 picks one that is free for both. */
  port: number;
  resolver: DnsResolver;
  logger: Logger;
  /**
   * Close TCP connections idle this long, in milliseconds (RFC 7766 §6.2.3).
   * @default 10000
   */
  tcpIdleTimeoutMs?: number;
  /**
   * Most open TCP connections; more are closed at once (RFC 7766 §6.2.2 leaves the limit to the server).
   * @default 1000
   */
  maxConnections?: number;
  /**
   * SO_RCVBUF of the UDP socket in bytes: room for bursts of queries while the
   * event loop is busy (the kernel caps it at net.core.rmem_max).
   * @default 4194304
   */
  udpReceiveBufferBytes?: number;
  /**
   * Stop reading a TCP connection while this many response bytes wait to be sent (slow reader).
   * @default 1048576
   */
  tcpMaxPendingBytes?: number;
  /** Response-rate limiting of UDP answers (`src/dns/rrl.ts`); absent = off. TCP is never limited. */
  rrl?: ResponseRateLimiter;
}

/** Running DNS listeners. */
export interface DnsServer {
  /** The bound port (UDP and TCP). */
  port: number;
  /** The bound address. */
  address: string;
  /** Stop both listeners and close open TCP connections. */
  close(): Promise<void>;
}

/** How many ports to try when `port` is 0 and the TCP port's UDP twin is taken. */
const PORT_ATTEMPTS = 20;

const errorCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

function listenTcp(server: net.Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    server.listen({ port, host: address, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

function bindUdp(socket: dgram.Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    socket.once('error', onError);
    socket.bind({ port, address, exclusive: true }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

const closeTcp = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
const closeUdp = (socket: dgram.Socket): Promise<void> =>
  new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });

/**
 * Start UDP and TCP DNS listeners on `host:port`.
 *
 * @returns the bound port and a `close()`
 * @throws the bind error (e.g. EADDRINUSE, EACCES) when `port` is fixed and
 *   cannot be bound for UDP or TCP, or when no free port pair was found in 20 tries
 */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const { resolver, logger, tcpIdleTimeoutMs = 10_000, tcpMaxPendingBytes = 1 << 20, maxConnections = 1000 } = options;
  const address = net.isIP(options.host) ? options.host : (await lookup(options.host)).address;
  const udpType = net.isIPv6(address) ? 'udp6' : 'udp4';
  const answerUdp = udpAnswerer(resolver, options.rrl);
  const connections = new Set<net.Socket>();
  const partial = new Deadlines<net.Socket>(tcpIdleTimeoutMs, (socket) => socket.destroy());

  const onConnection = (socket: net.Socket): void => {
    connections.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(tcpIdleTimeoutMs, () => socket.destroy());
    const session = createTcpSession(resolver, (framed) => {
      if (!socket.destroyed) socket.write(framed);
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        session.push(chunk);
        if (session.pendingBytes > 0) partial.armOnce(socket);
        else partial.disarm(socket);
      } catch (e) {
        logger.warn({ err: e, peer: socket.remoteAddress }, 'dns tcp: closing connection after error');
        socket.destroy();
        return;
      }
      if (socket.writableLength > tcpMaxPendingBytes) {
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
    });
    socket.on('error', (e) => logger.debug({ err: e, peer: socket.remoteAddress }, 'dns tcp: connection error'));
    socket.on('close', () => {
      connections.delete(socket);
      partial.disarm(socket);
    });
  };

  const onDatagram = (udp: dgram.Socket) => (msg: Buffer, peer: dgram.RemoteInfo): void => {
    let response: Uint8Array | null;
    try {
      response = answerUdp(msg, peer.address);
    } catch (e) {
      logger.warn({ err: e, peer: peer.address }, 'dns udp: could not answer');
      return;
    }
    if (!response) return;
    // No callback: a send error comes back as an 'error' event (logged at debug below);
    // a callback per datagram costs a native-to-JS call each.
    udp.send(response, peer.port, peer.address);
  };

  /**
   * dgram resolves every destination through `lookup`, even an IP literal
   * (Node's default defers to the next tick). Replies go to the sender's
   * address, always a literal, so answer synchronously.
   */
  const literalLookup = (host: string, family: unknown, callback: (err: Error | null, address: string, family: number) => void): void => {
    if (net.isIP(host)) callback(null, host, net.isIPv6(host) ? 6 : 4);
    else lookup(host).then((r) => callback(null, r.address, r.family), (e: Error) => callback(e, '', 0));
  };

  const attempts = options.port === 0 ? PORT_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    const tcp = net.createServer(onConnection);
    tcp.maxConnections = maxConnections;
    const port = await listenTcp(tcp, options.port, address);
    const udp = dgram.createSocket({ type: udpType, reuseAddr: false, recvBufferSize: options.udpReceiveBufferBytes ?? 4 << 20, lookup: literalLookup as never });
    try {
      await bindUdp(udp, port, address);
    } catch (e) {
      await Promise.all([closeTcp(tcp), closeUdp(udp)]);
      if (errorCode(e) === 'EADDRINUSE' && attempt < attempts) continue;
      partial.close();
      throw e;
    }
    udp.on('message', onDatagram(udp));
    udp.on('error', (e: NodeJS.ErrnoException) => {
      if (e.syscall === 'send') logger.debug({ err: e }, 'dns udp: send failed');
      else logger.error({ err: e }, 'dns udp: socket error');
    });
    tcp.on('error', (e) => logger.error({ err: e }, 'dns tcp: server error'));
    let closing: Promise<void> | undefined;
    return {
      port,
      address,
      close() {
        closing ??= (async () => {
          partial.close();
          const tcpClosed = closeTcp(tcp);
          for (const socket of connections) socket.destroy();
          await Promise.all([tcpClosed, closeUdp(udp)]);
        })();
        return closing;
      },
    };
  }
}
