import { describe, expect, it } from 'vitest';
import { Deadlines, GenerationalDeadlines } from './deadlines.ts';

describe('Deadlines', () => {
  it('expires keys at their deadline in order, re-arming moves a key back', () => {
    const expired: string[] = [];
    const d = new Deadlines<string>(100, (k) => expired.push(k), 10_000);
    try {
      const t0 = Date.now();
      d.arm('a');
      d.arm('b');
      d.armOnce('a');
      d.arm('c');
      d.disarm('c');
      d.sweep(t0 + 50);
      expect(expired).toEqual([]);
      d.sweep(t0 + 10_000);
      expect(expired).toEqual(['a', 'b']);
      expect(d.size).toBe(0);
    } finally {
      d.close();
    }
  });
});

describe('GenerationalDeadlines', () => {
  it('expires only unfinished items of the older generation', () => {
    const done = new Set<number>();
    const expired: number[] = [];
    const g = new GenerationalDeadlines<number>(60_000, (k) => done.has(k), (k) => expired.push(k));
    try {
      g.add(1);
      g.add(2);
      g.rotate(); // 1 and 2 become the older generation
      g.add(3);
      done.add(1);
      g.rotate(); // checks 1 (done) and 2 (running)
      expect(expired).toEqual([2]);
      g.rotate(); // checks 3
      expect(expired).toEqual([2, 3]);
      g.rotate();
      expect(expired).toEqual([2, 3]);
    } finally {
      g.close();
    }
  });
});
