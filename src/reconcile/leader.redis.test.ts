/**
 * The reconciler's leader lease against a real redis-server: several
 * replicas, one leader; a released or expired lease is taken over; a
 * replica that cannot renew stops counting itself leader before the lease
 * can pass to another.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisHandle, startRedis, uniquePrefix } from '../../test/support/redis-server.ts';
import { AlwaysLeader, RedisLease } from './leader.ts';

let redis: RedisHandle;
let client: Redis;
beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

const lease = (key: string, holder: string, ttlMs = 600) => new RedisLease(client, { key, holder, ttlMs, renewMs: 150 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reconcile leader lease in Redis', () => {
  it('one of several replicas leads; release hands over at once', async () => {
    const key = `${uniquePrefix()}lease:reconcile`;
    const [a, b, c] = [lease(key, 'a'), lease(key, 'b'), lease(key, 'c')];
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(await c.tryAcquire()).toBe(false);
    expect(await a.tryAcquire()).toBe(true); // renewal
    expect(await client.get(key)).toBe('a');
    await a.stop();
    expect(await client.get(key)).toBeNull();
    expect(await b.tryAcquire()).toBe(true);
    expect(await c.tryAcquire()).toBe(false);
    await b.stop();
  });

  it('a leader that stops renewing (crashed) loses the lease after its TTL; it stops acting before that', async () => {
    const key = `${uniquePrefix()}lease:reconcile`;
    const crashed = new RedisLease(client, { key, holder: 'crashed', ttlMs: 1000, renewMs: 300 });
    const next = new RedisLease(client, { key, holder: 'next', ttlMs: 1000, renewMs: 300 });
    const t0 = Date.now();
    expect(await crashed.tryAcquire()).toBe(true);
    while (crashed.isLeader()) await sleep(10);
    const stoppedActing = Date.now() - t0;
    expect(stoppedActing).toBeGreaterThanOrEqual(700);
    // The key is still there for about renewMs: nobody else leads yet.
    expect(await next.tryAcquire()).toBe(false);
    while (!(await next.tryAcquire())) await sleep(20);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    await next.stop();
  });

  it('start() renews in the background and reports gains and losses', async () => {
    const key = `${uniquePrefix()}lease:reconcile`;
    const seen: boolean[] = [];
    const a = lease(key, 'a');
    await a.start((leader) => seen.push(leader));
    await sleep(800); // longer than the TTL: only background renewals keep it
    expect(a.isLeader()).toBe(true);
    expect(await lease(key, 'b').tryAcquire()).toBe(false);
    await a.stop();
    expect(seen).toEqual([true, false]);
  });

  it('with memory state the single process is always the leader', async () => {
    const seen: boolean[] = [];
    const only = new AlwaysLeader();
    await only.start((l) => seen.push(l));
    expect(only.isLeader()).toBe(true);
    expect(seen).toEqual([true]);
  });
});
