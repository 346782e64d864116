/**
 * The RRset layer: Cloud Map's record rules, once, as plain values.
 *
 * A pure function of (namespace, service, instances) gives the records that
 * Cloud Map would create in the namespace's Route 53 hosted zone, in
 * presentation form. The DNS wire encoder (`records.ts`) and the reconciler's
 * Route 53 and Kubernetes providers all start from here, as external-dns
 * providers start from its `Endpoint` values.
 *
 * Rules (AWS Cloud Map API reference, `DnsRecord` and `RegisterInstance`;
 * DESIGN §3 "DNS answers"):
 * - at `<service>.<namespace>`, per instance, one record of each type in the
 *   service's `DnsRecords`, with that template's TTL:
 *   A from `AWS_INSTANCE_IPV4`, AAAA from `AWS_INSTANCE_IPV6`, CNAME from
 *   `AWS_INSTANCE_CNAME`, SRV `1 1 <AWS_INSTANCE_PORT> <instance-id>.<service>.<namespace>`;
 *   Route 53 holds each as its own record set with SetIdentifier = instance
 *   id and MULTIVALUE (MultiValueAnswer) or WEIGHTED (weight 1) routing;
 * - with an SRV template, A / AAAA at the SRV target (the instance host name)
 *   from the same attributes; TTL of the A / AAAA template, else of the SRV template;
 * - at the apex: SOA `<mname> <rname> 1 7200 900 1209600 86400` (Route 53's
 *   timers) and NS `<mname>`, TTL the namespace's SOA TTL.
 * An attribute that does not make a valid record (bad address, port, name
 * over DNS limits) yields no record rather than an error.
 *
 * Presentation form: names lowercase, without trailing dot; IPv6 in RFC 5952
 * canonical text; SRV and SOA values as their RFC 1035 §5.1 fields joined by
 * single spaces. Records are per instance (one value each), so a provider can
 * group them however its API wants.
 */
import type { Instance, Namespace, RoutingPolicy, Service } from '../model/types.ts';
import { ReservedAttributes } from '../model/types.ts';
import { canonicalName, servesAsHealthy } from '../view/view.ts';
import { canonicalIPv6, isEncodableName, parseIPv4 } from './rdata.ts';

/** Record types Cloud Map creates. */
export type RRsetType = 'SOA' | 'NS' | 'A' | 'AAAA' | 'CNAME' | 'SRV';

/**
 * What a record set stands for:
 * - `apex`: SOA / NS of the namespace's zone;
 * - `service`: a record at the service name made from one instance (Route 53
 *   SetIdentifier = instance id, routed per the service's routing policy);
 * - `host`: A / AAAA at an instance host name (an SRV target).
 */
export type RecordRole = 'apex' | 'service' | 'host';

/** One record set in presentation form; see the module comment. */
export interface RRset {
  /** Owner name, lowercase, no trailing dot (`backend.app.local`). */
  readonly name: string;
  readonly type: RRsetType;
  /** Seconds. */
  readonly ttl: number;
  /** Presentation-form RDATA, one string per record (`10.0.0.1`, `1 1 8080 i-1.backend.app.local`). */
  readonly values: readonly string[];
  readonly role: RecordRole;
  /** The instance the record comes from, id as registered (`service` and `host` roles; Route 53 SetIdentifier). */
  readonly instanceId?: string;
  /** Whether DNS serves the instance as healthy (anything but UNHEALTHY); `service` and `host` roles. */
  readonly healthy?: boolean;
  /** The service's routing policy (`service` role; MULTIVALUE when the service does not say). */
  readonly routing?: RoutingPolicy;
}

/** How apex records are named. */
export interface ZoneNaming {
  /** Nameserver host name (SOA MNAME and NS) for a zone apex (lowercase, no trailing dot). */
  nameserver: (zone: string) => string;
  /** Responsible mailbox (SOA RNAME) as a domain name, e.g. `hostmaster.app.local`. */
  hostmaster: (zone: string) => string;
  /** SOA TTL in seconds when the namespace has no `soaTtl`. */
  defaultSoaTtl: number;
}

/** Route 53's SOA timers in seconds (serial 1). */
export const SOA_TIMERS = { serial: 1, refresh: 7200, retry: 900, expire: 1209600, minimum: 86400 } as const;

/** Apex naming by default: `ns1.<zone>`, `hostmaster.<zone>`, SOA TTL 15 s. */
export const DEFAULT_ZONE_NAMING: ZoneNaming = {
  nameserver: (zone) => `ns1.${zone}`,
  hostmaster: (zone) => `hostmaster.${zone}`,
  defaultSoaTtl: 15,
};

/** The record name of a service: `<service>.<namespace>`, lowercase, no trailing dot. */
export function serviceRecordName(namespace: Pick<Namespace, 'name'>, service: Pick<Service, 'name'>): string {
  return canonicalName(`${service.name}.${canonicalName(namespace.name)}`);
}

/** An instance host name (SRV target): `<instance-id>.<service>.<namespace>`, lowercase. */
export function instanceHostName(namespace: Pick<Namespace, 'name'>, service: Pick<Service, 'name'>, instanceId: string): string {
  return `${instanceId.toLowerCase()}.${serviceRecordName(namespace, service)}`;
}

/**
 * SOA and NS at the apex of a DNS namespace's zone.
 * @throws Error when a configured nameserver or hostmaster name is not a valid DNS name
 */
export function apexRRsets(namespace: Namespace, naming: ZoneNaming = DEFAULT_ZONE_NAMING): RRset[] {
  const name = canonicalName(namespace.name);
  const ttl = namespace.soaTtl ?? naming.defaultSoaTtl;
  const mname = canonicalName(naming.nameserver(name));
  const rname = canonicalName(naming.hostmaster(name));
  for (const n of [mname, rname]) if (!isEncodableName(n)) throw new Error(`not a valid DNS name for the SOA of ${name}: ${JSON.stringify(n)}`);
  const t = SOA_TIMERS;
  return [
    { name, type: 'SOA', ttl, values: [`${mname} ${rname} ${t.serial} ${t.refresh} ${t.retry} ${t.expire} ${t.minimum}`], role: 'apex' },
    { name, type: 'NS', ttl, values: [mname], role: 'apex' },
  ];
}

/** TTL in seconds of the SOA in negative answers: min(SOA TTL, SOA MINIMUM) (RFC 2308 §5). */
export function negativeTtl(soaTtl: number): number {
  return Math.min(soaTtl, SOA_TIMERS.minimum);
}

const port = (value: string | undefined): string | undefined =>
  value !== undefined && /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? String(Number(value)) : undefined;

/**
 * The records Cloud Map keeps for `service` in `namespace` given its
 * `instances` (any health). Order: per instance in the given order, service
 * records (A, AAAA, CNAME, SRV) then its host records. Pure; never throws.
 */
export function serviceRRsets(namespace: Pick<Namespace, 'name'>, service: Service, instances: Iterable<Instance>): RRset[] {
  const out: RRset[] = [];
  const owner = serviceRecordName(namespace, service);
  if (!isEncodableName(owner)) return out;
  let ttlA: number | undefined;
  let ttlAAAA: number | undefined;
  let ttlCname: number | undefined;
  let ttlSrv: number | undefined;
  for (const t of service.dnsRecords ?? []) {
    if (t.type === 'A') ttlA = t.ttl;
    else if (t.type === 'AAAA') ttlAAAA = t.ttl;
    else if (t.type === 'CNAME') ttlCname = t.ttl;
    else if (t.type === 'SRV') ttlSrv = t.ttl;
  }
  const routing: RoutingPolicy = service.routingPolicy ?? 'MULTIVALUE';
  for (const inst of instances) {
    const attrs = inst.attributes;
    const instanceId = inst.id;
    const healthy = servesAsHealthy(inst);
    const ipv4 = attrs[ReservedAttributes.IPV4];
    const a = ipv4 !== undefined && parseIPv4(ipv4) ? ipv4 : undefined;
    const ipv6 = attrs[ReservedAttributes.IPV6];
    const aaaa = ipv6 === undefined ? undefined : canonicalIPv6(ipv6);
    const rec = (type: RRsetType, ttl: number, value: string, role: RecordRole, name = owner): void => {
      out.push(role === 'service' ? { name, type, ttl, values: [value], role, instanceId, healthy, routing } : { name, type, ttl, values: [value], role, instanceId, healthy });
    };
    if (ttlA !== undefined && a) rec('A', ttlA, a, 'service');
    if (ttlAAAA !== undefined && aaaa) rec('AAAA', ttlAAAA, aaaa, 'service');
    if (ttlCname !== undefined) {
      const target = attrs[ReservedAttributes.CNAME];
      if (target && isEncodableName(target) && !target.startsWith('.')) rec('CNAME', ttlCname, canonicalName(target), 'service');
    }
    if (ttlSrv === undefined) continue;
    const host = `${instanceId.toLowerCase()}.${owner}`;
    if (!isEncodableName(host)) continue;
    const p = port(attrs[ReservedAttributes.PORT]);
    if (p !== undefined) rec('SRV', ttlSrv, `1 1 ${p} ${host}`, 'service');
    if (a) rec('A', ttlA ?? ttlSrv, a, 'host', host);
    if (aaaa) rec('AAAA', ttlAAAA ?? ttlSrv, aaaa, 'host', host);
  }
  return out;
}

/**
 * Identity of a record set as Route 53 keys it: name, type and set
 * identifier (the instance id), tab-separated.
 */
export function rrsetKey(r: RRset): string {
  return `${r.name}\t${r.type}\t${r.instanceId ?? ''}`;
}

/** Named check: the TTL differs. */
export function ttlChanged(current: RRset, desired: RRset): boolean {
  return current.ttl !== desired.ttl;
}

/** Named check: the values differ as sets (order does not matter in an RRset, RFC 2181 §5). */
export function valuesChanged(current: RRset, desired: RRset): boolean {
  if (current.values.length !== desired.values.length) return true;
  const have = new Set(current.values);
  return desired.values.some((v) => !have.has(v));
}

/** Named check: the health DNS serves the instance with differs. */
export function healthChanged(current: RRset, desired: RRset): boolean {
  return current.healthy !== desired.healthy;
}

/** Named check: the routing policy differs. */
export function routingChanged(current: RRset, desired: RRset): boolean {
  return current.routing !== desired.routing;
}

/** Whether a record set with the same `rrsetKey` must be updated: any named check above. */
export function rrsetChanged(current: RRset, desired: RRset): boolean {
  return ttlChanged(current, desired) || valuesChanged(current, desired) || healthChanged(current, desired) || routingChanged(current, desired);
}
