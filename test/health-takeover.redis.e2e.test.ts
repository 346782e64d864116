/**
 * Two `cloudmap-dns serve` replicas on one Redis (`--health-check-interval
 * 1`): each instance is checked by exactly one of them; when the replica
 * that checks an instance is killed (SIGKILL, no goodbye), the other takes
 * its checks over within two intervals and its DNS follows the instance's
 * health.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisHealthInspector } from '../src/health/inspect.ts';
import type { CheckReport } from '../src/health/observer.ts';
import { HEALTH_SHARDS } from '../src/health/target.ts';
import { RedisKeys } from '../src/store/redis/keys.ts';
import { isAlive } from './support/cli-process.ts';
import { waitUntil } from './support/dig-cli.ts';
import { type FlappingServer, startFlappingServer } from './support/flapping-server.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { addresses, dnsShows, INTERVAL_S } from './health-suite.ts';
import { api } from './support/api.ts';

const INSTANCES = 6;
const prefix = uniquePrefix();
const keys = new RedisKeys(prefix);
let redis: RedisHandle;
let client: Redis;
let replicas: ServerProcess[] = [];
const servers: FlappingServer[] = [];

const holderOf = (p: ServerProcess): string => /"holder":"([^"]+)"/.exec(p.output())?.[1] ?? '';
const pidOf = (p: ServerProcess): number => Number(/"pid":(\d+)/.exec(p.output())?.[1]);

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  const env = { REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: prefix };
  replicas = await Promise.all([0, 1].map(() => startServerProcess(['--health-check-interval', String(INTERVAL_S)], env)));
  for (let i = 0; i < INSTANCES; i++) servers.push(await startFlappingServer({ kind: 'http', host: `127.0.0.${20 + i}` }));
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await Promise.all(servers.map((s) => s.close()));
  client?.disconnect();
  await deleteKeys(redis.url, prefix);
  await redis.stop();
});

describe('two replicas share the health checks through leases in Redis', () => {
  let serviceId = '';
  let inspector: ReturnType<typeof redisHealthInspector>;
  const checks = async (): Promise<Map<string, CheckReport>> =>
    new Map((await inspector.lastChecks({ serviceId })).map((c) => [c.instanceId, c]));

  it('checks each instance from exactly one replica, the two splitting the lease shards', async () => {
    inspector = redisHealthInspector(client, keys);
    const [a] = replicas;
    const ns = await api(a!.httpPort, 'CreatePrivateDnsNamespace', { Name: 'takeover.local', Vpc: 'vpc-1' });
    const nsId = (await api(a!.httpPort, 'GetOperation', { OperationId: ns.OperationId })).Operation.Targets.NAMESPACE;
    const svc = await api(a!.httpPort, 'CreateService', {
      Name: 'web', NamespaceId: nsId, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }] },
      HealthCheckConfig: { Type: 'HTTP', ResourcePath: '/health', FailureThreshold: 1 },
    });
    serviceId = svc.Service.Id;
    for (const [i, s] of servers.entries()) {
      await api(a!.httpPort, 'RegisterInstance', { ServiceId: serviceId, InstanceId: `web-${i}`, Attributes: { AWS_INSTANCE_IPV4: s.host, AWS_INSTANCE_PORT: String(s.port) } });
    }
    await Promise.all(replicas.map((r) => r.waitForOutput('"holder":"')));
    const holders = replicas.map(holderOf);
    expect(holders.every((h) => /:\d+:/.test(h))).toBe(true);
    await waitUntil(async () => {
      const leases = await inspector.leases();
      const counts = holders.map((h) => leases!.shards.filter((s) => s.holder === h).length);
      return counts[0] === HEALTH_SHARDS / 2 && counts[1] === HEALTH_SHARDS / 2;
    }, 3 * INTERVAL_S * 1000);
    await waitUntil(async () => (await checks()).size === INSTANCES, 2 * INTERVAL_S * 1000);

    // Over 3 intervals each instance gets one check per interval, not two.
    const before = servers.map((s) => s.hits);
    await new Promise((r) => setTimeout(r, 3 * INTERVAL_S * 1000));
    const perInstance = servers.map((s, i) => s.hits - before[i]!);
    expect(perInstance.every((n) => n >= 2 && n <= 4), `checks per instance in 3 s: ${perInstance}`).toBe(true);
    const by = [...(await checks()).values()].map((c) => c.checkedBy);
    expect(by.every((h) => holders.includes(h))).toBe(true);
  });

  it('takes over the checks of a killed replica within two intervals, and its DNS follows their health', async () => {
    const before = await checks();
    const victimHolder = before.get('web-0')!.checkedBy;
    const victim = replicas.find((r) => holderOf(r) === victimHolder)!;
    const survivor = replicas.find((r) => r !== victim)!;
    const taken = [...before.values()].filter((c) => c.checkedBy === victimHolder).map((c) => c.instanceId);
    expect(taken).toContain('web-0');

    const pid = pidOf(victim);
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    await waitUntil(async () => !isAlive(pid), 5000);

    const firstBySurvivor = new Map<string, number>();
    await waitUntil(async () => {
      for (const [id, c] of await checks()) {
        if (taken.includes(id) && c.checkedBy === holderOf(survivor) && c.time >= killedAt && !firstBySurvivor.has(id)) firstBySurvivor.set(id, c.time - killedAt);
      }
      return firstBySurvivor.size === taken.length;
    }, 2 * INTERVAL_S * 1000 + 1000);
    const delays = [...firstBySurvivor.values()];
    console.log(`takeover of ${taken.length} instance(s): first check by the survivor ${delays.join(', ')} ms after SIGKILL (limit ${2 * INTERVAL_S * 1000} ms)`);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2 * INTERVAL_S * 1000);

    const leases = await inspector.leases();
    expect(new Set(leases!.shards.map((s) => s.holder))).toEqual(new Set([holderOf(survivor)]));
    expect(leases!.shards).toHaveLength(HEALTH_SHARDS);

    // The survivor now decides web-0's health: out of its DNS within FailureThreshold (1) × interval + one interval.
    const all = servers.map((s) => s.host);
    expect(await addresses(survivor.dnsPort, 'web.takeover.local')).toEqual(all.slice().sort());
    await servers[0]!.set('fail');
    const out = await dnsShows(survivor.dnsPort, 'web.takeover.local', all.slice(1), (1 + 1) * INTERVAL_S * 1000);
    await servers[0]!.set('ok');
    await dnsShows(survivor.dnsPort, 'web.takeover.local', all, (1 + 1) * INTERVAL_S * 1000);
    console.log(`web-0 out of the survivor's DNS ${out} ms after its /health failed`);
  });
});
