import { describe, expect, it } from 'vitest';
import { createResolver } from '../dns/resolver.ts';
import { decode, fixtureView, query } from '../../test/support/dns-fixtures.ts';
import { ResponseRateLimiter } from '../dns/rrl.ts';
import { answerUdp, createTcpSession, frameTcpMessage, TcpMessageReader, udpAnswerer } from './udp-tcp.ts';

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
};

describe('frameTcpMessage (RFC 1035 §4.2.2)', () => {
  it('prefixes the big-endian length', () => {
    expect([...frameTcpMessage(new Uint8Array([7, 8, 9]))]).toEqual([0, 3, 7, 8, 9]);
    const big = frameTcpMessage(new Uint8Array(300));
    expect([big[0], big[1]]).toEqual([1, 44]);
    expect(frameTcpMessage(new Uint8Array(65535)).length).toBe(65537);
    expect(() => frameTcpMessage(new Uint8Array(65536))).toThrow(RangeError);
  });
});

describe('TcpMessageReader', () => {
  const messages = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(600).fill(5), new Uint8Array([9])];
  const stream = concat(...messages.map(frameTcpMessage));

  it('yields whole messages from one chunk', () => {
    const got: number[][] = [];
    const reader = new TcpMessageReader((m) => got.push([...m]));
    reader.push(stream);
    expect(got).toEqual(messages.map((m) => [...m]));
    expect(reader.bufferedBytes).toBe(0);
  });

  it('yields the same messages for every way of splitting the stream', () => {
    for (const size of [1, 2, 3, 5, 7, 64, 601, 602, 603]) {
      const got: number[][] = [];
      const reader = new TcpMessageReader((m) => got.push([...m]));
      for (let off = 0; off < stream.length; off += size) reader.push(stream.subarray(off, off + size));
      expect(got, `chunks of ${size}`).toEqual(messages.map((m) => [...m]));
      expect(reader.bufferedBytes).toBe(0);
    }
  });

  it('splits between the two length bytes and keeps a partial message buffered', () => {
    const got: Uint8Array[] = [];
    const reader = new TcpMessageReader((m) => got.push(m.slice()));
    const framed = frameTcpMessage(new Uint8Array([4, 4, 4, 4]));
    reader.push(framed.subarray(0, 1));
    reader.push(framed.subarray(1, 3));
    expect(got).toEqual([]);
    expect(reader.bufferedBytes).toBe(3);
    reader.push(concat(framed.subarray(3), framed.subarray(0, 2)));
    expect(got).toEqual([new Uint8Array([4, 4, 4, 4])]);
    expect(reader.bufferedBytes).toBe(2);
  });

  it('handles a maximum-size message split in two', () => {
    const framed = frameTcpMessage(new Uint8Array(65535).fill(1));
    const got: number[] = [];
    const reader = new TcpMessageReader((m) => got.push(m.length));
    reader.push(framed.subarray(0, 40000));
    reader.push(framed.subarray(40000));
    expect(got).toEqual([65535]);
  });
});

describe('DNS over TCP session (RFC 7766)', () => {
  it('answers pipelined queries in order, across chunk boundaries', () => {
    const resolver = createResolver(fixtureView());
    const out: Uint8Array[] = [];
    const session = createTcpSession(resolver, (framed) => out.push(framed));
    const queries = [query('backend.app.local', 'A', { id: 1 }), query('nope.app.local', 'A', { id: 2 }), query('big.app.local', 'SRV', { id: 3 })];
    const stream = concat(...queries.map(frameTcpMessage));
    for (let off = 0; off < stream.length; off += 13) session.push(stream.subarray(off, off + 13));
    expect(session.answered).toBe(3);
    const responses = out.map((framed) => {
      expect((framed[0]! << 8) | framed[1]!).toBe(framed.length - 2);
      return decode(framed.subarray(2));
    });
    expect(responses.map((r) => [r.id, r.rcode])).toEqual([
      [1, 'NOERROR'],
      [2, 'NXDOMAIN'],
      [3, 'NOERROR'],
    ]);
    // TCP carries the whole SRV RRset that UDP truncates.
    expect(responses[2]!.raw & 0x0200).toBe(0);
    expect(responses[2]!.answers).toHaveLength(8);
  });

  it('skips messages the resolver drops and keeps going', () => {
    const resolver = createResolver(fixtureView());
    const out: Uint8Array[] = [];
    const session = createTcpSession(resolver, (framed) => out.push(framed));
    session.push(concat(frameTcpMessage(new Uint8Array(3)), frameTcpMessage(query('backend.app.local', 'A', { id: 8 }))));
    expect(out).toHaveLength(1);
    expect(decode(out[0]!.subarray(2)).id).toBe(8);
  });
});

describe('DNS over UDP', () => {
  it('truncates to 512 bytes without EDNS', () => {
    const resolver = createResolver(fixtureView());
    const res = decode(answerUdp(resolver, query('big.app.local', 'SRV'))!);
    expect(res.raw & 0x0200).toBeTruthy();
    expect(answerUdp(resolver, new Uint8Array(4))).toBeNull();
  });
});

describe('udpAnswerer', () => {
  const resolver = createResolver(fixtureView());
  const q = query('backend.app.local', 'A');

  it('answers as answerUdp when RRL is off', () => {
    const answer = udpAnswerer(resolver);
    const [a, b] = [decode(answer(q, '127.0.0.2')!), decode(answerUdp(resolver, q)!)];
    expect([a.rcode, a.answers?.length, a.flag_tc]).toEqual([b.rcode, b.answers?.length, false]);
  });

  it('with RRL: sends up to the rate, then drops (null) and slips (TC=1, no answers) in turn, per source network', () => {
    const answer = udpAnswerer(resolver, new ResponseRateLimiter({ responsesPerSecond: 2, now: () => 0 }));
    const got = Array.from({ length: 6 }, () => answer(q, '127.0.0.2'));
    expect(got.map((r) => (r === null ? 'drop' : decode(r).flag_tc ? 'slip' : decode(r).answers?.length))).toEqual([3, 3, 'drop', 'slip', 'drop', 'slip']);
    expect(decode(answer(q, '127.0.1.2')!).answers).toHaveLength(3);
  });
});
