/**
 * Issue 10, defect 1, end to end: Redis loses its data (FLUSHALL) or is
 * replaced by one holding other data (SWAPDB: the connection stays up, the
 * data under it changes) while the server runs. DNS must drop what Redis
 * lost, a write acknowledged after the reset must be answered in DNS at once,
 * and the server says what happened at warn. The real bin, the AWS SDK, dig
 * and a throwaway redis-server.
 */
import { CreatePrivateDnsNamespaceCommand, CreateServiceCommand, GetOperationCommand, RegisterInstanceCommand, ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aNamespace, anInstance, anOperation, aService } from '../src/store/contract.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import { dig, waitUntil } from './support/dig-cli.ts';
import { type RedisHandle, startRedis } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

describe('Redis data reset or replaced under a running server', () => {
  let redis: RedisHandle;
  let admin: Redis;
  let server: ServerProcess;
  let client: ServiceDiscoveryClient;

  /** Namespace `zone` with service `api` (A records) and instance `i-1` at `ip`, through the API. */
  async function register(zone: string, ip: string): Promise<void> {
    const ns = await client.send(new CreatePrivateDnsNamespaceCommand({ Name: zone, Vpc: 'vpc-1' }));
    const op = await client.send(new GetOperationCommand({ OperationId: ns.OperationId! }));
    const svc = await client.send(new CreateServiceCommand({ Name: 'api', NamespaceId: op.Operation!.Targets!.NAMESPACE!, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }] } }));
    await client.send(new RegisterInstanceCommand({ ServiceId: svc.Service!.Id!, InstanceId: 'i-1', Attributes: { AWS_INSTANCE_IPV4: ip } }));
  }
  const answer = async (name: string) => {
    const reply = await dig(server.dnsPort, [name, 'A']);
    return `${reply.status} ${reply.answer.map((r) => r.data).join(',')}`.trim();
  };

  beforeAll(async () => {
    redis = await startRedis({ throwaway: true });
    admin = new Redis(redis.url);
    server = await startServerProcess([], { REDIS_URL: redis.url });
    client = new ServiceDiscoveryClient({
      endpoint: `http://localhost:${server.httpPort}`, region: 'us-east-1', maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  });
  afterAll(async () => {
    client?.destroy();
    admin?.disconnect();
    await server?.stop();
    await redis?.stop();
  });

  it('FLUSHALL: a registration acknowledged right after it is answered in DNS at once', async () => {
    await register('before.local', '10.9.0.1');
    await register('before2.local', '10.9.0.2');
    expect(await answer('api.before.local')).toBe('NOERROR 10.9.0.1');
    await admin.flushall();
    await register('after.local', '10.9.1.1'); // revisions 1..3 again, below the view's 6
    expect(await answer('api.after.local')).toBe('NOERROR 10.9.1.1');
    expect(await answer('api.before.local')).toBe('REFUSED'); // the zone is gone with the data
    await server.waitForOutput(/"level":40[^\n]*reloading the view/);
  });

  it('FLUSHALL with no write afterwards: DNS drops the lost records within seconds', async () => {
    expect(await answer('api.after.local')).toBe('NOERROR 10.9.1.1');
    await admin.flushall();
    await waitUntil(async () => (await answer('api.after.local')) === 'REFUSED', 15_000);
    await server.waitForOutput('Redis data was reset or replaced (epoch key missing or changed)');
  });

  it('a Redis holding another deployment\'s data (SWAPDB): DNS answers from that data, nothing of the old', async () => {
    await register('old.local', '10.9.2.1');
    const other = new RedisStore({ url: `${redis.url}/1` });
    try {
      const ns = aNamespace('other.local');
      await other.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
      const svc = aService(ns, 'api', { dnsRecords: [{ type: 'A', ttl: 5 }] });
      await other.createService(svc);
      for (const [id, ip] of [['o-1', '10.9.3.1'], ['o-2', '10.9.3.2'], ['o-3', '10.9.3.3']] as const) {
        await other.registerInstance(anInstance(svc, id, { AWS_INSTANCE_IPV4: ip }), anOperation('REGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: id }));
      }
    } finally {
      await other.close();
    }
    await admin.swapdb(0, 1);
    await waitUntil(async () => (await answer('api.other.local')).startsWith('NOERROR'), 15_000);
    expect((await answer('api.other.local')).split(' ')[1]!.split(',').sort()).toEqual(['10.9.3.1', '10.9.3.2', '10.9.3.3']);
    expect(await answer('api.old.local')).toBe('REFUSED');
  });
});
