/**
 * Active health checks with Redis state (one replica: it holds every lease
 * shard), then what redis-cli shows: the last check of each instance and
 * the leases, as docs/redis-keys.md documents them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisHealthInspector } from '../src/health/inspect.ts';
import { HEALTH_SHARDS } from '../src/health/target.ts';
import { RedisKeys } from '../src/store/redis/keys.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import type { ServerProcess } from './support/server-process.ts';
import { startServerProcess } from './support/server-process.ts';
import { describeHealthChecks, INTERVAL_S } from './health-suite.ts';

let redis: RedisHandle;
const prefix = uniquePrefix();
const base = `${prefix}{cm}:`;
let replica = '';

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await deleteKeys(redis.url, prefix);
  await redis.stop();
});

const cli = (...args: string[]): string => execFileSync('redis-cli', ['-u', redis.url, ...args], { encoding: 'utf8' });

describeHealthChecks(
  'Redis state',
  () => startServerProcess(['--health-check-interval', String(INTERVAL_S)], { REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: prefix }),
  async (server: ServerProcess) => {
    // Before the server stops: inspect what it wrote (the keys expire or are released at stop).
    const holder = /"holder":"([^"]+)"/.exec(await server.waitForOutput('"holder":"'));
    replica = holder?.[1] ?? '';
    snapshot = {
      scan: cli('--scan', '--pattern', `${base}*`).split('\n').filter(Boolean).map((k) => k.slice(base.length)),
      lease: cli('HGETALL', `${base}lease-shards:health`).trim().split('\n'),
    };
  },
  { hang: false },
);

let snapshot: { scan: string[]; lease: string[] } = { scan: [], lease: [] };

/** Key patterns from the health table of docs/redis-keys.md: `health:SRVID:INSTANCEID` → /^health:.+:.+$/. */
function documentedHealthKeys(): { doc: string; pattern: RegExp }[] {
  const doc = readFileSync(new URL('../docs/redis-keys.md', import.meta.url), 'utf8');
  const start = doc.indexOf('| Health key (');
  const table = doc.slice(start, doc.indexOf('\n\n', start));
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => {
    const source = m[1]!.split(/[A-Z]{2,}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
    return { doc: m[1]!, pattern: new RegExp(`^${source}$`) };
  });
}

describe('health state in Redis, as redis-cli shows it', () => {
  it('held every lease shard while it was the only replica, and documented every key it wrote', () => {
    expect(replica).toMatch(/^.+:\d+:[a-z0-9]+$/);
    const owners = new Map<string, string>();
    for (let i = 0; i + 1 < snapshot.lease.length; i += 2) owners.set(snapshot.lease[i]!, snapshot.lease[i + 1]!);
    for (let shard = 0; shard < HEALTH_SHARDS; shard++) expect(owners.get(String(shard))).toBe(replica);
    const health = snapshot.scan.filter((k) => /^(health|lease-shards|lease-holders):/.test(k));
    const patterns = documentedHealthKeys();
    expect(patterns.map((p) => p.doc)).toEqual(['lease-shards:GROUP', 'lease-holders:GROUP', 'health:SRVID:INSTANCEID']);
    expect(health.filter((k) => !patterns.some((p) => p.pattern.test(k)))).toEqual([]);
    expect(patterns.filter((p) => !health.some((k) => p.pattern.test(k))).map((p) => p.doc)).toEqual([]);
    expect(health.filter((k) => k.startsWith('health:')).length).toBeGreaterThanOrEqual(4); // backend-1, backend-2, secure-1, db-1
  });

  it('keeps each instance’s last check in a hash of plain fields, readable by redisHealthInspector (a new replica, servers gone)', async () => {
    const server = await startServerProcess(['--health-check-interval', String(INTERVAL_S)], { REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: prefix });
    const client = new Redis(redis.url);
    try {
      const holder = /"holder":"([^"]+)"/.exec(await server.waitForOutput('"holder":"'))?.[1];
      expect(holder).toMatch(/^.+:\d+:[a-z0-9]+$/);
      const keys = new RedisKeys(prefix);
      const inspector = redisHealthInspector(client, keys);
      const mine = async () => (await inspector.lastChecks()).find((c) => c.instanceId === 'backend-1' && c.checkedBy === holder);
      const deadline = Date.now() + 3 * INTERVAL_S * 1000;
      let b1 = await mine();
      while (!b1 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        b1 = await mine();
      }
      // The flapping servers of the suite above are closed by now.
      expect(b1).toMatchObject({ outcome: 'failure', detail: 'connection refused (ECONNREFUSED)', consecutiveSuccesses: 0 });
      expect(b1!.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health$/);
      expect(b1!.time).toBeGreaterThan(Date.now() - 5000);
      const fields = cli('HGETALL', keys.healthCheck(b1!.serviceId, 'backend-1')).trim().split('\n');
      expect(fields.filter((_, i) => i % 2 === 0).sort()).toEqual(
        ['checkedBy', 'consecutiveFailures', 'consecutiveSuccesses', 'detail', 'lagMs', 'latencyMs', 'outcome', 'target', 'time'],
      );
      expect((await inspector.lastChecks({ serviceId: b1!.serviceId, instanceIds: ['backend-2'] })).map((c) => c.instanceId)).toEqual(['backend-2']);
      const leases = await inspector.leases();
      expect(leases?.holders.map((h) => h.holder)).toEqual([holder]);
      expect(new Set(leases?.shards.map((l) => l.holder))).toEqual(new Set([holder]));
    } finally {
      client.disconnect();
      await server.stop();
    }
  });
});
