/**
 * One Node TCP port for web traffic, handing web `Request`s to a fetch
 * handler (`@hono/node-server`'s `getRequestListener`, which also takes
 * absolute-form targets such as `POST http://data-localhost:8053/ HTTP/1.1`,
 * RFC 9112 §3.2.2, sent by the aws CLI through `HTTP_PROXY`).
 *
 * - Cleartext (`http`): each connection is sniffed; the HTTP/2 client preface
 *   (RFC 9113 §3.4; `dig +http-plain`, `curl --http2-prior-knowledge`) goes to
 *   a node:http2 server (h2c), anything else to a node:http server (HTTP/1.1).
 * - TLS (`https`, when `tls` is given): ALPN offers `h2` and `http/1.1`
 *   (RFC 7301; `dig +https`, `kdig +https` and `dnsperf -m doh` want h2) and
 *   the connection goes to the matching server; no ALPN means HTTP/1.1.
 *
 * Connection hygiene (issue 10 item 2; our servers are fed sockets with
 * `emit('connection')`, so Node's own `headersTimeout`/`requestTimeout`
 * never run — they are enforced here, with absolute deadlines a peer cannot
 * extend by trickling bytes):
 * - `headersTimeoutMs`: from accept (TLS handshake and sniff included), or
 *   from the end of the previous response on a kept-alive connection, to a
 *   complete request head; else `408` and close;
 * - `requestTimeoutMs`: from the head to a complete body (HTTP/1.1) or the
 *   end of the stream (HTTP/2, checked in bulk every 50 ms while streams
 *   are open, which also lets go of finished streams); else `408` (HTTP/1.1) or RST_STREAM CANCEL;
 * - `idleTimeoutMs`: idle HTTP/2 sessions get GOAWAY; HTTP/1.1 keep-alive
 *   connections idle this long are closed;
 * - `maxConcurrentStreams` per HTTP/2 session and `maxConnections` per
 *   listener (more are closed at once).
 * Deadlines are checked about once a second, so they fire up to ~1 s late.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../../log.ts';
import type { DohRequest, DohResponse } from '../../transport/doh-core.ts';
import { BulkDeadlines, Deadlines } from './deadlines.ts';
import { isDohTarget, serveDoh, serveDohStream } from './doh-serve.ts';
import { closeServer, listen, readTlsFiles, sniff, type TlsFiles } from './listen.ts';

/** Options of `startHttpServer`. */
export interface HttpServerOptions {
  /** Address or host name to bind, e.g. `127.0.0.1`, `::`. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** The web handler (e.g. `app.fetch` of a Hono app). */
  fetch: (request: Request) => Response | Promise<Response>;
  logger: Logger;
  /** Serve HTTPS (TLS, ALPN h2 + http/1.1) with this certificate instead of cleartext. */
  tls?: TlsFiles;
  /** See the module comment; milliseconds. @default 30000 */
  idleTimeoutMs?: number;
  /** See the module comment; milliseconds. @default 10000 */
  headersTimeoutMs?: number;
  /** See the module comment; milliseconds. @default 30000 */
  requestTimeoutMs?: number;
  /** SETTINGS_MAX_CONCURRENT_STREAMS of HTTP/2 sessions. @default 128 */
  maxConcurrentStreams?: number;
  /** Most open connections on this listener. @default 10000 */
  maxConnections?: number;
  /**
   * Serve DoH at `/dns-query` with this function instead of `fetch` (no web
   * Request/Response per query; `src/transport/doh-core.ts`). Other paths still go to `fetch`.
   */
  doh?: (request: DohRequest) => DohResponse;
}

/** A running HTTP listener. */
export interface HttpServer {
  /** The bound TCP port. */
  port: number;
  /** Open connections now (for tests and metrics). */
  readonly connections: number;
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

const RAW_408 = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/** End the socket after what is written, and destroy it if the peer does not close within a second. */
function timeOutSocket(socket: net.Socket, last?: string): void {
  if (socket.destroyed) return;
  if (last === undefined) socket.end();
  else socket.end(last);
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Write a bare 408 and close (no response is in progress on the socket). */
const timeOut = (socket: net.Socket): void => timeOutSocket(socket, RAW_408);

/**
 * Start the HTTP/1.1 + HTTP/2 listener (cleartext, or TLS with `tls`).
 * @returns the bound port and `close()`
 * @throws the listen error (EADDRINUSE, EACCES, ...) or an unreadable certificate or key
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger, idleTimeoutMs = 30_000, headersTimeoutMs = 10_000, requestTimeoutMs = 30_000, maxConcurrentStreams = 128, maxConnections = 10_000 } = options;
  const listener = getRequestListener((request) => options.fetch(request));
  const h1 = http.createServer({ keepAliveTimeout: Math.min(idleTimeoutMs, headersTimeoutMs) });
  const doh = options.doh;
  const handle = (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse): void => {
    if (doh && isDohTarget(req.url)) serveDoh(doh, req, res);
    else void listener(req as http.IncomingMessage, res as http.ServerResponse);
  };
  // No 'request' listener: Node then builds no compat objects, and DoH streams are served
  // with the stream API; other streams get the compat request/response Node would have made.
  const h2 = http2.createServer({ settings: { maxConcurrentStreams } });
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  /** HTTP/1.1 requests in progress per socket (pipelining). */
  const open = new WeakMap<net.Socket, number>();

  const headerWait = new Deadlines<net.Socket>(headersTimeoutMs, (socket) => {
    if (!open.get(socket)) timeOut(socket);
  });
  const bodyWait = new Deadlines<[http.IncomingMessage, http.ServerResponse]>(requestTimeoutMs, ([req, res]) => {
    if (req.complete || res.writableEnded || req.socket.destroyed) return;
    if (res.headersSent) return void req.socket.destroy();
    const socket = req.socket;
    res.writeHead(408, { connection: 'close', 'content-type': 'text/plain', 'content-length': '16' }).end('request timeout\n', () => timeOutSocket(socket));
  });
  const handshakeWait = new Deadlines<net.Socket>(headersTimeoutMs, (raw) => raw.destroy());
  const streamWait = new BulkDeadlines<http2.ServerHttp2Stream>(
    requestTimeoutMs,
    (stream) => stream.destroyed || stream.closed,
    (stream) => stream.close(http2.constants.NGHTTP2_CANCEL),
  );

  h1.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    headerWait.disarm(socket);
    open.set(socket, (open.get(socket) ?? 0) + 1);
    const entry: [http.IncomingMessage, http.ServerResponse] = [req, res];
    bodyWait.arm(entry);
    res.once('close', () => {
      bodyWait.disarm(entry);
      const left = (open.get(socket) ?? 1) - 1;
      open.set(socket, left);
      if (left === 0 && !socket.destroyed) headerWait.arm(socket);
    });
    handle(req, res);
  });
  h2.on('stream', (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, _flags: number, rawHeaders: string[]) => {
    stream.on('error', (e: Error) => logger.debug({ err: e }, 'http/2: stream error'));
    streamWait.add(stream);
    if (doh && isDohTarget(headers[':path'])) return serveDohStream(doh, stream, headers);
    const req = new http2.Http2ServerRequest(stream, headers, {}, rawHeaders);
    void listener(req as unknown as http.IncomingMessage, new http2.Http2ServerResponse(stream) as unknown as http.ServerResponse);
  });
  h2.on('sessionError', (e) => logger.debug({ err: e }, 'http/2: session error'));
  h2.on('session', (session) => {
    sessions.add(session);
    session.setTimeout(idleTimeoutMs, () => session.close());
    session.on('close', () => sessions.delete(session));
  });

  const toHttp1 = (socket: net.Socket): void => {
    headerWait.arm(socket);
    socket.once('close', () => headerWait.disarm(socket));
    h1.emit('connection', socket);
    socket.resume();
  };
  const track = (socket: net.Socket): void => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const onSocketError = (e: Error): void => logger.debug({ err: e }, 'http: connection error before the first request');

  let server: net.Server;
  if (options.tls) {
    const material = readTlsFiles(options.tls);
    const secure = tls.createServer({ ...material, ALPNProtocols: ['h2', 'http/1.1'], handshakeTimeout: headersTimeoutMs });
    // tls.Server's handshakeTimeout does not run until the client sends a byte, so the
    // handshake also gets an absolute deadline from accept, found again by the peer's address and port.
    const handshaking = new Map<string, net.Socket>();
    const peer = (s: net.Socket): string => `${s.remoteAddress}|${s.remotePort}`;
    secure.on('connection', (raw: net.Socket) => {
      track(raw);
      const key = peer(raw);
      handshaking.set(key, raw);
      handshakeWait.arm(raw);
      raw.once('close', () => {
        handshakeWait.disarm(raw);
        if (handshaking.get(key) === raw) handshaking.delete(key);
      });
    });
    secure.on('secureConnection', (socket: tls.TLSSocket) => {
      const key = peer(socket);
      const raw = handshaking.get(key);
      if (raw) {
        handshaking.delete(key);
        handshakeWait.disarm(raw);
      }
      if (socket.alpnProtocol === 'h2') h2.emit('connection', socket);
      else toHttp1(socket);
    });
    secure.on('tlsClientError', (e) => logger.debug({ err: e }, 'https: TLS handshake failed'));
    server = secure;
  } else {
    server = net.createServer((socket) => {
      track(socket);
      sniff(
        socket,
        (head) => {
          const p = sniffProtocol(head);
          return p === 'unknown' ? undefined : p;
        },
        (s, protocol) => (protocol === 'h2' ? h2.emit('connection', s) : toHttp1(s)),
        headersTimeoutMs,
        onSocketError,
      );
    });
  }
  server.maxConnections = maxConnections;
  server.on('error', (e) => logger.error({ err: e }, 'http: listener error'));
  const port = await listen(server, options.port, options.host);

  let closing: Promise<void> | undefined;
  return {
    port,
    get connections() {
      return sockets.size;
    },
    close() {
      closing ??= (async () => {
        const closed = closeServer(server);
        for (const d of [headerWait, bodyWait, handshakeWait, streamWait]) d.close();
        for (const session of sessions) session.destroy();
        h1.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    },
  };
}
