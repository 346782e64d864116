import { afterEach, describe, expect, it } from 'vitest';
import { CloudMapError, errors } from '../model/errors.ts';
import type { Namespace, Operation } from '../model/types.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import { confirmEveryKindOfWrite } from './follower-fixtures.ts';
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

/**
 * A real MemoryStore whose change feed can be cut off (fault injection: new
 * events are no longer delivered, as when Redis stops answering right after
 * a write), and whose snapshots can be made to fail.
 */
class CutFeedStore extends MemoryStore {
  cut = false;
  snapshotFails = false;
  override subscribe(after: number, listener: Parameters<MemoryStore['subscribe']>[1]) {
    return super.subscribe(after, { ...listener, onEvents: (events) => !this.cut && listener.onEvents(events) });
  }
  override async snapshot() {
    if (this.snapshotFails) throw errors.unavailable('State store (Redis) unavailable: injected');
    return super.snapshot();
  }
}

describe('ViewFollower.confirm (a write waiting for its own revision)', () => {
  let follower: ViewFollower | undefined;
  afterEach(() => follower?.stop());

  it('resolves at once when the feed delivered the write', async () => {
    const store = new CutFeedStore();
    follower = new ViewFollower(store);
    await follower.start();
    const event = await store.createNamespace(ns('ns-a', 'a.local'), op('o1'));
    await follower.confirm(event.revision, 1000);
    expect(follower.view.findZone('a.local')).toBeDefined();
  });

  it('feed cut off after the write: reloads after the wait, then answers success with the write in the view', async () => {
    const store = new CutFeedStore();
    follower = new ViewFollower(store);
    await follower.start();
    store.cut = true;
    const event = await store.createNamespace(ns('ns-a', 'a.local'), op('o1'));
    const started = Date.now();
    await follower.confirm(event.revision, 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(follower.view.findZone('a.local')).toBeDefined();
  });

  it('feed cut off and no snapshot either: fails as ServiceUnavailable (503, retryable), not silent success', async () => {
    const store = new CutFeedStore();
    follower = new ViewFollower(store, undefined, { retryDelayMs: 20 });
    await follower.start();
    store.cut = true;
    store.snapshotFails = true;
    const event = await store.createNamespace(ns('ns-a', 'a.local'), op('o1'));
    const error = await follower.confirm(event.revision, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudMapError);
    expect(error).toMatchObject({ type: 'ServiceUnavailable', status: 503 });
    expect((error as Error).message).toContain(`The change was saved (revision ${event.revision})`);
    expect(follower.view.findZone('a.local')).toBeUndefined();
    store.snapshotFails = false; // the reload under way completes once the store answers
    await expect.poll(() => follower!.view.findZone('a.local')).toBeDefined();
  });
});

describe('ViewFollower.confirm in normal operation (memory store)', () => {
  it('confirms every kind of write through trackWrites without a reload or a warning', async () => {
    const warnings: unknown[] = [];
    const logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (obj: unknown) => void warnings.push(obj) };
    const store = new MemoryStore();
    const follower = new ViewFollower(store, undefined, { logger });
    await follower.start();
    try {
      await confirmEveryKindOfWrite(follower.trackWrites(store), follower);
      expect(warnings).toEqual([]);
    } finally {
      await follower.stop();
    }
  });
});

describe('ViewFollower.confirm of this process\'s own writes', () => {
  /** A real MemoryStore whose change feed delivers `delayMs` late (a busy Redis connection). */
  class LateFeedStore extends MemoryStore {
    delayMs = 0;
    override subscribe(after: number, listener: Parameters<MemoryStore['subscribe']>[1]) {
      return super.subscribe(after, { ...listener, onEvents: (events) => void setTimeout(() => listener.onEvents(events), this.delayMs) });
    }
  }

  it('applies consecutive own writes from the store\'s replies, and the feed\'s copies later are not applied or announced again', async () => {
    const store = new LateFeedStore();
    const follower = new ViewFollower(store);
    await follower.start();
    const heard: number[] = [];
    follower.addListener({ applied: (events) => heard.push(...events.map((e) => e.revision)) });
    store.delayMs = 300;
    const tracked = follower.trackWrites(store);
    try {
      const started = Date.now();
      const first = await tracked.createNamespace(ns('ns-a', 'a.local'), op('o1'));
      const second = await tracked.createNamespace(ns('ns-b', 'b.local'), op('o2'));
      await follower.confirm(second.revision, 5000);
      expect(Date.now() - started).toBeLessThan(250);
      expect(follower.view.revision).toBe(second.revision);
      expect(follower.view.findZone('a.local')).toBeDefined();
      expect(follower.view.findZone('b.local')).toBeDefined();
      await new Promise((r) => setTimeout(r, 400)); // the feed delivers both again
      expect(heard).toEqual([first.revision, second.revision]);
      expect(follower.view.revision).toBe(second.revision);
    } finally {
      await follower.stop();
    }
  });

  it('waits for the feed when another writer\'s event comes first', async () => {
    const store = new LateFeedStore();
    const follower = new ViewFollower(store);
    await follower.start();
    store.delayMs = 200;
    try {
      await store.createNamespace(ns('ns-other', 'other.local'), op('o0')); // another replica's write: not tracked
      const mine = await follower.trackWrites(store).createNamespace(ns('ns-a', 'a.local'), op('o1'));
      const started = Date.now();
      await follower.confirm(mine.revision, 5000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(follower.view.findZone('other.local')).toBeDefined();
      expect(follower.view.findZone('a.local')).toBeDefined();
    } finally {
      await follower.stop();
    }
  });
});
