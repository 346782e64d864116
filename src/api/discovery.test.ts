import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from './test-harness.ts';

describe('DiscoverInstances and DiscoverInstancesRevision (from the view)', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  afterEach(() => api?.close());

  async function setup(serviceExtra: Record<string, unknown> = {}) {
    api = await makeApi();
    const svc = await api.service(await api.namespace(), 'backend', serviceExtra);
    const reg = (id: string, ip: string, extra: Record<string, string> = {}) =>
      api.call('RegisterInstance', { ServiceId: svc, InstanceId: id, Attributes: { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '80', ...extra } });
    return { svc, reg };
  }
  const ids = (res: { json: { Instances: { InstanceId: string }[] } }) => res.json.Instances.map((i) => i.InstanceId).sort();

  it('finds instances by namespace and service name (case-insensitive) with the HttpInstanceSummary shape', async () => {
    const { reg } = await setup();
    await reg('i-1', '10.0.0.1', { version: 'v1' });
    const res = await api.call('DiscoverInstances', { NamespaceName: 'APP.local', ServiceName: 'Backend' });
    expect(res.status).toBe(200);
    expect(res.json.Instances).toEqual([
      { InstanceId: 'i-1', NamespaceName: 'app.local', ServiceName: 'backend', HealthStatus: 'UNKNOWN', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80', version: 'v1' } },
    ]);
  });

  it('applies QueryParameters strictly and OptionalParameters only when something matches', async () => {
    const { reg } = await setup();
    await reg('a', '10.0.0.1', { stage: 'prod', az: '1a' });
    await reg('b', '10.0.0.2', { stage: 'prod', az: '1b' });
    await reg('c', '10.0.0.3', { stage: 'dev', az: '1a' });
    const q = (body: Record<string, unknown>) => api.call('DiscoverInstances', { NamespaceName: 'app.local', ServiceName: 'backend', ...body });
    expect(ids(await q({ QueryParameters: { stage: 'prod' } }))).toEqual(['a', 'b']);
    expect(ids(await q({ QueryParameters: { stage: 'prod' }, OptionalParameters: { az: '1b' } }))).toEqual(['b']);
    expect(ids(await q({ QueryParameters: { stage: 'prod' }, OptionalParameters: { az: '9z' } }))).toEqual(['a', 'b']);
    expect((await q({ MaxResults: 2 })).json.Instances).toHaveLength(2);
  });

  it('filters by health for services with health checking (HEALTHY default, HEALTHY_OR_ELSE_ALL fails open)', async () => {
    const { reg } = await setup({ HealthCheckCustomConfig: {} });
    await reg('u1', '10.0.0.1', { AWS_INIT_HEALTH_STATUS: 'UNHEALTHY' });
    await reg('u2', '10.0.0.2', { AWS_INIT_HEALTH_STATUS: 'UNHEALTHY' });
    const q = (HealthStatus?: string) => api.call('DiscoverInstances', { NamespaceName: 'app.local', ServiceName: 'backend', ...(HealthStatus && { HealthStatus }) });
    expect(ids(await q())).toEqual([]);
    expect(ids(await q('UNHEALTHY'))).toEqual(['u1', 'u2']);
    expect(ids(await q('HEALTHY_OR_ELSE_ALL'))).toEqual(['u1', 'u2']);
    await reg('h', '10.0.0.3');
    expect(ids(await q('HEALTHY_OR_ELSE_ALL'))).toEqual(['h']);
    expect(ids(await q('ALL'))).toEqual(['h', 'u1', 'u2']);
  });

  it('reports an InstancesRevision that grows with each instance change', async () => {
    const { reg, svc } = await setup();
    const rev = async () => (await api.call('DiscoverInstancesRevision', { NamespaceName: 'app.local', ServiceName: 'backend' })).json.InstancesRevision as number;
    const r0 = await rev();
    await reg('a', '10.0.0.1');
    const r1 = await rev();
    await api.call('DeregisterInstance', { ServiceId: svc, InstanceId: 'a' });
    const r2 = await rev();
    expect(r1).toBeGreaterThan(r0);
    expect(r2).toBeGreaterThan(r1);
    const d = await api.call('DiscoverInstances', { NamespaceName: 'app.local', ServiceName: 'backend' });
    expect(d.json.InstancesRevision).toBe(r2);
  });

  it('answers NamespaceNotFound and ServiceNotFound', async () => {
    await setup();
    const ns = await api.call('DiscoverInstances', { NamespaceName: 'nope.local', ServiceName: 'backend' });
    expect([ns.status, ns.json.__type]).toEqual([404, 'NamespaceNotFound']);
    const svc = await api.call('DiscoverInstances', { NamespaceName: 'app.local', ServiceName: 'nope' });
    expect([svc.status, svc.json.__type]).toEqual([404, 'ServiceNotFound']);
  });

  it('treats instance ids case-sensitively: Web-1 and web-1 are two instances in ListInstances and DiscoverInstances', async () => {
    api = await makeApi();
    await api.call('CreateHttpNamespace', { Name: 'shop' });
    const ns = (await api.call('ListNamespaces')).json.Namespaces[0].Id;
    const svc = (await api.call('CreateService', { Name: 'cart', NamespaceId: ns })).json.Service.Id;
    for (const id of ['Web-1', 'web-1']) expect((await api.call('RegisterInstance', { ServiceId: svc, InstanceId: id, Attributes: { k: id } })).status).toBe(200);
    expect((await api.call('ListInstances', { ServiceId: svc })).json.Instances.map((i: { Id: string }) => i.Id)).toEqual(['Web-1', 'web-1']);
    const found = await api.call('DiscoverInstances', { NamespaceName: 'shop', ServiceName: 'cart' });
    expect(found.json.Instances.map((i: { InstanceId: string; Attributes: { k: string } }) => [i.InstanceId, i.Attributes.k])).toEqual([['Web-1', 'Web-1'], ['web-1', 'web-1']]);
    expect((await api.call('DeregisterInstance', { ServiceId: svc, InstanceId: 'WEB-1' })).json.__type).toBe('InstanceNotFound');
  });

  it('refuses, in a service with an SRV record, an id that equals another but for case (one DNS host name)', async () => {
    const { svc, reg } = await setup();
    expect((await reg('Web-1', '10.0.0.1')).status).toBe(200);
    const clash = await reg('web-1', '10.0.0.2');
    expect([clash.status, clash.json.__type]).toEqual([400, 'InvalidInput']);
    expect(clash.json.Message).toContain('RFC 4343');
    expect((await api.call('ListInstances', { ServiceId: svc })).json.Instances).toHaveLength(1);
  });
});
