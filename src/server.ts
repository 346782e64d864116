/**
 * The `serve` role: state store, view, DNS resolver and the configured list
 * of listeners (`src/listeners.ts`: HTTP and HTTPS for the Cloud Map API +
 * DoH, plain DNS over UDP/TCP, gRPC for CoreDNS), wired together. Runtime
 * specifics (sockets, servers) come in through `ServeRuntime`, so this file
 * runs on Node and Deno alike.
 */
import { Hono } from 'hono';
import { errorResponse } from './api/respond.ts';
import { createApiApp } from './api/router.ts';
import { errors } from './model/errors.ts';
import { createSigV4Verifier } from './api/sigv4.ts';
import type { ServeConfig } from './config.ts';
import { instrumentResolver } from './dns/metrics.ts';
import { createResolver, type DnsResolver } from './dns/resolver.ts';
import { ResponseRateLimiter } from './dns/rrl.ts';
import type { ListenerConfig, ListenerKind, ListenerTls } from './listeners.ts';
import type { Logger } from './log.ts';
import { metricsResponse } from './metrics/registry.ts';
import { createServerMetrics, type ServerMetrics } from './metrics/server-metrics.ts';
import { type ReadinessSources, readyz, StateProbe } from './readiness.ts';
import { HEALTH_SHARDS } from './health/target.ts';
import { redisTargetOf } from './store/create.ts';
import type { Store } from './store/store.ts';
import { dohRoutes } from './transport/doh.ts';
import { type HealthRole, startHealthRole } from './health/role.ts';
import { answerDoh, type DohRequest, type DohResponse } from './transport/doh-core.ts';
import { ViewFollower } from './view/follower.ts';
import type { View } from './view/view.ts';

/**
 * How long a write's response waits for this process's view to apply it, in
 * milliseconds. Normally well under 1 ms (docs/benchmarks.md); the bound only
 * matters when the change feed is cut off right after the write. Past it the
 * view reloads (waiting as long again), and if it still lacks the write the
 * write answers ServiceUnavailable (503) instead of success
 * (`ViewFollower.confirm`).
 */
export const WRITE_VISIBILITY_WAIT_MS = 2000;

/**
 * How long an API call that arrives while the view is still loading waits
 * for it before answering ServiceUnavailable (503), in milliseconds.
 */
export const VIEW_LOAD_WAIT_MS = 5000;

/** A started listener. */
export interface Listener {
  /** The bound port (useful when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

/** What a runtime (Node, Deno) provides to `serve`. */
export interface ServeRuntime {
  /** One port speaking HTTP/1.1 and h2c, or with `tls` HTTPS (ALPN h2 and http/1.1), handing web Requests to `fetch`. */
  startHttpServer(options: {
    host: string;
    port: number;
    fetch: (request: Request) => Response | Promise<Response>;
    logger: Logger;
    tls?: ListenerTls;
    maxConnections?: number;
    /** Serve `/dns-query` with this instead of `fetch` when the runtime can (faster; same rules, `transport/doh-core.ts`). */
    doh?: (request: DohRequest) => DohResponse;
  }): Promise<Listener>;
  /** DNS over UDP and TCP on one port number. */
  startDnsServer(options: { host: string; port: number; resolver: DnsResolver; logger: Logger; maxConnections?: number; tcpIdleTimeoutMs?: number; rrl?: ResponseRateLimiter }): Promise<Listener>;
  /** CoreDNS's gRPC `DnsService` (h2c; TLS too with `tls`, only TLS with `tls.required`). */
  startGrpcServer(options: { host: string; port: number; resolver: DnsResolver; logger: Logger; tls?: ListenerTls; maxConnections?: number }): Promise<Listener>;
}

/** A started listener and what it is. */
export interface StartedListener {
  kind: ListenerKind;
  address: string;
  port: number;
}

/** A running `serve` process. */
export interface RunningServer {
  /** Port of the `http` listener. */
  httpPort: number;
  /** Port of the `dns` listener. */
  dnsPort: number;
  /** Every listener, in start order. */
  listeners: StartedListener[];
  store: Store;
  view: View;
  /** The health role (active health checks), unless turned off (`--no-health-checks`). */
  health?: HealthRole;
  /** Prometheus metrics served at `GET /metrics` (`src/metrics/`). */
  metrics: ServerMetrics;
  /** Stop listeners, the health role, the follower and the store, in that order. */
  close(): Promise<void>;
}

/** Starts the health role of this process on its follower (`src/health/role.ts`). */
function startHealth(config: ServeConfig, store: Store, follower: ViewFollower, logger: Logger, metrics: ServerMetrics): HealthRole {
  const redisTarget = redisTargetOf(config);
  const observer = metrics.health();
  if (store.kind !== 'redis') observer.shardsChanged?.(HEALTH_SHARDS, HEALTH_SHARDS); // memory state: this process checks every shard
  return startHealthRole({
    observer,
    follower,
    ops: {
      store: follower.trackWrites(store), region: config.region, accountId: config.accountId, awsStrict: config.awsStrict,
      awaitRevision: (revision) => follower.confirm(revision, WRITE_VISIBILITY_WAIT_MS),
    },
    intervalMs: config.healthCheckIntervalMs,
    concurrency: config.healthCheckConcurrency,
    logger,
    ...(store.kind === 'redis' && redisTarget && { redis: { target: redisTarget, prefix: config.redisPrefix } }),
  });
}

/**
 * The HTTP app: `POST /` Cloud Map API, `/dns-query` DoH, `GET /healthz`
 * (liveness: always `ok`), `GET /readyz` (readiness, `src/readiness.ts`) and,
 * with `metrics`, `GET /metrics` (Prometheus text format).
 */
export function createHttpApp(options: {
  store: Store; follower: ViewFollower; resolver: DnsResolver; config: ServeConfig; logger: Logger; metrics?: ServerMetrics; readiness?: ReadinessSources;
}): Hono {
  const { store, follower, resolver, config, logger, metrics } = options;
  const readiness = options.readiness ?? { storeKind: store.kind, probe: new StateProbe(store), viewLoaded: () => follower.loaded };
  const app = new Hono();
  app.get('/healthz', (c) => c.text('ok\n'));
  app.get('/readyz', (c) => readyz(readiness, new URL(c.req.url).search.slice(1)));
  // Until the view holds the whole state, API calls would read a partial view
  // (instance writes check their service there): they wait for it, at most
  // VIEW_LOAD_WAIT_MS, then answer ServiceUnavailable (retryable).
  app.post('/', async (c, next) => {
    if (follower.loaded || (await follower.whenLoaded(VIEW_LOAD_WAIT_MS))) return next();
    return errorResponse(errors.unavailable('This server is still loading its view of the state store; retry shortly.'), crypto.randomUUID());
  });
  if (metrics) app.get('/metrics', () => metricsResponse(metrics.registry));
  app.route('/', dohRoutes(resolver));
  app.route(
    '/',
    createApiApp({
      store: follower.trackWrites(store),
      view: follower.view,
      region: config.region,
      accountId: config.accountId,
      ...(config.auth === 'sigv4' && config.credentials && { verifySignature: createSigV4Verifier({ credentials: config.credentials }) }),
      awaitRevision: (revision) => follower.confirm(revision, WRITE_VISIBILITY_WAIT_MS),
      awsStrict: config.awsStrict,
      logger,
      ...(metrics && { onRequest: metrics.onApiRequest }),
    }),
  );
  return app;
}

const PROTOCOLS: Record<ListenerKind, string> = {
  http: 'Cloud Map API (awsJson1_1), DoH /dns-query; HTTP/1.1 + h2c',
  https: 'Cloud Map API (awsJson1_1), DoH /dns-query; TLS with ALPN h2 + http/1.1',
  dns: 'DNS over UDP and TCP',
  grpc: 'CoreDNS gRPC coredns.dns.DnsService/Query; h2c',
};

const SCHEME: Record<ListenerKind, string> = { http: 'http', https: 'https', dns: 'dns', grpc: 'grpc' };

/** Start one listener of the list. */
function startListener(l: ListenerConfig, runtime: ServeRuntime, app: Hono, resolver: DnsResolver, logger: Logger, rrl?: ResponseRateLimiter): Promise<Listener> {
  const base = { host: l.host, port: l.port, logger, maxConnections: l.maxConnections };
  const doh = (request: DohRequest): DohResponse => answerDoh(resolver, request);
  switch (l.kind) {
    case 'http':
      return runtime.startHttpServer({ ...base, fetch: app.fetch, doh });
    case 'https':
      return runtime.startHttpServer({ ...base, fetch: app.fetch, doh, tls: l.tls! });
    case 'dns':
      return runtime.startDnsServer({ ...base, resolver, ...(l.idleTimeoutMs !== undefined && { tcpIdleTimeoutMs: l.idleTimeoutMs }), ...(rrl && { rrl }) });
    case 'grpc':
      return runtime.startGrpcServer({ ...base, resolver, ...(l.tls && { tls: l.tls }) });
  }
}

/**
 * Opens every configured listener while the view loads from `store`, and
 * resolves once both are done. Until the view is complete, DNS answers
 * SERVFAIL (never NXDOMAIN from a partial view), `/readyz` fails and API
 * calls wait for the view (`VIEW_LOAD_WAIT_MS`, then ServiceUnavailable,
 * 503, retryable); `/healthz` and `/metrics` answer. Logs one line per listener (kind, protocols, address,
 * port, state backend) and one when the view is loaded.
 * @throws when a port cannot be bound or a certificate cannot be read
 */
export async function serve(config: ServeConfig, store: Store, runtime: ServeRuntime, logger: Logger): Promise<RunningServer> {
  const follower = new ViewFollower(store, undefined, { logger });
  const probe = new StateProbe(store);
  const metrics = createServerMetrics({ store, follower, probe });
  const loading = follower.start();
  const resolver = instrumentResolver(createResolver(follower.view, { anyResponse: config.anyResponse, ready: () => follower.loaded }), { metrics: metrics.dns, logger });
  const app = createHttpApp({ store, follower, resolver, config, logger, metrics, readiness: { storeKind: store.kind, probe, viewLoaded: () => follower.loaded } });
  const listeners: Listener[] = [];
  const started: StartedListener[] = [];
  try {
    for (const l of config.listeners) {
      // One limiter per DNS listener: its table is that listener's UDP clients.
      const rrl = l.kind === 'dns' && config.rrl ? new ResponseRateLimiter({ ...config.rrl, onLimited: metrics.dns.recordRrl }) : undefined;
      const listener = await startListener(l, runtime, app, resolver, logger, rrl);
      listeners.push(listener);
      started.push({ kind: l.kind, address: l.host, port: listener.port });
      const protocols = l.kind !== 'grpc' || !l.tls ? PROTOCOLS[l.kind] : `${PROTOCOLS.grpc.replace('; h2c', '')}; ${l.tls.required ? 'TLS (ALPN h2) only' : 'h2c and TLS (ALPN h2)'}`;
      logger.info({ listener: l.kind, protocols, address: l.host, port: listener.port, state: store.kind, ...(rrl && { rrl: config.rrl }) }, `listening on ${SCHEME[l.kind]}://${l.host}:${listener.port}`);
    }
    await loading;
    const health = config.healthChecks ? startHealth(config, store, follower, logger, metrics) : undefined;
    return {
      httpPort: started.find((l) => l.kind === 'http')?.port ?? 0,
      dnsPort: started.find((l) => l.kind === 'dns')?.port ?? 0,
      listeners: started,
      store,
      view: follower.view,
      ...(health && { health }),
      metrics,
      close: async () => {
        await Promise.allSettled(listeners.map((l) => l.close()));
        await health?.close();
        metrics.close();
        await follower.stop();
        await store.close();
      },
    };
  } catch (error) {
    await Promise.allSettled(listeners.map((l) => l.close()));
    metrics.close();
    await follower.stop();
    throw error;
  }
}
