/**
 * One health check of one target, as a Route 53 health checker makes it
 * (Route 53 Developer Guide, "How Amazon Route 53 determines whether a
 * health check is healthy"):
 *
 * - HTTP and HTTPS: a TCP connection within 4 s, then an HTTP status code
 *   of 200–399 within 2 s of connecting, for `GET <ResourcePath>`. HTTPS
 *   does not verify the certificate (an invalid or expired one does not
 *   fail the check). Each check opens a new connection and closes it once
 *   the status line is in; the body is not read.
 * - TCP: a TCP connection within 10 s.
 *
 * Uses `node:net`, `node:http` and `node:https`, which Deno 2 provides too.
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, type Socket } from 'node:net';
import type { CheckTarget } from './target.ts';

/** Time limits of a check, milliseconds. */
export interface ProbeTimeouts {
  /** HTTP/HTTPS: TCP connection established. @default 4000 */
  connectMs: number;
  /** HTTP/HTTPS: status line received, counted from the connection. @default 2000 */
  responseMs: number;
  /** TCP checks: connection established. @default 10000 */
  tcpConnectMs: number;
}

/** Route 53's limits. */
export const ROUTE53_TIMEOUTS: ProbeTimeouts = { connectMs: 4000, responseMs: 2000, tcpConnectMs: 10_000 };

/** The outcome of one check. */
export interface ProbeResult {
  ok: boolean;
  /** From the start of the check to its outcome, milliseconds. */
  latencyMs: number;
  /** What happened, e.g. `HTTP 200`, `HTTP 503`, `connection refused (ECONNREFUSED)`, `no connection within 4 s`. */
  detail: string;
}

/** Runs one check of a target; never rejects. */
export type Probe = (target: CheckTarget) => Promise<ProbeResult>;

/** The `User-Agent` of HTTP and HTTPS checks. */
export const USER_AGENT = 'cloudmap-dns-health-check';

/** A probe with `timeouts` (Route 53's by default). */
export function createProbe(timeouts: ProbeTimeouts = ROUTE53_TIMEOUTS): Probe {
  return (target) => {
    if (target.problem) return Promise.resolve({ ok: false, latencyMs: 0, detail: target.problem });
    return target.type === 'TCP' ? tcpProbe(target, timeouts) : httpProbe(target, timeouts);
  };
}

const seconds = (ms: number): string => `${ms / 1000} s`;

/** A socket error as a short text: `connection refused (ECONNREFUSED)`. */
export function describeError(error: Error & { code?: string }): string {
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused', ECONNRESET: 'connection reset', EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable', EPIPE: 'connection closed', ETIMEDOUT: 'timed out',
  };
  if (error.code && known[error.code]) return `${known[error.code]} (${error.code})`;
  return error.code ? `${error.message} (${error.code})` : error.message;
}

function tcpProbe(target: CheckTarget, t: ProbeTimeouts): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: target.host, port: target.port });
    const finish = (ok: boolean, detail: string): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok, latencyMs: performance.now() - started, detail });
    };
    const timer = setTimeout(() => finish(false, `no connection within ${seconds(t.tcpConnectMs)}`), t.tcpConnectMs);
    socket.once('connect', () => finish(true, 'connected'));
    socket.once('error', (error) => finish(false, describeError(error)));
  });
}

function httpProbe(target: CheckTarget, t: ProbeTimeouts): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout>;
    const options = {
      host: target.host, port: target.port, path: target.path, method: 'GET', agent: false,
      headers: { 'user-agent': USER_AGENT, accept: '*/*', connection: 'close' },
    };
    const req: ClientRequest = target.type === 'HTTPS' ? httpsRequest({ ...options, rejectUnauthorized: false }) : httpRequest(options);
    const finish = (ok: boolean, detail: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ok, latencyMs: performance.now() - started, detail });
    };
    timer = setTimeout(() => finish(false, `no connection within ${seconds(t.connectMs)}`), t.connectMs);
    req.once('socket', (socket: Socket) => {
      const connected = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(false, `no HTTP status within ${seconds(t.responseMs)} of connecting`), t.responseMs);
      };
      if (socket.readyState === 'open') connected();
      else socket.once('connect', connected);
    });
    req.once('response', (res) => {
      const status = res.statusCode ?? 0;
      res.destroy();
      finish(status >= 200 && status < 400, `HTTP ${status}`);
    });
    req.once('error', (error) => finish(false, describeError(error)));
    req.end();
  });
}
