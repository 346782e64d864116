/**
 * The benchmark's data: one private DNS namespace `bench.local` with 1000
 * services × 3 instances (A + SRV, MULTIVALUE), as Cloud Map API calls for
 * cloudmap-dns and as an RFC 1035 zone file for NSD and Knot, both made from
 * the same definitions (the zone file through our RRset layer, so all three
 * servers hold the same records). Also the dnsperf query file.
 */
import type { Instance, Namespace, Service } from '../../src/model/types.ts';
import { apexRRsets, type RRset, serviceRRsets } from '../../src/dns/rrsets.ts';

export const ZONE = 'bench.local';
export const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
export const INSTANCES = 3;
export const TTL = 30;

export const serviceName = (i: number): string => `svc-${String(i).padStart(4, '0')}`;
export const instanceId = (j: number): string => `i-${j}`;
export const address = (i: number, j: number): string => `10.${(i >> 8) & 255}.${i & 255}.${j + 1}`;
export const port = (j: number): string => String(8080 + j);

/** A private DNS namespace of a benchmark, as our model holds it. */
export function benchNamespace(id: string, zone: string): Namespace {
  return { id, arn: `arn:aws:servicediscovery:us-east-1:123456789012:namespace/${id}`, name: zone, type: 'DNS_PRIVATE', createDate: 0, httpName: zone, resourceOwner: '123456789012', soaTtl: 60 };
}

/** Service `i` of a benchmark (`serviceName(i)`, MULTIVALUE, A + SRV with `ttl` seconds) in `namespaceId`, as our model holds it. */
export function benchService(i: number, namespaceId: string, ttl: number): Service {
  const id = `srv-${String(i).padStart(16, '0')}`;
  return {
    id, arn: `arn:aws:servicediscovery:us-east-1:123456789012:service/${id}`, name: serviceName(i), namespaceId, type: 'DNS_HTTP',
    createdByAccount: '123456789012', resourceOwner: '123456789012', createDate: 0, instancesRevision: 1, routingPolicy: 'MULTIVALUE',
    dnsRecords: [{ type: 'A', ttl }, { type: 'SRV', ttl }],
  };
}

/** The namespace, services and instances as our model holds them (ids are placeholders). */
export function model(): { namespace: Namespace; services: Service[]; instances: Instance[] } {
  const namespace = benchNamespace('ns-bench', ZONE);
  const services: Service[] = [];
  const instances: Instance[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const service = benchService(i, namespace.id, TTL);
    services.push(service);
    const { id } = service;
    for (let j = 0; j < INSTANCES; j++) {
      instances.push({ id: instanceId(j), serviceId: id, attributes: { AWS_INSTANCE_IPV4: address(i, j), AWS_INSTANCE_PORT: port(j) }, createdByAccount: '123456789012', createDate: 0, updateDate: 0, healthStatus: 'HEALTHY' });
    }
  }
  return { namespace, services, instances };
}

const fqdn = (name: string): string => `${name}.`;

/** One RRset value in zone-file form: names get their trailing dot. */
function zoneValue(r: RRset, value: string): string {
  const f = value.split(' ');
  switch (r.type) {
    case 'SRV':
      return `${f[0]} ${f[1]} ${f[2]} ${fqdn(f[3]!)}`;
    case 'SOA':
      return `${fqdn(f[0]!)} ${fqdn(f[1]!)} ${f.slice(2).join(' ')}`;
    case 'NS':
    case 'CNAME':
      return fqdn(value);
    default:
      return value;
  }
}

/** The zone file for NSD and Knot (RFC 1035 §5), from `apexRRsets` and `serviceRRsets`. */
export function zoneFile(): string {
  const { namespace, services, instances } = model();
  const byService = new Map<string, Instance[]>();
  for (const inst of instances) (byService.get(inst.serviceId) ?? byService.set(inst.serviceId, []).get(inst.serviceId)!).push(inst);
  const lines = [`$ORIGIN ${ZONE}.`];
  const add = (r: RRset): void => {
    for (const v of r.values) lines.push(`${fqdn(r.name)} ${r.ttl} IN ${r.type} ${zoneValue(r, v)}`);
  };
  apexRRsets(namespace).forEach(add);
  lines.push(`ns1.${ZONE}. 60 IN A 127.0.0.1`);
  for (const svc of services) serviceRRsets(namespace, svc, byService.get(svc.id) ?? []).forEach(add);
  return `${lines.join('\n')}\n`;
}

/**
 * dnsperf's query file: per service, A twice, SRV once and one name that
 * does not exist (NXDOMAIN) — 50% A, 25% SRV (3 answers + 3 additional),
 * 25% NXDOMAIN — in service order.
 */
export function queryFile(): string {
  const lines: string[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const name = `${serviceName(i)}.${ZONE}`;
    lines.push(`${name} A`, `${name} SRV`, `${name} A`, `nope-${i}.${ZONE} A`);
  }
  return `${lines.join('\n')}\n`;
}
