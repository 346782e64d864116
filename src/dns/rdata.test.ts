import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { RRType } from './constants.ts';
import { canonicalIPv6, encodeName, encodeRecordBody, formatIPv6, parseIPv4, parseIPv6 } from './rdata.ts';

/** Decode TYPE..RDATA bytes with dns-packet by putting them behind a root owner in a response. */
function decodeBody(body: Uint8Array): dnsPacket.Answer {
  const header = new Uint8Array([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  const msg = new Uint8Array(header.length + body.length);
  msg.set(header);
  msg.set(body, header.length);
  return dnsPacket.decode(Buffer.from(msg)).answers![0]!;
}

describe('IPv4 and IPv6 text (RFC 1035 §3.4.1, RFC 4291 §2.2, RFC 5952 §4)', () => {
  it.each([
    ['10.0.0.1', [10, 0, 0, 1]],
    ['255.255.255.255', [255, 255, 255, 255]],
  ])('parses %s', (text, bytes) => expect([...parseIPv4(text)!]).toEqual(bytes));

  it.each(['10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5', '', 'a.b.c.d'])('rejects IPv4 %j', (text) => expect(parseIPv4(text)).toBeUndefined());

  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['FD00:0:0:0:0:0:0:1', 'fd00::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', '2001:db8::ff00:42:8329'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ['1::', '1::'],
  ])('canonical form of %s is %s', (text, canonical) => expect(canonicalIPv6(text)).toBe(canonical));

  it.each(['1:2:3:4:5:6:7', '1::2::3', ':::', '12345::', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', '::1.2.3', 'g::1'])('rejects IPv6 %j', (text) =>
    expect(parseIPv6(text)).toBeUndefined(),
  );

  it('formats what it parses', () => {
    for (const t of ['2001:db8::1', '::', 'fe80::1:2']) expect(formatIPv6(parseIPv6(t)!)).toBe(t);
  });
});

describe('encodeName (RFC 1035 §3.1)', () => {
  it('writes length-prefixed labels and the root', () => {
    expect([...encodeName('ab.c')!]).toEqual([2, 0x61, 0x62, 1, 0x63, 0]);
    expect([...encodeName('ab.c.')!]).toEqual([2, 0x61, 0x62, 1, 0x63, 0]);
    expect([...encodeName('.')!]).toEqual([0]);
  });
  it('rejects empty and long labels and long names', () => {
    expect(encodeName('a..b')).toBeUndefined();
    expect(encodeName(`${'a'.repeat(64)}.b`)).toBeUndefined();
    expect(encodeName(`${'a'.repeat(63)}.`.repeat(4))).toBeUndefined();
    expect(encodeName(`${'a'.repeat(62)}.`.repeat(4).slice(0, -1))).toBeDefined();
  });
});

describe('encodeRecordBody: what dns-packet decodes back', () => {
  it.each([
    [RRType.A, '10.1.2.3', { type: 'A', data: '10.1.2.3' }],
    [RRType.AAAA, 'fd00::1', { type: 'AAAA', data: 'fd00::1' }],
    [RRType.CNAME, 'lb.example.com', { type: 'CNAME', data: 'lb.example.com' }],
    [RRType.NS, 'ns1.app.local', { type: 'NS', data: 'ns1.app.local' }],
    [RRType.SRV, '1 1 8080 i-1.b.app.local', { type: 'SRV', data: { priority: 1, weight: 1, port: 8080, target: 'i-1.b.app.local' } }],
    [
      RRType.SOA,
      'ns1.app.local hostmaster.app.local 1 7200 900 1209600 86400',
      { type: 'SOA', data: { mname: 'ns1.app.local', rname: 'hostmaster.app.local', serial: 1, refresh: 7200, retry: 900, expire: 1209600, minimum: 86400 } },
    ],
  ] as const)('type %i %s', (type, value, expected) => {
    const rr = decodeBody(encodeRecordBody(type, 3600, value)!);
    expect(rr).toMatchObject({ ...expected, ttl: 3600, class: 'IN' });
  });

  it.each([
    [RRType.A, '::1'],
    [RRType.AAAA, '10.0.0.1'],
    [RRType.SRV, '1 1 70000 x'],
    [RRType.SRV, '1 1 80'],
    [RRType.SOA, 'a b 1 2 3 4'],
    [RRType.CNAME, 'a..b'],
    [99, 'x'],
  ])('type %i rejects %j', (type, value) => expect(encodeRecordBody(type, 1, value)).toBeUndefined());
});
