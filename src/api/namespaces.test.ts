import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from './test-harness.ts';

describe('namespace operations', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  afterEach(() => api?.close());

  it('creates a private DNS namespace with hosted zone, VPC-less shape and SOA TTL', async () => {
    api = await makeApi();
    const id = await api.namespace('app.local', { Description: 'apps', Properties: { DnsProperties: { SOA: { TTL: 30 } } } });
    const { json } = await api.call('GetNamespace', { Id: id });
    expect(json.Namespace).toMatchObject({
      Id: id,
      Name: 'app.local',
      Type: 'DNS_PRIVATE',
      Description: 'apps',
      ServiceCount: 0,
      ResourceOwner: '123456789012',
      Properties: { HttpProperties: { HttpName: 'app.local' }, DnsProperties: { SOA: { TTL: 30 } } },
    });
    expect(json.Namespace.Properties.DnsProperties.HostedZoneId).toMatch(/^Z[A-Z2-7]{20}$/);
    expect(api.view.findZone('backend.app.local')?.namespace.id).toBe(id);
  });

  it('answers NamespaceAlreadyExists (400) with the existing id, whatever the case of the name', async () => {
    api = await makeApi();
    const id = await api.namespace('app.local', { CreatorRequestId: 'req-1' });
    const again = await api.call('CreatePublicDnsNamespace', { Name: 'APP.local' });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ __type: 'NamespaceAlreadyExists', NamespaceId: id, CreatorRequestId: 'req-1' });
  });

  it('creates HTTP namespaces that are not DNS zones', async () => {
    api = await makeApi();
    const res = await api.call('CreateHttpNamespace', { Name: 'shop' });
    expect(res.status).toBe(200);
    const list = await api.call('ListNamespaces');
    // AWS GetNamespace example: an HTTP namespace carries `DnsProperties: {}`.
    expect(list.json.Namespaces[0]).toMatchObject({ Name: 'shop', Type: 'HTTP', Properties: { DnsProperties: {}, HttpProperties: { HttpName: 'shop' } } });
    expect(list.json.Namespaces[0].Properties.DnsProperties).toEqual({});
    expect(api.view.zones.size).toBe(0);
  });

  it('filters ListNamespaces by TYPE (IN) and NAME (BEGINS_WITH) and rejects unsupported conditions', async () => {
    api = await makeApi();
    await api.namespace('app.local');
    await api.call('CreateHttpNamespace', { Name: 'apphttp' });
    await api.call('CreatePublicDnsNamespace', { Name: 'example.org' });
    const names = async (Filters: unknown) => (await api.call('ListNamespaces', { Filters })).json.Namespaces.map((n: { Name: string }) => n.Name).sort();
    expect(await names([{ Name: 'TYPE', Condition: 'IN', Values: ['HTTP', 'DNS_PUBLIC'] }])).toEqual(['apphttp', 'example.org']);
    expect(await names([{ Name: 'NAME', Condition: 'BEGINS_WITH', Values: ['app'] }])).toEqual(['app.local', 'apphttp']);
    expect(await names([{ Name: 'TYPE', Values: ['DNS_PRIVATE'] }])).toEqual(['app.local']);
    const bad = await api.call('ListNamespaces', { Filters: [{ Name: 'NAME', Condition: 'IN', Values: ['a', 'b'] }] });
    expect(bad.status).toBe(400);
    expect(bad.json.__type).toBe('InvalidInput');
  });

  it('paginates ListNamespaces with MaxResults and NextToken, oldest first', async () => {
    let t = 1_000_000;
    api = await makeApi({ now: () => (t += 1000) });
    for (const name of ['a.local', 'b.local', 'c.local']) await api.namespace(name);
    const first = await api.call('ListNamespaces', { MaxResults: 2 });
    expect(first.json.Namespaces.map((n: { Name: string }) => n.Name)).toEqual(['a.local', 'b.local']);
    expect(first.json.NextToken).toBeTruthy();
    const second = await api.call('ListNamespaces', { MaxResults: 2, NextToken: first.json.NextToken });
    expect(second.json.Namespaces.map((n: { Name: string }) => n.Name)).toEqual(['c.local']);
    expect(second.json.NextToken).toBeUndefined();
    const bad = await api.call('ListNamespaces', { NextToken: 'garbage!' });
    expect(bad.json.__type).toBe('InvalidInput');
  });

  it('deletes an empty namespace (by ARN too) and refuses one with services', async () => {
    api = await makeApi();
    const id = await api.namespace();
    await api.service(id);
    const inUse = await api.call('DeleteNamespace', { Id: id });
    expect(inUse.status).toBe(409);
    expect(inUse.json.__type).toBe('ResourceInUse');
    const other = await api.namespace('other.local');
    const arn = (await api.call('GetNamespace', { Id: other })).json.Namespace.Arn;
    const deleted = await api.call('DeleteNamespace', { Id: arn });
    expect(deleted.status).toBe(200);
    const op = await api.call('GetOperation', { OperationId: deleted.json.OperationId });
    expect(op.json.Operation).toMatchObject({ Type: 'DELETE_NAMESPACE', Status: 'SUCCESS', Targets: { NAMESPACE: other } });
    expect((await api.call('GetNamespace', { Id: other })).json.__type).toBe('NamespaceNotFound');
    expect(api.view.findZone('other.local')).toBeUndefined();
  });

  it('answers NamespaceNotFound (404) and OperationNotFound (404)', async () => {
    api = await makeApi();
    const ns = await api.call('GetNamespace', { Id: 'ns-aaaaaaaaaaaaaaaa' });
    expect([ns.status, ns.json.__type]).toEqual([404, 'NamespaceNotFound']);
    const op = await api.call('GetOperation', { OperationId: 'nope' });
    expect([op.status, op.json.__type]).toEqual([404, 'OperationNotFound']);
  });
});
