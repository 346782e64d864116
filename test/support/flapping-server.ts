/**
 * Real servers on loopback whose health flaps on command, for the health
 * check suites: an HTTP or HTTPS server answering `GET <path>` (200 when
 * `ok`, 503 when `fail`, never when `hang`, refusing connections when
 * `down`), and a TCP listener (`ok`: accepts, `down`: refuses). `down`
 * closes the listening socket and `ok`/`fail`/`hang` reopen it on the same
 * port. Each server counts the requests (HTTP) or connections (TCP) it saw
 * and the most it had open at once.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';

/** What the server does now. */
export type FlapMode = 'ok' | 'fail' | 'hang' | 'down';

/** A running flapping server. */
export interface FlappingServer {
  host: string;
  port: number;
  mode(): FlapMode;
  /** Switches mode; resolves once the listening socket is open or closed accordingly. */
  set(mode: FlapMode): Promise<void>;
  /** Requests (HTTP) or connections (TCP) received so far. */
  hits: number;
  /** Most requests (HTTP) or connections (TCP) open at the same time. */
  maxOpen: number;
  close(): Promise<void>;
}

/** Options of `startFlappingServer`. */
export interface FlappingOptions {
  kind: 'http' | 'https' | 'tcp';
  /** @default '127.0.0.1' */
  host?: string;
  /** Path answered 200 in `ok` mode (others get 404). @default '/health' */
  path?: string;
  /** PEM files for `https`. */
  tls?: { certFile: string; keyFile: string };
  /** HTTP answers wait this long (to hold connections open). @default 0 */
  delayMs?: number;
  /** @default 'ok' */
  mode?: FlapMode;
}

/** Starts a server on a free port of `host`. */
export async function startFlappingServer(options: FlappingOptions): Promise<FlappingServer> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/health';
  let mode: FlapMode = options.mode ?? 'ok';
  const sockets = new Set<Socket>();
  let open = 0;
  const state = { hits: 0, maxOpen: 0 };
  const enter = (): void => {
    state.hits++;
    open++;
    state.maxOpen = Math.max(state.maxOpen, open);
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    enter();
    res.on('close', () => open--);
    if (mode === 'hang') return;
    const status = mode === 'fail' ? 503 : req.url === path ? 200 : 404;
    setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end(`${status}\n`), options.delayMs ?? 0);
  };
  let server: Server | HttpServer;
  if (options.kind === 'tcp') {
    server = createTcpServer((socket) => {
      enter();
      socket.on('close', () => open--);
      socket.on('error', () => {});
      socket.end();
    });
  } else if (options.kind === 'https') {
    if (!options.tls) throw new Error('https needs tls');
    server = createHttpsServer({ cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) }, onRequest);
  } else {
    server = createHttpServer(onRequest);
  }
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let port = 0;
  const listen = (): Promise<void> => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      port = (server.address() as { port: number }).port;
      resolve();
    });
  });
  const unlisten = (): Promise<void> => new Promise((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  if (mode !== 'down') await listen();
  else {
    await listen();
    await unlisten();
  }
  return {
    host,
    get port() {
      return port;
    },
    mode: () => mode,
    set: async (next) => {
      const wasDown = mode === 'down';
      mode = next;
      if (next === 'down' && !wasDown) await unlisten();
      if (next !== 'down' && wasDown) await listen();
      if (next === 'fail' || next === 'hang') for (const s of sockets) s.destroy(); // no kept-alive answer from before
    },
    get hits() {
      return state.hits;
    },
    get maxOpen() {
      return state.maxOpen;
    },
    close: async () => {
      if (mode !== 'down') await unlisten();
    },
  };
}
