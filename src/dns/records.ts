/**
 * The records a zone and a service answer with, in wire form, built from the
 * presentation-form RRsets of `rrsets.ts` (`record-cache.ts` keeps them until
 * the view changes what they were built from).
 *
 * Each record is a `WireRecord`: owner and value as text (for tests and
 * logs) and its wire bytes after the owner name (TYPE, CLASS, TTL, RDLENGTH,
 * RDATA; RFC 1035 §4.1.3). The owner name is written per response as a
 * compression pointer (RFC 1035 §4.1.4), so one encoded record serves every
 * spelling of the question name.
 *
 * For routing, service records are pooled by type and by health
 * (`select.ts`); instance host names map (lowercase) to their A / AAAA
 * records, and an SRV record keeps the very same array as the addresses for
 * its additional section.
 */
import type { Instance, Namespace, Service } from '../model/types.ts';
import { canonicalName } from '../view/view.ts';
import { RRType } from './constants.ts';
import { encodeRecordBody } from './rdata.ts';
import type { RRset, ZoneNaming } from './rrsets.ts';
import { apexRRsets, negativeTtl, serviceRecordName, serviceRRsets } from './rrsets.ts';

export { isEncodableName } from './rdata.ts';
export { DEFAULT_ZONE_NAMING, SOA_TIMERS, type ZoneNaming } from './rrsets.ts';

/** One resource record ready to be written after an owner name. */
export interface WireRecord {
  /** Numeric RR type (RFC 1035 §3.2.2). */
  readonly type: number;
  /** Seconds. */
  readonly ttl: number;
  /** Owner name, lowercase, no trailing dot. */
  readonly name: string;
  /** Presentation-form RDATA (see `rrsets.ts`). */
  readonly value: string;
  /** TYPE, CLASS (IN), TTL, RDLENGTH and RDATA: the wire form after the owner name. */
  readonly body: Uint8Array;
}

/** An SRV record and the address records of its target (RFC 2782). */
export interface SrvTarget {
  /** The SRV record at the service name. */
  readonly srv: WireRecord;
  /** A / AAAA records at the target name, for the additional section. */
  readonly addresses: readonly WireRecord[];
}

/** Records of one type, split by health so routing can fail open. */
export interface RecordPool<T> {
  readonly healthy: readonly T[];
  readonly unhealthy: readonly T[];
}

/** Everything one service answers, built from its RRsets. */
export interface ServiceRecords {
  /** WEIGHTED routing: one record per answer instead of up to eight. */
  readonly weighted: boolean;
  /** The service has a CNAME template: its name answers the CNAME for every type. */
  readonly cname: boolean;
  readonly a: RecordPool<WireRecord>;
  readonly aaaa: RecordPool<WireRecord>;
  readonly cnames: RecordPool<WireRecord>;
  readonly srv: RecordPool<SrvTarget>;
  /**
   * A / AAAA records by instance host name relative to the service
   * (lowercase instance id); present only with an SRV template. Instances
   * whose ids differ only in case share one name and so one entry.
   */
  readonly hosts: ReadonlyMap<string, readonly WireRecord[]> | undefined;
  /**
   * Empty non-terminals among host names, relative to the service: for an
   * instance id with dots `a.b`, the name `b` (RFC 8020 §2). Usually undefined.
   */
  readonly hostEmptyNonTerminals: ReadonlySet<string> | undefined;
}

/** The apex records of one zone. */
export interface ZoneRecords {
  /** Apex, lowercase, no trailing dot. */
  readonly name: string;
  /** Number of labels of the apex (`app.local` → 2). */
  readonly labels: number;
  /** SOA at the apex with TTL `soaTtl`, for SOA/ANY answers. */
  readonly soa: WireRecord;
  /** SOA for the authority section of NXDOMAIN/NODATA: TTL min(soaTtl, minimum) (RFC 2308 §5). */
  readonly negativeSoa: WireRecord;
  readonly ns: WireRecord;
}

const typeNumber: Record<RRset['type'], number> = { A: RRType.A, AAAA: RRType.AAAA, CNAME: RRType.CNAME, SRV: RRType.SRV, SOA: RRType.SOA, NS: RRType.NS };

/**
 * Encode one record of an RRset.
 * @throws Error when `value` is not valid presentation form for `type`
 */
export function wireRecord(name: string, type: number, ttl: number, value: string): WireRecord {
  const body = encodeRecordBody(type, ttl, value);
  if (!body) throw new Error(`cannot encode ${name} ${type} ${JSON.stringify(value)}`);
  return { type, ttl, name, value, body };
}

/** Build the apex records of a zone (no caching; see `RecordCache.zone`). Throws if a configured name cannot be encoded. */
export function buildZoneRecords(namespace: Namespace, naming: ZoneNaming): ZoneRecords {
  const [soa, ns] = apexRRsets(namespace, naming);
  const name = canonicalName(namespace.name);
  return {
    name,
    labels: name.split('.').length,
    soa: wireRecord(name, RRType.SOA, soa!.ttl, soa!.values[0]!),
    negativeSoa: wireRecord(name, RRType.SOA, negativeTtl(soa!.ttl), soa!.values[0]!),
    ns: wireRecord(name, RRType.NS, ns!.ttl, ns!.values[0]!),
  };
}

interface MutablePool<T> {
  healthy: T[];
  unhealthy: T[];
}

const pool = <T>(): MutablePool<T> => ({ healthy: [], unhealthy: [] });
const EMPTY: readonly WireRecord[] = [];

/**
 * Build the wire records of a service from its instances, via `serviceRRsets`
 * (no caching; see `RecordCache.service`).
 */
export function buildServiceRecords(namespace: Namespace, service: Service, instances: readonly Instance[]): ServiceRecords {
  const rrsets = serviceRRsets(namespace, service, instances);
  const owner = serviceRecordName(namespace, service);
  const a = pool<WireRecord>();
  const aaaa = pool<WireRecord>();
  const cnames = pool<WireRecord>();
  const srv = pool<SrvTarget>();
  const hasSrv = service.dnsRecords?.some((t) => t.type === 'SRV') ?? false;
  const hosts = hasSrv ? new Map<string, WireRecord[]>() : undefined;
  let ents: Set<string> | undefined;
  const hostKey = (name: string): string => name.slice(0, name.length - owner.length - 1);

  if (hosts) {
    // Every instance of an SRV service has a host name, with or without addresses.
    for (const inst of instances) {
      const key = inst.id.toLowerCase();
      if (!hosts.has(key)) hosts.set(key, []);
      for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) (ents ??= new Set()).add(key.slice(dot + 1));
    }
    for (const r of rrsets) if (r.role === 'host') hosts.get(hostKey(r.name))?.push(wireRecord(r.name, typeNumber[r.type], r.ttl, r.values[0]!));
    if (ents) for (const key of hosts.keys()) ents.delete(key);
  }
  for (const r of rrsets) {
    if (r.role !== 'service') continue;
    const side = r.healthy ? 'healthy' : 'unhealthy';
    const record = wireRecord(r.name, typeNumber[r.type], r.ttl, r.values[0]!);
    if (r.type === 'A') a[side].push(record);
    else if (r.type === 'AAAA') aaaa[side].push(record);
    else if (r.type === 'CNAME') cnames[side].push(record);
    else if (r.type === 'SRV') {
      const target = r.values[0]!.split(' ')[3]!;
      srv[side].push({ srv: record, addresses: hosts?.get(hostKey(target)) ?? EMPTY });
    }
  }
  return {
    weighted: service.routingPolicy === 'WEIGHTED',
    cname: service.dnsRecords?.some((t) => t.type === 'CNAME') ?? false,
    a,
    aaaa,
    cnames,
    srv,
    hosts,
    hostEmptyNonTerminals: ents && ents.size > 0 ? ents : undefined,
  };
}
