/**
 * The Redis change-feed follower notices lost or swapped data under a live
 * connection (issue 10, defect 1): FLUSHALL, and a Redis that now holds
 * another data set (SWAPDB stands in for a failover to a replica with other
 * data: the connection stays up, the data under it changes). A throwaway
 * redis-server, because both commands hit the whole server.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisHandle, startRedis } from '../../../test/support/redis-server.ts';
import { aNamespace, anOperation } from '../contract.ts';
import type { ChangeEvent } from '../events.ts';
import { GAP_REASONS } from './follower.ts';
import { RedisStore } from './redis-store.ts';

let redis: RedisHandle;
let admin: Redis;
beforeAll(async () => {
  redis = await startRedis({ throwaway: true });
  admin = new Redis(redis.url);
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

/** A store (db `db`, default prefix) with a subscription from revision 0 that records what it gets. */
function follow(db = 0, blockMs = 300) {
  const store = new RedisStore({ url: `${redis.url}/${db}`, blockMs });
  const events: ChangeEvent[] = [];
  const gaps: (string | undefined)[] = [];
  const sub = store.subscribe(0, { onEvents: (e) => events.push(...e), onGap: (reason) => gaps.push(reason) });
  return { store, events, gaps, close: async () => (await sub.close(), await store.close()) };
}

const createNamespace = (store: RedisStore, name: string) => store.createNamespace(aNamespace(name), anOperation('CREATE_NAMESPACE', {}));

describe('Redis follower: data lost or replaced under a live connection', () => {
  it('sees no gap while the data stays (several idle XREAD rounds and writes)', async () => {
    await admin.flushall();
    const f = follow();
    try {
      await createNamespace(f.store, 'a.local');
      await new Promise((resolve) => setTimeout(resolve, 1000)); // > 3 BLOCK rounds
      await createNamespace(f.store, 'b.local');
      await expect.poll(() => f.events.length).toBe(2);
      expect(f.gaps).toEqual([]);
      expect(await admin.get('cloudmap:{cm}:epoch')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await f.close();
    }
  });

  it('FLUSHALL: reports a gap (epoch) within a BLOCK round, without any write afterwards', async () => {
    await admin.flushall();
    const f = follow();
    try {
      await createNamespace(f.store, 'a.local');
      await expect.poll(() => f.events.length).toBe(1);
      await admin.flushall();
      await expect.poll(() => f.gaps, { timeout: 3000 }).toEqual([GAP_REASONS.epoch]);
    } finally {
      await f.close();
    }
  });

  it('FLUSHALL then more writes than before: the new history is not delivered as a continuation', async () => {
    await admin.flushall();
    const f = follow(0, 2000);
    try {
      await createNamespace(f.store, 'a.local');
      await expect.poll(() => f.events.length).toBe(1);
      await admin.flushall();
      for (const name of ['x.local', 'y.local', 'z.local']) await createNamespace(f.store, name); // revisions 1..3 again
      await expect.poll(() => f.gaps, { timeout: 5000 }).toEqual([GAP_REASONS.epoch]);
      expect(f.events.map((e) => e.type === 'NamespaceUpserted' && e.namespace.name)).toEqual(['a.local']);
    } finally {
      await f.close();
    }
  });

  it('another data set under the connection (SWAPDB to a longer history with its own epoch): a gap, and none of its events', async () => {
    await admin.flushall();
    const other = follow(1); // another deployment, followed too, so its data set has an epoch of its own
    const f = follow(0);
    try {
      await createNamespace(f.store, 'mine.local');
      await expect.poll(() => f.events.length).toBe(1);
      for (const name of ['o1.local', 'o2.local', 'o3.local']) await createNamespace(other.store, name);
      await expect.poll(() => other.events.length).toBe(3);
      const epochs = [await admin.get('cloudmap:{cm}:epoch'), await admin.select(1).then(() => admin.get('cloudmap:{cm}:epoch'))];
      await admin.select(0);
      expect(epochs[0]).not.toBe(epochs[1]);
      await admin.swapdb(0, 1);
      await expect.poll(() => f.gaps, { timeout: 3000 }).toEqual([GAP_REASONS.epoch]);
      expect(f.events).toHaveLength(1);
      await expect.poll(() => other.gaps, { timeout: 3000 }).toEqual([GAP_REASONS.epoch]);
    } finally {
      await other.close();
      await f.close();
    }
  });
});
