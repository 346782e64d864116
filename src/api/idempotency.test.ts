import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from './test-harness.ts';

describe('idempotency by CreatorRequestId / UpdaterRequestId', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  afterEach(() => api?.close());

  it('Create*Namespace: a retry returns the original OperationId and creates nothing; other content is DuplicateRequest', async () => {
    api = await makeApi();
    const body = { Name: 'shop', CreatorRequestId: 'req-1', Description: 'd' };
    const first = await api.call('CreateHttpNamespace', body);
    const revision = api.view.revision;
    const again = await api.call('CreateHttpNamespace', body);
    expect(again.status).toBe(200);
    expect(again.json.OperationId).toBe(first.json.OperationId);
    expect(api.view.revision).toBe(revision);
    expect((await api.store.listOperations())).toHaveLength(1);
    const other = await api.call('CreateHttpNamespace', { ...body, Name: 'shop2' });
    expect([other.status, other.json.__type, other.json.DuplicateOperationId]).toEqual([409, 'DuplicateRequest', first.json.OperationId]);
    const otherType = await api.call('CreatePrivateDnsNamespace', { Name: 'shop', Vpc: 'vpc-1', CreatorRequestId: 'req-1', Description: 'd' });
    expect(otherType.json.__type).toBe('DuplicateRequest');
    expect((await api.store.listNamespaces()).map((n) => n.name)).toEqual(['shop']);
    // Without the token, the name is simply taken.
    expect((await api.call('CreateHttpNamespace', { Name: 'shop' })).json.__type).toBe('NamespaceAlreadyExists');
  });

  it('CreateService: a retry returns the same service; other content under the token is InvalidInput (no DuplicateRequest in the model)', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const body = { Name: 'web', NamespaceId: ns, CreatorRequestId: 'svc-req', DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] } };
    const first = await api.call('CreateService', body);
    const again = await api.call('CreateService', body);
    expect(again.status).toBe(200);
    expect(again.json.Service).toEqual(first.json.Service);
    const other = await api.call('CreateService', { ...body, Name: 'web2' });
    expect([other.status, other.json.__type]).toEqual([400, 'InvalidInput']);
    expect(await api.store.listServices()).toHaveLength(1);
  });

  it('RegisterInstance: a retry returns the original OperationId and writes nothing; other attributes are DuplicateRequest', async () => {
    api = await makeApi();
    const svc = await api.service(await api.namespace());
    const body = { ServiceId: svc, InstanceId: 'i-1', CreatorRequestId: 'reg-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } };
    const first = await api.call('RegisterInstance', body);
    const revision = await api.store.revision();
    const again = await api.call('RegisterInstance', body);
    expect(again.json.OperationId).toBe(first.json.OperationId);
    expect(await api.store.revision()).toBe(revision);
    const other = await api.call('RegisterInstance', { ...body, Attributes: { AWS_INSTANCE_IPV4: '10.0.0.2', AWS_INSTANCE_PORT: '80' } });
    expect([other.status, other.json.__type, other.json.DuplicateOperationId]).toEqual([409, 'DuplicateRequest', first.json.OperationId]);
    expect((await api.store.getInstance(svc, 'i-1'))?.attributes.AWS_INSTANCE_IPV4).toBe('10.0.0.1');
    // A new token re-registers as usual.
    expect((await api.call('RegisterInstance', { ...body, CreatorRequestId: 'reg-2', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.3', AWS_INSTANCE_PORT: '80' } })).status).toBe(200);
    expect((await api.store.getInstance(svc, 'i-1'))?.attributes.AWS_INSTANCE_IPV4).toBe('10.0.0.3');
  });

  it('Update*Namespace: a retry with the same UpdaterRequestId returns the original OperationId', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const body = { Id: ns, UpdaterRequestId: 'upd-1', Namespace: { Description: 'x' } };
    const first = await api.call('UpdatePrivateDnsNamespace', body);
    const again = await api.call('UpdatePrivateDnsNamespace', body);
    expect(again.json.OperationId).toBe(first.json.OperationId);
    const other = await api.call('UpdatePrivateDnsNamespace', { ...body, Namespace: { Description: 'y' } });
    expect([other.status, other.json.__type]).toEqual([409, 'DuplicateRequest']);
    expect((await api.store.getNamespace(ns))?.description).toBe('x');
  });
});
