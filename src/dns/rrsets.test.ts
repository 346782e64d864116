import { describe, expect, it } from 'vitest';
import { instance, service } from '../../test/support/dns-fixtures.ts';
import type { Namespace } from '../model/types.ts';
import type { RRset } from './rrsets.ts';
import { apexRRsets, instanceHostName, negativeTtl, rrsetChanged, rrsetKey, serviceRRsets, ttlChanged, valuesChanged, healthChanged } from './rrsets.ts';

const ns: Namespace = { id: 'ns-app', arn: 'arn', name: 'App.Local.', type: 'DNS_PRIVATE', createDate: 0, httpName: 'App.Local', resourceOwner: '123456789012', soaTtl: 60 };
const line = (r: RRset): string =>
  `${r.role} ${r.name} ${r.ttl} ${r.type} ${r.values.join(',')}${r.instanceId === undefined ? '' : ` id=${r.instanceId}`}${r.healthy === undefined ? '' : ` healthy=${r.healthy}`}${r.routing ? ` ${r.routing}` : ''}`;

describe('serviceRRsets: Cloud Map record rules as presentation-form values', () => {
  it('A, AAAA and SRV per instance, host records for SRV targets, TTLs from the templates', () => {
    const svc = service('srv-1', 'ns-app', 'Backend', [['A', 30], ['AAAA', 40], ['SRV', 20]]);
    const out = serviceRRsets(ns, svc, [
      instance('srv-1', 'I-1', { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_IPV6: 'FD00:0:0:0:0:0:0:1', AWS_INSTANCE_PORT: '8080' }),
      instance('srv-1', 'i-2', { AWS_INSTANCE_IPV4: '10.0.0.2', AWS_INSTANCE_PORT: '08081' }, 'UNHEALTHY'),
    ]);
    expect(out.map(line)).toEqual([
      'service backend.app.local 30 A 10.0.0.1 id=I-1 healthy=true MULTIVALUE',
      'service backend.app.local 40 AAAA fd00::1 id=I-1 healthy=true MULTIVALUE',
      'service backend.app.local 20 SRV 1 1 8080 i-1.backend.app.local id=I-1 healthy=true MULTIVALUE',
      'host i-1.backend.app.local 30 A 10.0.0.1 id=I-1 healthy=true',
      'host i-1.backend.app.local 40 AAAA fd00::1 id=I-1 healthy=true',
      'service backend.app.local 30 A 10.0.0.2 id=i-2 healthy=false MULTIVALUE',
      'service backend.app.local 20 SRV 1 1 8081 i-2.backend.app.local id=i-2 healthy=false MULTIVALUE',
      'host i-2.backend.app.local 30 A 10.0.0.2 id=i-2 healthy=false',
    ]);
  });

  it('host records take the SRV TTL without A/AAAA templates; WEIGHTED is carried', () => {
    const svc = service('srv-1', 'ns-app', 'api', [['SRV', 25]], 'WEIGHTED');
    const out = serviceRRsets(ns, svc, [instance('srv-1', 'a-1', { AWS_INSTANCE_IPV4: '10.2.0.1', AWS_INSTANCE_PORT: '443' }, 'UNKNOWN')]);
    expect(out.map(line)).toEqual([
      'service api.app.local 25 SRV 1 1 443 a-1.api.app.local id=a-1 healthy=true WEIGHTED',
      'host a-1.api.app.local 25 A 10.2.0.1 id=a-1 healthy=true',
    ]);
  });

  it('CNAME from AWS_INSTANCE_CNAME, lowercased without trailing dot', () => {
    const svc = service('srv-1', 'ns-app', 'web', [['CNAME', 300]], 'WEIGHTED');
    expect(serviceRRsets(ns, svc, [instance('srv-1', 'c-1', { AWS_INSTANCE_CNAME: 'LB.Example.com.' })]).map(line)).toEqual([
      'service web.app.local 300 CNAME lb.example.com id=c-1 healthy=true WEIGHTED',
    ]);
  });

  it('skips values that make no valid record, never throws', () => {
    const svc = service('srv-1', 'ns-app', 'x', [['A', 1], ['AAAA', 1], ['CNAME', 1], ['SRV', 1]]);
    const out = serviceRRsets(ns, svc, [
      instance('srv-1', 'bad', { AWS_INSTANCE_IPV4: '10.0.0.256', AWS_INSTANCE_IPV6: 'fd00::1::2', AWS_INSTANCE_CNAME: 'a..b', AWS_INSTANCE_PORT: '70000' }),
      instance('srv-1', 'x'.repeat(64), { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '1' }),
    ]);
    expect(out.map(line)).toEqual(['service x.app.local 1 A 10.0.0.1 id=' + 'x'.repeat(64) + ' healthy=true MULTIVALUE']);
  });

  it('gives nothing for a service without DNS records', () => {
    expect(serviceRRsets(ns, service('srv-1', 'ns-app', 'h', []), [instance('srv-1', 'i', { AWS_INSTANCE_IPV4: '10.0.0.1' })])).toEqual([]);
  });

  it('names hosts as SRV targets do', () => {
    expect(instanceHostName(ns, { name: 'Backend' }, 'I-1')).toBe('i-1.backend.app.local');
  });
});

describe('apexRRsets', () => {
  it('SOA with Route 53 timers and NS, TTL = SOA TTL', () => {
    expect(apexRRsets(ns).map(line)).toEqual([
      'apex app.local 60 SOA ns1.app.local hostmaster.app.local 1 7200 900 1209600 86400',
      'apex app.local 60 NS ns1.app.local',
    ]);
    expect(apexRRsets({ ...ns, soaTtl: undefined }, { nameserver: () => 'NS.Example.', hostmaster: () => 'admin.example', defaultSoaTtl: 30 }).map(line)).toEqual([
      'apex app.local 30 SOA ns.example admin.example 1 7200 900 1209600 86400',
      'apex app.local 30 NS ns.example',
    ]);
  });

  it('rejects a nameserver that is not a DNS name', () => {
    expect(() => apexRRsets(ns, { nameserver: () => 'a..b', hostmaster: () => 'h', defaultSoaTtl: 1 })).toThrow(/not a valid DNS name/);
  });

  it('negative TTL is min(SOA TTL, MINIMUM) (RFC 2308 §5)', () => {
    expect(negativeTtl(60)).toBe(60);
    expect(negativeTtl(172800)).toBe(86400);
  });
});

describe('named checks', () => {
  const base: RRset = { name: 'b.app.local', type: 'A', ttl: 10, values: ['10.0.0.1', '10.0.0.2'], role: 'service', instanceId: 'i-1', healthy: true, routing: 'MULTIVALUE' };
  it.each([
    ['same values in another order', { values: ['10.0.0.2', '10.0.0.1'] }, false],
    ['TTL', { ttl: 11 }, true],
    ['a value', { values: ['10.0.0.1', '10.0.0.3'] }, true],
    ['one value fewer', { values: ['10.0.0.1'] }, true],
    ['health', { healthy: false }, true],
    ['routing', { routing: 'WEIGHTED' }, true],
  ] as const)('%s → changed %s', (_, patch, changed) => {
    expect(rrsetChanged(base, { ...base, ...patch })).toBe(changed);
  });

  it('each check looks at its own field', () => {
    expect(ttlChanged(base, { ...base, values: ['x'] })).toBe(false);
    expect(valuesChanged(base, { ...base, ttl: 1 })).toBe(false);
    expect(healthChanged(base, { ...base, ttl: 1 })).toBe(false);
  });

  it('keys by name, type and set identifier', () => {
    expect(rrsetKey(base)).toBe('b.app.local\tA\ti-1');
    expect(rrsetKey({ ...base, instanceId: undefined })).toBe('b.app.local\tA\t');
  });
});
