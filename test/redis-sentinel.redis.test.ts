/**
 * Issue 10 item 6: the change-stream follower and its epoch check across a
 * Sentinel failover (a master, a replica and three Sentinels from Debian's
 * redis-server, `--redis-sentinels` through ioredis).
 *
 * - A replica promoted with the same data is not a reset: the view keeps
 *   every record throughout, does not reload, and follows writes made on
 *   the new master.
 * - A replica promoted without the last writes (replication cut, then the
 *   master killed: what asynchronous replication loses) is a gap: the view
 *   reloads, says so at warn, drops what the new master does not hold, and
 *   follows new writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../src/log.ts';
import { aNamespace, anOperation } from '../src/store/contract.ts';
import { GAP_REASONS } from '../src/store/redis/follower.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import type { RedisTarget } from '../src/store/redis/target.ts';
import { ViewFollower } from '../src/view/follower.ts';
import { redisCli, until } from './support/redis-nodes.ts';
import { MASTER_NAME, type SentinelGroup, startSentinelGroup } from './support/redis-sentinel.ts';

function recordingLogger(): Logger & { warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const noop = (): void => {};
  return { warnings, debug: noop, info: noop, error: noop, warn: (obj: object | string, msg?: string) => void warnings.push(typeof obj === 'string' ? { msg: obj } : { ...obj, msg }) };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store and a view follower on the group's master, through the Sentinels. */
async function follow(group: SentinelGroup) {
  const target: RedisTarget = { mode: 'sentinel', sentinels: group.sentinelAddresses, masterName: MASTER_NAME, db: 0 };
  const store = new RedisStore({ target, blockMs: 500, commandTimeoutMs: 1000, connectTimeoutMs: 1000, retryDelayMs: { min: 100, max: 500 } });
  const logger = recordingLogger();
  const follower = new ViewFollower(store, undefined, { logger, retryDelayMs: 100 });
  cleanups.push(async () => (await follower.stop(), await store.close()));
  await follower.start();
  return { store, follower, logger };
}

/** Creates namespace `name`, retrying while the store is unavailable (as an API client retries a 503), at most 30 s. */
async function createNamespace(store: RedisStore, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await store.createNamespace(aNamespace(name), anOperation('CREATE_NAMESPACE', {}));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('Sentinel failover under a live view', () => {
  it('to a replica with the same data: no reload, nothing missing at any moment, new writes followed', async () => {
    const group = await startSentinelGroup();
    cleanups.push(() => group.stop());
    const { store, follower, logger } = await follow(group);
    for (const name of ['one.local', 'two.local']) await createNamespace(store, name);
    await until(() => follower.view.findZone('two.local') !== undefined, 'both namespaces in the view', 5000);
    await group.waitForReplicaInSync(group.master.port);

    let missing = 0;
    const watch = setInterval(() => {
      if (!follower.view.findZone('one.local') || !follower.view.findZone('two.local')) missing++;
    }, 20);
    try {
      await redisCli(['-p', String(group.sentinels[0]!.port), 'sentinel', 'failover', MASTER_NAME]);
      await group.waitForMaster(group.replica.port);
      await createNamespace(store, 'three.local');
      await until(() => follower.view.findZone('three.local') !== undefined, 'the write on the new master in the view', 15_000);
    } finally {
      clearInterval(watch);
    }
    expect(missing).toBe(0);
    expect(logger.warnings.filter((w) => String(w.msg).includes('reloading'))).toEqual([]);
    expect(follower.view.findZone('one.local')).toBeDefined();
  });

  it('to a replica that missed the last writes: a gap, the view reloads and drops them, then follows the new master', async () => {
    const group = await startSentinelGroup({ relay: true });
    cleanups.push(() => group.stop());
    const { store, follower, logger } = await follow(group);
    await createNamespace(store, 'kept.local');
    await group.waitForReplicaInSync(group.master.port);
    group.cutReplication();
    for (const name of ['lost-1.local', 'lost-2.local']) await createNamespace(store, name);
    await until(() => follower.view.findZone('lost-2.local') !== undefined, 'the writes the replica missed in the view', 5000);

    await group.master.kill();
    await group.waitForMaster(group.replica.port);
    await until(() => follower.view.findZone('lost-1.local') === undefined, 'the view to drop what the new master lacks', 20_000);
    expect(follower.view.findZone('lost-2.local')).toBeUndefined();
    expect(follower.view.findZone('kept.local')).toBeDefined();
    expect(logger.warnings.map((w) => w.reason)).toContain(GAP_REASONS.lost);

    await createNamespace(store, 'after.local');
    await until(() => follower.view.findZone('after.local') !== undefined, 'a write on the new master in the view', 10_000);
  });
});
