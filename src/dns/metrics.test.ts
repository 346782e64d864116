import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { fixtureView, query } from '../../test/support/dns-fixtures.ts';
import type { Logger } from '../log.ts';
import { DnsMetrics, instrumentResolver, questionTypeAndVersion } from './metrics.ts';
import { createResolver } from './resolver.ts';

/** `name{labels} value` lines of one metric family. */
async function samples(registry: Registry, name: string): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}

function capture(debug: boolean): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const push = (obj: object | string, msg?: string): void => void lines.push(typeof obj === 'string' ? { msg: obj } : { ...obj, msg });
  return { lines, logger: { debug: push, info: push, warn: push, error: push, isLevelEnabled: (level) => debug || level !== 'debug' } };
}

describe('questionTypeAndVersion', () => {
  it.each([
    ['A, no EDNS', query('backend.app.local', 'A'), 1],
    ['SRV, EDNS 0', query('backend.app.local', 'SRV', { edns: 1232 }), 33],
    ['root NS', query('.', 'NS'), 2],
    ['CAA (type 257)', query('x.app.local', 'CAA'), 257],
    ['AAAA, EDNS version 1', query('x.app.local', 'AAAA', { edns: 1232, ednsVersion: 1 }), 28 | (1 << 16)],
  ])('%s', (_, q, expected) => expect(questionTypeAndVersion(q)).toBe(expected));

  it('is -1 without a readable question', () => {
    expect(questionTypeAndVersion(new Uint8Array(5))).toBe(-1);
    const q = query('backend.app.local', 'A');
    expect(questionTypeAndVersion(q.subarray(0, q.length - 3))).toBe(-1);
    const two = q.slice();
    two[5] = 2; // QDCOUNT 2
    expect(questionTypeAndVersion(two)).toBe(-1);
    const pointer = q.slice();
    pointer[12] = 0xc0; // a compression pointer in a question is not read
    expect(questionTypeAndVersion(pointer)).toBe(-1);
  });
});

describe('DNS request metrics', () => {
  it('count each query by transport, type and rcode, answering exactly as the resolver does', async () => {
    const registry = new Registry();
    const metrics = new DnsMetrics(registry);
    const plain = createResolver(fixtureView(), { random: () => 0 });
    const resolver = instrumentResolver(createResolver(fixtureView(), { random: () => 0 }), { metrics });
    const cases: [Uint8Array, 'udp' | 'tcp' | 'doh' | 'grpc'][] = [
      [query('backend.app.local', 'A'), 'udp'],
      [query('backend.app.local', 'A'), 'udp'],
      [query('backend.app.local', 'SRV'), 'tcp'],
      [query('nope.app.local', 'A'), 'doh'],
      [query('example.com', 'TXT'), 'grpc'],
      [query('backend.app.local', 'TYPE99' as never), 'udp'],
      [query('backend.app.local', 'A', { edns: 1232, ednsVersion: 1 }), 'udp'],
    ];
    for (const [q, transport] of cases) expect(resolver.handle(q, { transport })).toEqual(plain.handle(q, { transport }));
    const formerr = query('backend.app.local', 'A');
    formerr[5] = 0; // QDCOUNT 0
    resolver.handle(formerr, { transport: 'udp' });
    expect(resolver.handle(new Uint8Array(4), { transport: 'tcp' })).toBeNull();
    const response = plain.handle(query('backend.app.local', 'A'), { transport: 'udp' })!;
    expect(resolver.handle(response, { transport: 'udp' })).toBeNull(); // QR set: dropped

    expect(await samples(registry, 'cloudmap_dns_dns_requests_total')).toEqual([
      'cloudmap_dns_dns_requests_total{transport="udp",type="other",rcode="NOERROR"} 1',
      'cloudmap_dns_dns_requests_total{transport="udp",type="other",rcode="FORMERR"} 1',
      'cloudmap_dns_dns_requests_total{transport="udp",type="A",rcode="NOERROR"} 2',
      'cloudmap_dns_dns_requests_total{transport="udp",type="A",rcode="BADVERS"} 1',
      'cloudmap_dns_dns_requests_total{transport="tcp",type="SRV",rcode="NOERROR"} 1',
      'cloudmap_dns_dns_requests_total{transport="doh",type="A",rcode="NXDOMAIN"} 1',
      'cloudmap_dns_dns_requests_total{transport="grpc",type="TXT",rcode="REFUSED"} 1',
    ]);
    expect(await samples(registry, 'cloudmap_dns_dns_dropped_total')).toEqual([
      'cloudmap_dns_dns_dropped_total{transport="udp"} 1',
      'cloudmap_dns_dns_dropped_total{transport="tcp"} 1',
    ]);
    const counts = await samples(registry, 'cloudmap_dns_dns_request_duration_seconds_count');
    expect(counts).toContain('cloudmap_dns_dns_request_duration_seconds_count{transport="udp",type="A"} 3');
    expect(counts).toContain('cloudmap_dns_dns_request_duration_seconds_count{transport="grpc",type="TXT"} 1');
  });

  it('log one debug line per query only when the logger is at debug', () => {
    const off = capture(false);
    const plain = createResolver(fixtureView());
    expect(instrumentResolver(plain, { logger: off.logger })).toBe(plain); // nothing to do: the resolver itself
    const wrapped = instrumentResolver(plain, { metrics: new DnsMetrics(new Registry()), logger: off.logger });
    wrapped.handle(query('backend.app.local', 'A'), { transport: 'udp' });
    expect(off.lines).toEqual([]);

    const on = capture(true);
    const logging = instrumentResolver(createResolver(fixtureView()), { logger: on.logger });
    logging.handle(query('Nope.APP.local', 'AAAA'), { transport: 'grpc' });
    logging.handle(new Uint8Array(3), { transport: 'udp' });
    expect(on.lines).toHaveLength(2);
    expect(on.lines[0]).toMatchObject({ msg: 'dns query', transport: 'grpc', qname: 'nope.app.local.', qtype: 'AAAA', rcode: 'NXDOMAIN' });
    expect(typeof on.lines[0]!.ms).toBe('number');
    expect(on.lines[1]).toMatchObject({ msg: 'dns query', transport: 'udp', qname: null, qtype: null, rcode: 'dropped' });
  });
});
