/**
 * One Node TCP port that speaks HTTP/1.1 and cleartext HTTP/2 with prior
 * knowledge (h2c, RFC 9113 §3.3), handing web `Request`s to a fetch handler.
 *
 * Each connection is sniffed: if its first 24 bytes are the HTTP/2 client
 * preface `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n` (RFC 9113 §3.4; what
 * `dig +http-plain` and `curl --http2-prior-knowledge` send) it goes to a
 * node:http2 server, otherwise to a node:http server; the sniffed bytes are
 * put back with `unshift` first. `@hono/node-server`'s `getRequestListener`
 * turns requests into web Requests, including absolute-form targets
 * (`POST http://data-localhost:8053/ HTTP/1.1`, RFC 9112 §3.2.2, sent by the
 * aws CLI through `HTTP_PROXY`), whose URL is then that absolute URL (path `/`).
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../../log.ts';

/** Options of `startHttpServer`. */
export interface HttpServerOptions {
  /** Address or host name to bind, e.g. `127.0.0.1`, `::`. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** The web handler (e.g. `app.fetch` of a Hono app). */
  fetch: (request: Request) => Response | Promise<Response>;
  logger: Logger;
  /**
   * Close a connection that sends nothing for this long before its protocol is known, and
   * idle HTTP/2 sessions, in milliseconds.
   * @default 30000
   */
  idleTimeoutMs?: number;
}

/** A running HTTP listener. */
export interface HttpServer {
  /** The bound TCP port. */
  port: number;
  /** Stop accepting, close open connections and HTTP/2 sessions. */
  close(): Promise<void>;
}

/** HTTP/2 connection preface sent by clients (RFC 9113 §3.4). */
export const H2_PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/**
 * Which protocol a connection speaks, from its first bytes.
 * @returns 'h2' for the full HTTP/2 preface, 'http1' as soon as the bytes
 *   differ from it, 'unknown' while they are a proper prefix of it
 */
export function sniffProtocol(first: Uint8Array): 'h2' | 'http1' | 'unknown' {
  const n = Math.min(first.length, H2_PREFACE.length);
  for (let i = 0; i < n; i++) if (first[i] !== H2_PREFACE[i]) return 'http1';
  return first.length >= H2_PREFACE.length ? 'h2' : 'unknown';
}

/**
 * Start the HTTP/1.1 + h2c listener.
 * @returns the bound port and `close()`
 * @throws the listen error (EADDRINUSE, EACCES, ...)
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger, idleTimeoutMs = 30_000 } = options;
  const listener = getRequestListener((request) => options.fetch(request));
  const h1 = http.createServer(listener);
  const h2 = http2.createServer(listener);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();

  h1.on('error', (e) => logger.error({ err: e }, 'http/1.1: server error'));
  h2.on('error', (e) => logger.error({ err: e }, 'h2c: server error'));
  h2.on('sessionError', (e) => logger.debug({ err: e }, 'h2c: session error'));
  h2.on('session', (session) => {
    sessions.add(session);
    session.setTimeout(idleTimeoutMs, () => session.close());
    session.on('close', () => sessions.delete(session));
  });

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const chunks: Buffer[] = [];
    let length = 0;
    const onError = (e: Error): void => {
      logger.debug({ err: e, peer: socket.remoteAddress }, 'http: connection error before the first request');
    };
    const onTimeout = (): void => {
      socket.destroy();
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
      const head = chunks.length === 1 ? chunk : Buffer.concat(chunks, length);
      const protocol = sniffProtocol(head);
      if (protocol === 'unknown') return;
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('timeout', onTimeout);
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(head);
      if (protocol === 'h2') {
        h2.emit('connection', socket);
      } else {
        h1.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('error', onError);
    socket.setTimeout(idleTimeoutMs);
    socket.on('timeout', onTimeout);
    socket.on('data', onData);
  });
  server.on('error', (e) => logger.error({ err: e }, 'http: listener error'));

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
        h1.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
