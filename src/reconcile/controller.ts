/**
 * The reconcile loop (external-dns `controller/controller.go` is the model):
 * read Cloud Map state, run each target (provider or source) once, repeat.
 *
 * - Triggers: the state's change stream and targets' watches (drift, Pods)
 *   ask for a pass; passes start at least `minIntervalMs` apart, so a burst
 *   of events makes one pass; a periodic full resync every `intervalMs`
 *   repairs whatever no event reported.
 * - Only the leader runs passes (`leader.ts`: a Redis lease with several
 *   replicas; always with memory state).
 * - Errors: a target that throws is skipped for this pass (logged, counted)
 *   and retried with exponential backoff (at most `intervalMs`); the other
 *   targets still run. Per-object failures and conflicts are reported, not
 *   thrown. `runOnce` (`--once`) reports everything to its caller.
 */
import type { Logger } from '../log.ts';
import type { Leadership } from './leader.ts';
import type { StateSource } from './sources.ts';
import type { CloudMapState } from './state.ts';

/** What one target did in one pass. */
export interface TargetReport {
  /** The plan as text (`formatChanges` style), first line a summary. */
  lines: string[];
  /** Creates + updates + deletes planned. */
  changes: number;
  /** Items left alone because someone else owns them. */
  conflicts: number;
  /** Items the other side refused. */
  failures: number;
}

/** A provider or source the loop runs. */
export interface Target {
  readonly name: string;
  run(state: CloudMapState, dryRun: boolean): Promise<TargetReport>;
  /** Start watches that call `trigger` (e.g. informers); resolves once they have synced. */
  start?(trigger: (reason: string) => void): Promise<void>;
  stop?(): Promise<void>;
}

/** One target's outcome in a pass. */
export interface PassResult {
  target: string;
  report?: TargetReport;
  error?: Error;
}

/** Hears each pass of the loop (metrics); must not throw. */
export interface ControllerObserver {
  /** A pass ended: each target's outcome, or `stateError` when the state could not be read; `ms` its duration. */
  passed?(results: PassResult[], ms: number, stateError?: Error): void;
  /** This replica started or stopped leading. */
  leadership?(leader: boolean): void;
}

/** Options of the controller. */
export interface ControllerOptions {
  source: StateSource;
  targets: Target[];
  leadership: Leadership;
  logger: Logger;
  /** Plan only. @default false */
  dryRun?: boolean;
  /** Full resync period, ms. @default 60000 */
  intervalMs?: number;
  /** Least time between the starts of two passes, ms. @default 1000 */
  minIntervalMs?: number;
  /** Hears passes and leadership (`metrics.ts`). */
  observer?: ControllerObserver;
}

/** See the module comment. */
export class Controller {
  readonly #o: Required<Omit<ControllerOptions, 'dryRun' | 'observer'>> & Pick<ControllerOptions, 'observer'> & { dryRun: boolean };
  #timer: NodeJS.Timeout | undefined;
  #due = Infinity;
  #running: Promise<void> | undefined;
  #again = false;
  #lastStart = 0;
  #failures = 0;
  #stopWatch: (() => Promise<void>) | undefined;
  #stopped = true;
  /** Passes completed (tests and logs). */
  passes = 0;

  constructor(options: ControllerOptions) {
    this.#o = { dryRun: false, intervalMs: 60_000, minIntervalMs: 1000, ...options };
  }

  /** One pass over every target; never throws for a target's failure (see `PassResult.error`). */
  async runOnce(): Promise<PassResult[]> {
    const state = await this.#o.source.read();
    const results: PassResult[] = [];
    for (const target of this.#o.targets) {
      try {
        results.push({ target: target.name, report: await target.run(state, this.#o.dryRun) });
      } catch (error) {
        results.push({ target: target.name, error: error as Error });
      }
    }
    return results;
  }

  /** Starts leadership, watches and the loop; the first pass runs at once when leader. */
  async start(): Promise<void> {
    this.#stopped = false;
    const trigger = (reason: string): void => this.trigger(reason);
    await this.#o.leadership.start((leader) => {
      this.#o.logger.info({ leader }, leader ? 'reconcile: leading' : 'reconcile: not leading');
      this.#o.observer?.leadership?.(leader);
      if (leader) trigger('leadership');
    });
    if (this.#o.source.watch) this.#stopWatch = await this.#o.source.watch(() => trigger('state'));
    for (const t of this.#o.targets) await t.start?.(trigger);
    trigger('start');
  }

  /** Stops the loop, the watches and leadership; waits for a running pass. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    await this.#stopWatch?.();
    for (const t of this.#o.targets) await t.stop?.();
    await this.#o.leadership.stop();
  }

  /** Ask for a pass soon (no sooner than `minIntervalMs` after the last one started). */
  trigger(reason: string): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#o.logger.debug({ reason }, 'reconcile: triggered');
    this.#schedule(Math.max(0, this.#lastStart + this.#o.minIntervalMs - Date.now()));
  }

  #schedule(delayMs: number): void {
    const at = Date.now() + delayMs;
    if (at >= this.#due && this.#timer) return;
    clearTimeout(this.#timer);
    this.#due = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#due = Infinity;
      this.#running = this.#pass().finally(() => {
        this.#running = undefined;
        if (this.#stopped) return;
        if (this.#again) {
          this.#again = false;
          this.trigger('changed during pass');
        }
      });
    }, delayMs);
    this.#timer.unref?.();
  }

  async #pass(): Promise<void> {
    if (!this.#o.leadership.isLeader()) {
      this.#schedule(this.#o.intervalMs);
      return;
    }
    this.#lastStart = Date.now();
    let failed = false;
    try {
      const results = await this.runOnce();
      this.#o.observer?.passed?.(results, Date.now() - this.#lastStart);
      for (const r of results) {
        if (r.error) {
          failed = true;
          this.#o.logger.warn({ target: r.target, err: r.error.message }, 'reconcile: target failed; will retry');
          continue;
        }
        const { lines, changes, conflicts, failures } = r.report!;
        if (failures) failed = true;
        const level = changes || conflicts || failures ? 'info' : 'debug';
        this.#o.logger[level]({ target: r.target, changes, conflicts, failures, dryRun: this.#o.dryRun }, lines[0] ?? r.target);
        for (const line of lines.slice(1)) this.#o.logger.debug({ target: r.target }, line.trim());
      }
    } catch (error) {
      failed = true;
      this.#o.observer?.passed?.([], Date.now() - this.#lastStart, error as Error);
      this.#o.logger.warn({ err: (error as Error).message }, 'reconcile: cannot read Cloud Map state; will retry');
    }
    this.passes++;
    this.#failures = failed ? this.#failures + 1 : 0;
    const backoff = Math.min(this.#o.intervalMs, this.#o.minIntervalMs * 2 ** this.#failures);
    this.#schedule(failed ? backoff : this.#o.intervalMs);
  }
}

/** Exit status of `reconcile --once`: 0 when every target ran and nothing was refused. */
export function exitCode(results: PassResult[]): number {
  return results.every((r) => !r.error && r.report!.failures === 0) ? 0 : 1;
}
