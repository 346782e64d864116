import { describe, expect, it } from 'vitest';
import { instance, service } from '../../../test/support/dns-fixtures.ts';
import type { Namespace, Service } from '../../model/types.ts';
import { groupState } from '../state.ts';
import { desiredObjects, kubeName } from './desired.ts';

const ns = (id: string, name: string, type: Namespace['type'] = 'DNS_PRIVATE'): Namespace => ({ id, arn: `arn:${id}`, name, type, createDate: 0, httpName: name, resourceOwner: '123456789012' });
const at = (svc: Service, createDate: number): Service => ({ ...svc, createDate });

describe('Kubernetes mirror: desired objects from the RRset layer', () => {
  it('README walkthrough: headless sd-backend-api with port-8080 and one IPv4 slice of two ready endpoints', () => {
    const state = groupState({
      revision: 1, namespaces: [ns('ns-app', 'app.local')],
      services: [service('srv-b', 'ns-app', 'backend-api', [['A', 60], ['SRV', 60]])],
      instances: [
        instance('srv-b', 'backend-1', { AWS_INSTANCE_IPV4: '10.42.1.5', AWS_INSTANCE_PORT: '8080' }),
        instance('srv-b', 'backend-2', { AWS_INSTANCE_IPV4: '10.42.1.6', AWS_INSTANCE_PORT: '8080' }, 'UNHEALTHY'),
      ],
    });
    expect(desiredObjects(state, { namespace: 'cloudmap' })).toEqual([
      {
        kind: 'Service', namespace: 'cloudmap', name: 'sd-backend-api',
        labels: { 'app.kubernetes.io/managed-by': 'cloudmap-dns', 'cloudmap-dns/namespace-id': 'ns-app', 'cloudmap-dns/service-id': 'srv-b' },
        annotations: { 'cloudmap-dns/namespace-name': 'app.local', 'cloudmap-dns/service-name': 'backend-api', 'cloudmap-dns/dns-name': 'backend-api.app.local' },
        fields: { spec: { type: 'ClusterIP', clusterIP: 'None', ports: [{ name: 'port-8080', port: 8080, protocol: 'TCP', targetPort: 8080 }] } },
      },
      {
        kind: 'EndpointSlice', namespace: 'cloudmap', name: 'sd-backend-api-ipv4-8080',
        labels: {
          'app.kubernetes.io/managed-by': 'cloudmap-dns', 'cloudmap-dns/namespace-id': 'ns-app', 'cloudmap-dns/service-id': 'srv-b',
          'kubernetes.io/service-name': 'sd-backend-api', 'endpointslice.kubernetes.io/managed-by': 'cloudmap-dns',
        },
        annotations: { 'cloudmap-dns/namespace-name': 'app.local', 'cloudmap-dns/service-name': 'backend-api', 'cloudmap-dns/dns-name': 'backend-api.app.local' },
        fields: {
          addressType: 'IPv4',
          endpoints: [
            { addresses: ['10.42.1.5'], conditions: { ready: true, serving: true, terminating: false }, hostname: 'backend-1' },
            { addresses: ['10.42.1.6'], conditions: { ready: false, serving: false, terminating: false }, hostname: 'backend-2' },
          ],
          ports: [{ name: 'port-8080', port: 8080, protocol: 'TCP' }],
        },
      },
    ]);
  });

  it('one slice per address family and port; CNAME instances make an FQDN slice; ports from AWS_INSTANCE_PORT without SRV', () => {
    const state = groupState({
      revision: 1, namespaces: [ns('ns-app', 'app.local')],
      services: [service('srv-m', 'ns-app', 'mixed', [['A', 10], ['AAAA', 10]]), service('srv-c', 'ns-app', 'web', [['CNAME', 10]], 'WEIGHTED')],
      instances: [
        instance('srv-m', 'I_1', { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_IPV6: 'fd00::1', AWS_INSTANCE_PORT: '80' }),
        instance('srv-m', 'i-2', { AWS_INSTANCE_IPV4: '10.0.0.2', AWS_INSTANCE_PORT: '81' }),
        instance('srv-m', 'i-3', { AWS_INSTANCE_IPV4: '10.0.0.3' }),
        instance('srv-c', 'c-1', { AWS_INSTANCE_CNAME: 'LB.example.com' }),
      ],
    });
    const objects = desiredObjects(state);
    expect(objects.map((o) => `${o.kind} ${o.name} ${JSON.stringify(o.kind === 'Service' ? (o.fields.spec as any).ports : (o.fields.endpoints as any[]).map((e) => e.addresses[0] + (e.hostname ? `/${e.hostname}` : '')))}`)).toEqual([
      'Service sd-web []',
      'EndpointSlice sd-web-fqdn ["lb.example.com/c-1"]',
      'Service sd-mixed [{"name":"port-80","port":80,"protocol":"TCP","targetPort":80},{"name":"port-81","port":81,"protocol":"TCP","targetPort":81}]',
      'EndpointSlice sd-mixed-ipv4 ["10.0.0.3/i-3"]',
      'EndpointSlice sd-mixed-ipv4-80 ["10.0.0.1"]',
      'EndpointSlice sd-mixed-ipv4-81 ["10.0.0.2/i-2"]',
      'EndpointSlice sd-mixed-ipv6-80 ["fd00::1"]',
    ]);
  });

  it('at most 100 endpoints per slice', () => {
    const instances = Array.from({ length: 250 }, (_, i) => instance('srv-big', `t-${String(i).padStart(3, '0')}`, { AWS_INSTANCE_IPV4: `10.1.${i >> 8}.${i & 255}` }));
    const state = groupState({ revision: 1, namespaces: [ns('ns-app', 'app.local')], services: [service('srv-big', 'ns-app', 'big', [['A', 5]])], instances });
    expect(desiredObjects(state).filter((o) => o.kind === 'EndpointSlice').map((o) => [o.name, (o.fields.endpoints as unknown[]).length])).toEqual([
      ['sd-big-ipv4', 100], ['sd-big-ipv4-2', 100], ['sd-big-ipv4-3', 50],
    ]);
  });

  it('names: DNS-1035 labels, cut with a hash; the older service keeps a shared name; HTTP namespaces are not mirrored', () => {
    expect(kubeName('sd-', '_http._tcp.API', 'srv-1')).toBe('sd-http-tcp-api');
    const long = kubeName('sd-', 'x'.repeat(80), 'srv-1');
    expect(long).toMatch(/^sd-x{51}-[0-9a-f]{8}$/);
    expect(long.length).toBe(63);
    expect(kubeName('', '9lives', 'srv-1')).toBe('svc-9lives');
    const state = groupState({
      revision: 1,
      namespaces: [ns('ns-aaaaaa111111', 'one.local'), ns('ns-bbbbbb222222', 'two.local'), ns('ns-http', 'api', 'HTTP')],
      services: [at(service('srv-new', 'ns-aaaaaa111111', 'api', [['A', 5]]), 20), at(service('srv-old', 'ns-bbbbbb222222', 'api', [['A', 5]]), 10), service('srv-h', 'ns-http', 'orders', [])],
      instances: [],
    });
    expect(desiredObjects(state, { alias: true }).map((o) => `${o.kind} ${o.name} ${o.labels['cloudmap-dns/service-id']} ${JSON.stringify(o.fields.spec)}`)).toEqual([
      'Service sd-api srv-old {"type":"ClusterIP","clusterIP":"None","ports":[]}',
      'Service api srv-old {"type":"ExternalName","externalName":"api.two.local"}',
      'Service sd-api-111111 srv-new {"type":"ClusterIP","clusterIP":"None","ports":[]}',
      'Service api-111111 srv-new {"type":"ExternalName","externalName":"api.one.local"}',
    ]);
  });
});
