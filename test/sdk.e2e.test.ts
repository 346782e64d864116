/**
 * The AWS SDK for JavaScript v3 (`@aws-sdk/client-servicediscovery`) against
 * a real server process: wire format, error classes, paginators, and the
 * `disableHostPrefix: true` recipe for DiscoverInstances.
 */
import {
  CreateHttpNamespaceCommand,
  CreateServiceCommand,
  DiscoverInstancesCommand,
  DiscoverInstancesRevisionCommand,
  GetOperationCommand,
  ListNamespacesCommand,
  NamespaceNotFound,
  paginateListNamespaces,
  RegisterInstanceCommand,
  ServiceAlreadyExists,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

describe('AWS SDK for JavaScript v3', () => {
  let server: ServerProcess;
  let client: ServiceDiscoveryClient;
  const clientFor = (disableHostPrefix: boolean) =>
    new ServiceDiscoveryClient({
      endpoint: `http://localhost:${server.httpPort}`,
      region: 'ap-southeast-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      disableHostPrefix,
      maxAttempts: 1,
    });

  beforeAll(async () => {
    server = await startServerProcess();
    client = clientFor(true);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('creates an HTTP namespace, a service and an instance, and discovers it', async () => {
    const created = await client.send(new CreateHttpNamespaceCommand({ Name: 'shop' }));
    const op = await client.send(new GetOperationCommand({ OperationId: created.OperationId! }));
    expect(op.Operation?.Status).toBe('SUCCESS');
    expect(op.Operation?.CreateDate).toBeInstanceOf(Date);
    const namespaceId = op.Operation!.Targets!.NAMESPACE!;

    const svc = await client.send(new CreateServiceCommand({ Name: 'cart', NamespaceId: namespaceId }));
    expect(svc.Service?.Arn).toBe(`arn:aws:servicediscovery:ap-southeast-2:123456789012:service/${svc.Service?.Id}`);
    expect(svc.Service?.Type).toBe('HTTP');

    await client.send(new RegisterInstanceCommand({ ServiceId: svc.Service!.Id!, InstanceId: 'cart-1', Attributes: { url: 'http://10.0.0.7:8080', version: 'v2' } }));
    const found = await client.send(new DiscoverInstancesCommand({ NamespaceName: 'shop', ServiceName: 'cart', QueryParameters: { version: 'v2' } }));
    expect(found.Instances).toEqual([
      { InstanceId: 'cart-1', NamespaceName: 'shop', ServiceName: 'cart', HealthStatus: 'UNKNOWN', Attributes: { url: 'http://10.0.0.7:8080', version: 'v2' } },
    ]);
    const revision = await client.send(new DiscoverInstancesRevisionCommand({ NamespaceName: 'shop', ServiceName: 'cart' }));
    expect(revision.InstancesRevision).toBe(found.InstancesRevision);
    expect(revision.InstancesRevision).toBeGreaterThan(0);
  });

  it('without disableHostPrefix, DiscoverInstances is sent to host data-localhost (why the recipe exists)', async () => {
    // Capture the request instead of sending it, so the test does not depend on whether data-localhost resolves (/etc/hosts).
    const hosts: string[] = [];
    const prefixed = new ServiceDiscoveryClient({
      endpoint: `http://localhost:${server.httpPort}`,
      region: 'ap-southeast-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
      requestHandler: { handle: async (request: { hostname: string }) => (hosts.push(request.hostname), Promise.reject(new Error('captured, not sent'))) },
    });
    try {
      await expect(prefixed.send(new DiscoverInstancesCommand({ NamespaceName: 'shop', ServiceName: 'cart' }))).rejects.toThrow('captured, not sent');
      expect(hosts).toEqual(['data-localhost']);
    } finally {
      prefixed.destroy();
    }
  });

  it('maps errors to the SDK exception classes with their fields and status codes', async () => {
    const missing = await client.send(new CreateServiceCommand({ Name: 'x', NamespaceId: 'ns-aaaaaaaaaaaaaaaa' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NamespaceNotFound);
    expect((missing as NamespaceNotFound).$metadata.httpStatusCode).toBe(404);

    const ns = (await client.send(new ListNamespacesCommand({}))).Namespaces!.find((n) => n.Name === 'shop')!;
    const dup = await client.send(new CreateServiceCommand({ Name: 'cart', NamespaceId: ns.Id })).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ServiceAlreadyExists);
    expect((dup as ServiceAlreadyExists).ServiceId).toMatch(/^srv-/);
  });

  it('pages ListNamespaces with the SDK paginator', async () => {
    for (const name of ['p1', 'p2', 'p3']) await client.send(new CreateHttpNamespaceCommand({ Name: name }));
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListNamespaces({ client, pageSize: 2 }, {})) {
      pages++;
      names.push(...page.Namespaces!.map((n) => n.Name!));
    }
    expect(names.sort()).toEqual(['p1', 'p2', 'p3', 'shop']);
    expect(pages).toBe(2);
  });
});
