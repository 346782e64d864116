/**
 * The health checks under Deno 2 (the same code through Deno's node:http,
 * node:https and node:net): one HTTP instance turns UNHEALTHY when its
 * /health answers 503, and HEALTHY again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from './support/dig-cli.ts';
import { type FlappingServer, startFlappingServer } from './support/flapping-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { INTERVAL_S } from './health-suite.ts';
import { api } from './support/api.ts';

let server: ServerProcess;
let web: FlappingServer;

beforeAll(async () => {
  web = await startFlappingServer({ kind: 'http' });
  server = await startServerProcess(['--health-check-interval', String(INTERVAL_S)], {}, 'deno');
});
afterAll(async () => {
  await server?.stop();
  await web?.close();
});

describe('health checks under Deno 2', () => {
  it('follow a flapping HTTP instance (FailureThreshold 1)', async () => {
    const ns = await api(server.httpPort, 'CreatePrivateDnsNamespace', { Name: 'deno.local', Vpc: 'vpc-1' });
    const nsId = (await api(server.httpPort, 'GetOperation', { OperationId: ns.OperationId })).Operation.Targets.NAMESPACE;
    const svc = await api(server.httpPort, 'CreateService', {
      Name: 'web', NamespaceId: nsId, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }] },
      HealthCheckConfig: { Type: 'HTTP', ResourcePath: '/health', FailureThreshold: 1 },
    });
    await api(server.httpPort, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: 'w-1', Attributes: { AWS_INSTANCE_IPV4: web.host, AWS_INSTANCE_PORT: String(web.port) } });
    const status = async () => (await api(server.httpPort, 'GetInstancesHealthStatus', { ServiceId: svc.Service.Id })).Status['w-1'];
    await waitUntil(async () => web.hits > 0, 2 * INTERVAL_S * 1000);
    expect(await status()).toBe('HEALTHY');
    await web.set('fail');
    await waitUntil(async () => (await status()) === 'UNHEALTHY', 2 * INTERVAL_S * 1000);
    await web.set('ok');
    await waitUntil(async () => (await status()) === 'HEALTHY', 2 * INTERVAL_S * 1000);
    expect(server.output()).toContain('"from":"HEALTHY","to":"UNHEALTHY"');
  });
});
