import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.ts';

/** A read whose promise the test settles by hand, with a count of reads started and not yet taken. */
function manualReads() {
  const pending = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  const started: number[] = [];
  const read = (n: number): Promise<string> => {
    started.push(n);
    return new Promise((resolve, reject) => pending.set(n, { resolve, reject }));
  };
  return { pending, started, read };
}

const counter = (limit: number) => {
  let n = 0;
  return (): number | undefined => (n < limit ? n++ : undefined);
};

describe('readAhead', () => {
  it('keeps at most inFlight reads started ahead of the consumer and yields in request order', async () => {
    const { pending, started, read } = manualReads();
    const it = readAhead(counter(10), read, 3)[Symbol.asyncIterator]();
    const first = it.next();
    expect(started).toEqual([0, 1, 2]);
    // Replies arrive out of order: the consumer still gets 0 first.
    pending.get(2)!.resolve('r2');
    pending.get(0)!.resolve('r0');
    expect(await first).toEqual({ value: 'r0', done: false });
    // Taking 0 started one more (3), no further: 1, 2, 3 outstanding.
    expect(started).toEqual([0, 1, 2, 3]);
    const second = it.next();
    pending.get(1)!.resolve('r1');
    expect(await second).toEqual({ value: 'r1', done: false });
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(await it.next()).toEqual({ value: 'r2', done: false });
    for (let n = 3; n < 10; n++) pending.get(n)?.resolve(`r${n}`);
    const rest: string[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) {
      rest.push(r.value);
      for (let n = 3; n < 10; n++) pending.get(n)?.resolve(`r${n}`);
    }
    expect(rest).toEqual(['r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
    expect(started).toHaveLength(10);
  });

  it('rejects at the failed read\'s place; later failures in flight are not unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { pending, read } = manualReads();
      const it = readAhead(counter(5), read, 3)[Symbol.asyncIterator]();
      const first = it.next();
      pending.get(0)!.resolve('r0');
      expect((await first).value).toBe('r0');
      const second = it.next();
      pending.get(2)!.reject(new Error('later read failed'));
      pending.get(1)!.reject(new Error('read 1 failed'));
      await expect(second).rejects.toThrow('read 1 failed');
      expect(await it.next()).toEqual({ value: undefined, done: true });
      pending.get(3)!.reject(new Error('also failed'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('starts no more reads once the consumer stops', async () => {
    const { pending, started, read } = manualReads();
    let taken = 0;
    for await (const _ of readAhead(counter(100), (n) => {
      const p = read(n);
      pending.get(n)!.resolve(`r${n}`);
      return p;
    }, 2)) {
      if (++taken === 3) break;
    }
    // The 3 taken and the 2 started ahead of the consumer, then nothing.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads the follow-up a taken result names before further items, and ends only after the last follow-up', async () => {
    const started: number[] = [];
    // Item 1 is a scan in three steps: 1 → 100 → 101; the others have no follow-up.
    const follow = new Map([[1, 100], [100, 101]]);
    const results: string[] = [];
    for await (const r of readAhead(counter(4), async (n: number) => {
      started.push(n);
      return `r${n}`;
    }, 2, (_result, n) => follow.get(n))) {
      results.push(r);
    }
    expect(started).toEqual([0, 1, 2, 100, 3, 101]);
    expect(results).toEqual(['r0', 'r1', 'r2', 'r100', 'r3', 'r101']);
  });
});
