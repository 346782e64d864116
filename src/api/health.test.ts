import { afterEach, describe, expect, it } from 'vitest';
import { decode, query, rrs } from '../../test/support/dns-fixtures.ts';
import { createResolver } from '../dns/resolver.ts';
import { makeApi } from './test-harness.ts';

describe('UpdateInstanceCustomHealthStatus', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  afterEach(() => api?.close());

  async function setup(serviceExtra: Record<string, unknown> = { HealthCheckCustomConfig: {} }) {
    api = await makeApi();
    const ns = await api.namespace();
    const svc = await api.service(ns, 'backend', serviceExtra);
    for (const [id, ip] of [['i-1', '10.0.0.1'], ['i-2', '10.0.0.2']] as const) {
      const reg = await api.call('RegisterInstance', { ServiceId: svc, InstanceId: id, Attributes: { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '80' } });
      expect(reg.status).toBe(200);
    }
    return svc;
  }
  const dnsA = (api: Awaited<ReturnType<typeof makeApi>>) =>
    rrs(decode(createResolver(api.view).handle(query('backend.app.local', 'A'), { transport: 'tcp' })!).answers).sort();

  it('is followed at once by GetInstancesHealthStatus, DiscoverInstances and DNS; InstancesRevision stays', async () => {
    const svc = await setup();
    const before = await api.call('DiscoverInstancesRevision', { NamespaceName: 'app.local', ServiceName: 'backend' });
    expect(dnsA(api)).toEqual(['backend.app.local 60 A 10.0.0.1', 'backend.app.local 60 A 10.0.0.2']);

    const res = await api.call('UpdateInstanceCustomHealthStatus', { ServiceId: svc, InstanceId: 'i-1', Status: 'UNHEALTHY' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});

    expect((await api.call('GetInstancesHealthStatus', { ServiceId: svc })).json.Status).toEqual({ 'i-1': 'UNHEALTHY', 'i-2': 'HEALTHY' });
    const found = await api.call('DiscoverInstances', { NamespaceName: 'app.local', ServiceName: 'backend' });
    expect(found.json.Instances.map((i: { InstanceId: string }) => i.InstanceId)).toEqual(['i-2']);
    expect(found.json.InstancesRevision).toBe(before.json.InstancesRevision);
    const unhealthy = await api.call('DiscoverInstances', { NamespaceName: 'app.local', ServiceName: 'backend', HealthStatus: 'UNHEALTHY' });
    expect(unhealthy.json.Instances).toEqual([expect.objectContaining({ InstanceId: 'i-1', HealthStatus: 'UNHEALTHY' })]);
    expect(dnsA(api)).toEqual(['backend.app.local 60 A 10.0.0.2']);
    expect((await api.call('GetInstance', { ServiceId: svc, InstanceId: 'i-1' })).json.Instance.Attributes).toEqual({ AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' });

    await api.call('UpdateInstanceCustomHealthStatus', { ServiceId: svc, InstanceId: 'i-1', Status: 'HEALTHY' });
    expect(dnsA(api)).toEqual(['backend.app.local 60 A 10.0.0.1', 'backend.app.local 60 A 10.0.0.2']);
  });

  it('answers CustomHealthNotFound (404) for a service without HealthCheckCustomConfig', async () => {
    const svc = await setup({});
    const res = await api.call('UpdateInstanceCustomHealthStatus', { ServiceId: svc, InstanceId: 'i-1', Status: 'UNHEALTHY' });
    expect(res.status).toBe(404);
    expect(res.json.__type).toBe('CustomHealthNotFound');
  });

  it('answers InstanceNotFound and ServiceNotFound, and validates Status against the model', async () => {
    const svc = await setup();
    const missing = await api.call('UpdateInstanceCustomHealthStatus', { ServiceId: svc, InstanceId: 'I-1', Status: 'HEALTHY' });
    expect([missing.status, missing.json.__type]).toEqual([404, 'InstanceNotFound']);
    const noService = await api.call('UpdateInstanceCustomHealthStatus', { ServiceId: 'srv-aaaaaaaaaaaaaaaa', InstanceId: 'i-1', Status: 'HEALTHY' });
    expect([noService.status, noService.json.__type]).toEqual([404, 'ServiceNotFound']);
    const bad = await api.call('UpdateInstanceCustomHealthStatus', { ServiceId: svc, InstanceId: 'i-1', Status: 'UNKNOWN' });
    expect([bad.status, bad.json.__type]).toEqual([400, 'InvalidInput']);
    expect((await api.call('GetInstancesHealthStatus', { ServiceId: svc })).json.Status).toEqual({ 'i-1': 'HEALTHY', 'i-2': 'HEALTHY' });
  });
});
