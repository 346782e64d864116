import { afterEach, describe, expect, it } from 'vitest';
import { decode, query } from '../../test/support/dns-fixtures.ts';
import { createResolver } from '../dns/resolver.ts';
import { makeApi } from './test-harness.ts';

type Api = Awaited<ReturnType<typeof makeApi>>;
const ttls = (api: Api, name: string, type: 'A' | 'SRV' | 'SOA', section: 'answers' | 'authorities' = 'answers') =>
  (decode(createResolver(api.view).handle(query(name, type), { transport: 'tcp' })!)[section] ?? []).map((r) => (r as { ttl?: number }).ttl);

describe('UpdateService', () => {
  let api: Api;
  afterEach(() => api?.close());

  async function setup(extra: Record<string, unknown> = {}, apiOptions: { awsStrict?: boolean } = {}) {
    api = await makeApi(apiOptions);
    const ns = await api.namespace();
    const svc = await api.service(ns, 'backend', { Description: 'first', ...extra });
    await api.call('RegisterInstance', { ServiceId: svc, InstanceId: 'i-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } });
    return { ns, svc };
  }

  it('changes TTLs, and DNS answers carry them when the response is sent; InstancesRevision stays', async () => {
    const { svc } = await setup();
    const revision = (await api.call('DiscoverInstancesRevision', { NamespaceName: 'app.local', ServiceName: 'backend' })).json.InstancesRevision;
    expect(ttls(api, 'backend.app.local', 'A')).toEqual([60]);
    const res = await api.call('UpdateService', { Id: svc, Service: { DnsConfig: { DnsRecords: [{ Type: 'SRV', TTL: 7 }, { Type: 'A', TTL: 5 }] } } });
    expect(res.status).toBe(200);
    expect(ttls(api, 'backend.app.local', 'A')).toEqual([5]);
    expect(ttls(api, 'backend.app.local', 'SRV')).toEqual([7]);
    const op = await api.call('GetOperation', { OperationId: res.json.OperationId });
    expect(op.json.Operation).toMatchObject({ Type: 'UPDATE_SERVICE', Status: 'SUCCESS', Targets: { SERVICE: svc } });
    const got = (await api.call('GetService', { Id: svc })).json.Service;
    expect(got.DnsConfig.DnsRecords).toEqual([{ Type: 'A', TTL: 5 }, { Type: 'SRV', TTL: 7 }]);
    expect(got.Description).toBe('first');
    expect((await api.call('DiscoverInstancesRevision', { NamespaceName: 'app.local', ServiceName: 'backend' })).json.InstancesRevision).toBe(revision);
  });

  it.each([
    ['a record type added', [{ Type: 'A', TTL: 1 }, { Type: 'SRV', TTL: 1 }, { Type: 'AAAA', TTL: 1 }]],
    ['a record type dropped', [{ Type: 'A', TTL: 1 }]],
    ['a record type swapped', [{ Type: 'A', TTL: 1 }, { Type: 'AAAA', TTL: 1 }]],
  ])('refuses %s with InvalidInput and changes nothing', async (_name, DnsRecords) => {
    const { svc } = await setup();
    const res = await api.call('UpdateService', { Id: svc, Service: { DnsConfig: { DnsRecords } } });
    expect([res.status, res.json.__type]).toEqual([400, 'InvalidInput']);
    expect(res.json.Message).toContain('record types of a service cannot change');
    expect(ttls(api, 'backend.app.local', 'A')).toEqual([60]);
  });

  it('changes the description; an omitted HealthCheckConfig removes the health check and resets health', async () => {
    api = await makeApi();
    await api.call('CreatePublicDnsNamespace', { Name: 'example.org' });
    const nsId = (await api.call('ListNamespaces')).json.Namespaces[0].Id;
    const svc = await api.service(nsId, 'web', { HealthCheckConfig: { Type: 'HTTP', ResourcePath: '/h' } });
    await api.call('RegisterInstance', { ServiceId: svc, InstanceId: 'i-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } });
    expect((await api.call('GetInstancesHealthStatus', { ServiceId: svc })).json.Status).toEqual({ 'i-1': 'HEALTHY' });
    const res = await api.call('UpdateService', { Id: svc, Service: { Description: 'second' } });
    expect(res.status).toBe(200);
    const got = (await api.call('GetService', { Id: svc })).json.Service;
    expect(got.Description).toBe('second');
    expect(got.HealthCheckConfig).toBeUndefined();
    expect((await api.call('GetInstancesHealthStatus', { ServiceId: svc })).json.Status).toEqual({ 'i-1': 'UNKNOWN' });
    const again = await api.call('UpdateService', { Id: svc, Service: { HealthCheckConfig: { Type: 'TCP', FailureThreshold: 2 } } });
    expect(again.status).toBe(200);
    expect((await api.call('GetService', { Id: svc })).json.Service.HealthCheckConfig).toEqual({ Type: 'TCP', FailureThreshold: 2 });
    expect((await api.call('GetInstancesHealthStatus', { ServiceId: svc })).json.Status).toEqual({ 'i-1': 'HEALTHY' });
  });

  it('adds a HealthCheckConfig in a private DNS namespace (extension, issue 7)', async () => {
    const { svc } = await setup();
    const res = await api.call('UpdateService', { Id: svc, Service: { HealthCheckConfig: { Type: 'HTTP' } } });
    expect(res.status).toBe(200);
    expect((await api.call('GetService', { Id: svc })).json.Service.HealthCheckConfig).toEqual({ Type: 'HTTP' });
  });

  it('with --aws-strict refuses a HealthCheckConfig in a private DNS namespace, and an unknown service', async () => {
    const { svc } = await setup({}, { awsStrict: true });
    const res = await api.call('UpdateService', { Id: svc, Service: { HealthCheckConfig: { Type: 'HTTP' } } });
    expect([res.status, res.json.__type]).toEqual([400, 'InvalidInput']);
    const missing = await api.call('UpdateService', { Id: 'srv-aaaaaaaaaaaaaaaa', Service: {} });
    expect([missing.status, missing.json.__type]).toEqual([404, 'ServiceNotFound']);
  });
});

describe('Update*Namespace', () => {
  let api: Api;
  afterEach(() => api?.close());

  it('changes the SOA TTL: the SOA answer and the negative answers use it at once', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    expect(ttls(api, 'app.local', 'SOA')).toEqual([15]);
    const res = await api.call('UpdatePrivateDnsNamespace', { Id: ns, Namespace: { Properties: { DnsProperties: { SOA: { TTL: 30 } } } } });
    expect(res.status).toBe(200);
    expect(ttls(api, 'app.local', 'SOA')).toEqual([30]);
    expect(ttls(api, 'nope.app.local', 'A', 'authorities')).toEqual([30]);
    const got = (await api.call('GetNamespace', { Id: ns })).json.Namespace;
    expect(got.Properties.DnsProperties.SOA).toEqual({ TTL: 30 });
    const op = await api.call('GetOperation', { OperationId: res.json.OperationId });
    expect(op.json.Operation).toMatchObject({ Type: 'UPDATE_NAMESPACE', Status: 'SUCCESS', Targets: { NAMESPACE: ns } });
    await api.call('UpdatePrivateDnsNamespace', { Id: ns, Namespace: { Description: 'zone' } });
    expect((await api.call('GetNamespace', { Id: ns })).json.Namespace).toMatchObject({ Description: 'zone', Properties: { DnsProperties: { SOA: { TTL: 30 } } } });
  });

  it('updates the description of HTTP and public namespaces, and refuses the wrong operation for the type', async () => {
    api = await makeApi();
    await api.call('CreateHttpNamespace', { Name: 'shop' });
    await api.call('CreatePublicDnsNamespace', { Name: 'example.org' });
    const ids = Object.fromEntries((await api.call('ListNamespaces')).json.Namespaces.map((n: { Name: string; Id: string }) => [n.Name, n.Id]));
    expect((await api.call('UpdateHttpNamespace', { Id: ids.shop, Namespace: { Description: 'd' } })).status).toBe(200);
    expect((await api.call('GetNamespace', { Id: ids.shop })).json.Namespace.Description).toBe('d');
    expect((await api.call('UpdatePublicDnsNamespace', { Id: ids['example.org'], Namespace: { Properties: { DnsProperties: { SOA: { TTL: 60 } } } } })).status).toBe(200);
    const wrong = await api.call('UpdateHttpNamespace', { Id: ids['example.org'], Namespace: { Description: 'x' } });
    expect([wrong.status, wrong.json.__type]).toEqual([400, 'InvalidInput']);
    expect(wrong.json.Message).toContain('UpdatePublicDnsNamespace');
    const missing = await api.call('UpdateHttpNamespace', { Id: 'ns-aaaaaaaaaaaaaaaa', Namespace: { Description: 'x' } });
    expect([missing.status, missing.json.__type]).toEqual([404, 'NamespaceNotFound']);
  });
});

describe('tags and service attributes', () => {
  let api: Api;
  afterEach(() => api?.close());

  it('tags, lists and untags namespaces and services; 50 at most; unknown ARNs are ResourceNotFoundException', async () => {
    api = await makeApi();
    const ns = await api.namespace('app.local', { Tags: [{ Key: 'team', Value: 'dns' }] });
    const nsArn = (await api.call('GetNamespace', { Id: ns })).json.Namespace.Arn;
    expect((await api.call('TagResource', { ResourceARN: nsArn, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'net' }] })).json).toEqual({});
    const list = async (arn: string) => (await api.call('ListTagsForResource', { ResourceARN: arn })).json.Tags;
    expect(await list(nsArn)).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'net' }, { Key: 'env', Value: 'dev' }]));
    expect((await api.call('UntagResource', { ResourceARN: nsArn, TagKeys: ['team', 'other'] })).status).toBe(200);
    expect(await list(nsArn)).toEqual([{ Key: 'env', Value: 'dev' }]);

    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const tooMany = await api.call('TagResource', { ResourceARN: nsArn, Tags: many });
    expect([tooMany.status, tooMany.json.__type, tooMany.json.ResourceName]).toEqual([400, 'TooManyTagsException', nsArn]);
    expect(await list(nsArn)).toHaveLength(1);
    const createTooMany = await api.call('CreateHttpNamespace', { Name: 'x', Tags: [...many, { Key: 'k50', Value: 'v' }] });
    expect([createTooMany.status, createTooMany.json.__type]).toEqual([400, 'TooManyTagsException']);

    const svc = await api.service(ns);
    const svcArn = (await api.call('GetService', { Id: svc })).json.Service.Arn;
    await api.call('TagResource', { ResourceARN: svcArn, Tags: [{ Key: 'a', Value: 'b' }] });
    expect(await list(svcArn)).toEqual([{ Key: 'a', Value: 'b' }]);
    for (const arn of [svcArn.replace('srv-', 'srv-x'), 'arn:aws:servicediscovery:us-east-1:123456789012:instance/i-1', 'not-an-arn']) {
      for (const [op, body] of [['TagResource', { Tags: [] }], ['UntagResource', { TagKeys: [] }], ['ListTagsForResource', {}]] as const) {
        const res = await api.call(op, { ResourceARN: arn, ...body });
        expect([op, res.status, res.json.__type]).toEqual([op, 404, 'ResourceNotFoundException']);
      }
    }
  });

  it('gets, updates and deletes service attributes; 30 at most (ServiceAttributesLimitExceededException)', async () => {
    api = await makeApi();
    const svc = await api.service(await api.namespace());
    const get = async () => (await api.call('GetServiceAttributes', { ServiceId: svc })).json.ServiceAttributes;
    const arn = (await api.call('GetService', { Id: svc })).json.Service.Arn;
    expect(await get()).toEqual({ ServiceArn: arn, ResourceOwner: '123456789012', Attributes: {} });
    expect((await api.call('UpdateServiceAttributes', { ServiceId: svc, Attributes: { port: '80', tier: 'web' } })).json).toEqual({});
    expect((await get()).Attributes).toEqual({ port: '80', tier: 'web' });
    expect((await api.call('DeleteServiceAttributes', { ServiceId: arn, Attributes: ['port'] })).json).toEqual({});
    expect((await get()).Attributes).toEqual({ tier: 'web' });
    const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a${i}`, 'v']));
    const over = await api.call('UpdateServiceAttributes', { ServiceId: svc, Attributes: thirty });
    expect([over.status, over.json.__type]).toEqual([400, 'ServiceAttributesLimitExceededException']);
    expect((await get()).Attributes).toEqual({ tier: 'web' });
    for (const op of ['GetServiceAttributes', 'UpdateServiceAttributes', 'DeleteServiceAttributes']) {
      const res = await api.call(op, { ServiceId: 'srv-aaaaaaaaaaaaaaaa', Attributes: op === 'DeleteServiceAttributes' ? ['a'] : { a: 'b' } });
      expect([op, res.status, res.json.__type]).toEqual([op, 404, 'ServiceNotFound']);
    }
  });
});
