/**
 * Absolute deadlines for many objects with one timer: connections waiting for
 * request headers, requests waiting for their body, streams waiting to
 * finish. Cheaper than a timer each on the hot path, and unlike an idle
 * timeout a peer cannot extend it by trickling bytes (slowloris).
 */

/** A set of keys that each expire `timeoutMs` after they were (re)armed. */
export class Deadlines<K> {
  /** Insertion-ordered, so deadlines are ascending: a sweep stops at the first live one. */
  readonly #due = new Map<K, number>();
  readonly #timer: ReturnType<typeof setInterval>;

  /**
   * @param timeoutMs how long after `arm` a key expires, in milliseconds
   * @param onExpire called once for each key that expires (after it is removed)
   * @param sweepMs how often expiry is checked; keys expire up to this late
   *   @default min(1000, timeoutMs / 4), at least 10
   */
  constructor(
    readonly timeoutMs: number,
    private readonly onExpire: (key: K) => void,
    sweepMs = Math.max(10, Math.min(1000, timeoutMs / 4)),
  ) {
    this.#timer = setInterval(() => this.sweep(Date.now()), sweepMs);
    this.#timer.unref?.();
  }

  /** Number of keys armed. */
  get size(): number {
    return this.#due.size;
  }

  /** (Re)start the key's deadline from now. */
  arm(key: K): void {
    this.#due.delete(key);
    this.#due.set(key, Date.now() + this.timeoutMs);
  }

  /** Start the key's deadline unless it is already armed. */
  armOnce(key: K): void {
    if (!this.#due.has(key)) this.#due.set(key, Date.now() + this.timeoutMs);
  }

  /** Stop tracking the key. */
  disarm(key: K): void {
    this.#due.delete(key);
  }

  /** Expire every key due at or before `now` (epoch milliseconds). */
  sweep(now: number): void {
    for (const [key, due] of this.#due) {
      if (due > now) break;
      this.#due.delete(key);
      this.onExpire(key);
    }
  }

  /** Stop the timer; nothing expires any more. */
  close(): void {
    clearInterval(this.#timer);
    this.#due.clear();
  }
}

/**
 * Deadlines for short-lived items in bulk (HTTP/2 streams, most of which end
 * within microseconds): `add` is one array push, with no listener or map
 * entry to undo. Every `timeoutMs` the items added in the period before last
 * are checked with `isDone`; those still running are expired. An item is
 * expired between `timeoutMs` and 2 × `timeoutMs` after `add`.
 */
export class GenerationalDeadlines<K> {
  #young: K[] = [];
  #old: K[] = [];
  readonly #timer: ReturnType<typeof setInterval>;

  /**
   * @param timeoutMs shortest life before an unfinished item expires, in milliseconds
   * @param isDone true when the item finished (it is then dropped)
   * @param onExpire called once for each item that expires
   */
  constructor(
    readonly timeoutMs: number,
    private readonly isDone: (key: K) => boolean,
    private readonly onExpire: (key: K) => void,
  ) {
    this.#timer = setInterval(() => this.rotate(), timeoutMs);
    this.#timer.unref?.();
  }

  /** Start watching `key`. */
  add(key: K): void {
    this.#young.push(key);
  }

  /** Expire the unfinished items of the older generation; the younger one becomes the older. */
  rotate(): void {
    const old = this.#old;
    for (let i = 0; i < old.length; i++) if (!this.isDone(old[i]!)) this.onExpire(old[i]!);
    this.#old = this.#young;
    this.#young = [];
  }

  /** Stop the timer and forget every item. */
  close(): void {
    clearInterval(this.#timer);
    this.#young = [];
    this.#old = [];
  }
}
