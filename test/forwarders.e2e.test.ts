/**
 * End to end: real forwarders from Debian in front of our UDP/TCP DNS
 * listener — unbound with a `stub-zone` and dnsmasq with
 * `--server=/zone/127.0.0.1#port` — queried with dig: positive, NXDOMAIN
 * (RFC 8020: below a service too) and SRV answers, and instance host names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../src/dns/resolver.ts';
import { silentLogger } from '../src/log.ts';
import { startDnsServer, type DnsServer } from '../src/runtime/node/dns-server.ts';
import { dig } from './support/dig.ts';
import { fixtureView } from './support/dns-fixtures.ts';
import { type Forwarder, startDnsmasq, startUnbound } from './support/forwarders.ts';

let dns: DnsServer;
const forwarders: Record<string, Forwarder> = {};

beforeAll(async () => {
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, resolver: createResolver(fixtureView()), logger: silentLogger });
  forwarders.unbound = await startUnbound(['app.local'], dns.port);
  forwarders.dnsmasq = await startDnsmasq(['app.local'], dns.port);
}, 30_000);

afterAll(async () => {
  await Promise.all(Object.values(forwarders).map((f) => f.stop()));
  await dns?.close();
});

const SOA = 'app.local. 60 IN SOA ns1.app.local. hostmaster.app.local. 1 7200 900 1209600 86400';
const sorted = (l: string[]) => [...l].sort();
/** TTLs may have been decremented by the forwarder's cache; compare without them. */
const noTtl = (l: string[]) => sorted(l.map((r) => r.replace(/^(\S+) \d+ /, '$1 ')));

describe.each(['unbound', 'dnsmasq'])('%s in front of the DNS listener', (name) => {
  const at = () => ['@127.0.0.1', '-p', String(forwarders[name]!.port)];

  it('answers A for a service', async () => {
    const r = await dig([...at(), 'backend.app.local', 'A']);
    expect(r.status).toBe('NOERROR');
    expect(noTtl(r.answer)).toEqual(['backend.app.local. IN A 10.0.0.1', 'backend.app.local. IN A 10.0.0.2', 'backend.app.local. IN A 10.0.0.3']);
  });

  it('answers SRV, and the targets resolve', async () => {
    const r = await dig([...at(), 'backend.app.local', 'SRV']);
    expect(noTtl(r.answer)).toEqual(['backend.app.local. IN SRV 1 1 8080 i-1.backend.app.local.', 'backend.app.local. IN SRV 1 1 8081 i-2.backend.app.local.']);
    const host = await dig([...at(), 'i-1.backend.app.local', 'AAAA']);
    expect(noTtl(host.answer)).toEqual(['i-1.backend.app.local. IN AAAA fd00::1']);
  });

  it('answers NXDOMAIN with the SOA for unknown names, also below a service', async () => {
    for (const qname of ['nope.app.local', 'i-1234.backend.app.local']) {
      const r = await dig([...at(), qname, 'A']);
      expect(r.status).toBe('NXDOMAIN');
      expect(noTtl(r.authority)).toEqual(noTtl([SOA]));
    }
  });

  it('answers a CNAME service without chasing it into a zone it cannot reach', async () => {
    const r = await dig([...at(), 'web.app.local', 'CNAME']);
    expect(noTtl(r.answer)).toEqual(['web.app.local. IN CNAME lb.example.com.']);
  });
});
