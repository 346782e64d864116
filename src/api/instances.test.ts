import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from './test-harness.ts';

const attrs = (ip: string, extra: Record<string, string> = {}) => ({ AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '8080', ...extra });

describe('instance operations', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  afterEach(() => api?.close());

  it('registers, gets and lists instances; re-registering the same id replaces its attributes', async () => {
    api = await makeApi();
    const svc = await api.service(await api.namespace());
    const reg = await api.call('RegisterInstance', { ServiceId: svc, InstanceId: 'i-1', CreatorRequestId: 'r1', Attributes: attrs('10.0.0.1', { color: 'blue' }) });
    expect(reg.status).toBe(200);
    const op = await api.call('GetOperation', { OperationId: reg.json.OperationId });
    expect(op.json.Operation).toMatchObject({ Type: 'REGISTER_INSTANCE', Status: 'SUCCESS', Targets: { SERVICE: svc, INSTANCE: 'i-1' } });

    await api.call('RegisterInstance', { ServiceId: svc, InstanceId: 'i-1', Attributes: attrs('10.0.0.9') });
    const got = await api.call('GetInstance', { ServiceId: svc, InstanceId: 'i-1' });
    expect(got.json).toEqual({
      ResourceOwner: '123456789012',
      Instance: { Id: 'i-1', Attributes: attrs('10.0.0.9'), CreatedByAccount: '123456789012' },
    });
    const list = await api.call('ListInstances', { ServiceId: svc });
    expect(list.json.Instances).toEqual([{ Id: 'i-1', Attributes: attrs('10.0.0.9'), CreatedByAccount: '123456789012' }]);
    expect((await api.call('GetService', { Id: svc })).json.Service.InstanceCount).toBe(1);
  });

  it.each([
    ['no IPv4 for an A record', { AWS_INSTANCE_PORT: '80' }, 'AWS_INSTANCE_IPV4 is required'],
    ['no port for an SRV record', { AWS_INSTANCE_IPV4: '10.0.0.1' }, 'AWS_INSTANCE_PORT is required'],
    ['a bad IPv4', attrs('10.0.0.256'), 'not a valid IPv4'],
    ['a bad port', { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '99999' }, 'from 0 to 65535'],
    ['a bad AWS_INIT_HEALTH_STATUS', attrs('10.0.0.1', { AWS_INIT_HEALTH_STATUS: 'MAYBE' }), 'HEALTHY or UNHEALTHY'],
    ['31 custom attributes', attrs('10.0.0.1', Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v']))), 'at most 30'],
    ['over 5000 characters in all', attrs('10.0.0.1', { a: 'x'.repeat(1000), b: 'x'.repeat(1000), c: 'x'.repeat(1000), d: 'x'.repeat(1000), e: 'x'.repeat(1000) }), 'limit is 5000'],
  ])('rejects %s with InvalidInput and stores nothing', async (_name, attributes, message) => {
    api = await makeApi();
    const svc = await api.service(await api.namespace());
    const res = await api.call('RegisterInstance', { ServiceId: svc, InstanceId: 'i-1', Attributes: attributes });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('InvalidInput');
    expect(res.json.Message).toContain(message);
    expect(await api.store.listInstances(svc)).toEqual([]);
  });

  it('rejects, for SRV services only, an instance id longer than one DNS label (63)', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const srv = await api.service(ns, 'srv');
    const plain = await api.service(ns, 'plain', { DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] } });
    const long = 'x'.repeat(64);
    const bad = await api.call('RegisterInstance', { ServiceId: srv, InstanceId: long, Attributes: attrs('10.0.0.1') });
    expect(bad.status).toBe(400);
    expect(bad.json.Message).toContain('must be a DNS label of at most 63');
    const ok63 = await api.call('RegisterInstance', { ServiceId: srv, InstanceId: long.slice(1), Attributes: attrs('10.0.0.1') });
    expect(ok63.status).toBe(200);
    const okPlain = await api.call('RegisterInstance', { ServiceId: plain, InstanceId: long, Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' } });
    expect(okPlain.status).toBe(200);
  });

  it('accepts IPv6 for AAAA services and rejects malformed IPv6', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const svc = await api.service(ns, 'v6', { DnsConfig: { DnsRecords: [{ Type: 'AAAA', TTL: 10 }] } });
    const ok = await api.call('RegisterInstance', { ServiceId: svc, InstanceId: 'a', Attributes: { AWS_INSTANCE_IPV6: '2001:db8::1' } });
    expect(ok.status).toBe(200);
    const bad = await api.call('RegisterInstance', { ServiceId: svc, InstanceId: 'b', Attributes: { AWS_INSTANCE_IPV6: '2001:db8::zz' } });
    expect(bad.json.Message).toContain('not a valid IPv6');
  });

  it('answers ServiceNotFound and InstanceNotFound (404)', async () => {
    api = await makeApi();
    const svc = await api.service(await api.namespace());
    const a = await api.call('RegisterInstance', { ServiceId: 'srv-aaaaaaaaaaaaaaaa', InstanceId: 'i', Attributes: {} });
    expect([a.status, a.json.__type]).toEqual([404, 'ServiceNotFound']);
    const b = await api.call('GetInstance', { ServiceId: svc, InstanceId: 'nope' });
    expect([b.status, b.json.__type]).toEqual([404, 'InstanceNotFound']);
    const c = await api.call('DeregisterInstance', { ServiceId: svc, InstanceId: 'nope' });
    expect([c.status, c.json.__type]).toEqual([404, 'InstanceNotFound']);
  });

  it('reports health: UNKNOWN without health checking, AWS_INIT_HEALTH_STATUS with a custom check', async () => {
    api = await makeApi();
    const ns = await api.namespace();
    const plain = await api.service(ns, 'plain');
    const custom = await api.service(ns, 'custom', { HealthCheckCustomConfig: {} });
    await api.call('RegisterInstance', { ServiceId: plain, InstanceId: 'p', Attributes: attrs('10.0.0.1') });
    await api.call('RegisterInstance', { ServiceId: custom, InstanceId: 'h', Attributes: attrs('10.0.0.2') });
    await api.call('RegisterInstance', { ServiceId: custom, InstanceId: 'u', Attributes: attrs('10.0.0.3', { AWS_INIT_HEALTH_STATUS: 'UNHEALTHY' }) });
    expect((await api.call('GetInstancesHealthStatus', { ServiceId: plain })).json.Status).toEqual({ p: 'UNKNOWN' });
    expect((await api.call('GetInstancesHealthStatus', { ServiceId: custom })).json.Status).toEqual({ h: 'HEALTHY', u: 'UNHEALTHY' });
    const missing = await api.call('GetInstancesHealthStatus', { ServiceId: custom, Instances: ['h', 'zz'] });
    expect(missing.json.__type).toBe('InstanceNotFound');
  });

  it('paginates ListInstances by instance id', async () => {
    api = await makeApi();
    const svc = await api.service(await api.namespace());
    for (const id of ['c', 'a', 'b']) await api.call('RegisterInstance', { ServiceId: svc, InstanceId: id, Attributes: attrs('10.0.0.1') });
    const first = await api.call('ListInstances', { ServiceId: svc, MaxResults: 2 });
    expect(first.json.Instances.map((i: { Id: string }) => i.Id)).toEqual(['a', 'b']);
    const rest = await api.call('ListInstances', { ServiceId: svc, MaxResults: 2, NextToken: first.json.NextToken });
    expect(rest.json.Instances.map((i: { Id: string }) => i.Id)).toEqual(['c']);
  });
});
