/**
 * ViewFollower on the Redis store when Redis loses or swaps its data under a
 * live connection (issue 10, defect 1): the view reloads and says why at
 * warn, a write made after the reset is in the view when it is confirmed,
 * and a write the view cannot confirm fails as ServiceUnavailable. A
 * throwaway redis-server (FLUSHALL, SWAPDB and SIGSTOP hit the whole server).
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisHandle, startRedis } from '../../test/support/redis-server.ts';
import type { Logger } from '../log.ts';
import { CloudMapError } from '../model/errors.ts';
import { aNamespace, anOperation } from '../store/contract.ts';
import { RedisStore, type RedisStoreOptions } from '../store/redis/redis-store.ts';
import type { ChangeListener } from '../store/store.ts';
import { ViewFollower } from './follower.ts';
import { confirmEveryKindOfWrite } from './follower-fixtures.ts';

let redis: RedisHandle;
let admin: Redis;
beforeAll(async () => {
  redis = await startRedis({ throwaway: true });
  admin = new Redis(redis.url);
});
afterAll(async () => {
  redis?.resume();
  admin?.disconnect();
  await redis?.stop();
});

/** A logger that keeps the warn lines. */
function recordingLogger(): Logger & { warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const noop = (): void => {};
  return { warnings, debug: noop, info: noop, error: noop, warn: (obj: object | string, msg?: string) => void warnings.push(typeof obj === 'string' ? { msg: obj } : { ...obj, msg }) };
}

/** A real RedisStore whose change feed can be cut off (fault injection: events no longer delivered). */
class CutFeedRedisStore extends RedisStore {
  cut = false;
  override subscribe(after: number, listener: ChangeListener) {
    return super.subscribe(after, { ...listener, onEvents: (events) => !this.cut && listener.onEvents(events) });
  }
}

const created: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of created.splice(0)) await c.stop();
});

async function start(options: RedisStoreOptions = {}, db = 0) {
  const store = new CutFeedRedisStore({ url: `${redis.url}/${db}`, ...options });
  const logger = recordingLogger();
  const follower = new ViewFollower(store, undefined, { logger, retryDelayMs: 50 });
  created.push({ stop: async () => (await follower.stop(), await store.close()) });
  await follower.start();
  return { store, follower, logger, tracked: follower.trackWrites(store) };
}

const createNamespace = (store: RedisStore, name: string) => store.createNamespace(aNamespace(name), anOperation('CREATE_NAMESPACE', {}));

describe('ViewFollower on Redis: data reset or replaced under a live connection', () => {
  it('FLUSHALL: the view drops the lost records within a BLOCK round and logs why at warn', async () => {
    await admin.flushall();
    const { store, follower, logger } = await start({ blockMs: 300 });
    await follower.confirm((await createNamespace(store, 'gone.local')).revision, 2000);
    expect(follower.view.findZone('gone.local')).toBeDefined();
    await admin.flushall();
    await expect.poll(() => follower.view.findZone('gone.local'), { timeout: 3000 }).toBeUndefined();
    expect(logger.warnings).toContainEqual(expect.objectContaining({ msg: 'reloading the view', reason: expect.stringContaining('epoch') }));
  });

  it('FLUSHALL then a write: the write is in the view when confirm() resolves, long before the next BLOCK round', async () => {
    await admin.flushall();
    const { tracked, follower, logger } = await start({ blockMs: 30_000 });
    for (const name of ['a.local', 'b.local', 'c.local']) await follower.confirm((await createNamespace(tracked, name)).revision, 2000);
    await admin.flushall();
    const event = await createNamespace(tracked, 'after-reset.local'); // revision 1 again, below the view's 3
    expect(event.revision).toBe(1);
    await follower.confirm(event.revision, 2000);
    expect(follower.view.findZone('after-reset.local')).toBeDefined();
    expect(follower.view.findZone('a.local')).toBeUndefined();
    expect(logger.warnings.map((w) => w.msg)).toContain('the view holds another event at this write\'s revision (Redis data was reset or replaced); reloading the view');
  });

  it('SWAPDB to another deployment\'s data: the view becomes that data set', async () => {
    await admin.flushall();
    const other = await start({ blockMs: 300 }, 1);
    for (const name of ['o1.local', 'o2.local', 'o3.local', 'o4.local']) await other.follower.confirm((await createNamespace(other.store, name)).revision, 2000);
    const { store, follower } = await start({ blockMs: 300 });
    await follower.confirm((await createNamespace(store, 'mine.local')).revision, 2000);
    await admin.swapdb(0, 1);
    await expect.poll(() => [...follower.view.zones.keys()].sort(), { timeout: 3000 }).toEqual(['o1.local', 'o2.local', 'o3.local', 'o4.local']);
    await expect.poll(() => [...other.follower.view.zones.keys()], { timeout: 3000 }).toEqual(['mine.local']);
  });
});

describe('ViewFollower on Redis: a write whose wait for the view times out', () => {
  it('feed cut off: reloads and confirms the write', async () => {
    await admin.flushall();
    const { store, follower } = await start({ blockMs: 300 });
    store.cut = true;
    const event = await createNamespace(store, 'late.local');
    await follower.confirm(event.revision, 300);
    expect(follower.view.findZone('late.local')).toBeDefined();
  });

  it('feed cut off and Redis frozen (SIGSTOP): ServiceUnavailable, not a silent success', async () => {
    await admin.flushall();
    const { store, follower } = await start({ blockMs: 300, commandTimeoutMs: 300 });
    store.cut = true;
    const event = await createNamespace(store, 'frozen.local');
    redis.pause();
    try {
      const error = await follower.confirm(event.revision, 300).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloudMapError);
      expect(error).toMatchObject({ type: 'ServiceUnavailable', status: 503 });
      expect(follower.view.findZone('frozen.local')).toBeUndefined();
    } finally {
      redis.resume();
    }
    await expect.poll(() => follower.view.findZone('frozen.local'), { timeout: 10_000 }).toBeDefined();
  });
});

describe('ViewFollower.confirm on Redis in normal operation', () => {
  it('confirms every kind of write through trackWrites without a reload or a warning', async () => {
    await admin.flushall();
    const { tracked, follower, logger } = await start({ blockMs: 300 });
    await confirmEveryKindOfWrite(tracked, follower);
    expect(logger.warnings).toEqual([]);
  });
});
