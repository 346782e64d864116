/**
 * The health role of two replicas on one real redis-server, in one
 * process: replica A reaches Redis through a TCP proxy that the test cuts
 * (a network partition), replica B directly. While cut off, A stops
 * checking and writing health before B takes its shards; B then checks
 * everything; once the partition heals, A rejoins and the shards are split
 * again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlappingServer, startFlappingServer } from '../../test/support/flapping-server.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from '../../test/support/redis-server.ts';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.ts';
import { silentLogger } from '../log.ts';
import { createNamespace, createService, type OpsDeps, registerInstance } from '../ops/index.ts';
import { RedisStore } from '../store/redis/redis-store.ts';
import { ViewFollower } from '../view/follower.ts';
import type { CheckReport, HealthObserver, HealthTransition } from './observer.ts';
import { type HealthRole, startHealthRole } from './role.ts';
import { HEALTH_SHARDS } from './target.ts';

const INTERVAL = 300;
const prefix = uniquePrefix();
let redis: RedisHandle;
let proxy: TcpProxy;
const stops: (() => Promise<void>)[] = [];
const servers: FlappingServer[] = [];

beforeAll(async () => {
  redis = await startRedis();
  proxy = await startTcpProxy(Number(new URL(redis.url).port));
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await Promise.all(servers.map((s) => s.close()));
  await proxy.close();
  await deleteKeys(redis.url, prefix);
  await redis.stop();
});

interface Replica {
  role: HealthRole;
  ops: OpsDeps;
  follower: ViewFollower;
  checks: CheckReport[];
  transitions: HealthTransition[];
  shards: number;
}

async function replica(url: string): Promise<Replica> {
  const store = new RedisStore({ url, prefix, commandTimeoutMs: 300, connectTimeoutMs: 300, blockMs: 200, retryDelayMs: { min: 50, max: 200 } });
  const follower = new ViewFollower(store, undefined, { retryDelayMs: 100 });
  await follower.start();
  const ops: OpsDeps = { store, region: 'us-east-1', accountId: '123456789012', awaitRevision: async (r) => void (await follower.waitFor(r, 1000)) };
  const r = { checks: [], transitions: [], shards: 0 } as unknown as Replica;
  const observer: HealthObserver = {
    checked: (c) => r.checks.push(c),
    transitioned: (t) => r.transitions.push(t),
    shardsChanged: (held) => (r.shards = held),
  };
  r.role = startHealthRole({ follower, ops, intervalMs: INTERVAL, logger: silentLogger, observer, redis: { url, prefix, connectTimeoutMs: 300 } });
  r.ops = ops;
  r.follower = follower;
  stops.push(async () => {
    await r.role.close();
    await follower.stop();
    await store.close();
  });
  return r;
}

async function until(probe: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = performance.now();
  while (!probe()) {
    if (performance.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - start;
}

describe('health role on Redis: a replica cut off from Redis', () => {
  it('stops checking and writing health before the other replica takes over, and rejoins after the partition heals', async () => {
    const a = await replica(`redis://127.0.0.1:${proxy.port}`);
    const b = await replica(redis.url);
    const { namespace } = await createNamespace(b.ops, { type: 'DNS_PRIVATE', name: 'cut.local', vpc: 'vpc-1' });
    const svc = await createService(b.ops, {
      name: 'web', namespaceId: namespace!.id, dnsConfig: { dnsRecords: [{ type: 'A', ttl: 5 }] },
      healthCheckConfig: { type: 'HTTP', resourcePath: '/health', failureThreshold: 1 },
    });
    for (let i = 0; i < 8; i++) {
      const s = await startFlappingServer({ kind: 'http' });
      servers.push(s);
      await registerInstance(b.ops, { serviceId: svc.id, instanceId: `w-${i}`, attributes: { AWS_INSTANCE_IPV4: '127.0.0.1', AWS_INSTANCE_PORT: String(s.port) } });
    }
    await until(() => a.shards === HEALTH_SHARDS / 2 && b.shards === HEALTH_SHARDS / 2, 3000, 'shards split');
    await until(() => a.checks.length > 0 && b.checks.length > 0, 2000, 'both check');

    proxy.cut();
    const cutAt = performance.now();
    const lost = await until(() => a.shards === 0, 2000, 'A gives its shards up');
    const checksOfA = a.checks.length;
    // A gave up before B could hold A's shards: B still had only its own half when A stopped.
    expect(b.shards).toBe(HEALTH_SHARDS / 2);
    await until(() => b.shards === HEALTH_SHARDS, 3000, 'B takes every shard');
    const taken = performance.now() - cutAt;
    expect(taken).toBeGreaterThan(lost);

    for (const s of servers) await s.set('fail');
    const status = (r: Replica, id: string) => r.follower.view.services.get(svc.id)?.instances.get(id)?.healthStatus;
    await until(() => servers.every((_, i) => status(b, `w-${i}`) === 'UNHEALTHY'), 3000, 'B marks every instance UNHEALTHY');
    expect(b.transitions.filter((t) => t.to === 'UNHEALTHY')).toHaveLength(servers.length);
    expect(a.checks.length).toBe(checksOfA); // nothing checked while cut off
    expect(a.transitions).toEqual([]); // nothing written

    proxy.restore();
    await until(() => a.shards === HEALTH_SHARDS / 2 && b.shards === HEALTH_SHARDS / 2, 5000, 'shards split again');
    await until(() => servers.every((_, i) => status(a, `w-${i}`) === 'UNHEALTHY'), 3000, 'A’s view caught up');
    for (const s of servers) await s.set('ok');
    await until(() => servers.every((_, i) => status(a, `w-${i}`) === 'HEALTHY' && status(b, `w-${i}`) === 'HEALTHY'), 3000, 'both replicas bring them back');
    const writers = new Set([...a.transitions, ...b.transitions].filter((t) => t.to === 'HEALTHY').map((t) => t.instanceId));
    expect(writers.size).toBe(servers.length);
    expect(a.transitions.length + b.transitions.length).toBe(2 * servers.length); // each change written once
  });
});
