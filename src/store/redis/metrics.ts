/**
 * Metrics of the Redis state store, read at scrape time through the shared
 * state probe (`src/readiness.ts`: one GET of the revision key, at most once
 * a second for probes and scrapes together):
 *
 * - `cloudmap_dns_redis_connected`: 1 when Redis answered the last read
 *   within the probe's timeout, else 0;
 * - `cloudmap_dns_redis_revision`: the latest store revision in Redis (the
 *   head of the change stream); the view's position is
 *   `cloudmap_dns_view_revision`, their difference `cloudmap_dns_view_revision_lag`;
 * - `cloudmap_dns_redis_read_duration_seconds`: round trip of that read.
 */
import { Gauge, type Registry } from 'prom-client';
import { metricName } from '../../metrics/registry.ts';
import type { StateProbe } from '../../readiness.ts';

/** Registers the Redis metrics, read through `probe`. */
export function registerRedisMetrics(registry: Registry, probe: StateProbe): void {
  const revision = new Gauge({
    name: metricName('redis', 'revision'),
    help: 'Latest store revision in Redis (head of the change stream), as last read; see cloudmap_dns_view_revision for the follower\'s position.',
    registers: [registry],
  });
  const duration = new Gauge({
    name: metricName('redis', 'read_duration_seconds'),
    help: 'Round trip of the last read of the revision key (the readiness and scrape probe), in seconds.',
    registers: [registry],
  });
  new Gauge({
    name: metricName('redis', 'connected'),
    help: '1 when Redis answered the last read within the probe timeout (1 s), else 0.',
    registers: [registry],
    async collect() {
      const check = await probe.check();
      this.set(check.ok ? 1 : 0);
      if (check.ok) revision.set(check.revision!);
      duration.set(check.ms / 1000);
    },
  });
}
