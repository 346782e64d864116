/**
 * Shard leases in Redis: a group of work (the health checker's instances)
 * is split into a fixed number of shards, and each shard is held by at most
 * one live replica at a time. With one shard this is a leader lease.
 *
 * - Every holder runs `shardLeases-2.lua` every `renewMs`: it renews the
 *   shards it holds up to its fair share (ceil(shards / live holders)),
 *   releases the rest, and takes free or expired shards up to that share.
 *   Expiry is decided by the Redis server's clock.
 * - A holder counts a shard as its own only until `ttlMs - renewMs` after
 *   it *sent* the last successful call (its own monotonic clock), while
 *   Redis keeps the lease until `ttlMs` after it *ran* that call. So a
 *   replica cut off from Redis stops acting on its shards at least `renewMs`
 *   before another replica can take them.
 * - A holder that dies stops renewing: its shards are free `ttlMs` after its
 *   last call, and the others take them at their next call (within
 *   `ttlMs + renewMs`).
 * - `stop()` gives every shard up at once, so the others take over at their
 *   next call.
 *
 * Keys (`keys.ts`, docs/redis-keys.md): `lease-shards:GROUP` (hash, shard →
 * holder, `SHARD:until` → expiry) and `lease-holders:GROUP` (sorted set of
 * live holders by heartbeat expiry); both expire when nobody renews them.
 */
import { hostname } from 'node:os';
import type { RedisClient } from './connection.ts';
import { whenReady } from './connection.ts';
import type { RedisKeys } from './keys.ts';
import { loadLua, numberOfKeys } from './scripts.ts';

const SCRIPT = 'shardLeases-2.lua';
const COMMAND = 'cloudmap_shardLeases';
const LUA = loadLua(SCRIPT);

/** Options of `ShardLeases`. */
export interface ShardLeasesOptions {
  /** Connection to use (fail-fast options, see `connection.ts`); its scripts are registered here. */
  redis: RedisClient;
  keys: RedisKeys;
  /** Name of the lease group, e.g. `health`. */
  group: string;
  /** This holder's id, unique among live holders (see `holderId`). */
  holder: string;
  /** Number of shards; every holder of a group must use the same number. */
  shards: number;
  /** Lease time to live in milliseconds. */
  ttlMs: number;
  /** Renew period in milliseconds; less than half of `ttlMs`. @default ttlMs / 4 */
  renewMs?: number;
  /** Hears the set of shards this holder may act on, each time it changes (including to empty when the leases ran out). */
  onChange?: (held: ReadonlySet<number>) => void;
  /** Hears each failed call (e.g. Redis unreachable); the holder keeps its shards until they run out. */
  onError?: (error: Error) => void;
  /** Hears each successful call, with the shards held afterwards. */
  onRenewed?: (held: ReadonlySet<number>) => void;
  /** Monotonic clock in milliseconds. @default performance.now */
  now?: () => number;
}

/** A unique holder id that a person can trace: `<hostname>:<pid>:<random>`. */
export function holderId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

/** The shard leases of one holder; see the module comment. */
export class ShardLeases {
  readonly #o: Required<Omit<ShardLeasesOptions, 'onChange' | 'onError' | 'onRenewed'>> & Pick<ShardLeasesOptions, 'onChange' | 'onError' | 'onRenewed'>;
  #held: ReadonlySet<number> = new Set();
  #validUntil = 0;
  #emitted: ReadonlySet<number> = new Set();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #expiry: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(options: ShardLeasesOptions) {
    const renewMs = options.renewMs ?? Math.floor(options.ttlMs / 4);
    if (!(renewMs > 0) || renewMs * 2 >= options.ttlMs) throw new Error(`renewMs (${renewMs}) must be above 0 and less than half of ttlMs (${options.ttlMs})`);
    if (!Number.isInteger(options.shards) || options.shards < 1) throw new Error(`shards must be a positive integer, got ${options.shards}`);
    this.#o = { now: () => performance.now(), ...options, renewMs };
    const redis = options.redis as RedisClient & Record<string, unknown>;
    if (typeof redis[COMMAND] !== 'function') redis.defineCommand(COMMAND, { lua: LUA, numberOfKeys: numberOfKeys(SCRIPT) });
  }

  /** This holder's id. */
  get holder(): string {
    return this.#o.holder;
  }

  /** True while this holder may act on `shard` (held, and its lease has not run out by our clock). */
  holds(shard: number): boolean {
    return this.#o.now() < this.#validUntil && this.#held.has(shard);
  }

  /** The shards this holder may act on now. */
  held(): ReadonlySet<number> {
    return this.#o.now() < this.#validUntil ? this.#held : new Set();
  }

  /** Makes the first call, then keeps renewing every `renewMs` until `stop()`. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.renew();
    this.#schedule();
  }

  /**
   * One call of the script (hold: renew, rebalance, acquire). Errors go to
   * `onError`; the shards held stay valid until they run out.
   */
  async renew(): Promise<void> {
    const sent = this.#o.now();
    const { keys, group, holder, ttlMs, shards, renewMs } = this.#o;
    try {
      await whenReady(this.#o.redis, renewMs);
      const reply = (await this.#call(keys.leaseShards(group), keys.leaseHolders(group), holder, ttlMs, shards, 'hold')) as number[];
      this.#held = new Set(reply.slice(1).map(Number));
      this.#validUntil = sent + ttlMs - renewMs;
      clearTimeout(this.#expiry);
      this.#expiry = setTimeout(() => this.#emit(), Math.max(0, this.#validUntil - this.#o.now()) + 1);
      this.#o.onRenewed?.(this.#held);
    } catch (error) {
      this.#o.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
    this.#emit();
  }

  /** Stops renewing and gives every shard up (best effort: if Redis is unreachable they run out on their own). */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    clearTimeout(this.#expiry);
    const wasValid = this.#o.now() < this.#validUntil;
    this.#validUntil = 0;
    this.#held = new Set();
    this.#emit();
    if (!wasValid) return;
    const { keys, group, holder, ttlMs, shards } = this.#o;
    await this.#call(keys.leaseShards(group), keys.leaseHolders(group), holder, ttlMs, shards, 'release').catch(() => {});
  }

  #schedule(): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      void this.renew().finally(() => this.#schedule());
    }, this.#o.renewMs);
  }

  #emit(): void {
    const now = this.held();
    if (now.size === this.#emitted.size && [...now].every((s) => this.#emitted.has(s))) return;
    this.#emitted = now;
    this.#o.onChange?.(now);
  }

  #call(...args: (string | number)[]): Promise<unknown> {
    return (this.#o.redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>)[COMMAND]!(...args);
  }
}

/** One shard lease as read by `readShardLeases`. */
export interface ShardLeaseInfo {
  shard: number;
  holder: string;
  /** Epoch milliseconds (Redis clock). */
  expiresAt: number;
}

/**
 * What `redis-cli HGETALL lease-shards:GROUP` and `ZRANGE lease-holders:GROUP`
 * show, parsed (for `cloudmap-dns inspect`): the live holders and which
 * shard each holds. Entries already expired by the time of the read may be
 * listed until the next holder call removes them.
 */
export async function readShardLeases(redis: RedisClient, keys: RedisKeys, group: string): Promise<{ holders: { holder: string; expiresAt: number }[]; shards: ShardLeaseInfo[] }> {
  const [hash, holders] = await Promise.all([redis.hgetall(keys.leaseShards(group)), redis.zrange(keys.leaseHolders(group), 0, -1, 'WITHSCORES')]);
  const shards: ShardLeaseInfo[] = [];
  for (const [field, holder] of Object.entries(hash)) {
    if (!/^\d+$/.test(field)) continue;
    shards.push({ shard: Number(field), holder, expiresAt: Number(hash[`${field}:until`] ?? 0) });
  }
  shards.sort((a, b) => a.shard - b.shard);
  const list: { holder: string; expiresAt: number }[] = [];
  for (let i = 0; i + 1 < holders.length; i += 2) list.push({ holder: holders[i]!, expiresAt: Number(holders[i + 1]) });
  return { holders: list, shards };
}
