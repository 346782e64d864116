import { describe, expect, it, vi } from 'vitest';
import { BulkDeadlines, Deadlines } from './deadlines.ts';

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

describe('BulkDeadlines', () => {
  it('expires unfinished items at their deadline and drops finished ones at the next sweep', () => {
    const done = new Set<number>();
    const expired: number[] = [];
    const g = new BulkDeadlines<number>(60_000, (k) => done.has(k), (k) => expired.push(k), 10_000);
    try {
      const t0 = Date.now();
      g.add(1);
      g.add(2);
      g.add(3);
      done.add(1);
      g.sweep(t0 + 1000); // nothing is due; the finished item 1 is let go
      expect(expired).toEqual([]);
      expect(g.size).toBe(2);
      done.add(3);
      g.sweep(t0 + 61_000); // 2 is due and running, 3 finished
      expect(expired).toEqual([2]);
      expect(g.size).toBe(0);
      g.sweep(t0 + 200_000);
      expect(expired).toEqual([2]);
    } finally {
      g.close();
    }
  });

  it('holds a finished item no longer than one sweep, however long the timeout', async () => {
    const done = new Set<number>();
    const g = new BulkDeadlines<number>(3_600_000, (k) => done.has(k), () => {}, 20);
    try {
      for (let i = 0; i < 1000; i++) {
        g.add(i);
        done.add(i);
      }
      g.add(-1); // still running
      await vi.waitFor(() => expect(g.size).toBe(1), { timeout: 5000, interval: 10 });
    } finally {
      g.close();
    }
  });

  it('sweeps again after going empty: an item added later still expires', async () => {
    const done = new Set<number>();
    const expired: number[] = [];
    const g = new BulkDeadlines<number>(30, (k) => done.has(k), (k) => expired.push(k), 5);
    try {
      g.add(1);
      done.add(1);
      await vi.waitFor(() => expect(g.size).toBe(0), { timeout: 5000, interval: 5 });
      g.add(2); // never finishes
      await vi.waitFor(() => expect(expired).toEqual([2]), { timeout: 5000, interval: 5 });
      expect(g.size).toBe(0);
    } finally {
      g.close();
    }
  });
});
