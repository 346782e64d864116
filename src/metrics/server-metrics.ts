/**
 * The metrics of one `serve` process, gathered from each folder's
 * `metrics.ts`: DNS (`src/dns`), view (`src/view`), Redis (`src/store/redis`,
 * Redis state only), API (`src/api`), and — once their roles start — health
 * checks (`src/health`) and the embedded reconcile loop (`src/reconcile`).
 * `server.ts` creates it, hands each part to its component and serves the
 * registry at `GET /metrics`.
 */
import type { Registry } from 'prom-client';
import { type ApiRequestReport, registerApiMetrics } from '../api/metrics.ts';
import { DnsMetrics } from '../dns/metrics.ts';
import { registerHealthMetrics } from '../health/metrics.ts';
import type { HealthObserver } from '../health/observer.ts';
import type { StateProbe } from '../readiness.ts';
import type { ControllerObserver } from '../reconcile/controller.ts';
import { registerReconcileMetrics } from '../reconcile/metrics.ts';
import { registerRedisMetrics } from '../store/redis/metrics.ts';
import type { Store } from '../store/store.ts';
import type { ViewFollower } from '../view/follower.ts';
import { registerViewMetrics } from '../view/metrics.ts';
import { createRegistry, type RegistryOptions } from './registry.ts';

/** The metrics of a server, by component. */
export interface ServerMetrics {
  registry: Registry;
  dns: DnsMetrics;
  /** For `createApiApp`'s `onRequest`. */
  onApiRequest: (report: ApiRequestReport) => void;
  /** The health role's observer (its metrics are registered on the first call). */
  health(): HealthObserver;
  /** The reconcile loop's observer (its metrics are registered on the first call). */
  reconcile(): ControllerObserver;
  /** Stops listening to the follower. */
  close(): void;
}

/**
 * Creates the registry and the metrics of every component of a server.
 * Attach it before `follower.start()` so the first load is counted.
 */
export function createServerMetrics(o: { store: Store; follower: ViewFollower; probe: StateProbe } & RegistryOptions): ServerMetrics {
  const registry = createRegistry(o);
  const dns = new DnsMetrics(registry);
  const stopView = registerViewMetrics(registry, o.follower, o.probe);
  if (o.store.kind === 'redis') registerRedisMetrics(registry, o.probe);
  const onApiRequest = registerApiMetrics(registry);
  let health: HealthObserver | undefined;
  let reconcile: ControllerObserver | undefined;
  return {
    registry,
    dns,
    onApiRequest,
    health: () => (health ??= registerHealthMetrics(registry)),
    reconcile: () => (reconcile ??= registerReconcileMetrics(registry)),
    close: stopView,
  };
}
