import { afterEach, describe, expect, it } from 'vitest';
import type { Namespace, Operation } from '../model/types.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import { ViewFollower } from './follower.ts';

const ns = (id: string, name: string): Namespace => ({
  id, arn: `arn:aws:servicediscovery:us-east-1:123456789012:namespace/${id}`, name, type: 'DNS_PRIVATE', createDate: 0, httpName: name, resourceOwner: '123456789012',
});
const op = (id: string): Operation => ({ id, type: 'CREATE_NAMESPACE', status: 'SUCCESS', ownerAccount: '1', createDate: 0, updateDate: 0, targets: {} });

describe('ViewFollower', () => {
  let follower: ViewFollower | undefined;
  afterEach(() => follower?.stop());

  it('loads existing state, then follows new writes; waitFor resolves once a revision is applied', async () => {
    const store = new MemoryStore();
    await store.createNamespace(ns('ns-a', 'a.local'), op('o1'));
    follower = new ViewFollower(store);
    await follower.start();
    expect(follower.view.findZone('a.local')).toBeDefined();
    const event = await store.createNamespace(ns('ns-b', 'b.local'), op('o2'));
    expect(await follower.waitFor(event.revision)).toBe(true);
    expect(follower.view.findZone('b.local')?.namespace.id).toBe('ns-b');
    expect(await follower.waitFor(event.revision + 10, 50)).toBe(false);
    expect(follower.view.revision).toBe(event.revision);
  });

  it('reloads in full when the feed reports a gap (stream trimmed past the snapshot)', async () => {
    /** A real MemoryStore whose first snapshot is overtaken by more writes than its event log keeps. */
    class OvertakenStore extends MemoryStore {
      snapshots = 0;
      override async snapshot() {
        const snapshot = await super.snapshot();
        if (this.snapshots++ === 0) {
          for (let i = 0; i < 5; i++) await this.createNamespace(ns(`ns-${i}`, `z${i}.local`), op(`o${i}`));
        }
        return snapshot;
      }
    }
    const store = new OvertakenStore({ eventLogSize: 2 });
    follower = new ViewFollower(store);
    await follower.start();
    await follower.waitFor(5);
    expect(store.snapshots).toBe(2);
    expect(follower.view.zones.size).toBe(5);
    expect(follower.view.revision).toBe(5);
  });
});
