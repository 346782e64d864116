/**
 * Deno 2 smoke suite: the same server under Deno (npm package `deno`,
 * installed by `npm ci`), driven by the real aws CLI and dig, with memory
 * state and with Redis state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { dig } from './support/dig-cli.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

async function registerAndResolve(server: ServerProcess, zone: string): Promise<void> {
  const created = await aws(server.httpPort, ['create-private-dns-namespace', '--name', zone, '--vpc', 'vpc-1']);
  expect(created.code, created.stderr).toBe(0);
  const op = await aws(server.httpPort, ['get-operation', '--operation-id', created.json.OperationId]);
  const svc = await aws(server.httpPort, [
    'create-service', '--name', 'api', '--namespace-id', op.json.Operation.Targets.NAMESPACE, '--dns-config', 'DnsRecords=[{Type=A,TTL=30}]',
  ]);
  expect(svc.code, svc.stderr).toBe(0);
  const reg = await aws(server.httpPort, ['register-instance', '--service-id', svc.json.Service.Id, '--instance-id', 'api-1', '--attributes', 'AWS_INSTANCE_IPV4=10.7.0.1']);
  expect(reg.code, reg.stderr).toBe(0);
  for (const transport of [[], ['+tcp']]) {
    const answer = await dig(server.dnsPort, [...transport, `api.${zone}`, 'A']);
    expect(answer.flags).toContain('aa');
    expect(answer.answer.map((r) => `${r.ttl} ${r.data}`)).toEqual(['30 10.7.0.1']);
  }
  const doh = await dig(server.httpPort, ['+http-plain', `api.${zone}`, 'A']);
  expect(doh.answer.map((r) => r.data)).toEqual(['10.7.0.1']);
}

describe('Deno 2 runtime', () => {
  let redis: RedisHandle;
  const prefix = uniquePrefix();
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await deleteKeys(redis.url, prefix);
    await redis.stop();
  });

  it('serves the API, UDP/TCP DNS and h2c DoH with memory state', async () => {
    const server = await startServerProcess([], {}, 'deno');
    servers.push(server);
    expect(server.output()).toContain('"state":"memory"');
    await registerAndResolve(server, 'deno.local');
  });

  it('serves them with Redis state', async () => {
    const server = await startServerProcess([], { REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: prefix }, 'deno');
    servers.push(server);
    expect(server.output()).toContain('"state":"redis"');
    await registerAndResolve(server, 'deno-redis.local');
  });
});
