/**
 * Writing one health status change the checker decided: through the
 * use-case layer (`setInstanceHealth`, one InstanceHealthChanged event, no
 * InstancesRevision change), only while this replica still holds the
 * instance's lease shard, with one log line per transition (instance,
 * service, old → new, reason) and the observer told.
 */
import type { Logger } from '../log.ts';
import type { HealthStatus } from '../model/types.ts';
import type { OpsDeps } from '../ops/deps.ts';
import { setInstanceHealth } from '../ops/health.ts';
import type { HealthObserver } from './observer.ts';
import type { Tracked } from './tracker.ts';

/** What `writeStatus` needs. */
export interface WriterDeps {
  ops: OpsDeps;
  /** True while this replica may write for `shard`. */
  holds: (shard: number) => boolean;
  logger: Logger;
  observer?: HealthObserver;
  /** The service's name for the log line, if the view has it. */
  serviceName: (serviceId: string) => string | undefined;
}

/**
 * Sets `t`'s status to `to` (marking `t.writing` meanwhile). A write that
 * fails (Redis unreachable, view not confirming) is logged at warn and
 * reported to `observer.writeFailed`; the checker tries again after the
 * next check. Never rejects.
 */
export async function writeStatus(d: WriterDeps, t: Tracked, to: HealthStatus, reason: string): Promise<void> {
  t.writing = true;
  const from = t.status;
  const fields = { serviceId: t.serviceId, instanceId: t.instanceId };
  try {
    if (!d.holds(t.shard)) return;
    const result = await setInstanceHealth(d.ops, { ...fields, status: to, reason, ifExists: true });
    if (result.outcome !== 'changed') return;
    const name = d.serviceName(t.serviceId);
    d.logger.info({ ...fields, service: name, from, to, reason, target: t.target.url },
      `instance ${t.instanceId} of service ${name ?? t.serviceId}: ${from} → ${to} (${reason})`);
    d.observer?.transitioned?.({ ...fields, from, to, reason, time: Date.now() });
  } catch (error) {
    const message = (error as Error).message;
    d.logger.warn({ ...fields, to, err: message }, 'could not write a health status change; retrying after the next check');
    d.observer?.writeFailed?.({ ...fields, to, error: message });
  } finally {
    t.writing = false;
  }
}
