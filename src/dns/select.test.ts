import { describe, expect, it } from 'vitest';
import { seeded } from '../../test/support/dns-fixtures.ts';
import { MULTIVALUE_MAX, pick } from './select.ts';

const range = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('pick (Route 53 MULTIVALUE / WEIGHTED)', () => {
  it('MULTIVALUE: up to 8 distinct healthy records', () => {
    for (const n of [0, 1, 3, 8, 9, 16, 17, 100, 1000]) {
      const out: string[] = [];
      expect(pick({ healthy: range(n, 'h'), unhealthy: range(5, 'u') }, false, seeded(n), out)).toBe(n === 0 ? 5 : Math.min(n, MULTIVALUE_MAX));
      expect(new Set(out).size).toBe(out.length);
      for (const r of out) expect(r.startsWith(n === 0 ? 'u' : 'h')).toBe(true);
    }
  });

  it('fails open to unhealthy records only when no record is healthy', () => {
    const out: string[] = [];
    pick({ healthy: [], unhealthy: range(12, 'u') }, false, seeded(1), out);
    expect(out).toHaveLength(8);
    out.length = 0;
    pick({ healthy: ['h0'], unhealthy: range(12, 'u') }, false, seeded(1), out);
    expect(out).toEqual(['h0']);
    out.length = 0;
    expect(pick({ healthy: [], unhealthy: [] }, false, seeded(1), out)).toBe(0);
  });

  it('WEIGHTED: exactly one record, with fail open', () => {
    const out: string[] = [];
    pick({ healthy: range(10, 'h'), unhealthy: [] }, true, seeded(2), out);
    expect(out).toHaveLength(1);
    out.length = 0;
    pick({ healthy: [], unhealthy: range(3, 'u') }, true, seeded(2), out);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^u/);
  });

  it('chooses subsets and orders uniformly', () => {
    const random = seeded(99);
    const perRecord = new Map<string, number>();
    const first = new Map<string, number>();
    const rounds = 20000;
    for (let i = 0; i < rounds; i++) {
      const out: string[] = [];
      pick({ healthy: range(20, 'h'), unhealthy: [] }, false, random, out);
      for (const r of out) perRecord.set(r, (perRecord.get(r) ?? 0) + 1);
      first.set(out[0]!, (first.get(out[0]!) ?? 0) + 1);
    }
    // Each of 20 records is in 8/20 of the answers and first in 1/20.
    for (const n of perRecord.values()) expect(Math.abs(n / rounds - 0.4)).toBeLessThan(0.02);
    for (const n of first.values()) expect(Math.abs(n / rounds - 0.05)).toBeLessThan(0.01);
    // Small pools are shuffled too.
    const orders = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const out: string[] = [];
      pick({ healthy: range(3, 'h'), unhealthy: [] }, false, random, out);
      orders.add(out.join());
    }
    expect(orders.size).toBe(6);
  });

  it('terminates with degenerate random sources', () => {
    for (const random of [() => 0, () => 0.9999999999, () => 1]) {
      const out: string[] = [];
      pick({ healthy: range(50, 'h'), unhealthy: [] }, false, random, out);
      expect(new Set(out).size).toBe(8);
    }
  });
});
