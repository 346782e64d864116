import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from './test-harness.ts';

describe('service operations', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  afterEach(() => api?.close());

  it('creates a DNS_HTTP service with MULTIVALUE default and returns the full Service shape', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const res = await api.call('CreateService', {
      Name: 'backend',
      NamespaceId: ns,
      CreatorRequestId: 'c-1',
      DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] },
      HealthCheckCustomConfig: {},
      Tags: [{ Key: 'team', Value: 'core' }],
    });
    expect(res.status).toBe(200);
    expect(res.json.Service).toMatchObject({
      Name: 'backend',
      NamespaceId: ns,
      Type: 'DNS_HTTP',
      InstanceCount: 0,
      CreatorRequestId: 'c-1',
      DnsConfig: { NamespaceId: ns, RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 60 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    });
    expect(res.json.Service.Id).toMatch(/^srv-[a-z2-7]{16}$/);
    const tags = await api.call('ListTagsForResource', { ResourceARN: res.json.Service.Arn });
    expect(tags.json.Tags).toEqual([{ Key: 'team', Value: 'core' }]);
  });

  it('accepts the deprecated DnsConfig.NamespaceId and requires a namespace somewhere', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const ok = await api.call('CreateService', { Name: 'a', DnsConfig: { NamespaceId: ns, DnsRecords: [{ Type: 'A', TTL: 5 }] } });
    expect(ok.json.Service.NamespaceId).toBe(ns);
    const missing = await api.call('CreateService', { Name: 'b', DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }] } });
    expect(missing.json).toMatchObject({ __type: 'InvalidInput', Message: 'NamespaceId is required' });
  });

  it.each([
    ['duplicate record types', { DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 1 }, { Type: 'A', TTL: 2 }] } }, 'more than once'],
    ['CNAME with A', { DnsConfig: { RoutingPolicy: 'WEIGHTED', DnsRecords: [{ Type: 'CNAME', TTL: 1 }, { Type: 'A', TTL: 2 }] } }, 'cannot be combined'],
    ['CNAME with MULTIVALUE', { DnsConfig: { DnsRecords: [{ Type: 'CNAME', TTL: 1 }] } }, 'WEIGHTED'],
    ['no records', { DnsConfig: { DnsRecords: [] } }, 'at least one record'],
    ['both health check kinds', { HealthCheckConfig: { Type: 'HTTP' }, HealthCheckCustomConfig: {} }, 'not both'],
    ['Type HTTP with DnsConfig', { Type: 'HTTP', DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 1 }] } }, "When you specify an HTTP service, you can't include a DnsConfig element."],
  ])('rejects %s with InvalidInput', async (_name, extra, message) => {
    api = await makeApi();
    const ns = await api.namespace();
    const res = await api.call('CreateService', { Name: 'svc', NamespaceId: ns, ...extra });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('InvalidInput');
    expect(res.json.Message).toContain(message);
    expect(await api.store.listServices()).toEqual([]);
  });

  it('accepts a Route 53 health check in a private namespace (extension, issue 7); --aws-strict refuses it with InvalidInput as AWS does', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const ok = await api.call('CreateService', { Name: 'svc', NamespaceId: ns, HealthCheckConfig: { Type: 'HTTP', ResourcePath: '/health', FailureThreshold: 3 } });
    expect(ok.status).toBe(200);
    expect(ok.json.Service.HealthCheckConfig).toEqual({ Type: 'HTTP', ResourcePath: '/health', FailureThreshold: 3 });
    await api.close();
    api = await makeApi({ awsStrict: true });
    const strictNs = await api.namespace();
    const res = await api.call('CreateService', { Name: 'svc', NamespaceId: strictNs, HealthCheckConfig: { Type: 'TCP' } });
    expect([res.status, res.json.__type]).toEqual([400, 'InvalidInput']);
    expect(res.json.Message).toContain('public DNS and HTTP namespaces only');
    expect(await api.store.listServices()).toEqual([]);
  });

  it('answers ServiceAlreadyExists with the existing id and ARN; NamespaceNotFound for a missing namespace', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const id = await api.service(ns, 'backend');
    const dup = await api.call('CreateService', { Name: 'Backend', NamespaceId: ns });
    expect(dup.status).toBe(400);
    expect(dup.json).toMatchObject({ __type: 'ServiceAlreadyExists', ServiceId: id });
    expect(dup.json.ServiceArn).toContain(`service/${id}`);
    const nf = await api.call('CreateService', { Name: 'x', NamespaceId: 'ns-aaaaaaaaaaaaaaaa' });
    expect([nf.status, nf.json.__type]).toEqual([404, 'NamespaceNotFound']);
  });

  it('lists services filtered by NAMESPACE_ID (id or ARN) and counts instances', async () => {
    api = await makeApi();
    const a = await api.namespace('a.local');
    const b = await api.namespace('b.local');
    const sa = await api.service(a, 'one');
    await api.service(b, 'two');
    await api.call('RegisterInstance', { ServiceId: sa, InstanceId: 'i1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } });
    const arn = (await api.call('GetNamespace', { Id: a })).json.Namespace.Arn;
    const res = await api.call('ListServices', { Filters: [{ Name: 'NAMESPACE_ID', Values: [arn] }] });
    expect(res.json.Services).toHaveLength(1);
    expect(res.json.Services[0]).toMatchObject({ Id: sa, Name: 'one', InstanceCount: 1 });
    expect((await api.call('GetNamespace', { Id: a })).json.Namespace.ServiceCount).toBe(1);
  });

  it('deletes a service only when it has no instances', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const id = await api.service(ns);
    await api.call('RegisterInstance', { ServiceId: id, InstanceId: 'i1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } });
    const inUse = await api.call('DeleteService', { Id: id });
    expect([inUse.status, inUse.json.__type]).toEqual([409, 'ResourceInUse']);
    await api.call('DeregisterInstance', { ServiceId: id, InstanceId: 'i1' });
    const ok = await api.call('DeleteService', { Id: id });
    expect([ok.status, ok.json]).toEqual([200, {}]);
    const gone = await api.call('GetService', { Id: id });
    expect([gone.status, gone.json.__type]).toEqual([404, 'ServiceNotFound']);
  });
});
