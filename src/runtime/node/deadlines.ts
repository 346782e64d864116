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
 * within microseconds): `add` is two array pushes, with no listener or map
 * entry to undo. While items are held, they are walked every `sweepMs`:
 * finished ones (`isDone`) are dropped, unfinished ones past their deadline
 * expire, the rest are kept (compacted in place). An item expires between
 * `timeoutMs` and `timeoutMs + sweepMs` after `add`, and a finished item is
 * held at most `sweepMs`, so finished streams die young instead of being
 * promoted by the garbage collector (issue 10 item 5: holding every
 * finished stream for the whole timeout kept 30–60 s of streams, hundreds of
 * MB at 6,000 streams/s). No timer runs while nothing is held.
 */
export class BulkDeadlines<K> {
  #keys: K[] = [];
  #due: number[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /**
   * @param timeoutMs shortest life before an unfinished item expires, in milliseconds
   * @param isDone true when the item finished (it is then dropped)
   * @param onExpire called once for each item that expires
   * @param sweepMs how often held items are walked, in milliseconds
   *   @default min(50, timeoutMs / 4), at least 5
   */
  constructor(
    readonly timeoutMs: number,
    private readonly isDone: (key: K) => boolean,
    private readonly onExpire: (key: K) => void,
    private readonly sweepMs = Math.max(5, Math.min(50, timeoutMs / 4)),
  ) {}

  /** Items held now (finished ones included until the next sweep). */
  get size(): number {
    return this.#keys.length;
  }

  /** Start watching `key`; it expires `timeoutMs` from now unless done. */
  add(key: K): void {
    if (this.#closed) return;
    this.#keys.push(key);
    this.#due.push(Date.now() + this.timeoutMs);
    if (!this.#timer) this.#schedule();
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.sweep(Date.now());
      if (this.#keys.length > 0 && !this.#closed) this.#schedule();
    }, this.sweepMs);
    this.#timer.unref?.();
  }

  /** Drop finished items and expire unfinished ones due at or before `now` (epoch milliseconds). */
  sweep(now: number): void {
    const keys = this.#keys;
    const due = this.#due;
    const expired: K[] = [];
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (this.isDone(key)) continue;
      if (due[i]! <= now) {
        expired.push(key);
        continue;
      }
      keys[kept] = key;
      due[kept] = due[i]!;
      kept++;
    }
    keys.length = kept;
    due.length = kept;
    for (const key of expired) this.onExpire(key);
  }

  /** Stop the timer and forget every item; later `add`s are ignored. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#keys = [];
    this.#due = [];
  }
}
