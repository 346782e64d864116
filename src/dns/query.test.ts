import { describe, expect, it } from 'vitest';
import { query } from '../../test/support/dns-fixtures.ts';
import { Rcode } from './constants.ts';
import { emptyParsedQuery, parseQuery } from './query.ts';

const parse = (bytes: Uint8Array) => {
  const pq = emptyParsedQuery();
  expect(parseQuery(bytes, pq)).toBe(true);
  return pq;
};

/** A query for `a.b` type A with ARCOUNT = 1 and the given additional record bytes. */
function withAdditional(record: number[], arcount = 1): Uint8Array {
  return new Uint8Array([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, arcount, 1, 0x61, 1, 0x62, 0, 0, 1, 0, 1, ...record]);
}
/** OPT record: root owner, TYPE 41, CLASS = size, TTL = ext-rcode/version/flags, RDLENGTH, RDATA. */
const opt = (rdlength: number, rdata: number[] = [], version = 0, size = 1232) => [0, 0, 41, size >> 8, size & 0xff, 0, version, 0, 0, rdlength >> 8, rdlength & 0xff, ...rdata];

describe('parseQuery', () => {
  it('reads the question (lowercased), labels and EDNS', () => {
    const pq = parse(query('Backend.App.Local', 'SRV', { id: 12, edns: 1400, dnssecOk: true }));
    expect(pq).toMatchObject({ id: 12, opcode: 0, questionLabels: 3, edns: true, ednsUdpSize: 1400, dnssecOk: true, error: 0 });
    expect(pq.question).toEqual({ name: 'backend.app.local', type: 33, class: 1 });
    expect(pq.questionEnd).toBe(12 + 19 + 4);
    expect([...pq.labelOffsets.subarray(0, 3)]).toEqual([12, 20, 24]);
    expect(parse(query('.', 'NS')).question.name).toBe('');
  });

  it('rejects names with a label over 63 bytes or compression pointers in the question', () => {
    const q = query('backend.app.local', 'A');
    q[12] = 0x40;
    expect(parse(q).error).toBe(Rcode.FORMERR);
    const p = query('backend.app.local', 'A');
    p[12] = 0xc0;
    p[13] = 0x0c;
    expect(parse(p).error).toBe(Rcode.FORMERR);
  });

  it('treats an EDNS size under 512 as 512 (RFC 6891 §6.2.5)', () => {
    expect(parse(query('a.b', 'A', { edns: 100 })).ednsUdpSize).toBe(512);
  });

  it.each([
    ['an OPT whose RDATA runs past the message (issue 10)', withAdditional(opt(20, [0, 10, 0, 4]))],
    ['an OPT option longer than the RDATA', withAdditional(opt(6, [0, 10, 0, 8, 1, 2]))],
    ['an OPT option header cut short', withAdditional(opt(2, [0, 10]))],
    ['an OPT not owned by the root', withAdditional([1, 0x78, 0, ...opt(0).slice(1)])],
    ['two OPT records', withAdditional([...opt(0), ...opt(0)], 2)],
    ['a record header cut short', withAdditional([0, 0, 41, 4])],
    ['ARCOUNT larger than the records present', withAdditional(opt(0), 2)],
    ['bytes after the last record', withAdditional([...opt(0), 0xff])],
    ['bytes after the question', new Uint8Array([...query('a.b', 'A'), 0])],
    ['an additional record whose owner name overruns', withAdditional([5, 0x61])],
  ])('answers FORMERR without OPT for %s', (_, bytes) => {
    const pq = parse(bytes);
    expect(pq.error).toBe(Rcode.FORMERR);
    expect(pq.edns).toBe(false);
    expect(pq.questionEnd).toBe(12 + 5 + 4);
  });

  it('accepts OPT options that fill the RDATA exactly, and other additional records', () => {
    const cookie = [0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8];
    expect(parse(withAdditional(opt(12, cookie)))).toMatchObject({ error: 0, edns: true, ednsUdpSize: 1232 });
    // A TXT record before the OPT, owned by a compression pointer to the question.
    const txt = [0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 0, 0, 2, 1, 0x7a];
    expect(parse(withAdditional([...txt, ...opt(0)], 2))).toMatchObject({ error: 0, edns: true });
  });

  it('answers BADVERS for EDNS version 1 and keeps the OPT', () => {
    expect(parse(withAdditional(opt(0, [], 1)))).toMatchObject({ error: Rcode.BADVERS, edns: true });
  });
});
