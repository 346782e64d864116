/**
 * Keeps a `View` current: loads a snapshot, then applies the store's change
 * feed. When the feed reports a gap (the stream was trimmed past our
 * position), it reloads in full (DESIGN §4). When the store is unreachable it
 * keeps the last view, so DNS keeps answering, and retries.
 */
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import type { ChangeEvent } from '../store/events.ts';
import type { Store, Subscription } from '../store/store.ts';
import { View } from './view.ts';

/** Options of `ViewFollower`. */
export interface ViewFollowerOptions {
  logger?: Logger;
  /**
   * Wait before retrying a failed snapshot load, in milliseconds.
   * @default 500
   */
  retryDelayMs?: number;
  /** Called after each batch of events is applied (for metrics and tests). */
  onApplied?: (revision: number) => void;
}

interface Waiter {
  revision: number;
  resolve: (applied: boolean) => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** Follows a store's change feed into a view. */
export class ViewFollower {
  readonly view: View;
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #retryDelayMs: number;
  readonly #onApplied: ((revision: number) => void) | undefined;
  #subscription: Subscription | undefined;
  #stopped = false;
  #waiters: Waiter[] = [];

  constructor(store: Store, view = new View(), options: ViewFollowerOptions = {}) {
    this.#store = store;
    this.view = view;
    this.#logger = options.logger ?? silentLogger;
    this.#retryDelayMs = options.retryDelayMs ?? 500;
    this.#onApplied = options.onApplied;
  }

  /**
   * Load the first snapshot (retrying until the store answers) and start
   * following. Resolves once the view holds the state.
   */
  async start(): Promise<void> {
    await this.#reload();
  }

  /** Stop following; the view keeps its last state. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#subscription?.close();
    this.#subscription = undefined;
    for (const w of this.#waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.#waiters = [];
  }

  /**
   * Resolves once the view has applied `revision` (e.g. the revision a write
   * returned), so a caller can read its own writes from the view; or after
   * `timeoutMs` milliseconds, whichever comes first (the write itself is
   * already durable; a feed cut off by an outage must not hang the caller).
   * @returns true when the revision was applied, false on timeout or stop
   */
  waitFor(revision: number, timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    if (this.view.revision >= revision) return Promise.resolve(true);
    if (this.#stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = { revision, resolve };
      this.#waiters.push(waiter);
      if (Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
      }
    });
  }

  async #reload(): Promise<void> {
    while (!this.#stopped) {
      try {
        await this.#subscription?.close();
        const snapshot = await this.#store.snapshot();
        this.view.load(snapshot);
        this.#logger.debug({ revision: snapshot.revision }, 'view loaded');
        this.#subscription = this.#store.subscribe(snapshot.revision, {
          onEvents: (events) => this.#apply(events),
          onGap: () => {
            this.#logger.warn({ revision: this.view.revision }, 'view fell behind the change stream; reloading');
            void this.#reload();
          },
          onError: (error) => this.#logger.warn({ err: error.message }, 'change stream unavailable; serving last view'),
        });
        this.#release();
        return;
      } catch (error) {
        this.#logger.warn({ err: (error as Error).message }, 'could not load the view; retrying');
        await new Promise((r) => setTimeout(r, this.#retryDelayMs));
      }
    }
  }

  #apply(events: ChangeEvent[]): void {
    for (const event of events) this.view.apply(event);
    this.#onApplied?.(this.view.revision);
    this.#release();
  }

  #release(): void {
    if (this.#waiters.length === 0) return;
    const revision = this.view.revision;
    const pending: Waiter[] = [];
    for (const w of this.#waiters) {
      if (w.revision <= revision) {
        clearTimeout(w.timer);
        w.resolve(true);
      } else pending.push(w);
    }
    this.#waiters = pending;
  }
}
