/**
 * Shard leases against a real redis-server: holders split the shards
 * fairly, never share one, take over from a holder that stops or dies, and
 * a holder cut off from Redis stops acting before anyone else takes over.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from '../../../test/support/redis-server.ts';
import { commandConnectionOptions, whenReady } from './connection.ts';
import { RedisKeys } from './keys.ts';
import { readShardLeases, ShardLeases, type ShardLeasesOptions } from './shard-leases.ts';

let redis: RedisHandle;
const clients: Redis[] = [];
const prefix = uniquePrefix();
const keys = new RedisKeys(prefix);

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await deleteKeys(redis.url, prefix);
  await redis.stop();
});

function client(url = redis.url): Redis {
  const c = new Redis(url, commandConnectionOptions({ connectTimeoutMs: 500, commandTimeoutMs: 500 }));
  c.on('error', () => {});
  clients.push(c);
  return c;
}

function leases(holder: string, group: string, extra: Partial<ShardLeasesOptions> = {}): ShardLeases {
  return new ShardLeases({ redis: client(), keys, group, holder, shards: 32, ttlMs: 600, ...extra });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every shard 0..n-1 held by exactly one of `holders`. */
function expectPartition(holders: ShardLeases[], n = 32): void {
  const all = holders.flatMap((h) => [...h.held()]);
  expect(all.sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
}

describe('ShardLeases', () => {
  it('splits the shards fairly and without overlap as holders join, and a stopped holder’s shards are taken at once', async () => {
    const a = leases('a', 'join');
    await a.renew();
    expect(a.held().size).toBe(32);
    const b = leases('b', 'join');
    await b.renew(); // b joins: share 16, but a still holds all 32
    expect(b.held().size).toBe(0);
    await a.renew(); // a gives 16 back
    await b.renew();
    expect([a.held().size, b.held().size]).toEqual([16, 16]);
    expectPartition([a, b]);
    const c = leases('c', 'join');
    for (const h of [c, a, b, c]) await h.renew();
    expect([a.held().size, b.held().size, c.held().size].sort()).toEqual([10, 11, 11]);
    expectPartition([a, b, c]);
    await a.stop();
    expect(a.held().size).toBe(0);
    for (const h of [b, c]) await h.renew();
    expect([b.held().size, c.held().size]).toEqual([16, 16]);
    expectPartition([b, c]);
    const reader = client();
    await whenReady(reader, 1000);
    const view = await readShardLeases(reader, keys, 'join');
    expect(view.holders.map((h) => h.holder).sort()).toEqual(['b', 'c']);
    expect(view.shards).toHaveLength(32);
    await Promise.all([b.stop(), c.stop()]);
  });

  it('takes over the shards of a holder that died once its leases expire (ttl), not before', async () => {
    const dead = leases('dead', 'death');
    await dead.renew();
    const live = leases('live', 'death');
    await live.renew();
    expect(live.held().size).toBe(0);
    await sleep(300);
    await live.renew();
    expect(live.held().size).toBe(0); // dead's leases still run: nothing is free
    await sleep(400); // dead's leases (600 ms) ran out
    await live.renew();
    expect(live.held().size).toBe(32);
    await live.stop();
  });

  it('a holder cut off from Redis stops acting on its shards before another one can take them', async () => {
    const proxy: TcpProxy = await startTcpProxy(Number(new URL(redis.url).port));
    const changes: number[] = [];
    const cut = new ShardLeases({
      redis: client(`redis://127.0.0.1:${proxy.port}`), keys, group: 'cut', holder: 'cut', shards: 4, ttlMs: 800,
      onChange: (held) => changes.push(held.size),
    });
    await cut.start();
    expect(cut.held().size).toBe(4);
    proxy.cut();
    const cutAt = performance.now();
    const other = leases('other', 'cut', { shards: 4, ttlMs: 800 });
    let lostAfter = -1;
    let takenAfter = -1;
    while (takenAfter < 0 && performance.now() - cutAt < 3000) {
      await other.renew();
      if (lostAfter < 0 && cut.held().size === 0) lostAfter = performance.now() - cutAt;
      if (other.held().size === 4) takenAfter = performance.now() - cutAt;
      // Never both: the cut-off holder must have given up before the other holds anything.
      expect(cut.held().size === 0 || other.held().size === 0).toBe(true);
      await sleep(20);
    }
    expect(lostAfter).toBeGreaterThanOrEqual(0);
    expect(takenAfter).toBeGreaterThan(lostAfter);
    expect(changes).toEqual([4, 0]); // onChange heard the loss without a successful call
    await cut.stop();
    await other.stop();
    await proxy.close();
  });

  it('keys vanish when nobody renews them', async () => {
    const h = leases('once', 'vanish', { ttlMs: 300 });
    await h.renew();
    const c = client();
    await whenReady(c, 1000);
    expect(await c.exists(keys.leaseShards('vanish'), keys.leaseHolders('vanish'))).toBe(2);
    await sleep(450);
    expect(await c.exists(keys.leaseShards('vanish'), keys.leaseHolders('vanish'))).toBe(0);
  });
});
