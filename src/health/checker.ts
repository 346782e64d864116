/**
 * The active health checker: checks every instance of every actively
 * checked service (HealthCheckConfig, `target.ts`) whose shard this replica
 * holds, every `intervalMs`, at most `concurrency` checks at a time, and
 * writes status changes through the use-case layer (`setInstanceHealth`,
 * one InstanceHealthChanged event each).
 *
 * - Targets come from this process's view and its change events
 *   (`Tracker`), never from polling the store.
 * - Schedule: a min-heap of due times. A newly scheduled instance (new,
 *   or its shard just acquired) gets its first check at a random point of
 *   the next interval, which spreads load; after that, checks run at a
 *   fixed rate (`due + interval`). A check starts when it is due and fewer
 *   than `concurrency` run; `lagMs` of each report is how late it started.
 *   Checks of one instance never overlap: one that ran past its next due
 *   time is followed at once by the next.
 * - Status: `countOutcome` (FailureThreshold consecutive failures →
 *   UNHEALTHY, as many successes → HEALTHY). A failed write (Redis down)
 *   is retried after the next check, since the counters still call for it.
 * - Leases: a result is used and a status written only while
 *   `ownership.holds(shard)`; a replica that lost its lease drops results
 *   of checks already in flight.
 */
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import type { OpsDeps } from '../ops/deps.ts';
import type { ChangeEvent } from '../store/events.ts';
import type { View } from '../view/view.ts';
import { MinHeap } from './heap.ts';
import type { CheckReport, HealthObserver } from './observer.ts';
import type { Probe } from './probe.ts';
import { HEALTH_SHARDS } from './target.ts';
import { countOutcome } from './thresholds.ts';
import { type Tracked, Tracker } from './tracker.ts';
import { writeStatus, type WriterDeps } from './writer.ts';

/** Which shards this replica may check now (`ShardLeases` with Redis, every shard with memory state). */
export interface ShardOwnership {
  holds(shard: number): boolean;
}

/** Every shard: the single process of memory state. */
export const ALL_SHARDS: ShardOwnership = { holds: () => true };

/** Options of `HealthChecker`. */
export interface HealthCheckerOptions {
  /** Dependencies of `setInstanceHealth` (store, and `awaitRevision` so a write returns once the view has it). */
  ops: OpsDeps;
  probe: Probe;
  /** @default ALL_SHARDS */
  ownership?: ShardOwnership;
  /** Time between two checks of one instance, milliseconds. @default 30000 */
  intervalMs?: number;
  /** Most checks in flight at once. @default 64 */
  concurrency?: number;
  /** @default HEALTH_SHARDS */
  shards?: number;
  /** Holder id put into reports. @default 'local' */
  checkedBy?: string;
  logger?: Logger;
  observer?: HealthObserver;
  /** Called with the number of tracked instances whenever it goes from 0 to more or back (to join or leave the lease group). */
  onDemand?: (tracked: number) => void;
  /** @default Math.random */
  random?: () => number;
}

interface Slot {
  due: number;
  t: Tracked;
  generation: number;
}

/** See the module comment. */
export class HealthChecker {
  readonly tracker: Tracker;
  readonly #o: Required<Omit<HealthCheckerOptions, 'observer' | 'onDemand'>> & Pick<HealthCheckerOptions, 'observer' | 'onDemand'>;
  readonly #heap = new MinHeap<Slot>();
  readonly #writes = new Set<Promise<void>>();
  readonly #last = new Map<Tracked, CheckReport>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerDue = Infinity;
  #running = 0;
  #stopped = false;
  #hadTargets = false;
  #view: View | undefined;
  #holdsAny = false;
  readonly #writer: WriterDeps;

  constructor(options: HealthCheckerOptions) {
    this.#o = {
      ownership: ALL_SHARDS, intervalMs: 30_000, concurrency: 64, shards: HEALTH_SHARDS, checkedBy: 'local', logger: silentLogger,
      random: Math.random, ...options,
    };
    this.#writer = {
      ops: this.#o.ops, holds: (shard) => this.#o.ownership.holds(shard), logger: this.#o.logger, observer: this.#o.observer,
      serviceName: (id) => this.#view?.services.get(id)?.service.name,
    };
    this.tracker = new Tracker({
      onAdded: (t) => this.#schedule(t),
      onChanged: (t) => {
        t.scheduled = false;
        this.#last.delete(t);
        this.#schedule(t);
      },
      onRemoved: (t, reason) => {
        t.scheduled = false;
        if (this.#last.delete(t)) this.#o.observer?.forgotten?.(t.serviceId, t.instanceId, reason);
      },
    }, this.#o.shards);
  }

  /** Checks in flight now. */
  get running(): number {
    return this.#running;
  }

  /** Takes every target from `view` (after a load or at start). */
  loaded(view: View): void {
    this.#view = view;
    this.#guard(() => this.tracker.sync(view));
  }

  /** Follows a batch of change events the view has applied. */
  applied(events: readonly ChangeEvent[], view: View): void {
    this.#view = view;
    this.#guard(() => this.tracker.apply(events, view));
  }

  /**
   * The shards this replica holds changed: schedule what it now holds, drop
   * what it lost. The first shards a replica gets spread their first checks
   * over a whole interval; shards taken over later (from a replica that
   * died or left) over half of one, so a takeover completes within
   * `lease TTL + renew period + interval / 2`.
   */
  ownershipChanged(): void {
    const spread = this.#holdsAny ? this.#o.intervalMs / 2 : this.#o.intervalMs;
    for (const t of this.tracker.all()) {
      const holds = this.#o.ownership.holds(t.shard);
      if (holds) this.#holdsAny = true;
      if (holds && !t.scheduled) this.#schedule(t, spread);
      else if (!holds && t.scheduled) {
        t.scheduled = false;
        t.generation++;
        if (this.#last.delete(t)) this.#o.observer?.forgotten?.(t.serviceId, t.instanceId, 'shard-moved');
      }
    }
    this.#arm();
  }

  /** The last check of each instance this replica checks (what `cloudmap-dns inspect` shows with memory state). */
  lastChecks(serviceId?: string): CheckReport[] {
    return [...this.#last.values()].filter((r) => serviceId === undefined || r.serviceId === serviceId);
  }

  /** Stops scheduling; waits (at most `waitMs`) for status writes in flight. Checks in flight are abandoned. */
  async stop(waitMs = 2000): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#heap.clear();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...this.#writes]), new Promise((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
  }

  #guard(update: () => void): void {
    try {
      update();
    } catch (error) {
      this.#o.logger.error({ err: (error as Error).message, stack: (error as Error).stack }, 'health checker could not follow a view change');
    }
    const has = this.tracker.size > 0;
    if (has !== this.#hadTargets) {
      this.#hadTargets = has;
      this.#o.onDemand?.(this.tracker.size);
    }
    this.#arm();
  }

  /** Schedules the first check of `t` at a random point of the next `spreadMs` (default: one interval), if its shard is held. */
  #schedule(t: Tracked, spreadMs = this.#o.intervalMs): void {
    if (this.#stopped || t.removed || t.scheduled || !this.#o.ownership.holds(t.shard)) return;
    t.scheduled = true;
    t.generation++;
    this.#heap.push({ due: performance.now() + this.#o.random() * spreadMs, t, generation: t.generation });
  }

  /** Starts every due check that fits under the concurrency limit, then sets the timer for the next one. */
  #pump(): void {
    if (this.#stopped) return;
    const now = performance.now();
    while (this.#running < this.#o.concurrency) {
      const slot = this.#heap.peek();
      if (!slot) break;
      if (slot.generation !== slot.t.generation || !slot.t.scheduled) {
        this.#heap.pop();
        continue;
      }
      if (slot.due > now) break;
      this.#heap.pop();
      void this.#check(slot, now);
    }
    this.#arm();
  }

  #arm(): void {
    if (this.#stopped) return;
    const next = this.#running < this.#o.concurrency ? this.#heap.peek()?.due ?? Infinity : Infinity;
    if (next === this.#timerDue) return;
    clearTimeout(this.#timer);
    this.#timerDue = next;
    if (next !== Infinity) {
      this.#timer = setTimeout(() => {
        this.#timerDue = Infinity;
        this.#pump();
      }, Math.max(0, next - performance.now()));
    }
  }

  async #check(slot: Slot, startedAt: number): Promise<void> {
    const { t, generation } = slot;
    this.#running++;
    t.running = true;
    const time = Date.now();
    const result = await this.#o.probe(t.target);
    this.#running--;
    t.running = false;
    if (this.#stopped) return;
    if (t.generation === generation && this.#o.ownership.holds(t.shard)) {
      const to = countOutcome(t, t.status, result.ok, t.target.threshold);
      const report: CheckReport = {
        serviceId: t.serviceId, instanceId: t.instanceId, target: t.target.url, time, outcome: result.ok ? 'success' : 'failure',
        latencyMs: Math.round(result.latencyMs * 1000) / 1000, detail: result.detail, lagMs: Math.round((startedAt - slot.due) * 1000) / 1000,
        consecutiveSuccesses: t.successes, consecutiveFailures: t.failures, checkedBy: this.#o.checkedBy,
      };
      this.#last.set(t, report);
      this.#o.observer?.checked?.(report);
      if (to && !t.writing) {
        const n = result.ok ? t.successes : t.failures;
        const what = result.ok ? (n === 1 ? 'success' : 'successes') : n === 1 ? 'failure' : 'failures';
        const reason = `${n} consecutive ${what}, last: ${result.detail} from ${t.target.url}`;
        this.#track(writeStatus(this.#writer, t, to, reason));
      }
      slot.due = Math.max(slot.due + this.#o.intervalMs, performance.now());
      this.#heap.push(slot);
    } else if (t.generation === generation) {
      // The lease ran out while the check ran: drop the schedule; `ownershipChanged` brings it back.
      t.scheduled = false;
      t.generation++;
    }
    this.#pump();
  }

  #track(write: Promise<void>): void {
    this.#writes.add(write);
    void write.finally(() => this.#writes.delete(write));
  }
}
