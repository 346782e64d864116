import { afterEach, describe, expect, it } from 'vitest';
import { createResolver } from '../dns/resolver.ts';
import { RRType } from '../dns/constants.ts';
import type { Instance, Namespace, Operation, Service } from '../model/types.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import type { BatchedSnapshot, Snapshot } from '../store/store.ts';
import { View } from './view.ts';
import { ViewFollower } from './follower.ts';

const ns: Namespace = { id: 'ns-app', arn: 'arn:x:ns', name: 'app.local', type: 'DNS_PRIVATE', createDate: 0, httpName: 'app.local', resourceOwner: '123456789012' };
const svc: Service = {
  id: 'srv-backend', arn: 'arn:x:srv', name: 'backend', namespaceId: 'ns-app', type: 'DNS_HTTP', createdByAccount: '123456789012', resourceOwner: '123456789012',
  createDate: 0, instancesRevision: 0, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: 30 }],
};
const inst = (id: string, ip: string): Instance => ({ id, serviceId: 'srv-backend', attributes: { AWS_INSTANCE_IPV4: ip }, createdByAccount: '123456789012', createDate: 0, updateDate: 0, healthStatus: 'HEALTHY' });
const op = (id: string): Operation => ({ id, type: 'REGISTER_INSTANCE', status: 'SUCCESS', ownerAccount: '1', createDate: 0, updateDate: 0, targets: {} });

describe('a full reload builds the new view beside the old one', () => {
  let follower: ViewFollower | undefined;
  afterEach(() => follower?.stop());

  it('keeps answering from the old view until the swap, then from the new one (slow loader injected)', async () => {
    /** A store whose next snapshot can be replaced: the data Redis holds after a reset or failover. */
    class SwappedStore extends MemoryStore {
      next: Snapshot | undefined;
      override async snapshot(): Promise<Snapshot> {
        return this.next ?? super.snapshot();
      }
    }
    const store = new SwappedStore();
    await store.createNamespace(ns, op('o1'));
    await store.createService(svc);
    await store.registerInstance(inst('i-1', '10.0.0.1'), op('o2'));
    /** Between slices of a load: holds the load while `gate` is set. */
    let gate: Promise<void> | undefined;
    let sliceReached: (() => void) | undefined;
    follower = new ViewFollower(store, undefined, {
      onLoadSlice: async () => {
        sliceReached?.();
        await gate;
      },
    });
    await follower.start();
    const resolver = createResolver(follower.view, { ready: () => follower!.loaded });
    const addresses = (): string[] => resolver.resolve({ name: 'backend.app.local', type: RRType.A }).answers.map((r) => r.value).sort();
    expect(addresses()).toEqual(['10.0.0.1']);
    const revision = follower.view.revision;

    // The store now holds other data (600 other instances, i-1 gone); reload with the loader held half-way.
    const current = await store.snapshot();
    const others = Array.from({ length: 600 }, (_, i) => inst(`i-${i + 2}`, `10.1.${i >> 8}.${i & 255}`));
    store.next = { ...current, revision: revision + 100, instances: others };
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (sliceReached = resolve));
    const reload = follower.resync(10_000);
    await reached;
    // Mid-load: the old view answers, unchanged; nothing of the new state shows.
    expect(follower.loaded).toBe(true);
    expect(addresses()).toEqual(['10.0.0.1']);
    expect(follower.view.revision).toBe(revision);
    expect(follower.view.services.get('srv-backend')!.instances.size).toBe(1);
    expect(resolver.resolve({ name: 'nope.app.local', type: RRType.A }).rcode).toBe(3); // NXDOMAIN from the complete old view
    release();
    gate = undefined;
    expect(await reload).toBe(true);
    expect(follower.view.revision).toBe(revision + 100);
    expect(follower.view.services.get('srv-backend')!.instances.size).toBe(600);
    expect(addresses()).toHaveLength(8);
    expect(addresses().every((a) => a.startsWith('10.1.'))).toBe(true);
  });
});

describe('a load from a batched snapshot (what the Redis store gives)', () => {
  /** A batched snapshot whose batches the test hands out one by one (or fails). */
  function heldBatches(base: Omit<BatchedSnapshot, 'instanceBatches'>) {
    const queue: { batch?: Instance[]; error?: Error }[] = [];
    let wake: (() => void) | undefined;
    let taken = 0;
    const snapshot: BatchedSnapshot = {
      ...base,
      instanceBatches: (async function* () {
        for (;;) {
          while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          const next = queue.shift()!;
          if (next.error) throw next.error;
          if (!next.batch) return;
          taken++;
          yield next.batch;
        }
      })(),
    };
    const give = (item: { batch?: Instance[]; error?: Error }): void => {
      queue.push(item);
      wake?.();
    };
    return { snapshot, give, taken: () => taken };
  }
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

  it('builds instances as their batches arrive, keeps unchanged instance objects, and swaps only after the last batch', async () => {
    const view = new View();
    view.load({ revision: 5, namespaces: [ns], services: [svc], instances: [inst('i-1', '10.0.0.1'), inst('i-2', '10.0.0.2')] });
    const [one, two] = ['i-1', 'i-2'].map((id) => view.services.get('srv-backend')!.instances.get(id)!);
    const held = heldBatches({ revision: 9, namespaces: [ns], services: [svc] });
    const loading = view.loadInSlices(held.snapshot, { sliceMs: 0 });
    held.give({ batch: [inst('i-1', '10.0.0.1'), inst('i-2', '10.9.9.9')] });
    await settle();
    expect(held.taken()).toBe(1);
    // Mid-load: the old state, whole.
    expect(view.revision).toBe(5);
    expect(view.services.get('srv-backend')!.instances.get('i-2')).toBe(two);
    held.give({ batch: [inst('i-3', '10.0.0.3')] });
    held.give({});
    expect(await loading).toBe(3);
    const entry = view.services.get('srv-backend')!;
    expect(view.revision).toBe(9);
    expect([...entry.instances.keys()].sort()).toEqual(['i-1', 'i-2', 'i-3']);
    expect(entry.instances.get('i-1')).toBe(one); // unchanged: the same object
    expect(entry.instances.get('i-2')).not.toBe(two);
    expect(entry.instances.get('i-2')!.attributes.AWS_INSTANCE_IPV4).toBe('10.9.9.9');
  });

  it('leaves the old view in place when a batch fails, and the follower retries the load', async () => {
    const view = new View();
    view.load({ revision: 5, namespaces: [ns], services: [svc], instances: [inst('i-1', '10.0.0.1')] });
    const held = heldBatches({ revision: 9, namespaces: [ns], services: [svc] });
    const loading = view.loadInSlices(held.snapshot);
    held.give({ batch: [inst('i-7', '10.0.0.7')] });
    held.give({ error: new Error('Redis went away mid-snapshot') });
    await expect(loading).rejects.toThrow('Redis went away mid-snapshot');
    expect(view.revision).toBe(5);
    expect([...view.services.get('srv-backend')!.instances.keys()]).toEqual(['i-1']);

    /** A memory store that serves its snapshot in batches and fails the first one it is asked for. */
    class BatchedStore extends MemoryStore {
      calls = 0;
      async snapshotInBatches(): Promise<BatchedSnapshot> {
        const { instances, ...rest } = await this.snapshot();
        const fail = this.calls++ === 0;
        return {
          ...rest,
          instanceBatches: (async function* () {
            yield instances.slice(0, 1);
            if (fail) throw new Error('injected: batch read failed');
            yield instances.slice(1);
          })(),
        };
      }
    }
    const store = new BatchedStore();
    await store.createNamespace(ns, op('o1'));
    await store.createService(svc);
    await store.registerInstance(inst('i-1', '10.0.0.1'), op('o2'));
    await store.registerInstance(inst('i-2', '10.0.0.2'), op('o3'));
    follower = new ViewFollower(store, undefined, { retryDelayMs: 10 });
    await follower.start();
    expect(store.calls).toBe(2);
    expect([...follower.view.services.get('srv-backend')!.instances.keys()].sort()).toEqual(['i-1', 'i-2']);
  });

  let follower: ViewFollower | undefined;
  afterEach(() => follower?.stop());
});
