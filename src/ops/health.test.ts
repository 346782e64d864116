import { describe, expect, it } from 'vitest';
import { aNamespace, anInstance, anOperation, aService } from '../store/contract.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import { ViewFollower } from '../view/follower.ts';
import { setInstanceHealth } from './health.ts';

async function setup() {
  const store = new MemoryStore();
  const ns = aNamespace('app.local');
  await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
  const svc = (await store.createService(aService(ns, 'backend'))).service;
  await store.registerInstance(anInstance(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1' }), anOperation('REGISTER_INSTANCE', {}));
  const follower = new ViewFollower(store);
  await follower.start();
  const deps = { store, region: 'us-east-1', accountId: '123456789012', now: () => 42, awaitRevision: async (r: number) => void (await follower.waitFor(r)) };
  return { store, svc, follower, deps };
}

describe('setInstanceHealth (ops, no HTTP)', () => {
  it('changes the status, is in the view when it resolves, and is a cheap no-op when unchanged', async () => {
    const { store, svc, follower, deps } = await setup();
    const changed = await setInstanceHealth(deps, { serviceId: svc.arn, instanceId: 'i-1', status: 'UNHEALTHY', reason: 'HTTP 503' });
    expect(changed).toEqual({ outcome: 'changed', revision: 4 });
    expect(follower.view.services.get(svc.id)!.instances.get('i-1')).toMatchObject({ healthStatus: 'UNHEALTHY', updateDate: 42 });
    expect(await setInstanceHealth(deps, { serviceId: svc.id, instanceId: 'i-1', status: 'UNHEALTHY' })).toEqual({ outcome: 'unchanged' });
    expect(await store.revision()).toBe(4);
    await follower.stop();
  });

  it('reports `missing` with ifExists, and throws InstanceNotFound without it', async () => {
    const { svc, follower, deps } = await setup();
    expect(await setInstanceHealth(deps, { serviceId: svc.id, instanceId: 'gone', status: 'HEALTHY', ifExists: true })).toEqual({ outcome: 'missing' });
    await expect(setInstanceHealth(deps, { serviceId: svc.id, instanceId: 'gone', status: 'HEALTHY' })).rejects.toMatchObject({ type: 'InstanceNotFound' });
    await expect(setInstanceHealth(deps, { serviceId: 'srv-x', instanceId: 'i-1', status: 'HEALTHY', ifExists: true })).rejects.toMatchObject({ type: 'ServiceNotFound' });
    await follower.stop();
  });
});
