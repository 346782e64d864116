/**
 * The edge-function entry: the HTTP app of `serve` (Cloud Map API, DoH
 * RFC 8484 GET/POST and its JSON form, `/healthz`, `/readyz`) as one
 * `fetch(Request): Promise<Response>` handler, for `deno serve` and any
 * runtime that runs `export default { fetch }` modules. No UDP, TCP DNS or
 * gRPC listener, no health checker and no reconciler: those need a long-lived
 * process (run `serve` or `health` for them).
 *
 * State is Redis only (`REDIS_URL`, or the Sentinel/Cluster variables of
 * `src/store/redis/target.ts`): an isolate keeps nothing of its own and may
 * be started and stopped at any time.
 *
 * The view: loaded on the first request (a snapshot, so a cold isolate that
 * serves nothing costs Redis nothing), then kept current by following the
 * change stream on a connection of its own for as long as the isolate lives,
 * exactly like a `serve` replica: a write answers once this isolate's view
 * holds it, and writes by other replicas reach it within milliseconds. A
 * runtime that freezes idle isolates only delays the follower: on thaw its
 * blocked XREAD times out or returns, and it catches up from its revision
 * (or reloads if the stream was trimmed past it or Redis was reset). While
 * Redis cannot be read for the first load, the load keeps retrying in the
 * background and each request waits for it at most `LOAD_WAIT_MS`, then gets
 * 503 `ServiceUnavailable` (retryable).
 */
import type { Hono } from 'hono';
import { resolveServeConfig, type ServeConfig } from '../../config.ts';
import { createResolver } from '../../dns/resolver.ts';
import type { Logger } from '../../log.ts';
import { createLogger } from '../../logger.ts';
import { createHttpApp, WRITE_VISIBILITY_WAIT_MS } from '../../server.ts';
import { createStore } from '../../store/create.ts';
import { describeRedisTarget } from '../../store/redis/target.ts';
import type { Store } from '../../store/store.ts';
import { ViewFollower } from '../../view/follower.ts';

/** How long a request waits for the first load of the view before 503, milliseconds (as long as a write waits for the view). */
export const LOAD_WAIT_MS = WRITE_VISIBILITY_WAIT_MS;

/** A `fetch` handler with its state. */
export interface EdgeApp {
  /** The handler (`export default { fetch }`). */
  fetch(request: Request): Promise<Response>;
  /** Loads the view now instead of on the first request; rejects when Redis cannot be read. */
  ready(): Promise<void>;
  /** Stops following and closes the Redis connections. */
  close(): Promise<void>;
}

/**
 * The edge app for the environment `env` (the variables `serve` reads:
 * `REDIS_URL`, `CLOUDMAP_REDIS_PREFIX`, `AWS_REGION`, `CLOUDMAP_ACCOUNT_ID`,
 * `LOG_LEVEL`, …).
 * @throws Error when no Redis is configured or a variable is invalid
 */
export function createEdgeApp(env: Record<string, string | undefined>, options: { logger?: Logger } = {}): EdgeApp {
  const config: ServeConfig = resolveServeConfig({}, env);
  if (!config.redis) {
    throw new Error('the edge entry needs Redis state: set REDIS_URL (or CLOUDMAP_REDIS_SENTINELS/CLOUDMAP_REDIS_CLUSTER_NODES); an edge isolate keeps no state of its own');
  }
  const logger = options.logger ?? createLogger(config.logLevel);
  let started: Promise<{ app: Hono; store: Store; follower: ViewFollower }> | undefined;
  let closed = false;
  /** The store and follower of the load in progress or done (so `close` can stop a load that is still retrying). */
  let current: { store: Store; follower: ViewFollower } | undefined;

  const start = async (): Promise<{ app: Hono; store: Store; follower: ViewFollower }> => {
    const store = createStore(config);
    const follower = new ViewFollower(store, undefined, { logger });
    current = { store, follower };
    try {
      await follower.start(); // retries until Redis answers
    } catch (error) {
      await follower.stop().catch(() => {});
      await store.close().catch(() => {});
      throw error;
    }
    const resolver = createResolver(follower.view, { anyResponse: config.anyResponse });
    logger.info({ state: 'redis', redis: describeRedisTarget(config.redis!), revision: follower.view.revision }, 'edge isolate: view loaded, following the change stream');
    return { app: createHttpApp({ store, follower, resolver, config, logger }), store, follower };
  };
  const ensure = (): Promise<{ app: Hono; store: Store; follower: ViewFollower }> => {
    if (closed) return Promise.reject(new Error('the edge app is closed'));
    started ??= start().catch((error: unknown) => {
      started = undefined; // the next request tries again
      throw error;
    });
    const loading = started;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the view is not loaded yet (Redis at ${describeRedisTarget(config.redis!)} does not answer); retry`)), LOAD_WAIT_MS);
    });
    return Promise.race([loading, timeout]).finally(() => clearTimeout(timer));
  };

  return {
    fetch: async (request) => {
      let app: Hono;
      try {
        ({ app } = await ensure());
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'edge isolate: cannot load the view from Redis');
        return Response.json(
          { __type: 'ServiceUnavailable', Message: `State store (Redis) unavailable: ${(error as Error).message}` },
          { status: 503, headers: { 'content-type': 'application/x-amz-json-1.1', 'retry-after': '1' } },
        );
      }
      return app.fetch(request);
    },
    ready: async () => void (await ensure()),
    close: async () => {
      closed = true;
      if (current) {
        await current.follower.stop();
        await current.store.close();
      }
    },
  };
}
