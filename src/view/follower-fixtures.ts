/**
 * Test fixtures for the ViewFollower suites (memory and Redis): a sequence
 * of every kind of write, each confirmed the way the API confirms it.
 * Test-only (excluded from dist/).
 */
import { expect } from 'vitest';
import { aNamespace, anInstance, anOperation, aService } from '../store/contract.ts';
import type { Store } from '../store/store.ts';
import type { ViewFollower } from './follower.ts';

/**
 * Creates a namespace, a service and two instances, changes one's health,
 * deregisters both and deletes the service and namespace, through `store`
 * (a `follower.trackWrites` store), confirming each write within 2 s and
 * checking the view after each step.
 */
export async function confirmEveryKindOfWrite(store: Store, follower: ViewFollower): Promise<void> {
  const confirm = async (write: Promise<{ revision: number } | undefined>): Promise<void> => {
    const event = await write;
    expect(event).toBeDefined();
    await follower.confirm(event!.revision, 2000);
  };
  const ns = aNamespace('kinds.local');
  await confirm(store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id })));
  const svc = aService(ns, 'api');
  await confirm(store.createService(svc));
  for (const id of ['i-1', 'i-2']) {
    await confirm(store.registerInstance(anInstance(svc, id, { AWS_INSTANCE_IPV4: '10.0.0.1' }), anOperation('REGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: id })));
  }
  expect(follower.view.findZone('kinds.local')).toBeDefined();
  await confirm(store.setInstanceHealth(svc.id, 'i-1', 'UNHEALTHY', Date.now()));
  for (const id of ['i-1', 'i-2']) await confirm(store.deregisterInstance(svc.id, id, anOperation('DEREGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: id })));
  await confirm(store.deleteService(svc.id));
  await confirm(store.deleteNamespace(ns.id, anOperation('DELETE_NAMESPACE', { NAMESPACE: ns.id })));
  expect(follower.view.findZone('kinds.local')).toBeUndefined();
}
