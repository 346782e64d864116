/**
 * What the health checker reports, and the seam through which it reports
 * it: a `HealthObserver` hears every check, every status change and every
 * lease change. The last-check store (`results.ts`) is one observer;
 * Prometheus metrics (the packaging issue) plug in as another, e.g.
 * `checked` → a histogram of `latencyMs` by `outcome` and of `lagMs`,
 * `transitioned` → a counter by `to`, `shardsChanged` → a gauge.
 */
import type { HealthStatus } from '../model/types.ts';

/** One finished check of one instance. */
export interface CheckReport {
  serviceId: string;
  instanceId: string;
  /** What was checked, as a URL (`http://10.0.0.1:8080/health`, `tcp://…`). */
  target: string;
  /** When the check started, epoch milliseconds. */
  time: number;
  outcome: 'success' | 'failure';
  /** From the start of the check to its outcome, milliseconds. */
  latencyMs: number;
  /** `HTTP 200`, `connection refused (ECONNREFUSED)`, … */
  detail: string;
  /** How late the check started against its schedule, milliseconds (scheduling and concurrency delay). */
  lagMs: number;
  consecutiveSuccesses: number;
  consecutiveFailures: number;
  /** Holder id of the replica that ran it (`host:pid:random`), or `local` with memory state. */
  checkedBy: string;
}

/** A health status written by the checker. */
export interface HealthTransition {
  serviceId: string;
  instanceId: string;
  from: HealthStatus;
  to: HealthStatus;
  /** e.g. `3 consecutive failures, last: HTTP 503 from http://127.0.0.1:8080/health`. */
  reason: string;
  /** Epoch milliseconds. */
  time: number;
}

/** Hears the checker; every method is optional and must not throw or block. */
export interface HealthObserver {
  /** A check finished (only checks of instances this replica holds the lease for). */
  checked?(report: CheckReport): void;
  /** The checker changed an instance's health status through `setInstanceHealth`. */
  transitioned?(transition: HealthTransition): void;
  /** A status change could not be written (e.g. Redis unreachable); it is retried after the next check. */
  writeFailed?(failure: { serviceId: string; instanceId: string; to: HealthStatus; error: string }): void;
  /** The checker stopped checking an instance (deregistered, service changed, or its shard moved to another replica). */
  forgotten?(serviceId: string, instanceId: string, reason: 'deregistered' | 'not-checked' | 'shard-moved'): void;
  /** The shards this replica checks changed (`held` of `total`). */
  shardsChanged?(held: number, total: number): void;
}

/** One observer that forwards to several. */
export function observers(...list: (HealthObserver | undefined)[]): HealthObserver {
  const all = list.filter((o): o is HealthObserver => o !== undefined);
  return {
    checked: (r) => all.forEach((o) => o.checked?.(r)),
    transitioned: (t) => all.forEach((o) => o.transitioned?.(t)),
    writeFailed: (f) => all.forEach((o) => o.writeFailed?.(f)),
    forgotten: (s, i, why) => all.forEach((o) => o.forgotten?.(s, i, why)),
    shardsChanged: (h, t) => all.forEach((o) => o.shardsChanged?.(h, t)),
  };
}
