/**
 * Who runs the reconciler when several replicas share one Redis: the holder
 * of a lease, a Redis string `<key>` = holder id with a TTL.
 *
 * - Acquire or renew is one Lua script: renew (PEXPIRE) when the key holds
 *   our id, else `SET NX PX`. It runs every `renewMs` (≤ ttlMs / 3).
 * - A holder counts itself leader only until `ttlMs - renewMs` after its
 *   last successful renewal, so a replica cut off from Redis stops acting
 *   before another can take over (the key expires `ttlMs` after that
 *   renewal).
 * - Release (on stop) deletes the key only when it still holds our id.
 *
 * With memory state there is one process: `AlwaysLeader`.
 */
import type { RedisClient } from '../store/redis/connection.ts';

/** Whether this process may reconcile now. */
export interface Leadership {
  /** True while this process holds the lease. */
  isLeader(): boolean;
  /** Start competing for the lease; `onChange` hears every gain or loss. */
  start(onChange?: (leader: boolean) => void): Promise<void>;
  /** Stop renewing and release the lease if held. */
  stop(): Promise<void>;
}

/** The single process of memory state: always the leader. */
export class AlwaysLeader implements Leadership {
  isLeader(): boolean {
    return true;
  }
  async start(onChange?: (leader: boolean) => void): Promise<void> {
    onChange?.(true);
  }
  async stop(): Promise<void> {}
}

const ACQUIRE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Options of `RedisLease`. */
export interface RedisLeaseOptions {
  /** Key of the lease (from `RedisKeys`). */
  key: string;
  /** This replica's id (e.g. `<hostname>-<pid>-<random>`). */
  holder: string;
  /** Lease TTL in milliseconds. @default 15000 */
  ttlMs?: number;
  /** Renewal period in milliseconds. @default ttlMs / 3 */
  renewMs?: number;
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number;
}

/** A lease in Redis; see the module comment. */
export class RedisLease implements Leadership {
  readonly #redis: RedisClient;
  readonly #key: string;
  readonly #holder: string;
  readonly #ttlMs: number;
  readonly #renewMs: number;
  readonly #now: () => number;
  #validUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  #onChange: ((leader: boolean) => void) | undefined;
  #was = false;
  #stopped = false;

  constructor(redis: RedisClient, options: RedisLeaseOptions) {
    this.#redis = redis;
    this.#key = options.key;
    this.#holder = options.holder;
    this.#ttlMs = options.ttlMs ?? 15_000;
    this.#renewMs = options.renewMs ?? Math.floor(this.#ttlMs / 3);
    this.#now = options.now ?? Date.now;
    if (this.#renewMs * 2 >= this.#ttlMs) throw new Error('renewMs must be less than half of ttlMs');
  }

  isLeader(): boolean {
    const leader = this.#now() < this.#validUntil;
    this.#notify(leader);
    return leader;
  }

  /** Tries once to acquire or renew; resolves with whether we hold the lease. Redis errors count as not holding it. */
  async tryAcquire(): Promise<boolean> {
    const started = this.#now();
    try {
      const got = await this.#redis.eval(ACQUIRE, 1, this.#key, this.#holder, String(this.#ttlMs));
      this.#validUntil = got === 1 ? started + this.#ttlMs - this.#renewMs : 0;
    } catch {
      // Keep #validUntil: the lease may still be ours until it runs out.
    }
    return this.isLeader();
  }

  async start(onChange?: (leader: boolean) => void): Promise<void> {
    this.#onChange = onChange;
    this.#stopped = false;
    await this.tryAcquire();
    const tick = (): void => {
      if (this.#stopped) return;
      void this.tryAcquire().finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, this.#renewMs);
      });
    };
    this.#timer = setTimeout(tick, this.#renewMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const held = this.#now() < this.#validUntil;
    this.#validUntil = 0;
    this.#notify(false);
    if (held) await this.#redis.eval(RELEASE, 1, this.#key, this.#holder).catch(() => {});
  }

  #notify(leader: boolean): void {
    if (leader === this.#was) return;
    this.#was = leader;
    this.#onChange?.(leader);
  }
}
