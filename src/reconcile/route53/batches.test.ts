import type { Change } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { ChangeUnitTooLarge, changeSize, packBatches, ROUTE53_LIMITS } from './batches.ts';

const change = (action: 'CREATE' | 'DELETE' | 'UPSERT', value: string, n = 1): Change => ({
  Action: action,
  ResourceRecordSet: { Name: 'x.app.local.', Type: 'TXT', TTL: 1, ResourceRecords: Array.from({ length: n }, () => ({ Value: value })) },
});

describe('change batches within Route 53 limits', () => {
  it('counts UPSERT twice', () => {
    expect(changeSize(change('CREATE', 'abcd', 2))).toEqual([1, 2, 8]);
    expect(changeSize(change('UPSERT', 'abcd', 2))).toEqual([1, 4, 16]);
  });

  it('1,500 two-change units make batches of at most 1,000 changes, units kept whole', () => {
    const units = Array.from({ length: 1500 }, (_, i) => [change('CREATE', `10.0.${i >> 8}.${i & 255}`), change('CREATE', '"owner"')]);
    const batches = packBatches(units).map((b) => b.flat());
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 1000]);
    expect(batches.flat()).toEqual(units.flat());
  });

  it('stays under 32,000 value characters', () => {
    const units = Array.from({ length: 100 }, () => [change('CREATE', 'v'.repeat(1000))]);
    const batches = packBatches(units).map((b) => b.flat());
    expect(batches.map((b) => b.length)).toEqual([32, 32, 32, 4]);
    for (const b of batches) expect(b.reduce((s, c) => s + changeSize(c)[2], 0)).toBeLessThanOrEqual(ROUTE53_LIMITS.valueChars);
  });

  it('UPSERTs fill a batch twice as fast', () => {
    const units = Array.from({ length: 600 }, () => [change('UPSERT', 'a')]);
    expect(packBatches(units).map((b) => b.length)).toEqual([500, 100]);
  });

  it('a unit too large alone is an error, not a silent split', () => {
    expect(() => packBatches([[change('CREATE', 'v'.repeat(40_000))]])).toThrow(ChangeUnitTooLarge);
    expect(packBatches([])).toEqual([]);
  });
});
