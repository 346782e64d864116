/**
 * Metrics of the reconcile loop (`controller.ts`), in the spirit of
 * external-dns's `controller` metrics:
 *
 * - `cloudmap_dns_reconcile_passes_total{result}`: passes run by the leader
 *   (`ok`; `failed` when a target failed, refused objects or the state could
 *   not be read);
 * - `cloudmap_dns_reconcile_pass_duration_seconds`: time of one pass;
 * - `cloudmap_dns_reconcile_changes_total{target}`: creates, updates and
 *   deletes planned by each target (made, unless in dry-run mode);
 * - `cloudmap_dns_reconcile_conflicts{target}`: items left alone in the
 *   last pass because someone else owns them;
 * - `cloudmap_dns_reconcile_errors_total{target, kind}`: `target` (the
 *   target failed as a whole), `object` (objects the other side refused),
 *   `state` (Cloud Map state unreadable; target `""`);
 * - `cloudmap_dns_reconcile_last_success_timestamp_seconds{target}`: end of
 *   the last pass in which the target ran without failure (external-dns:
 *   `controller_last_sync_timestamp_seconds`);
 * - `cloudmap_dns_reconcile_leader`: 1 while this replica leads.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { exponentialBuckets } from '../metrics/dense.ts';
import { metricName } from '../metrics/registry.ts';
import type { ControllerObserver } from './controller.ts';

/** Registers the reconcile metrics; returns the observer to give the controller. */
export function registerReconcileMetrics(registry: Registry, now: () => number = Date.now): ControllerObserver {
  const passes = new Counter({ name: metricName('reconcile', 'passes_total'), help: 'Reconcile passes run by this replica, by result (ok, failed).', labelNames: ['result'], registers: [registry] });
  const duration = new Histogram({
    name: metricName('reconcile', 'pass_duration_seconds'),
    help: 'Time of one reconcile pass over every target.',
    buckets: exponentialBuckets(0.001, 2, 16),
    registers: [registry],
  });
  const changes = new Counter({ name: metricName('reconcile', 'changes_total'), help: 'Creates, updates and deletes planned by each reconcile target (made unless in dry-run mode).', labelNames: ['target'], registers: [registry] });
  const conflicts = new Gauge({ name: metricName('reconcile', 'conflicts'), help: 'Items each target left alone in its last pass because someone else owns them.', labelNames: ['target'], registers: [registry] });
  const errors = new Counter({
    name: metricName('reconcile', 'errors_total'),
    help: 'Reconcile errors, by target and kind (target: the target failed; object: objects refused; state: Cloud Map state unreadable).',
    labelNames: ['target', 'kind'],
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: metricName('reconcile', 'last_success_timestamp_seconds'),
    help: 'Unix time at the end of the last pass in which the target ran without failure.',
    labelNames: ['target'],
    registers: [registry],
  });
  const leader = new Gauge({ name: metricName('reconcile', 'leader'), help: '1 while this replica leads the reconcile loop, else 0.', registers: [registry] });
  return {
    passed: (results, ms, stateError) => {
      duration.observe(ms / 1000);
      let failed = stateError !== undefined;
      if (stateError) errors.inc({ target: '', kind: 'state' });
      for (const r of results) {
        if (r.error) {
          failed = true;
          errors.inc({ target: r.target, kind: 'target' });
          continue;
        }
        const report = r.report!;
        changes.inc({ target: r.target }, report.changes);
        conflicts.set({ target: r.target }, report.conflicts);
        if (report.failures > 0) {
          failed = true;
          errors.inc({ target: r.target, kind: 'object' }, report.failures);
        } else {
          lastSuccess.set({ target: r.target }, now() / 1000);
        }
      }
      passes.inc({ result: failed ? 'failed' : 'ok' });
    },
    leadership: (leading) => leader.set(leading ? 1 : 0),
  };
}
