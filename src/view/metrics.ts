/**
 * Metrics of the DNS view and its follower (`follower.ts`):
 *
 * - `cloudmap_dns_view_revision`: the store revision the view has applied
 *   (the follower's position in the change stream);
 * - `cloudmap_dns_view_revision_lag`: revisions the view is behind the
 *   store's latest, read at scrape time (NaN while the store cannot be read);
 * - `cloudmap_dns_view_programming_duration_seconds{event}`: from an
 *   instance change being written (its `updateDate`, set by the writing
 *   replica) to this replica's view applying it, i.e. until DNS answers
 *   show it (CoreDNS: `coredns_kubernetes_dns_programming_duration_seconds`).
 *   Across hosts it includes their clock difference; negative values count
 *   as 0;
 * - `cloudmap_dns_view_events_total{type}`: change events applied;
 * - `cloudmap_dns_view_loads_total`: full loads from a snapshot (start,
 *   and reloads after a gap or an unconfirmed write);
 * - `cloudmap_dns_view_gaps_total{reason}`: change feed gaps
 *   (`trimmed`, `lost`, `epoch`, `undecodable`, `other`: `GAP_REASONS`);
 * - `cloudmap_dns_view_feed_errors_total`: change feed failures (it retries);
 * - `cloudmap_dns_view_objects{kind}`: namespaces, services, instances and zones held.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { exponentialBuckets } from '../metrics/dense.ts';
import { metricName } from '../metrics/registry.ts';
import type { StateProbe } from '../readiness.ts';
import type { ChangeEvent } from '../store/events.ts';
import { GAP_REASONS } from '../store/redis/follower.ts';
import type { ViewFollower, ViewListener } from './follower.ts';

const GAP_KEYS = new Map<string, string>(Object.entries(GAP_REASONS).map(([key, text]) => [text, key]));

/** Registers the view metrics for `follower` and listens to it; returns the listener's removal. */
export function registerViewMetrics(registry: Registry, follower: ViewFollower, probe: StateProbe, now: () => number = Date.now): () => void {
  const view = follower.view;
  new Gauge({
    name: metricName('view', 'revision'),
    help: 'Store revision the DNS view has applied (the follower\'s position in the change stream).',
    registers: [registry],
    collect() {
      this.set(view.revision);
    },
  });
  new Gauge({
    name: metricName('view', 'revision_lag'),
    help: 'Revisions the DNS view is behind the state store\'s latest, read at scrape time; NaN while the store cannot be read.',
    registers: [registry],
    async collect() {
      const check = await probe.check();
      this.set(check.ok ? Math.max(0, check.revision! - view.revision) : Number.NaN);
    },
  });
  new Gauge({
    name: metricName('view', 'objects'),
    help: 'Objects held by the DNS view, by kind (namespaces, services, instances, zones).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      let instances = 0;
      for (const s of view.services.values()) instances += s.instances.size;
      this.set({ kind: 'namespaces' }, view.namespaces.size);
      this.set({ kind: 'services' }, view.services.size);
      this.set({ kind: 'instances' }, instances);
      this.set({ kind: 'zones' }, view.zones.size);
    },
  });
  const programming = new Histogram({
    name: metricName('view', 'programming_duration_seconds'),
    help: 'Time from an instance change being written (its updateDate) to this replica\'s DNS view applying it, by event type.',
    labelNames: ['event'],
    buckets: exponentialBuckets(0.0005, 2, 16),
    registers: [registry],
  });
  const events = new Counter({ name: metricName('view', 'events_total'), help: 'Change events applied to the DNS view, by type.', labelNames: ['type'], registers: [registry] });
  const loads = new Counter({ name: metricName('view', 'loads_total'), help: 'Full loads of the DNS view from a snapshot (start, reloads after a gap or an unconfirmed write).', registers: [registry] });
  const gaps = new Counter({ name: metricName('view', 'gaps_total'), help: 'Change feed gaps that made the DNS view reload, by reason (trimmed, lost, epoch, undecodable, other).', labelNames: ['reason'], registers: [registry] });
  const feedErrors = new Counter({ name: metricName('view', 'feed_errors_total'), help: 'Change feed failures (the follower retries and DNS answers from the last view).', registers: [registry] });

  const listener: ViewListener = {
    loaded: () => loads.inc(),
    applied: (applied: readonly ChangeEvent[]) => {
      const at = now();
      for (const e of applied) {
        events.inc({ type: e.type });
        if (e.type === 'InstanceUpserted') programming.observe({ event: e.type }, Math.max(0, at - e.instance.updateDate) / 1000);
        else if (e.type === 'InstanceHealthChanged') programming.observe({ event: e.type }, Math.max(0, at - e.updateDate) / 1000);
      }
    },
    gap: (reason) => gaps.inc({ reason: (reason && GAP_KEYS.get(reason)) ?? 'other' }),
    feedError: () => feedErrors.inc(),
  };
  return follower.addListener(listener);
}
