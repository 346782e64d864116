/**
 * The `serve` role: state store, view, DNS resolver, the HTTP listener
 * (Cloud Map API + DoH) and the plain DNS listener, wired together. Runtime
 * specifics (sockets, servers) come in through `ServeRuntime`, so this file
 * runs on Node and Deno alike.
 */
import { Hono } from 'hono';
import { createApiApp } from './api/router.ts';
import type { ServeConfig } from './config.ts';
import { createResolver, type DnsResolver } from './dns/resolver.ts';
import type { Logger } from './log.ts';
import type { Store } from './store/store.ts';
import { dohRoutes } from './transport/doh.ts';
import { ViewFollower } from './view/follower.ts';
import type { View } from './view/view.ts';

/**
 * How long a write's response waits for this process's view to apply it, in
 * milliseconds. Normally well under 1 ms (docs/benchmarks.md); the bound only
 * matters when the change feed is cut off right after the write.
 */
export const WRITE_VISIBILITY_WAIT_MS = 2000;

/** A started listener. */
export interface Listener {
  /** The bound port (useful when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

/** What a runtime (Node, Deno) provides to `serve`. */
export interface ServeRuntime {
  /** One port speaking HTTP/1.1 and h2c, handing web Requests to `fetch`. */
  startHttpServer(options: { host: string; port: number; fetch: (request: Request) => Response | Promise<Response>; logger: Logger }): Promise<Listener>;
  /** DNS over UDP and TCP on one port number. */
  startDnsServer(options: { host: string; port: number; resolver: DnsResolver; logger: Logger }): Promise<Listener>;
}

/** A running `serve` process. */
export interface RunningServer {
  httpPort: number;
  dnsPort: number;
  store: Store;
  view: View;
  /** Stop listeners, the follower and the store, in that order. */
  close(): Promise<void>;
}

/**
 * The HTTP app: `POST /` Cloud Map API, `/dns-query` DoH, `GET /healthz`.
 */
export function createHttpApp(options: { store: Store; follower: ViewFollower; resolver: DnsResolver; config: ServeConfig; logger: Logger }): Hono {
  const { store, follower, resolver, config, logger } = options;
  const app = new Hono();
  app.get('/healthz', (c) => c.text('ok\n'));
  app.route('/', dohRoutes(resolver));
  app.route(
    '/',
    createApiApp({
      store,
      view: follower.view,
      region: config.region,
      accountId: config.accountId,
      awaitRevision: async (revision) => {
        if (!(await follower.waitFor(revision, WRITE_VISIBILITY_WAIT_MS))) {
          logger.warn({ revision }, 'write committed but not yet in this process\'s view; answering anyway');
        }
      },
      logger,
    }),
  );
  return app;
}

/**
 * Loads the view from `store`, then opens the listeners. Logs one line per
 * listener (address, port, state backend).
 * @throws when a port cannot be bound
 */
export async function serve(config: ServeConfig, store: Store, runtime: ServeRuntime, logger: Logger): Promise<RunningServer> {
  const follower = new ViewFollower(store, undefined, { logger });
  await follower.start();
  const resolver = createResolver(follower.view);
  const app = createHttpApp({ store, follower, resolver, config, logger });
  const listeners: Listener[] = [];
  try {
    const http = await runtime.startHttpServer({ host: config.host, port: config.httpPort, fetch: app.fetch, logger });
    listeners.push(http);
    logger.info({ listener: 'http', protocols: 'Cloud Map API (awsJson1_1), DoH /dns-query; HTTP/1.1 + h2c', address: config.host, port: http.port, state: store.kind }, `listening on http://${config.host}:${http.port}`);
    const dns = await runtime.startDnsServer({ host: config.host, port: config.dnsPort, resolver, logger });
    listeners.push(dns);
    logger.info({ listener: 'dns', protocols: 'DNS over UDP and TCP', address: config.host, port: dns.port, state: store.kind }, `listening on dns://${config.host}:${dns.port}`);
    return {
      httpPort: http.port,
      dnsPort: dns.port,
      store,
      view: follower.view,
      close: async () => {
        await Promise.allSettled(listeners.map((l) => l.close()));
        await follower.stop();
        await store.close();
      },
    };
  } catch (error) {
    await Promise.allSettled(listeners.map((l) => l.close()));
    await follower.stop();
    throw error;
  }
}
