/**
 * Keeps a `View` current: loads a snapshot, then applies the store's change
 * feed. When the feed reports a gap (the stream was trimmed past our
 * position, or Redis lost or swapped its data) it reloads in full and logs
 * why at warn (DESIGN §4). When the store is unreachable it keeps the last
 * view, so DNS keeps answering, and retries.
 *
 * Writes confirm through `confirm(revision)` that the view holds them before
 * they answer (so DNS reflects a write when its response is sent), and a
 * write whose revision the view cannot confirm fails as retryable instead of
 * reporting success silently. Writes made through `trackWrites(store)` are
 * also checked to be the event the view applied at their revision: if not,
 * the store's history changed under the view (Redis reset or replaced) and
 * the view reloads before the write answers.
 */
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import { errors } from '../model/errors.ts';
import type { ChangeEvent } from '../store/events.ts';
import type { Store, Subscription } from '../store/store.ts';
import { RecentEvents, recordingWrites } from './recent-events.ts';
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
  /**
   * Longest synchronous stretch while a snapshot is loaded into the view,
   * milliseconds (`View.loadInSlices`): DNS answers from the previous view
   * in between.
   * @default 4
   */
  loadSliceMs?: number;
  /** Called between slices of a load (tests hold a load half-way with it). */
  onLoadSlice?: () => void | Promise<void>;
}

/**
 * Hears what a follower does to its view, after the view has it: a full
 * (re)load from a snapshot, or a batch of change events applied. The health
 * checker learns its targets this way instead of polling the store.
 */
export interface ViewListener {
  /** The view was (re)loaded from a snapshot: anything may have changed. */
  loaded?(view: View): void;
  /** `events` (consecutive revisions) were applied to the view. */
  applied?(events: readonly ChangeEvent[], view: View): void;
  /** The change feed reported a gap (`reason`, e.g. a `GAP_REASONS` text); a reload follows. */
  gap?(reason: string | undefined): void;
  /** The change feed failed; it retries and the view keeps its state meanwhile. */
  feedError?(error: Error): void;
}

/** Most own write events kept for `#applyOwn` (a bound for when the feed stalls). */
const OWN_EVENTS_KEPT = 4096;

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
  readonly #loadOptions: { sliceMs?: number; onSlice?: () => void | Promise<void> };
  #subscription: Subscription | undefined;
  #stopped = false;
  #waiters: Waiter[] = [];
  #reloading: Promise<void> | undefined;
  /** Events the view applied from the feed since its last load. */
  readonly #applied = new RecentEvents();
  /** Events this process's writes committed (through `trackWrites`). */
  readonly #committed = new RecentEvents();
  /** The change events of this process's writes that the view may not have applied yet, by revision (see `confirm`). */
  readonly #own = new Map<number, ChangeEvent>();
  readonly #listeners = new Set<ViewListener>();
  #loaded = false;

  constructor(store: Store, view = new View(), options: ViewFollowerOptions = {}) {
    this.#store = store;
    this.view = view;
    this.#logger = options.logger ?? silentLogger;
    this.#retryDelayMs = options.retryDelayMs ?? 500;
    this.#onApplied = options.onApplied;
    this.#loadOptions = { ...(options.loadSliceMs !== undefined && { sliceMs: options.loadSliceMs }), ...(options.onLoadSlice && { onSlice: options.onLoadSlice }) };
  }

  /**
   * `store` with the change event of every write remembered, so `confirm`
   * can tell the write's event from another one at the same revision. Give
   * this to the API instead of `store`.
   */
  trackWrites<S extends Store>(store: S): S {
    return recordingWrites(store, (event) => {
      this.#committed.add(event);
      if (event.revision > this.view.revision && this.#own.size < OWN_EVENTS_KEPT) this.#own.set(event.revision, event);
    });
  }

  /**
   * True once the view holds a whole snapshot (after the first load; stays
   * true through reloads, which build the new view beside the old one).
   * Until then DNS answers SERVFAIL and `/readyz` fails.
   */
  get loaded(): boolean {
    return this.#loaded;
  }

  /**
   * Resolves true once the view is loaded (at once when it is), or false
   * after `timeoutMs` milliseconds or when the follower stops first.
   */
  async whenLoaded(timeoutMs: number): Promise<boolean> {
    if (this.#loaded) return true;
    if (this.#stopped) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loaded = await Promise.race([
      this.#reload().then(() => this.#loaded, () => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return loaded;
  }

  /**
   * Load the first snapshot (retrying until the store answers) and start
   * following. Resolves once the view holds the state.
   */
  async start(): Promise<void> {
    await this.#reload();
  }

  /**
   * Adds a listener; it hears every load and batch of events from now on
   * (the view may already hold state: read it first).
   * @returns a function that removes the listener
   */
  addListener(listener: ViewListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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

  /**
   * For a write that just committed `revision`: resolves once the view holds
   * it. When the view applied another event at that revision (see
   * `trackWrites`: the store's history changed under the view), or the
   * revision does not arrive within `timeoutMs` milliseconds, the view
   * reloads first (waiting at most `timeoutMs` more).
   * @throws ServiceUnavailable (503, retryable) when the view still cannot
   *   confirm the write: the change is saved, but DNS may not show it yet
   */
  async confirm(revision: number, timeoutMs: number): Promise<void> {
    this.#applyOwn();
    if (await this.waitFor(revision, timeoutMs)) {
      const mine = this.#committed.get(revision);
      const applied = this.#applied.get(revision);
      if (mine === undefined || applied === undefined || mine === applied) return;
      this.#logger.warn({ revision, write: mine, applied }, 'the view holds another event at this write\'s revision (Redis data was reset or replaced); reloading the view');
    } else {
      this.#logger.warn({ revision, viewRevision: this.view.revision, timeoutMs }, 'write committed but not in this process\'s view in time; reloading the view');
    }
    if ((await this.resync(timeoutMs)) && this.view.revision >= revision) return;
    throw errors.unavailable(`The change was saved (revision ${revision}) but this server's DNS view could not confirm it within ${2 * timeoutMs} ms; `
      + 'it will appear once the state store is reachable. Read it back before retrying a create.');
  }

  /**
   * Reloads the view from a fresh snapshot now (joining a reload already
   * under way), waiting at most `timeoutMs` milliseconds.
   * @returns true when a reload completed in time
   */
  async resync(timeoutMs: number): Promise<boolean> {
    if (this.#stopped) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = await Promise.race([
      this.#reload().then(() => !this.#stopped),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return done;
  }

  /** Closes the subscription, loads a snapshot (retrying) and subscribes again; callers during a load join it. */
  #reload(): Promise<void> {
    this.#reloading ??= this.#load();
    return this.#reloading;
  }

  async #load(): Promise<void> {
    while (!this.#stopped) {
      try {
        await this.#subscription?.close();
        this.#subscription = undefined;
        const started = performance.now();
        // Batched where the store can (Redis): instances are built into the new view as they are read.
        const snapshot = this.#store.snapshotInBatches ? await this.#store.snapshotInBatches() : await this.#store.snapshot();
        if (this.#stopped) return;
        const instances = await this.view.loadInSlices(snapshot, this.#loadOptions);
        if (this.#stopped) return;
        this.#loaded = true;
        this.#applied.clear();
        this.#own.clear();
        this.#reloading = undefined; // from here on, a gap starts a new load
        for (const l of this.#listeners) l.loaded?.(this.view);
        this.#logger.info({
          revision: snapshot.revision, namespaces: snapshot.namespaces.length, services: snapshot.services.length, instances,
          // When the load began, in ms since this process started (performance.timeOrigin), and how long it took.
          loadStartMs: Math.round(started), loadMs: Math.round(performance.now() - started),
        }, 'view loaded');
        this.#subscription = this.#store.subscribe(snapshot.revision, {
          onEvents: (events) => this.#apply(events),
          onGap: (reason) => {
            for (const l of this.#listeners) l.gap?.(reason);
            this.#logger.warn({ revision: this.view.revision, reason: reason ?? 'the change feed cannot continue from the view\'s position' }, 'reloading the view');
            void this.#reload();
          },
          onError: (error) => {
            for (const l of this.#listeners) l.feedError?.(error);
            this.#logger.warn({ err: error.message }, 'change stream unavailable; serving last view');
          },
        });
        this.#release();
        return;
      } catch (error) {
        this.#logger.warn({ err: (error as Error).message }, 'could not load the view; retrying');
        await new Promise((r) => setTimeout(r, this.#retryDelayMs));
      }
    }
  }

  /**
   * Applies this process's own write events that directly follow the view's
   * revision, without waiting for the change feed to bring them back: the
   * store returned them as committed at those revisions, so they are what
   * the feed will deliver there (the feed's copies are then skipped). With
   * a write of another replica in between, the view waits for the feed as
   * before. Not while a snapshot loads (the new view starts from the
   * snapshot's revision and the feed brings the rest).
   */
  #applyOwn(): void {
    if (this.#reloading !== undefined || this.#subscription === undefined) return;
    const own: ChangeEvent[] = [];
    for (let next = this.view.revision + 1, event = this.#own.get(next); event !== undefined; event = this.#own.get(++next)) own.push(event);
    if (own.length > 0) this.#apply(own);
  }

  #apply(delivered: ChangeEvent[]): void {
    // Events the view holds already (own writes applied by #applyOwn) are not applied or announced twice.
    const events = delivered.length > 0 && delivered[0]!.revision > this.view.revision ? delivered : delivered.filter((e) => e.revision > this.view.revision);
    if (events.length === 0) return;
    for (const event of events) {
      this.view.apply(event);
      this.#applied.add(event);
    }
    for (const revision of this.#own.keys()) if (revision <= this.view.revision) this.#own.delete(revision);
    for (const l of this.#listeners) l.applied?.(events, this.view);
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
