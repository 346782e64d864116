/**
 * Route 53 record sets as the plan sees them, made from the RRset layer
 * (`src/dns/rrsets.ts`) so Cloud Map's record rules exist once.
 *
 * Mapping (AWS Cloud Map `DnsRecord`, Route 53 `ResourceRecordSet`):
 * - a `service` RRset (A, AAAA, CNAME, SRV at `<service>.<namespace>`, one
 *   per instance) → a record set with SetIdentifier = instance id and
 *   `MultiValueAnswer: true` (MULTIVALUE) or `Weight: 1` (WEIGHTED);
 * - a `host` RRset (A / AAAA at `<instance>.<service>.<namespace>`) → a
 *   simple record set;
 * - apex SOA / NS are Route 53's own and never planned.
 *
 * Health: Route 53 holds what DNS serves. At one name and type, records of
 * instances served as healthy are kept; when none is healthy all are kept
 * (MULTIVALUE fails open). Host records are kept for every instance.
 *
 * Normal form (so a re-read is not a change): names lowercase without the
 * trailing dot and with Route 53's `\NNN` octal escapes decoded; CNAME and
 * SRV targets the same; IPv6 in RFC 5952 text; values sorted.
 */
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { canonicalIPv6 } from '../../dns/rdata.ts';
import { type RRset, serviceRRsets } from '../../dns/rrsets.ts';
import type { Instance, Namespace, RoutingPolicy, Service } from '../../model/types.ts';
import type { ChangeCheck } from '../plan.ts';

/** Record types the Route 53 provider writes. */
export type RecordSetType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'TXT';

/** One Route 53 record set in normal form. */
export interface RecordSet {
  /** Owner name, lowercase, no trailing dot. */
  name: string;
  type: RecordSetType;
  /** Seconds. */
  ttl: number;
  /** Presentation-form values, sorted. TXT values keep their quotes. */
  values: string[];
  /** Route 53 SetIdentifier (the instance id for service records). */
  setIdentifier?: string;
  /** MULTIVALUE (`MultiValueAnswer`) or WEIGHTED (`Weight: 1`); absent for simple records. */
  routing?: RoutingPolicy;
  /** The record set exactly as Route 53 returned it (current items only), for an exact DELETE. */
  raw?: ResourceRecordSet;
}

const WRITABLE = new Set<string>(['A', 'AAAA', 'CNAME', 'SRV', 'TXT']);

/** Identity as Route 53 keys a record set: name, type, set identifier. */
export function recordKey(r: Pick<RecordSet, 'name' | 'type' | 'setIdentifier'>): string {
  return `${r.name}\t${r.type}\t${r.setIdentifier ?? ''}`;
}

/** One line for plans and logs: `backend.app.local A [i-1] 60 10.0.0.1`. */
export function describeRecord(r: RecordSet): string {
  return `${r.name} ${r.type}${r.setIdentifier !== undefined ? ` [${r.setIdentifier}]` : ''} ${r.ttl} ${r.values.join(' ')}`;
}

/** Named check: TTL. */
export const ttlCheck: ChangeCheck<RecordSet> = { name: 'ttl', changed: (c, d) => c.ttl !== d.ttl };
/** Named check: values as sets. */
export const valuesCheck: ChangeCheck<RecordSet> = {
  name: 'values',
  changed: (c, d) => c.values.length !== d.values.length || d.values.some((v) => !c.values.includes(v)),
};
/** Named check: routing policy (MultiValueAnswer / Weight). */
export const routingCheck: ChangeCheck<RecordSet> = { name: 'routing', changed: (c, d) => c.routing !== d.routing };
/** Every check the Route 53 plan runs, in order. */
export const RECORD_CHECKS: readonly ChangeCheck<RecordSet>[] = [ttlCheck, valuesCheck, routingCheck];

function fromRRset(r: RRset): RecordSet | undefined {
  if (r.role === 'apex' || !WRITABLE.has(r.type)) return undefined;
  const base: RecordSet = { name: r.name, type: r.type as RecordSetType, ttl: r.ttl, values: [...r.values].sort() };
  if (r.role === 'service') return { ...base, setIdentifier: r.instanceId!, routing: r.routing ?? 'MULTIVALUE' };
  return base;
}

/**
 * The record sets Route 53 should hold for one service (see the module
 * comment for health). Pure.
 */
export function desiredRecordSets(namespace: Pick<Namespace, 'name'>, service: Service, instances: Iterable<Instance>): RecordSet[] {
  const rrsets = serviceRRsets(namespace, service, instances);
  const anyHealthy = new Set<string>();
  for (const r of rrsets) if (r.role === 'service' && r.healthy) anyHealthy.add(`${r.name}\t${r.type}`);
  const out: RecordSet[] = [];
  for (const r of rrsets) {
    if (r.role === 'service' && !r.healthy && anyHealthy.has(`${r.name}\t${r.type}`)) continue;
    const set = fromRRset(r);
    if (set) out.push(set);
  }
  return out;
}

/** Decodes Route 53's `\NNN` octal escapes, lowercases and drops the trailing dot. */
export function normalName(name: string): string {
  const decoded = name.replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  const lower = decoded.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function normalValue(type: string, value: string): string {
  switch (type) {
    case 'AAAA':
      return canonicalIPv6(value) ?? value;
    case 'CNAME':
      return normalName(value);
    case 'SRV': {
      const parts = value.trim().split(/\s+/);
      if (parts.length !== 4) return value;
      return `${Number(parts[0])} ${Number(parts[1])} ${Number(parts[2])} ${normalName(parts[3]!)}`;
    }
    default:
      return value;
  }
}

/**
 * A record set read from Route 53 in normal form, or undefined for what we
 * never plan (SOA, NS, alias records, other types).
 */
export function fromRoute53(raw: ResourceRecordSet): RecordSet | undefined {
  if (!raw.Name || !raw.Type || !WRITABLE.has(raw.Type) || raw.AliasTarget) return undefined;
  const routing: RoutingPolicy | undefined = raw.MultiValueAnswer ? 'MULTIVALUE' : raw.Weight !== undefined ? 'WEIGHTED' : undefined;
  return {
    name: normalName(raw.Name),
    type: raw.Type as RecordSetType,
    ttl: raw.TTL ?? 0,
    values: (raw.ResourceRecords ?? []).map((r) => normalValue(raw.Type!, r.Value ?? '')).sort(),
    ...(raw.SetIdentifier !== undefined ? { setIdentifier: raw.SetIdentifier } : {}),
    ...(routing ? { routing } : {}),
    raw,
  };
}

const fqdn = (name: string): string => `${name}.`;

/** The Route 53 form of a record set to write (names and targets fully qualified). Current items go back exactly as read. */
export function toRoute53(r: RecordSet): ResourceRecordSet {
  if (r.raw) return r.raw;
  const value = (v: string): string => {
    if (r.type === 'CNAME') return fqdn(v);
    if (r.type === 'SRV') {
      const parts = v.split(' ');
      return `${parts.slice(0, 3).join(' ')} ${fqdn(parts[3]!)}`;
    }
    return v;
  };
  return {
    Name: fqdn(r.name),
    Type: r.type,
    TTL: r.ttl,
    ResourceRecords: r.values.map((v) => ({ Value: value(v) })),
    ...(r.setIdentifier !== undefined ? { SetIdentifier: r.setIdentifier } : {}),
    ...(r.routing === 'MULTIVALUE' ? { MultiValueAnswer: true } : r.routing === 'WEIGHTED' ? { Weight: 1 } : {}),
  };
}
