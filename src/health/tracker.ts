/**
 * The instances the health checker knows about, kept in step with this
 * process's view: every instance of an actively checked service
 * (`isActivelyChecked`), whatever its shard, with its check target, the
 * health status the view has for it and its consecutive-outcome counters.
 *
 * It is fed by the view follower (`ViewListener`): a full `sync` after a
 * (re)load, `apply` for each batch of change events. It calls back
 * `onAdded`, `onRemoved` and `onChanged` (target or counters reset) so the
 * scheduler can follow. Rules:
 * - RegisterInstance again (InstanceUpserted) starts the counters over and
 *   takes the status the registration gave (AWS creates a new health
 *   check for a re-registered instance);
 * - a service change that alters the check (type, path, threshold) starts
 *   the counters of its instances over;
 * - a health change from anyone (InstanceHealthChanged) updates the status
 *   and keeps the counters.
 */
import type { HealthStatus, Instance, Service } from '../model/types.ts';
import type { ChangeEvent } from '../store/events.ts';
import type { View } from '../view/view.ts';
import { type CheckTarget, checkTarget, sameTarget, shardOf } from './target.ts';
import type { Counters } from './thresholds.ts';

/** One checked instance. Scheduling fields belong to the checker. */
export interface Tracked extends Counters {
  serviceId: string;
  instanceId: string;
  shard: number;
  target: CheckTarget;
  /** Health status in the view. */
  status: HealthStatus;
  /** Bumped whenever the target or counters start over, or the schedule is dropped: stale schedule entries and results are ignored. */
  generation: number;
  scheduled: boolean;
  running: boolean;
  writing: boolean;
  removed: boolean;
}

/** Callbacks of `Tracker`. */
export interface TrackerHooks {
  onAdded(t: Tracked): void;
  onChanged(t: Tracked): void;
  onRemoved(t: Tracked, reason: 'deregistered' | 'not-checked'): void;
}

/** See the module comment. */
export class Tracker {
  /** serviceId → instanceId → tracked instance. */
  readonly services = new Map<string, Map<string, Tracked>>();
  #count = 0;

  constructor(
    readonly hooks: TrackerHooks,
    readonly shards: number,
  ) {}

  /** Number of tracked instances. */
  get size(): number {
    return this.#count;
  }

  get(serviceId: string, instanceId: string): Tracked | undefined {
    return this.services.get(serviceId)?.get(instanceId);
  }

  /** Every tracked instance. */
  *all(): IterableIterator<Tracked> {
    for (const m of this.services.values()) yield* m.values();
  }

  /** Brings everything in line with `view` (after a load); counters of unchanged targets stay. */
  sync(view: View): void {
    const seen = new Set<Tracked>();
    for (const entry of view.services.values()) {
      for (const inst of entry.instances.values()) {
        const t = this.#upsert(entry.service, inst, false);
        if (t) seen.add(t);
      }
    }
    for (const t of [...this.all()]) if (!seen.has(t)) this.#remove(t, view.services.has(t.serviceId) ? 'not-checked' : 'deregistered');
  }

  /** Applies a batch of change events that `view` has already applied. */
  apply(events: readonly ChangeEvent[], view: View): void {
    for (const e of events) {
      switch (e.type) {
        case 'ServiceUpserted': {
          const entry = view.services.get(e.service.id);
          if (!entry) break;
          for (const inst of entry.instances.values()) this.#upsert(entry.service, inst, false);
          for (const t of [...(this.services.get(e.service.id)?.values() ?? [])]) {
            if (!entry.instances.has(t.instanceId)) this.#remove(t, 'deregistered');
          }
          break;
        }
        case 'ServiceDeleted':
          for (const t of [...(this.services.get(e.serviceId)?.values() ?? [])]) this.#remove(t, 'deregistered');
          break;
        case 'InstanceUpserted': {
          const entry = view.services.get(e.instance.serviceId);
          if (entry) this.#upsert(entry.service, e.instance, true);
          break;
        }
        case 'InstanceDeleted': {
          const t = this.get(e.serviceId, e.instanceId);
          if (t) this.#remove(t, 'deregistered');
          break;
        }
        case 'InstanceHealthChanged': {
          const t = this.get(e.serviceId, e.instanceId);
          if (t) t.status = e.healthStatus;
          break;
        }
        default:
          break;
      }
    }
  }

  /** Adds, updates or (when it gets no check) removes one instance. */
  #upsert(service: Service, instance: Instance, registered: boolean): Tracked | undefined {
    const target = checkTarget(service, instance);
    const existing = this.get(service.id, instance.id);
    if (!target) {
      if (existing) this.#remove(existing, 'not-checked');
      return undefined;
    }
    if (existing) {
      existing.status = instance.healthStatus;
      if (registered || !sameTarget(existing.target, target)) {
        existing.target = target;
        existing.successes = existing.failures = 0;
        existing.generation++;
        this.hooks.onChanged(existing);
      }
      return existing;
    }
    const t: Tracked = {
      serviceId: service.id, instanceId: instance.id, shard: shardOf(service.id, instance.id, this.shards), target,
      status: instance.healthStatus, successes: 0, failures: 0, generation: 0, scheduled: false, running: false, writing: false,
      removed: false,
    };
    let m = this.services.get(service.id);
    if (!m) this.services.set(service.id, (m = new Map()));
    m.set(instance.id, t);
    this.#count++;
    this.hooks.onAdded(t);
    return t;
  }

  #remove(t: Tracked, reason: 'deregistered' | 'not-checked'): void {
    const m = this.services.get(t.serviceId);
    if (!m?.delete(t.instanceId)) return;
    if (m.size === 0) this.services.delete(t.serviceId);
    this.#count--;
    t.removed = true;
    t.generation++;
    this.hooks.onRemoved(t, reason);
  }
}
