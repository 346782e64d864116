/**
 * The last check of each instance in Redis, for people and for
 * `cloudmap-dns inspect`: one hash per instance, `health:SRVID:INSTANCEID`
 * (`RedisKeys.healthCheck`, docs/redis-keys.md), with plain fields
 *
 *   time (epoch ms), outcome (success | failure), latencyMs, detail,
 *   target, lagMs, consecutiveSuccesses, consecutiveFailures, checkedBy
 *
 * written by the replica that checks the instance. Writes are batched (one
 * pipeline every `flushMs`), each hash expires `retentionMs` after its last
 * check (so an instance no replica checks any more disappears), and the
 * hash is deleted when its instance stops being checked. This is not Cloud
 * Map state: it takes no part in the change stream.
 */
import type { RedisClient } from '../store/redis/connection.ts';
import type { RedisKeys } from '../store/redis/keys.ts';
import type { CheckReport, HealthObserver } from './observer.ts';

/** Options of `RedisCheckResults`. */
export interface RedisCheckResultsOptions {
  redis: RedisClient;
  keys: RedisKeys;
  /** How long a hash outlives its last check, milliseconds. */
  retentionMs: number;
  /** Batch period, milliseconds. @default 200 */
  flushMs?: number;
  /** Hears failed flushes (Redis unreachable); the batch is dropped, the next check writes again. */
  onError?: (error: Error) => void;
}

const FIELDS = ['time', 'outcome', 'latencyMs', 'detail', 'target', 'lagMs', 'consecutiveSuccesses', 'consecutiveFailures', 'checkedBy'] as const;

/** Observer that writes each check to its Redis hash; see the module comment. */
export class RedisCheckResults implements HealthObserver {
  readonly #o: Required<Omit<RedisCheckResultsOptions, 'onError'>> & Pick<RedisCheckResultsOptions, 'onError'>;
  #pending = new Map<string, CheckReport | null>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: RedisCheckResultsOptions) {
    this.#o = { flushMs: 200, ...options };
  }

  checked(report: CheckReport): void {
    this.#queue(this.#o.keys.healthCheck(report.serviceId, report.instanceId), report);
  }

  forgotten(serviceId: string, instanceId: string, reason: string): void {
    // A moved shard's new holder overwrites the hash; otherwise nobody checks the instance any more.
    if (reason !== 'shard-moved') this.#queue(this.#o.keys.healthCheck(serviceId, instanceId), null);
  }

  /** Writes what is queued now; resolves when Redis answered (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = new Map();
    if (batch.size === 0) return this.#flushing;
    const pipeline = this.#o.redis.pipeline();
    for (const [key, report] of batch) {
      if (report === null) {
        pipeline.del(key);
        continue;
      }
      pipeline.hset(key, ...FIELDS.flatMap((f) => [f, String(report[f])]));
      pipeline.pexpire(key, this.#o.retentionMs);
    }
    this.#flushing = pipeline.exec().then(
      (replies) => {
        const failed = replies?.find(([error]) => error)?.[0];
        if (failed) this.#o.onError?.(failed);
      },
      (error: Error) => this.#o.onError?.(error),
    );
    return this.#flushing;
  }

  /** Flushes and stops the batch timer. */
  async close(): Promise<void> {
    await this.flush();
  }

  #queue(key: string, value: CheckReport | null): void {
    this.#pending.set(key, value);
    this.#timer ??= setTimeout(() => void this.flush(), this.#o.flushMs);
  }
}

/** Parses a `health:SRVID:INSTANCEID` hash; undefined when it is empty or malformed. */
function fromHash(serviceId: string, instanceId: string, hash: Record<string, string>): CheckReport | undefined {
  if (!hash.time || (hash.outcome !== 'success' && hash.outcome !== 'failure')) return undefined;
  return {
    serviceId, instanceId, time: Number(hash.time), outcome: hash.outcome, latencyMs: Number(hash.latencyMs), detail: hash.detail ?? '',
    target: hash.target ?? '', lagMs: Number(hash.lagMs), consecutiveSuccesses: Number(hash.consecutiveSuccesses),
    consecutiveFailures: Number(hash.consecutiveFailures), checkedBy: hash.checkedBy ?? '',
  };
}

/**
 * The last checks stored in Redis: of the given instances, or with only
 * `serviceId` of every instance of that service, or with neither of every
 * instance (SCAN over `health:*`, then HGETALL in one pipeline).
 */
export async function readCheckResults(redis: RedisClient, keys: RedisKeys, select: { serviceId?: string; instanceIds?: readonly string[] } = {}): Promise<CheckReport[]> {
  let pairs: [string, string][];
  if (select.serviceId && select.instanceIds) {
    pairs = select.instanceIds.map((id) => [select.serviceId!, id]);
  } else {
    const base = keys.healthCheck(select.serviceId ?? '', '').slice(0, select.serviceId ? undefined : -1);
    const pattern = `${base.replace(/[*?[\]\\]/g, '\\$&')}*`;
    pairs = [];
    let cursor = '0';
    const stem = keys.healthCheck('', '').slice(0, -1); // `<prefix>{cm}:health:`
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      for (const key of found) {
        const rest = key.slice(stem.length); // SRVID:INSTANCEID (service ids have no ':')
        const colon = rest.indexOf(':');
        if (colon > 0) pairs.push([rest.slice(0, colon), rest.slice(colon + 1)]);
      }
      cursor = next;
    } while (cursor !== '0');
  }
  if (pairs.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const [s, i] of pairs) pipeline.hgetall(keys.healthCheck(s, i));
  const replies = (await pipeline.exec()) ?? [];
  return pairs.flatMap(([s, i], n) => {
    const check = fromHash(s, i, (replies[n]?.[1] ?? {}) as Record<string, string>);
    return check ? [check] : [];
  });
}
