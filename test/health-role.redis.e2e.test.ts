/**
 * The `health` role on its own: `cloudmap-dns health` (no listeners) checks
 * the instances, while `cloudmap-dns serve --no-health-checks` answers the
 * API and DNS on the same Redis and follows the statuses the health
 * process writes. SIGTERM stops the health process cleanly and gives its
 * leases back.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisHealthInspector } from '../src/health/inspect.ts';
import { RedisKeys } from '../src/store/redis/keys.ts';
import { type CliProcess, startBin } from './support/cli-process.ts';
import { waitUntil } from './support/dig-cli.ts';
import { type FlappingServer, startFlappingServer } from './support/flapping-server.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { dnsShows, INTERVAL_S } from './health-suite.ts';
import { api } from './support/api.ts';

const prefix = uniquePrefix();
let redis: RedisHandle;
let client: Redis;
let serve: ServerProcess;
let health: CliProcess;
let web: FlappingServer;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  const env = { REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: prefix };
  serve = await startServerProcess(['--no-health-checks'], env);
  health = startBin(['health', '--health-check-interval', String(INTERVAL_S)], { ...env, LOG_LEVEL: 'info' });
  await health.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('health checks: sharing'));
  web = await startFlappingServer({ kind: 'http', host: '127.0.0.30' });
});
afterAll(async () => {
  health?.kill();
  await serve?.stop();
  await web?.close();
  client?.disconnect();
  await deleteKeys(redis.url, prefix);
  await redis.stop();
});

describe('cloudmap-dns health beside serve --no-health-checks', () => {
  it('checks from the health process only, and serve’s DNS follows what it writes', async () => {
    const ns = await api(serve.httpPort, 'CreatePrivateDnsNamespace', { Name: 'roles.local', Vpc: 'vpc-1' });
    const nsId = (await api(serve.httpPort, 'GetOperation', { OperationId: ns.OperationId })).Operation.Targets.NAMESPACE;
    const svc = await api(serve.httpPort, 'CreateService', {
      Name: 'web', NamespaceId: nsId, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }] },
      HealthCheckConfig: { Type: 'HTTP', ResourcePath: '/health', FailureThreshold: 1 },
    });
    await api(serve.httpPort, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: 'web-1', Attributes: { AWS_INSTANCE_IPV4: web.host, AWS_INSTANCE_PORT: String(web.port) } });
    const inspector = redisHealthInspector(client, new RedisKeys(prefix));
    await waitUntil(async () => (await inspector.lastChecks()).length === 1, 2 * INTERVAL_S * 1000);
    const holder = health.logs().find((l) => l.holder)?.holder;
    expect((await inspector.lastChecks())[0]!.checkedBy).toBe(holder);
    expect((await inspector.leases())!.holders.map((h) => h.holder)).toEqual([holder]);
    expect(serve.output()).not.toContain('health checks:');

    await web.set('fail');
    await dnsShows(serve.dnsPort, 'web.roles.local', ['127.0.0.30'], 500); // fail open: the only instance stays
    await waitUntil(async () => (await api(serve.httpPort, 'GetInstancesHealthStatus', { ServiceId: svc.Service.Id })).Status['web-1'] === 'UNHEALTHY', 2 * INTERVAL_S * 1000 + 500);
    // The health process logs the change once its own view has it, which may be after serve's view does.
    const line = await health.waitForLog((l) => l.to === 'UNHEALTHY', 5000);
    expect(line).toMatchObject({ role: 'health', instanceId: 'web-1', service: 'web', from: 'HEALTHY', to: 'UNHEALTHY' });
    expect(line!.reason).toBe(`1 consecutive failure, last: HTTP 503 from http://127.0.0.30:${web.port}/health`);
  });

  it('stops on SIGTERM with exit code 0 and gives its leases back', async () => {
    health.child.kill('SIGTERM');
    expect(await health.exited(10_000)).toEqual({ code: 0, signal: null });
    expect((await redisHealthInspector(client, new RedisKeys(prefix)).leases())!.holders).toEqual([]);
  });
});
