/**
 * Reading the health checker's state, for `cloudmap-dns inspect` and
 * tests: the last check of each instance (time, outcome, latency, detail,
 * who checked) and, with Redis, which replica holds which lease shard.
 *
 * With Redis any process can read it (`redisHealthInspector`, or
 * `redis-cli HGETALL 'cloudmap:{cm}:health:SRVID:INSTANCEID'`, see
 * docs/redis-keys.md); with memory state only the process that runs the
 * checker has it (`checkerInspector`).
 */
import type { RedisClient } from '../store/redis/connection.ts';
import type { RedisKeys } from '../store/redis/keys.ts';
import { readShardLeases, type ShardLeaseInfo } from '../store/redis/shard-leases.ts';
import type { HealthChecker } from './checker.ts';
import type { CheckReport } from './observer.ts';
import { readCheckResults } from './results.ts';

/** The lease group of the health checker (`lease-shards:health`, `lease-holders:health`). */
export const HEALTH_LEASE_GROUP = 'health';

/** Who holds which shard of the health checks. */
export interface HealthLeases {
  /** Live replicas (holder ids) and when their heartbeat runs out, epoch ms. */
  holders: { holder: string; expiresAt: number }[];
  shards: ShardLeaseInfo[];
}

/** Read access to the health checker's state. */
export interface HealthInspector {
  /**
   * Last checks: of the given instances of a service, of every instance of
   * `serviceId`, or of every checked instance. Instances never checked yet
   * are absent.
   */
  lastChecks(select?: { serviceId?: string; instanceIds?: readonly string[] }): Promise<CheckReport[]>;
  /** Lease shards and their holders; undefined with memory state (one process checks everything). */
  leases(): Promise<HealthLeases | undefined>;
}

/** Reads what the replicas sharing a Redis store wrote (`redis` is any connection to that Redis). */
export function redisHealthInspector(redis: RedisClient, keys: RedisKeys): HealthInspector {
  return {
    lastChecks: (select) => readCheckResults(redis, keys, select),
    leases: () => readShardLeases(redis, keys, HEALTH_LEASE_GROUP),
  };
}

/** Reads the in-process state of one checker (memory state). */
export function checkerInspector(checker: HealthChecker): HealthInspector {
  return {
    lastChecks: async (select = {}) => {
      const all = checker.lastChecks(select.serviceId);
      return select.instanceIds ? all.filter((r) => select.instanceIds!.includes(r.instanceId)) : all;
    },
    leases: async () => undefined,
  };
}
