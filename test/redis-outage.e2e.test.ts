/**
 * DESIGN §1: if Redis is unreachable, DNS keeps answering from the last view
 * and the API returns a clear retryable error (ServiceUnavailable, 503); when
 * Redis is back, writes work and reach DNS again.
 */
import { CreatePrivateDnsNamespaceCommand, CreateServiceCommand, GetOperationCommand, RegisterInstanceCommand, ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dig, waitUntil } from './support/dig-cli.ts';
import { type RedisHandle, startRedis } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

describe('Redis outage (a throwaway redis-server frozen with SIGSTOP)', () => {
  let redis: RedisHandle;
  let server: ServerProcess;
  let client: ServiceDiscoveryClient;
  let serviceId = '';

  beforeAll(async () => {
    redis = await startRedis({ throwaway: true });
    server = await startServerProcess([], { REDIS_URL: redis.url });
    client = new ServiceDiscoveryClient({
      endpoint: `http://localhost:${server.httpPort}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    const ns = await client.send(new CreatePrivateDnsNamespaceCommand({ Name: 'outage.local', Vpc: 'vpc-1' }));
    const op = await client.send(new GetOperationCommand({ OperationId: ns.OperationId! }));
    const svc = await client.send(new CreateServiceCommand({ Name: 'api', NamespaceId: op.Operation!.Targets!.NAMESPACE!, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }] } }));
    serviceId = svc.Service!.Id!;
    await client.send(new RegisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'a', Attributes: { AWS_INSTANCE_IPV4: '10.1.1.1' } }));
  });
  afterAll(async () => {
    redis?.resume();
    client?.destroy();
    await server?.stop();
    await redis?.stop();
  });

  it('keeps answering DNS from the last view while Redis does not answer', async () => {
    redis.pause();
    const answer = await dig(server.dnsPort, ['api.outage.local', 'A']);
    expect(answer.status).toBe('NOERROR');
    expect(answer.answer.map((r) => r.data)).toEqual(['10.1.1.1']);
  });

  it('answers API writes with ServiceUnavailable (503) within seconds, not a hang or a 500', async () => {
    const started = Date.now();
    const error = await client
      .send(new RegisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'b', Attributes: { AWS_INSTANCE_IPV4: '10.1.1.2' } }))
      .catch((e: { name: string; $metadata: { httpStatusCode: number } }) => e);
    expect((error as { name: string }).name).toBe('ServiceUnavailable');
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('recovers when Redis answers again: a new registration reaches DNS', async () => {
    redis.resume();
    await waitUntil(async () => {
      try {
        await client.send(new RegisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'c', Attributes: { AWS_INSTANCE_IPV4: '10.1.1.3' } }));
        return true;
      } catch {
        return false;
      }
    }, 15_000);
    await waitUntil(async () => (await dig(server.dnsPort, ['api.outage.local', 'A'])).answer.some((r) => r.data === '10.1.1.3'), 10_000);
  });
});
