/**
 * Metrics of the active health checker, through its observer seam
 * (`observer.ts`):
 *
 * - `cloudmap_dns_health_checks_total{outcome}`: checks run by this replica
 *   (`success`, `failure`);
 * - `cloudmap_dns_health_check_duration_seconds{outcome}`: from the start of
 *   a check to its outcome;
 * - `cloudmap_dns_health_check_lag_seconds`: how late checks start against
 *   their schedule (concurrency and event loop delay);
 * - `cloudmap_dns_health_transitions_total{to}`: health statuses written
 *   (`HEALTHY`, `UNHEALTHY`);
 * - `cloudmap_dns_health_write_failures_total`: status changes that could
 *   not be written (retried after the next check);
 * - `cloudmap_dns_health_shards_held` / `cloudmap_dns_health_shards`: lease
 *   shards this replica checks, of all (Redis state; memory state holds all).
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { exponentialBuckets } from '../metrics/dense.ts';
import { metricName } from '../metrics/registry.ts';
import type { HealthObserver } from './observer.ts';

/** Registers the health metrics; returns the observer to give the health role. */
export function registerHealthMetrics(registry: Registry): HealthObserver {
  const checks = new Counter({ name: metricName('health', 'checks_total'), help: 'Health checks run by this replica, by outcome.', labelNames: ['outcome'], registers: [registry] });
  const duration = new Histogram({
    name: metricName('health', 'check_duration_seconds'),
    help: 'Time from the start of a health check to its outcome, by outcome.',
    labelNames: ['outcome'],
    buckets: exponentialBuckets(0.0005, 2, 16),
    registers: [registry],
  });
  const lag = new Histogram({
    name: metricName('health', 'check_lag_seconds'),
    help: 'How late health checks start against their schedule.',
    buckets: exponentialBuckets(0.001, 2, 16),
    registers: [registry],
  });
  const transitions = new Counter({ name: metricName('health', 'transitions_total'), help: 'Health statuses written by the checker, by new status.', labelNames: ['to'], registers: [registry] });
  const writeFailures = new Counter({ name: metricName('health', 'write_failures_total'), help: 'Health status changes that could not be written (retried after the next check).', registers: [registry] });
  const held = new Gauge({ name: metricName('health', 'shards_held'), help: 'Lease shards of instances this replica checks.', registers: [registry] });
  const total = new Gauge({ name: metricName('health', 'shards'), help: 'Lease shards the checked instances are split into.', registers: [registry] });
  return {
    checked: (r) => {
      checks.inc({ outcome: r.outcome });
      duration.observe({ outcome: r.outcome }, r.latencyMs / 1000);
      lag.observe(Math.max(0, r.lagMs) / 1000);
    },
    transitioned: (t) => transitions.inc({ to: t.to }),
    writeFailed: () => writeFailures.inc(),
    shardsChanged: (h, t) => {
      held.set(h);
      total.set(t);
    },
  };
}
