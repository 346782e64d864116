import { describe, expect, it } from 'vitest';
import { decode, fixtureView, query, rrs } from '../../test/support/dns-fixtures.ts';
import { Flag, Rcode } from './constants.ts';
import { createResolver } from './resolver.ts';

const resolver = createResolver(fixtureView());
const udp = { transport: 'udp' } as const;
const tcp = { transport: 'tcp' } as const;

/** Offset after the question of a query built by `query()` (one question, no compression). */
function questionEnd(bytes: Uint8Array): number {
  let off = 12;
  while (bytes[off] !== 0) off += bytes[off]! + 1;
  return off + 5;
}

describe('header and question (RFC 1035 §4.1.1)', () => {
  it('echoes ID, RD, CD and the question bytes; sets QR and AA; never RA', () => {
    const q = query('BackEnd.APP.local', 'A', { id: 0xbeef, cd: true });
    const r = resolver.handle(q, udp)!;
    const res = decode(r);
    expect(res.id).toBe(0xbeef);
    expect(res.raw & Flag.QR).toBeTruthy();
    expect(res.raw & Flag.AA).toBeTruthy();
    expect(res.raw & Flag.RD).toBeTruthy();
    expect(res.raw & Flag.CD).toBeTruthy();
    expect(res.raw & Flag.RA).toBe(0);
    expect(res.raw & 0x0f).toBe(Rcode.NOERROR);
    const qEnd = questionEnd(q);
    expect(r.subarray(12, qEnd)).toEqual(q.subarray(12, qEnd));
    expect(res.questions).toEqual([{ name: 'BackEnd.APP.local', type: 'A', class: 'IN' }]);
  });

  it('clears RD when the query did not set it', () => {
    const res = decode(resolver.handle(query('backend.app.local', 'A', { rd: false }), udp)!);
    expect(res.raw & Flag.RD).toBe(0);
  });

  it('owns answers with a compression pointer to the question name', () => {
    const q = query('backend.app.local', 'A');
    const r = resolver.handle(q, udp)!;
    const off = questionEnd(q);
    expect([r[off], r[off + 1]]).toEqual([0xc0, 0x0c]);
  });

  it('drops messages shorter than a header and responses', () => {
    expect(resolver.handle(new Uint8Array(11), udp)).toBeNull();
    expect(resolver.handle(new Uint8Array(0), udp)).toBeNull();
    const q = query('backend.app.local', 'A');
    q[2]! |= 0x80;
    expect(resolver.handle(q, udp)).toBeNull();
  });

  it('answers opcodes other than QUERY with NOTIMP', () => {
    for (const opcode of [1, 2, 4, 5]) {
      const q = query('backend.app.local', 'A', { id: 9 });
      q[2] = (q[2]! & 0x87) | (opcode << 3);
      const res = decode(resolver.handle(q, udp)!);
      expect(res.id).toBe(9);
      expect(res.raw & 0x0f).toBe(Rcode.NOTIMP);
      expect((res.raw >> 11) & 0xf).toBe(opcode);
      expect(res.answers).toEqual([]);
      expect(res.raw & Flag.AA).toBe(0);
    }
  });

  it('answers QDCOUNT other than 1 with FORMERR', () => {
    const none = new Uint8Array(12);
    none[1] = 5;
    let res = decode(resolver.handle(none, udp)!);
    expect(res.id).toBe(5);
    expect(res.raw & 0x0f).toBe(Rcode.FORMERR);
    expect(res.questions).toEqual([]);
    const two = query('backend.app.local', 'A');
    two[5] = 2;
    res = decode(resolver.handle(two, udp)!);
    expect(res.raw & 0x0f).toBe(Rcode.FORMERR);
    expect(res.questions).toEqual([]);
  });

  it('answers undecodable messages that have a header with FORMERR', () => {
    const q = query('backend.app.local', 'A');
    const cut = q.subarray(0, 20);
    expect(decode(resolver.handle(cut, udp)!).raw & 0x0f).toBe(Rcode.FORMERR);
    // A readable question followed by a promised additional record that is not there.
    const lying = query('backend.app.local', 'A');
    lying[11] = 1;
    const res = decode(resolver.handle(lying, udp)!);
    expect(res.raw & 0x0f).toBe(Rcode.FORMERR);
    expect(res.questions).toEqual([{ name: 'backend.app.local', type: 'A', class: 'IN' }]);
    // Garbage.
    const junk = new Uint8Array(64).fill(0xff);
    junk[2] = 0;
    expect(decode(resolver.handle(junk, udp)!).raw & 0x0f).toBe(Rcode.FORMERR);
  });

  it('refuses a question label that contains a dot byte', () => {
    const q = query('a-b.backend.app.local', 'A');
    q[14] = 0x2e; // "a.b" as one label
    const res = decode(resolver.handle(q, udp)!);
    expect(res.raw & 0x0f).toBe(Rcode.REFUSED);
  });
});

describe('EDNS (RFC 6891)', () => {
  it('echoes an OPT with our payload size and the DO bit', () => {
    const res = decode(resolver.handle(query('backend.app.local', 'A', { edns: 4096, dnssecOk: true }), udp)!);
    const opt = res.additionals!.filter((a) => a.type === 'OPT') as unknown as { udpPayloadSize: number; ednsVersion: number; flag_do: boolean; name: string }[];
    expect(opt).toHaveLength(1);
    expect(opt[0]).toMatchObject({ name: '.', udpPayloadSize: 1232, ednsVersion: 0, flag_do: true });
  });

  it('sends no OPT when the query had none', () => {
    const res = decode(resolver.handle(query('backend.app.local', 'A'), udp)!);
    expect(res.additionals).toEqual([]);
  });

  it('answers EDNS version 1 with BADVERS and an OPT of version 0 (§6.1.3)', () => {
    const res = decode(resolver.handle(query('backend.app.local', 'A', { edns: 1232, ednsVersion: 1 }), udp)!);
    expect(res.fullRcode).toBe(Rcode.BADVERS);
    expect(res.raw & 0x0f).toBe(0);
    expect(res.answers).toEqual([]);
    const opt = res.additionals!.find((a) => a.type === 'OPT') as unknown as { extendedRcode: number; ednsVersion: number };
    expect(opt).toMatchObject({ extendedRcode: 1, ednsVersion: 0 });
  });

  it('answers two OPT records with FORMERR (§6.1.1)', () => {
    const one = query('backend.app.local', 'A', { edns: 1232 });
    const opt = one.subarray(one.length - 11);
    const two = new Uint8Array(one.length + 11);
    two.set(one);
    two.set(opt, one.length);
    two[11] = 2;
    expect(decode(resolver.handle(two, udp)!).raw & 0x0f).toBe(Rcode.FORMERR);
  });
});

describe('size limits and truncation (RFC 1035 §4.2.1, RFC 2181 §9)', () => {
  // big.app.local SRV: 8 answers of 71 bytes; each target's A record is 16 bytes.
  it('sets TC with no answer when the RRset does not fit 512 bytes', () => {
    const q = query('big.app.local', 'SRV', { id: 77 });
    const r = resolver.handle(q, udp)!;
    const res = decode(r);
    expect(res.raw & Flag.TC).toBeTruthy();
    expect(res.raw & Flag.AA).toBeTruthy();
    expect(res.raw & 0x0f).toBe(Rcode.NOERROR);
    expect(res.id).toBe(77);
    expect(res.questions).toHaveLength(1);
    expect(res.answers).toEqual([]);
    expect(res.authorities).toEqual([]);
    expect(res.additionals).toEqual([]);
    expect(r.length).toBe(questionEnd(q));
  });

  it('keeps the OPT record in a truncated response', () => {
    const res = decode(resolver.handle(query('big.app.local', 'SRV', { edns: 512 }), udp)!);
    expect(res.raw & Flag.TC).toBeTruthy();
    expect(res.answers).toEqual([]);
    expect(res.additionals!.map((a) => a.type)).toEqual(['OPT']);
  });

  it('drops additional records that do not fit before truncating, without TC', () => {
    const r = resolver.handle(query('big.app.local', 'SRV', { edns: 700 }), udp)!;
    const res = decode(r);
    expect(res.raw & Flag.TC).toBe(0);
    expect(res.answers).toHaveLength(8);
    const extra = res.additionals!.filter((a) => a.type !== 'OPT');
    expect(extra).toHaveLength(5);
    const targets = new Set(res.answers!.map((a) => (a as { data: { target: string } }).data.target));
    for (const a of extra) expect(targets.has(a.name)).toBe(true);
    expect(res.additionals!.at(-1)!.type).toBe('OPT');
    expect(r.length).toBeLessThanOrEqual(700);
  });

  it('fits everything in 1232 bytes with EDNS and over TCP', () => {
    for (const [ctx, edns] of [[udp, 4096], [tcp, false]] as const) {
      const res = decode(resolver.handle(query('big.app.local', 'SRV', { edns }), ctx)!);
      expect(res.raw & Flag.TC).toBe(0);
      expect(res.answers).toHaveLength(8);
      expect(rrs(res.additionals)).toHaveLength(8);
    }
  });

  it('caps the UDP size at our own payload size', () => {
    const small = createResolver(fixtureView(), { udpPayloadSize: 650 });
    const r = small.handle(query('big.app.local', 'SRV', { edns: 4096 }), udp)!;
    const res = decode(r);
    expect(r.length).toBeLessThanOrEqual(650);
    expect(res.raw & Flag.TC).toBe(0);
    expect(res.answers).toHaveLength(8);
    expect(rrs(res.additionals)).toHaveLength(2);
    expect(res.additionals!.find((a) => a.type === 'OPT')).toMatchObject({ udpPayloadSize: 650 });
  });

  it('never exceeds 512 bytes without EDNS', () => {
    for (const name of ['backend.app.local', 'big.app.local', 'app.local', 'nope.app.local', 'i-1.backend.app.local']) {
      for (const type of ['A', 'AAAA', 'SRV', 'ANY', 'SOA', 'NS'] as const) {
        expect(resolver.handle(query(name, type), udp)!.length).toBeLessThanOrEqual(512);
      }
    }
  });

  it('keeps the authority SOA in NXDOMAIN responses over UDP', () => {
    const res = decode(resolver.handle(query('nope.app.local', 'A'), udp)!);
    expect(res.rcode).toBe('NXDOMAIN');
    expect(res.authorities).toHaveLength(1);
  });
});

describe('failures', () => {
  it('answers SERVFAIL when the view throws', () => {
    const view = fixtureView();
    view.findZone = () => {
      throw new Error('boom');
    };
    const res = decode(createResolver(view).handle(query('backend.app.local', 'A', { id: 3 }), udp)!);
    expect(res.id).toBe(3);
    expect(res.raw & 0x0f).toBe(Rcode.SERVFAIL);
    expect(res.questions).toHaveLength(1);
  });
});
