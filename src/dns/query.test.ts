import { describe, expect, it } from 'vitest';
import { query } from '../../test/support/dns-fixtures.ts';
import { emptyParsedQuery, parseQuery } from './query.ts';

describe('parseQuery', () => {
  it('reads the question, labels and EDNS', () => {
    const pq = emptyParsedQuery();
    expect(parseQuery(query('Backend.App.Local', 'SRV', { id: 12, edns: 1400, dnssecOk: true }), pq)).toBe(true);
    expect(pq).toMatchObject({ id: 12, opcode: 0, questionLabels: 3, edns: true, ednsUdpSize: 1400, dnssecOk: true, error: 0 });
    expect(pq.question).toEqual({ name: 'Backend.App.Local', type: 33, class: 1 });
    expect(pq.questionEnd).toBe(12 + 19 + 4);
    expect([...pq.labelOffsets.subarray(0, 3)]).toEqual([12, 20, 24]);
  });

  it('rejects names with a label over 63 bytes or compression pointers in the question', () => {
    const pq = emptyParsedQuery();
    const q = query('backend.app.local', 'A');
    q[12] = 0x40;
    expect(parseQuery(q, pq)).toBe(true);
    expect(pq.error).toBe(1);
    const p = query('backend.app.local', 'A');
    p[12] = 0xc0;
    p[13] = 0x0c;
    parseQuery(p, pq);
    expect(pq.error).toBe(1);
  });
});
