import { describe, expect, it } from 'vitest';
import { aNamespace, anInstance, anOperation, aService, describeStoreContract } from '../contract.ts';
import { MemoryStore } from './memory-store.ts';

describeStoreContract('MemoryStore', async (options = {}) => {
  const store = new MemoryStore({
    ...(options.eventLogSize !== undefined && { eventLogSize: options.eventLogSize }),
    ...(options.maxOperations !== undefined && { maxOperations: options.maxOperations }),
  });
  return { store, cleanup: () => store.close() };
});

describe('MemoryStore change log', () => {
  it('keeps exactly the last eventLogSize events across the bulk drops of trimmed entries', async () => {
    const store = new MemoryStore({ eventLogSize: 3 });
    const ns = aNamespace('app.local');
    await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
    const svc = (await store.createService(aService(ns, 'backend'))).service;
    // 2 + 9 events: the array holding the log is compacted twice on the way (at 6 and 9 trimmed entries).
    for (let revision = 3; revision <= 11; revision++) {
      await store.registerInstance(anInstance(svc, `i-${revision}`, {}), anOperation('REGISTER_INSTANCE', {}));
      const delivered: number[] = [];
      let gaps = 0;
      const oldestKept = revision - 2;
      const sub = store.subscribe(oldestKept - 1, { onEvents: (events) => delivered.push(...events.map((e) => e.revision)), onGap: () => gaps++ });
      const behind = store.subscribe(oldestKept - 2, { onEvents: () => {}, onGap: () => gaps-- });
      await new Promise((r) => setTimeout(r, 0));
      expect(delivered).toEqual([oldestKept, oldestKept + 1, oldestKept + 2]);
      expect(gaps).toBe(-1); // only the subscriber behind the kept events got a gap
      await Promise.all([sub.close(), behind.close()]);
    }
    await store.close();
  });
});
