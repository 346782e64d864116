import { describe, expect, it } from 'vitest';
import { readyz, StateProbe } from './readiness.ts';
import { MemoryStore } from './store/memory/memory-store.ts';
import type { Store } from './store/store.ts';

/** A Redis-kind store whose `revision()` does what `read` says (the real Redis cases are in test/metrics.redis.e2e.test.ts). */
const redisLike = (read: () => Promise<number>): Store => ({ kind: 'redis', revision: read }) as unknown as Store;

describe('StateProbe', () => {
  it('reads the store revision and shares a result younger than maxAgeMs', async () => {
    let reads = 0;
    const probe = new StateProbe(redisLike(async () => ++reads), { maxAgeMs: 60_000 });
    const [a, b] = await Promise.all([probe.check(), probe.check()]);
    expect(a).toMatchObject({ ok: true, revision: 1 });
    expect(b).toBe(a);
    expect(reads).toBe(1);
  });

  it('fails with the error, or after timeoutMs when the store does not answer', async () => {
    expect(await new StateProbe(redisLike(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')))).check())
      .toMatchObject({ ok: false, error: 'connect ECONNREFUSED 127.0.0.1:1' });
    const silent = await new StateProbe(redisLike(() => new Promise(() => {})), { timeoutMs: 50 }).check();
    expect(silent).toMatchObject({ ok: false, error: 'no answer within 50 ms' });
    expect(silent.ms).toBeGreaterThanOrEqual(45);
  });
});

describe('/readyz', () => {
  const text = async (r: Response): Promise<[number, string]> => [r.status, await r.text()];

  it('memory state: ready once the view is loaded; no redis check', async () => {
    const store = new MemoryStore();
    let loaded = false;
    const sources = { storeKind: store.kind, probe: new StateProbe(store), viewLoaded: () => loaded };
    expect(await text(await readyz(sources, ''))).toEqual([503, '[-]view failed: the DNS view has not been loaded from the state store yet\nreadyz check failed\n']);
    loaded = true;
    expect(await text(await readyz(sources, ''))).toEqual([200, 'ok\n']);
    expect(await text(await readyz(sources, 'verbose'))).toEqual([200, '[+]view ok\nreadyz check passed\n']);
  });

  it('Redis state: 503 naming the cause while Redis does not answer; ?exclude=redis leaves it out', async () => {
    let up = false;
    const store = redisLike(async () => {
      if (!up) throw new Error('The state store is unavailable: connect ECONNREFUSED 127.0.0.1:6390');
      return 7;
    });
    const sources = { storeKind: store.kind, probe: new StateProbe(store, { maxAgeMs: 0 }), viewLoaded: () => true };
    expect(await text(await readyz(sources, ''))).toEqual([503,
      '[+]view ok\n[-]redis failed: Redis does not answer: The state store is unavailable: connect ECONNREFUSED 127.0.0.1:6390\nreadyz check failed\n']);
    expect(await text(await readyz(sources, 'exclude=redis'))).toEqual([200, 'ok\n']);
    expect(await text(await readyz(sources, 'exclude=redis&verbose'))).toEqual([200, '[+]view ok\n[+]redis excluded: ok\nreadyz check passed\n']);
    up = true;
    expect(await text(await readyz(sources, 'verbose'))).toEqual([200, '[+]view ok\n[+]redis ok\nreadyz check passed\n']);
  });
});
