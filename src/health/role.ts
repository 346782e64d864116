/**
 * The `health` role: the active health checker wired to this process's
 * view follower, the use-case layer, and — with Redis state — shard leases
 * and the last-check hashes. `serve` hosts it by default; `cloudmap-dns
 * health` runs it alone (DESIGN §2).
 *
 * - Memory state: this process checks every instance.
 * - Redis state: the checked instances are split into `HEALTH_SHARDS`
 *   shards; each replica holds a fair share of them through leases in Redis
 *   (`ShardLeases`, group `health`) and checks only those, so each instance
 *   is checked by exactly one live replica. A replica joins the lease group
 *   only while its view has something to check, and leaves it on close.
 *   Lease time to live: 0.75 × interval, renewed every quarter of that, so
 *   a dead replica's shards are taken within about 0.94 × interval and
 *   their first checks run within the next interval (under two intervals
 *   in all); a replica cut off from Redis stops using its shards before
 *   they can be taken.
 */
import type { Logger } from '../log.ts';
import type { OpsDeps } from '../ops/deps.ts';
import { commandConnectionOptions, createRedisClient } from '../store/redis/connection.ts';
import { type RedisTarget, targetFromUrl } from '../store/redis/target.ts';
import { RedisKeys } from '../store/redis/keys.ts';
import { holderId, ShardLeases } from '../store/redis/shard-leases.ts';
import type { ViewFollower } from '../view/follower.ts';
import { ALL_SHARDS, HealthChecker } from './checker.ts';
import { checkerInspector, HEALTH_LEASE_GROUP, type HealthInspector, redisHealthInspector } from './inspect.ts';
import { type HealthObserver, observers } from './observer.ts';
import { createProbe, type Probe } from './probe.ts';
import { RedisCheckResults } from './results.ts';
import { HEALTH_SHARDS } from './target.ts';

/** Settings of the health role. */
export interface HealthRoleOptions {
  follower: ViewFollower;
  /** Use-case dependencies (store, account, `awaitRevision`). */
  ops: OpsDeps;
  /** Time between two checks of one instance, milliseconds (`--health-check-interval`). @default 30000 */
  intervalMs?: number;
  /** Most checks in flight at once (`--health-check-concurrency`). @default 64 */
  concurrency?: number;
  logger: Logger;
  /** The Redis of the store, when state is in Redis: leases and last checks go there. */
  redis?: { url?: string; target?: RedisTarget; prefix: string; connectTimeoutMs?: number };
  /** @default createProbe() (Route 53's timeouts) */
  probe?: Probe;
  /** Extra observer, e.g. Prometheus metrics. */
  observer?: HealthObserver;
}

/** A running health role. */
export interface HealthRole {
  checker: HealthChecker;
  inspector: HealthInspector;
  /** This replica's lease holder id, or `local` with memory state. */
  holder: string;
  /** Stops checking, gives the leases back, flushes the last checks, closes its Redis connection. */
  close(): Promise<void>;
}

/** Starts the health role; see the module comment. */
export function startHealthRole(o: HealthRoleOptions): HealthRole {
  const intervalMs = o.intervalMs ?? 30_000;
  const logger = withRole(o.logger);
  const probe = o.probe ?? createProbe();
  if (!o.redis) {
    const checker = new HealthChecker({ ops: o.ops, probe, ownership: ALL_SHARDS, intervalMs, concurrency: o.concurrency ?? 64, logger, observer: o.observer });
    const stopFollowing = follow(o.follower, checker);
    logger.info({ intervalMs, concurrency: o.concurrency ?? 64, state: 'memory' }, 'health checks: this process checks every instance');
    return {
      checker, inspector: checkerInspector(checker), holder: 'local',
      close: async () => {
        stopFollowing();
        await checker.stop();
      },
    };
  }

  const connectTimeoutMs = o.redis.connectTimeoutMs ?? 3000;
  const target = o.redis.target ?? targetFromUrl(o.redis.url ?? 'redis://127.0.0.1:6379');
  const redis = createRedisClient(target, { ...commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs: 3000 }), connectionName: 'cloudmap-health' });
  redis.on('error', () => {}); // failures surface through lease calls and result writes
  const keys = new RedisKeys(o.redis.prefix);
  const holder = holderId();
  const results = new RedisCheckResults({
    redis, keys, retentionMs: Math.max(3 * intervalMs, 60_000),
    onError: (error) => logger.debug({ err: error.message }, 'could not store last health checks'),
  });
  let checker: HealthChecker | undefined;
  let failing: string | undefined;
  const ttlMs = Math.max(Math.round(0.75 * intervalMs), 200);
  const leases = new ShardLeases({
    redis, keys, group: HEALTH_LEASE_GROUP, holder, shards: HEALTH_SHARDS, ttlMs,
    onChange: (held) => {
      const fields = { holder, shards: held.size, of: HEALTH_SHARDS };
      if (held.size === 0 && failing) logger.warn({ ...fields, err: failing }, 'health checks: leases ran out while Redis is unreachable; this replica writes no health until it holds them again');
      else logger.info(fields, `health checks: this replica checks ${held.size} of ${HEALTH_SHARDS} shards`);
      o.observer?.shardsChanged?.(held.size, HEALTH_SHARDS);
      checker?.ownershipChanged();
    },
    onError: (error) => {
      if (!failing) logger.warn({ holder, err: error.message }, 'health checks: cannot renew leases; retrying');
      failing = error.message;
    },
    onRenewed: () => {
      if (!failing) return;
      logger.info({ holder }, 'health checks: Redis answers again; leases renewed');
      failing = undefined;
    },
  });
  // Join the lease group while there is something to check; leave it when there is not.
  let membership: Promise<void> = Promise.resolve();
  const join = (tracked: number): void => {
    membership = membership.then(() => (tracked > 0 ? leases.start() : leases.stop())).catch(() => {});
  };
  checker = new HealthChecker({
    ops: o.ops, probe, ownership: leases, intervalMs, concurrency: o.concurrency ?? 64, checkedBy: holder, logger,
    observer: observers(results, o.observer), onDemand: join,
  });
  const stopFollowing = follow(o.follower, checker);
  logger.info({ intervalMs, concurrency: o.concurrency ?? 64, state: 'redis', holder, leaseTtlMs: ttlMs, shards: HEALTH_SHARDS },
    'health checks: sharing the instances with the other replicas through leases in Redis');
  return {
    checker, inspector: redisHealthInspector(redis, keys), holder,
    close: async () => {
      stopFollowing();
      await checker.stop();
      await membership;
      await leases.stop();
      await results.close();
      redis.disconnect();
    },
  };
}

/** Feeds `checker` the follower's view now and every change from now on; returns the unsubscribe function. */
function follow(follower: ViewFollower, checker: HealthChecker): () => void {
  const remove = follower.addListener({ loaded: (view) => checker.loaded(view), applied: (events, view) => checker.applied(events, view) });
  checker.loaded(follower.view);
  return remove;
}

/** `logger` with `role: 'health'` on every line that has fields. */
function withRole(logger: Logger): Logger {
  const wrap = (level: 'debug' | 'info' | 'warn' | 'error') => (obj: object | string, msg?: string): void => {
    if (typeof obj === 'string') logger[level]({ role: 'health' }, obj);
    else logger[level]({ role: 'health', ...obj }, msg);
  };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') } as Logger;
}
