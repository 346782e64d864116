import type dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decode, fixtureView, query, rrs, seeded, type QType } from '../../test/support/dns-fixtures.ts';
import { Flag, RRClass, RRType, Rcode } from './constants.ts';
import { resolve } from './resolve.ts';
import { createResolver } from './resolver.ts';

const SOA_APP = 'app.local 60 SOA ns1.app.local hostmaster.app.local 1 7200 900 1209600 86400';
const SOA_PUB = 'pub.example 15 SOA ns1.pub.example hostmaster.pub.example 1 7200 900 1209600 86400';

interface Case {
  name: string;
  type: QType;
  rcode: keyof typeof Rcode;
  aa?: boolean;
  answer?: string[];
  authority?: string[];
  additional?: string[];
}

// Every routed service here has at most 8 candidates, so MULTIVALUE returns all of them
// and the sorted record lists are exact whatever the random order.
const cases: Case[] = [
  // Service name: A/AAAA/SRV from the templates, TTL per template, healthy only.
  { name: 'backend.app.local', type: 'A', rcode: 'NOERROR', answer: ['backend.app.local 30 A 10.0.0.1', 'backend.app.local 30 A 10.0.0.2', 'backend.app.local 30 A 10.0.0.3'] },
  { name: 'BACKEND.App.Local', type: 'A', rcode: 'NOERROR', answer: ['BACKEND.App.Local 30 A 10.0.0.1', 'BACKEND.App.Local 30 A 10.0.0.2', 'BACKEND.App.Local 30 A 10.0.0.3'] },
  { name: 'backend.app.local.', type: 'AAAA', rcode: 'NOERROR', answer: ['backend.app.local 40 AAAA fd00::1'] },
  {
    name: 'backend.app.local',
    type: 'SRV',
    rcode: 'NOERROR',
    answer: ['backend.app.local 20 SRV 1 1 8080 i-1.backend.app.local', 'backend.app.local 20 SRV 1 1 8081 i-2.backend.app.local'],
    additional: ['i-1.backend.app.local 30 A 10.0.0.1', 'i-1.backend.app.local 40 AAAA fd00::1', 'i-2.backend.app.local 30 A 10.0.0.2'],
  },
  {
    name: 'backend.app.local',
    type: 'ANY',
    rcode: 'NOERROR',
    answer: [
      'backend.app.local 20 SRV 1 1 8080 i-1.backend.app.local',
      'backend.app.local 20 SRV 1 1 8081 i-2.backend.app.local',
      'backend.app.local 30 A 10.0.0.1',
      'backend.app.local 30 A 10.0.0.2',
      'backend.app.local 30 A 10.0.0.3',
      'backend.app.local 40 AAAA fd00::1',
    ],
    additional: ['i-1.backend.app.local 30 A 10.0.0.1', 'i-1.backend.app.local 40 AAAA fd00::1', 'i-2.backend.app.local 30 A 10.0.0.2'],
  },
  { name: 'backend.app.local', type: 'TXT', rcode: 'NOERROR', authority: [SOA_APP] },
  { name: 'backend.app.local', type: 'CNAME', rcode: 'NOERROR', authority: [SOA_APP] },
  // Instance host names (service has SRV): the instance's addresses, any health, id case-insensitive.
  { name: 'i-1.backend.app.local', type: 'A', rcode: 'NOERROR', answer: ['i-1.backend.app.local 30 A 10.0.0.1'] },
  { name: 'i-1.backend.app.local', type: 'AAAA', rcode: 'NOERROR', answer: ['i-1.backend.app.local 40 AAAA fd00::1'] },
  { name: 'i-1.backend.app.local', type: 'ANY', rcode: 'NOERROR', answer: ['i-1.backend.app.local 30 A 10.0.0.1', 'i-1.backend.app.local 40 AAAA fd00::1'] },
  { name: 'i-three.BACKEND.app.local', type: 'A', rcode: 'NOERROR', answer: ['i-three.BACKEND.app.local 30 A 10.0.0.3'] },
  { name: 'i-4.backend.app.local', type: 'A', rcode: 'NOERROR', answer: ['i-4.backend.app.local 30 A 10.0.0.4'] },
  { name: 'i-2.backend.app.local', type: 'AAAA', rcode: 'NOERROR', authority: [SOA_APP] },
  { name: 'i-2.backend.app.local', type: 'SRV', rcode: 'NOERROR', authority: [SOA_APP] },
  // Below a service or instance host name, unknown names: NXDOMAIN (RFC 8020, DESIGN §3).
  { name: '_tcp.backend.app.local', type: 'SRV', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'i-1234.backend.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'i-1234.backend.app.local', type: 'SRV', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'x.i-1.backend.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'i-1.weighted.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'w-1.weighted.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'i-9.backend.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'a.b.c.web.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  // CNAME service: the CNAME answers every type, one record, not chased.
  { name: 'web.app.local', type: 'A', rcode: 'NOERROR', answer: ['web.app.local 300 CNAME lb.example.com'] },
  { name: 'web.app.local', type: 'AAAA', rcode: 'NOERROR', answer: ['web.app.local 300 CNAME lb.example.com'] },
  { name: 'web.app.local', type: 'CNAME', rcode: 'NOERROR', answer: ['web.app.local 300 CNAME lb.example.com'] },
  { name: 'web.app.local', type: 'TXT', rcode: 'NOERROR', answer: ['web.app.local 300 CNAME lb.example.com'] },
  { name: 'web.app.local', type: 'ANY', rcode: 'NOERROR', answer: ['web.app.local 300 CNAME lb.example.com'] },
  // A service without instances still exists.
  { name: 'empty.app.local', type: 'A', rcode: 'NOERROR', authority: [SOA_APP] },
  // All unhealthy: fail open.
  { name: 'down.app.local', type: 'A', rcode: 'NOERROR', answer: ['down.app.local 10 A 10.9.0.1', 'down.app.local 10 A 10.9.0.2'] },
  // SRV-only service with a multi-label name; target A takes the SRV TTL.
  {
    name: '_http._tcp.api.app.local',
    type: 'SRV',
    rcode: 'NOERROR',
    answer: ['_http._tcp.api.app.local 25 SRV 1 1 443 a-1._http._tcp.api.app.local'],
    additional: ['a-1._http._tcp.api.app.local 25 A 10.2.0.1'],
  },
  { name: '_http._tcp.api.app.local', type: 'A', rcode: 'NOERROR', authority: [SOA_APP] },
  { name: 'a-1._http._tcp.api.app.local', type: 'A', rcode: 'NOERROR', answer: ['a-1._http._tcp.api.app.local 25 A 10.2.0.1'] },
  // Empty non-terminals: NODATA; names under them that lead nowhere: NXDOMAIN.
  { name: '_tcp.api.app.local', type: 'SRV', rcode: 'NOERROR', authority: [SOA_APP] },
  { name: 'api.app.local', type: 'A', rcode: 'NOERROR', authority: [SOA_APP] },
  { name: 'foo.api.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'nope.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  { name: 'i-1.nope.app.local', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_APP] },
  // Apex.
  { name: 'app.local', type: 'SOA', rcode: 'NOERROR', answer: [SOA_APP] },
  { name: 'APP.local', type: 'NS', rcode: 'NOERROR', answer: ['APP.local 60 NS ns1.app.local'] },
  { name: 'app.local', type: 'ANY', rcode: 'NOERROR', answer: ['app.local 60 NS ns1.app.local', SOA_APP] },
  { name: 'app.local', type: 'A', rcode: 'NOERROR', authority: [SOA_APP] },
  // Public zone without soaTtl: 15 s; UNKNOWN health is served.
  { name: 'pub.example', type: 'SOA', rcode: 'NOERROR', answer: [SOA_PUB] },
  { name: 'www.pub.example', type: 'A', rcode: 'NOERROR', answer: ['www.pub.example 120 A 203.0.113.10'] },
  { name: 'nope.pub.example', type: 'A', rcode: 'NXDOMAIN', authority: [SOA_PUB] },
  // Outside our zones (HTTP namespaces are not zones): REFUSED, not authoritative.
  { name: 'orders.api.internal', type: 'A', rcode: 'REFUSED', aa: false },
  { name: 'example.com', type: 'A', rcode: 'REFUSED', aa: false },
  { name: 'local', type: 'SOA', rcode: 'REFUSED', aa: false },
  { name: '.', type: 'NS', rcode: 'REFUSED', aa: false },
  { name: 'app.local', type: 'AXFR', rcode: 'REFUSED', aa: false },
];

describe('resolve: answers over the view (DESIGN §3; ANY in full)', () => {
  const resolver = createResolver(fixtureView(), { anyResponse: 'full' });
  it.each(cases)('$name $type → $rcode', (c) => {
    const res = decode(resolver.handle(query(c.name, c.type), { transport: 'tcp' })!);
    expect(res.fullRcode).toBe(Rcode[c.rcode]);
    expect(Boolean(res.raw & Flag.AA)).toBe(c.aa ?? true);
    expect(Boolean(res.raw & Flag.TC)).toBe(false);
    expect(rrs(res.answers)).toEqual([...(c.answer ?? [])].sort());
    expect(rrs(res.authorities)).toEqual([...(c.authority ?? [])].sort());
    expect(rrs(res.additionals)).toEqual([...(c.additional ?? [])].sort());
  });
});

describe('resolve() without wire format', () => {
  const view = fixtureView();
  it('returns the RRset records and rcode', () => {
    const res = resolve({ name: 'Backend.App.Local.', type: RRType.A }, view);
    expect(res.rcode).toBe(Rcode.NOERROR);
    expect(res.authoritative).toBe(true);
    expect(res.zone?.name).toBe('app.local');
    expect(res.answers.map((r) => [r.name, r.ttl, r.value]).sort()).toEqual([
      ['backend.app.local', 30, '10.0.0.1'],
      ['backend.app.local', 30, '10.0.0.2'],
      ['backend.app.local', 30, '10.0.0.3'],
    ]);
    expect(res.authority).toEqual([]);
  });

  it('links each SRV additional record to the SRV answer naming it', () => {
    const res = resolve({ name: 'backend.app.local', type: RRType.SRV }, view, { random: seeded(1) });
    expect(res.additionals).toHaveLength(3);
    res.additionals.forEach((rr, i) => {
      const srv = res.answers[res.additionalOwners[i]!]!;
      expect(srv.value.split(' ')[3]).toBe(rr.name);
    });
  });

  it('uses min(SOA TTL, SOA MINIMUM) for the negative SOA (RFC 2308 §5)', () => {
    const v = fixtureView();
    const ns = v.namespaces.get('ns-app')!;
    v.apply({ type: 'NamespaceUpserted', revision: 2, namespace: { ...ns, soaTtl: 172800 } });
    const apex = resolve({ name: 'app.local', type: RRType.SOA }, v);
    expect(apex.answers[0]!.ttl).toBe(172800);
    const nx = resolve({ name: 'nope.app.local', type: RRType.A }, v);
    expect(nx.rcode).toBe(Rcode.NXDOMAIN);
    expect(nx.authority[0]!.ttl).toBe(86400);
  });

  it('refuses classes other than IN and ANY', () => {
    expect(resolve({ name: 'backend.app.local', type: RRType.A, class: 3 }, view).rcode).toBe(Rcode.REFUSED);
    expect(resolve({ name: 'backend.app.local', type: RRType.A, class: RRClass.ANY }, view).answers).toHaveLength(3);
  });
});

describe('routing', () => {
  it('MULTIVALUE returns 8 distinct records among 100 and varies them', () => {
    const resolver = createResolver(fixtureView(), { random: seeded(7) });
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const res = decode(resolver.handle(query('big.app.local', 'A'), { transport: 'udp' })!);
      const ips = res.answers!.map((a) => (a as dnsPacket.StringAnswer).data);
      expect(ips).toHaveLength(8);
      expect(new Set(ips).size).toBe(8);
      for (const ip of ips) {
        expect(ip).toMatch(/^10\.100\.0\.\d+$/);
        seen.add(ip);
      }
    }
    expect(seen.size).toBeGreaterThan(90);
  });

  it('WEIGHTED returns one record, each instance about equally often', () => {
    const resolver = createResolver(fixtureView(), { random: seeded(3) });
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const res = decode(resolver.handle(query('weighted.app.local', 'A'), { transport: 'udp' })!);
      expect(res.answers).toHaveLength(1);
      const ip = (res.answers![0] as dnsPacket.StringAnswer).data;
      counts.set(ip, (counts.get(ip) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['10.1.0.1', '10.1.0.2', '10.1.0.3']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
  });

  it('is repeatable with an injected random source', () => {
    const a = createResolver(fixtureView(), { random: seeded(42) });
    const b = createResolver(fixtureView(), { random: seeded(42) });
    for (let i = 0; i < 5; i++) {
      expect(a.handle(query('big.app.local', 'SRV'), { transport: 'tcp' })).toEqual(b.handle(query('big.app.local', 'SRV'), { transport: 'tcp' }));
    }
  });
});

describe('view changes reach answers', () => {
  it('rebuilds a service records after instance, health and service changes', () => {
    const view = fixtureView();
    const resolver = createResolver(view);
    const a = (): string[] => rrs(decode(resolver.handle(query('backend.app.local', 'A'), { transport: 'tcp' })!).answers);
    expect(a()).toHaveLength(3);
    const inst = view.services.get('srv-backend')!.instances.get('i-2')!;
    view.apply({ type: 'InstanceUpserted', revision: 2, instance: { ...inst, healthStatus: 'UNHEALTHY' } });
    expect(a()).toEqual(['backend.app.local 30 A 10.0.0.1', 'backend.app.local 30 A 10.0.0.3']);
    view.apply({ type: 'InstanceDeleted', revision: 3, serviceId: 'srv-backend', instanceId: 'i-1' });
    expect(a()).toEqual(['backend.app.local 30 A 10.0.0.3']);
    view.apply({ type: 'InstanceUpserted', revision: 4, instance: { ...inst, id: 'i-5', attributes: { AWS_INSTANCE_IPV4: '10.0.0.5' } } });
    expect(a()).toEqual(['backend.app.local 30 A 10.0.0.3', 'backend.app.local 30 A 10.0.0.5']);
    const svc = view.services.get('srv-backend')!.service;
    view.apply({ type: 'ServiceUpserted', revision: 5, service: { ...svc, dnsRecords: [{ type: 'A', ttl: 99 }] } });
    expect(a()).toEqual(['backend.app.local 99 A 10.0.0.3', 'backend.app.local 99 A 10.0.0.5']);
    // SRV template gone: instance host names are gone too.
    expect(decode(resolver.handle(query('i-5.backend.app.local', 'A'), { transport: 'tcp' })!).answers).toEqual([]);
    view.apply({ type: 'ServiceDeleted', revision: 6, namespaceId: 'ns-app', serviceId: 'srv-empty' });
    expect(decode(resolver.handle(query('empty.app.local', 'A'), { transport: 'tcp' })!).rcode).toBe('NXDOMAIN');
    view.apply({ type: 'NamespaceDeleted', revision: 7, namespaceId: 'ns-pub' });
    expect(decode(resolver.handle(query('www.pub.example', 'A'), { transport: 'tcp' })!).rcode).toBe('REFUSED');
  });

  it('follows namespace SOA TTL changes', () => {
    const view = fixtureView();
    const resolver = createResolver(view);
    const ns = view.namespaces.get('ns-app')!;
    view.apply({ type: 'NamespaceUpserted', revision: 2, namespace: { ...ns, soaTtl: 5 } });
    const res = decode(resolver.handle(query('nope.app.local', 'A'), { transport: 'tcp' })!);
    expect(rrs(res.authorities)).toEqual(['app.local 5 SOA ns1.app.local hostmaster.app.local 1 7200 900 1209600 86400']);
  });
});

describe('options', () => {
  it('names the nameserver and hostmaster as configured', () => {
    const one = createResolver(fixtureView(), { nameserver: 'ns.cloudmap.example.', hostmaster: 'admin.example.org', defaultSoaTtl: 30, anyResponse: 'full' });
    expect(rrs(decode(one.handle(query('pub.example', 'ANY'), { transport: 'tcp' })!).answers)).toEqual([
      'pub.example 30 NS ns.cloudmap.example',
      'pub.example 30 SOA ns.cloudmap.example admin.example.org 1 7200 900 1209600 86400',
    ]);
    const perZone = createResolver(fixtureView(), { nameserver: (zone) => `dns.${zone}` });
    expect(rrs(decode(perZone.handle(query('app.local', 'NS'), { transport: 'tcp' })!).answers)).toEqual(['app.local 60 NS dns.app.local']);
  });
});

describe('instance ids with dots (RFC 8020 §2 empty non-terminals below a service)', () => {
  const view = fixtureView();
  const svc = view.services.get('srv-backend')!;
  view.apply({ type: 'InstanceUpserted', revision: 2, instance: { ...svc.instances.get('i-1')!, id: 'pod.ns1', attributes: { AWS_INSTANCE_IPV4: '10.5.0.1', AWS_INSTANCE_PORT: '1' } } });
  const resolver = createResolver(view);
  const ask = (name: string, type: QType = 'A') => decode(resolver.handle(query(name, type), { transport: 'tcp' })!);

  it('answers the host name', () => {
    expect(rrs(ask('pod.ns1.backend.app.local').answers)).toEqual(['pod.ns1.backend.app.local 30 A 10.5.0.1']);
  });
  it('answers NODATA at its parent, an empty non-terminal', () => {
    const r = ask('ns1.backend.app.local');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([]);
    expect(rrs(r.authorities)).toEqual([SOA_APP]);
  });
  it('answers NXDOMAIN beside it', () => {
    expect(ask('other.ns1.backend.app.local').rcode).toBe('NXDOMAIN');
    expect(ask('ns2.backend.app.local').rcode).toBe('NXDOMAIN');
  });
});

describe('ANY: RFC 8482 minimal answers by default', () => {
  const minimal = createResolver(fixtureView());
  const ask = (name: string) => decode(minimal.handle(query(name, 'ANY'), { transport: 'udp' })!);
  it.each([
    ['app.local', [SOA_APP], 0],
    ['backend.app.local', ['backend.app.local 30 A 10.0.0.1', 'backend.app.local 30 A 10.0.0.2', 'backend.app.local 30 A 10.0.0.3'], 0],
    ['_http._tcp.api.app.local', ['_http._tcp.api.app.local 25 SRV 1 1 443 a-1._http._tcp.api.app.local'], 0],
    ['web.app.local', ['web.app.local 300 CNAME lb.example.com'], 0],
    ['i-1.backend.app.local', ['i-1.backend.app.local 30 A 10.0.0.1'], 0],
  ])('%s → one RRset, no additional records', (name, answer, additional) => {
    const r = ask(name);
    expect(r.rcode).toBe('NOERROR');
    expect(rrs(r.answers)).toEqual(answer);
    expect(rrs(r.additionals)).toHaveLength(additional);
  });

  it('keeps a 20-instance service ANY reply no larger than its A reply (issue 10: was 1,066 B)', () => {
    const view = fixtureView();
    const svc = view.services.get('srv-backend')!;
    for (let i = 0; i < 20; i++) {
      view.apply({ type: 'InstanceUpserted', revision: 2 + i, instance: { ...svc.instances.get('i-1')!, id: `x-${i}`, attributes: { AWS_INSTANCE_IPV4: `10.7.0.${i}`, AWS_INSTANCE_IPV6: `fd00::7:${i}`, AWS_INSTANCE_PORT: '80' } } });
    }
    const r = createResolver(view);
    const any = r.handle(query('backend.app.local', 'ANY', { edns: 1232 }), { transport: 'udp' })!;
    const a = r.handle(query('backend.app.local', 'A', { edns: 1232 }), { transport: 'udp' })!;
    expect(any.length).toBe(a.length);
    const full = createResolver(view, { anyResponse: 'full' }).handle(query('backend.app.local', 'ANY', { edns: 1232 }), { transport: 'udp' })!;
    expect(full.length).toBeGreaterThan(4 * any.length);
  });
});
