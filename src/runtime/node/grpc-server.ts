/**
 * The gRPC listener for CoreDNS's `grpc` plugin on Node: node:http2 used
 * directly (core `stream` API), measured faster than @grpc/grpc-js for this
 * one unary method (docs/benchmarks.md); the gRPC codec is
 * `src/transport/grpc.ts`.
 *
 * One port takes cleartext HTTP/2 with prior knowledge (what grpc-go sends
 * without TLS) and, when a certificate is configured, TLS with ALPN `h2`:
 * a connection whose first byte is 0x16 (a TLS handshake record, RFC 8446
 * §5.1) goes to the TLS server. With `tls.required`, cleartext connections
 * are closed.
 *
 * Responses (gRPC over HTTP/2): `:status 200`, `content-type:
 * application/grpc`, one message, then trailers `grpc-status: 0`. Errors are
 * trailers-only responses with `grpc-status` and `grpc-message`; an unknown
 * method is UNIMPLEMENTED; a content type other than `application/grpc*` is
 * HTTP 415.
 *
 * Hygiene: a connection must finish its TLS handshake and HTTP/2 preface
 * (client SETTINGS) within `handshakeTimeoutMs` of accept, a call must end
 * its request within `requestTimeoutMs` (checked in bulk, so within up to
 * twice that; else DEADLINE_EXCEEDED), sessions
 * idle for `idleTimeoutMs` are closed, and at most `maxConcurrentStreams`
 * calls per session and `maxConnections` connections are open.
 */
import http2 from 'node:http2';
import net from 'node:net';
import type { DnsResolver } from '../../dns/resolver.ts';
import type { Logger } from '../../log.ts';
import { answerGrpc, GRPC_MAX_MESSAGE, GRPC_QUERY_PATH, GrpcStatus } from '../../transport/grpc.ts';
import { BulkDeadlines, Deadlines } from './deadlines.ts';
import { closeServer, listen, readTlsFiles, sniff, type TlsFiles } from './listen.ts';

/** Options of `startGrpcServer`. */
export interface GrpcServerOptions {
  /** Address to bind, e.g. `127.0.0.1`, `::`. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  resolver: DnsResolver;
  logger: Logger;
  /** Offer TLS (ALPN h2) with this certificate; `required` refuses cleartext. */
  tls?: TlsFiles & { required?: boolean };
  /**
   * Close HTTP/2 sessions idle this long, in milliseconds (CoreDNS reconnects on demand).
   * @default 300000
   */
  idleTimeoutMs?: number;
  /**
   * Close a connection that has not finished its TLS handshake and HTTP/2 preface (client SETTINGS) within this time of accept, in milliseconds.
   * @default 10000
   */
  handshakeTimeoutMs?: number;
  /**
   * Cancel a call whose request has not ended this long after it started, in milliseconds (DEADLINE_EXCEEDED).
   * @default 10000
   */
  requestTimeoutMs?: number;
  /**
   * Most concurrent streams per HTTP/2 session (SETTINGS_MAX_CONCURRENT_STREAMS).
   * @default 256
   */
  maxConcurrentStreams?: number;
  /**
   * Most open connections; more are closed at once.
   * @default 10000
   */
  maxConnections?: number;
}

/** A running gRPC listener. */
export interface GrpcServer {
  port: number;
  /** Whether TLS is offered. */
  tls: boolean;
  close(): Promise<void>;
}

const TLS_HANDSHAKE = 0x16;
/** grpc-message is percent-encoded (gRPC over HTTP/2, "Responses"). */
const grpcMessage = (text: string): string => text.replace(/[^\x20-\x24\x26-\x7e]/g, (c) => encodeURIComponent(c));

function fail(stream: http2.ServerHttp2Stream, status: number, message: string): void {
  if (stream.destroyed || stream.headersSent) return;
  stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(status), 'grpc-message': grpcMessage(message) }, { endStream: true });
}

const OK_HEADERS = { ':status': 200, 'content-type': 'application/grpc' } as const;
const OK_TRAILERS = { 'grpc-status': '0' } as const;
const RESPOND_OPTIONS = { waitForTrailers: true } as const;

/**
 * Handle one HTTP/2 stream as a gRPC call (see the module comment).
 */
function onStream(resolver: DnsResolver, stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
  const contentType = headers['content-type'];
  if (typeof contentType !== 'string' || !contentType.startsWith('application/grpc')) {
    stream.respond({ ':status': 415, 'content-type': 'text/plain' });
    stream.end('content-type must be application/grpc\n');
    return;
  }
  if (headers[':method'] !== 'POST' || headers[':path'] !== GRPC_QUERY_PATH) {
    fail(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${headers[':path']}`);
    stream.resume();
    return;
  }
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > GRPC_MAX_MESSAGE + 5) {
      // Trailers-only status first, then RST_STREAM(NO_ERROR) to stop the upload (RFC 9113 §8.1).
      fail(stream, GrpcStatus.RESOURCE_EXHAUSTED, `request exceeds ${GRPC_MAX_MESSAGE} bytes`);
      stream.close(http2.constants.NGHTTP2_NO_ERROR);
      return;
    }
    if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  stream.on('end', () => {
    if (stream.destroyed || stream.headersSent) return;
    const body = chunks ? Buffer.concat(chunks, size) : (first ?? Buffer.alloc(0));
    const result = answerGrpc(resolver, body);
    if (result.status !== 0) {
      fail(stream, result.status, (result as { error: string }).error);
      return;
    }
    stream.respond(OK_HEADERS, RESPOND_OPTIONS);
    stream.once('wantTrailers', () => stream.sendTrailers(OK_TRAILERS));
    stream.end((result as { message: Uint8Array }).message);
  });
}

/**
 * Start the gRPC listener.
 * @throws the listen error (EADDRINUSE, EACCES, ...) or an unreadable certificate or key
 */
export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServer> {
  const { resolver, logger, idleTimeoutMs = 300_000, handshakeTimeoutMs = 10_000, requestTimeoutMs = 10_000, maxConcurrentStreams = 256, maxConnections = 10_000 } = options;
  const peer = (s: net.Socket): string => `${s.remoteAddress}|${s.remotePort}`;
  /** Accepted connections whose client SETTINGS has not arrived, by peer address and port. */
  const starting = new Map<string, net.Socket>();
  const prefaceWait = new Deadlines<net.Socket>(handshakeTimeoutMs, (socket) => socket.destroy());
  const callWait = new BulkDeadlines<http2.ServerHttp2Stream>(
    requestTimeoutMs,
    (stream) => stream.destroyed || stream.headersSent,
    (stream) => {
      fail(stream, GrpcStatus.DEADLINE_EXCEEDED, `request not complete within ${requestTimeoutMs} ms`);
      if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_NO_ERROR);
    },
  );
  const settings: http2.Settings = { maxConcurrentStreams };
  const material = options.tls ? readTlsFiles(options.tls) : undefined;
  const h2c = http2.createServer({ settings, maxSessionMemory: 10 });
  const h2s = material
    ? http2.createSecureServer({ ...material, settings, maxSessionMemory: 10, ALPNProtocols: ['h2'], handshakeTimeout: handshakeTimeoutMs })
    : undefined;
  const sessions = new Set<http2.ServerHttp2Session>();
  const sockets = new Set<net.Socket>();
  for (const server of h2s ? [h2c, h2s] : [h2c]) {
    server.on('stream', (stream, headers) => {
      callWait.add(stream);
      stream.on('error', (e) => logger.debug({ err: e }, 'grpc: stream error'));
      onStream(resolver, stream, headers);
    });
    server.on('session', (session) => {
      sessions.add(session);
      session.once('remoteSettings', () => {
        const key = session.socket ? peer(session.socket as net.Socket) : '';
        const raw = starting.get(key);
        if (raw) {
          starting.delete(key);
          prefaceWait.disarm(raw);
        }
      });
      session.setTimeout(idleTimeoutMs, () => session.close());
      session.on('close', () => sessions.delete(session));
      session.on('error', (e) => logger.debug({ err: e }, 'grpc: session error'));
    });
    server.on('sessionError', (e) => logger.debug({ err: e }, 'grpc: session error'));
  }
  h2s?.on('tlsClientError', (e) => logger.debug({ err: e }, 'grpc: TLS handshake failed'));

  const required = options.tls?.required === true;
  const onSocketError = (e: Error): void => logger.debug({ err: e }, 'grpc: connection error');
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    const key = peer(socket);
    starting.set(key, socket);
    prefaceWait.arm(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      prefaceWait.disarm(socket);
      if (starting.get(key) === socket) starting.delete(key);
    });
    sniff(
      socket,
      (head) => (head[0] === TLS_HANDSHAKE && h2s ? 'tls' : 'h2c'),
      (s, protocol) => {
        if (protocol === 'tls') h2s!.emit('connection', s);
        else if (required) s.destroy();
        else h2c.emit('connection', s);
      },
      handshakeTimeoutMs,
      onSocketError,
    );
  });
  server.maxConnections = maxConnections;
  server.on('error', (e) => logger.error({ err: e }, 'grpc: listener error'));
  const port = await listen(server, options.port, options.host);
  let closing: Promise<void> | undefined;
  return {
    port,
    tls: h2s !== undefined,
    close() {
      closing ??= (async () => {
        const closed = closeServer(server);
        prefaceWait.close();
        callWait.close();
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    },
  };
}
