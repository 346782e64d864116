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
import { allocateRecordSpan, recordSpanArray } from './bytes.ts';
import { presentRdata } from './present.ts';
import { encodeRdata } from './rdata.ts';
import type { RRset, ZoneNaming } from './rrsets.ts';
import { apexRRsets, negativeTtl, serviceRecordName, serviceRRsets } from './rrsets.ts';

export { isEncodableName } from './rdata.ts';

/** The address list of a host without addresses (shared). */
const EMPTY: readonly never[] = [];
export { DEFAULT_ZONE_NAMING, SOA_TIMERS, type ZoneNaming } from './rrsets.ts';

/**
 * One resource record ready to be written after an owner name.
 *
 * Compact (issue 11: the memo holds three of these per instance): the wire
 * bytes are a span of a shared slab (`bytes.ts`), not a Uint8Array of their
 * own, and the owner name and presentation value are derived on demand
 * (for tests and logs) instead of being stored as strings.
 */
export class WireRecord {
  /**
   * @param type numeric RR type (RFC 1035 §3.2.2)
   * @param ttl seconds
   * @param bytes the slab holding TYPE, CLASS (IN), TTL, RDLENGTH and RDATA at `at`
   * @param at offset of the record's bytes in `bytes`
   * @param length number of bytes (10 + RDLENGTH)
   * @param owner lowercase owner name without trailing dot, or its parent when `label` is set
   * @param label leftmost label(s) of the owner name below `owner` (an instance host name's id), or ''
   */
  constructor(
    readonly type: number,
    readonly ttl: number,
    readonly bytes: Uint8Array,
    readonly at: number,
    readonly length: number,
    readonly owner: string,
    readonly label: string,
  ) {}

  /** Owner name, lowercase, no trailing dot. */
  get name(): string {
    return this.label === '' ? this.owner : `${this.label}.${this.owner}`;
  }

  /** A view of the slab at this record, made on first use (see `body`). */
  #body: Uint8Array | undefined;

  /**
   * TYPE, CLASS (IN), TTL, RDLENGTH and RDATA: the wire form after the owner
   * name, as a view of the slab made on first use and kept (the encoder asks
   * for it only for records over 48 bytes, which a native copy writes faster
   * than a loop: SRV records with long target names, SOA).
   */
  get body(): Uint8Array {
    return (this.#body ??= this.bytes.subarray(this.at, this.at + this.length));
  }

  /** Presentation-form RDATA (see `rrsets.ts`), decoded from the wire bytes. */
  get value(): string {
    return presentRdata(this.type, this.bytes, this.at + 10, this.length - 10);
  }

  /**
   * SRV records: the A / AAAA records at the target name, for the
   * additional section (set once the service's host records are built);
   * empty for other types. An SRV record is its own `SrvTarget` (no wrapper
   * object per instance, and one object shape for every record, so the
   * encoder's property reads stay monomorphic).
   */
  addresses: readonly WireRecord[] = EMPTY;

  /** The SRV record itself (see `addresses`). */
  get srv(): WireRecord {
    return this;
  }

  /** The same bytes at another owner (shares the span: for an instance host's copy of its service address record). */
  at_owner(owner: string, label: string): WireRecord {
    return new WireRecord(this.type, this.ttl, this.bytes, this.at, this.length, owner, label);
  }
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
 * Encode one record of an RRset into the record slab.
 * @param name owner name (or its parent when `label` is given)
 * @param label leftmost label(s) below `name`, or ''
 * @throws Error when `value` is not valid presentation form for `type`
 */
export function wireRecord(name: string, type: number, ttl: number, value: string, label = ''): WireRecord {
  const [bytes, at, length] = encodeSpan(name, type, ttl, value, label);
  return new WireRecord(type, ttl, bytes, at, length, name, label);
}

/** Encodes a record into the record slab: the slab, the offset and the length. */
function encodeSpan(name: string, type: number, ttl: number, value: string, label: string): [Uint8Array, number, number] {
  const rdata = encodeRdata(type, value);
  if (!rdata) throw new Error(`cannot encode ${label ? `${label}.` : ''}${name} ${type} ${JSON.stringify(value)}`);
  const length = 10 + rdata.length;
  const at = allocateRecordSpan(length);
  const bytes = recordSpanArray();
  bytes[at] = type >> 8;
  bytes[at + 1] = type & 0xff;
  bytes[at + 3] = 1; // CLASS IN
  bytes[at + 4] = (ttl >>> 24) & 0xff;
  bytes[at + 5] = (ttl >>> 16) & 0xff;
  bytes[at + 6] = (ttl >>> 8) & 0xff;
  bytes[at + 7] = ttl & 0xff;
  bytes[at + 8] = rdata.length >> 8;
  bytes[at + 9] = rdata.length & 0xff;
  bytes.set(rdata, at + 10);
  return [bytes, at, length];
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
  const srv = pool<WireRecord>();
  const hasSrv = service.dnsRecords?.some((t) => t.type === 'SRV') ?? false;
  /** Host records by lowercase instance id: exact-size arrays (a pushed-to array keeps room for 16). */
  const hosts = hasSrv ? new Map<string, readonly WireRecord[]>() : undefined;
  let ents: Set<string> | undefined;
  const hostKey = (name: string): string => name.slice(0, name.length - owner.length - 1);

  if (hosts) {
    // Every instance of an SRV service has a host name, with or without addresses.
    for (const inst of instances) {
      const key = inst.id.toLowerCase();
      if (!hosts.has(key)) hosts.set(key, EMPTY);
      for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) (ents ??= new Set()).add(key.slice(dot + 1));
    }
    if (ents) for (const key of hosts.keys()) ents.delete(key);
  }
  // Per instance, the service records come first, then its host records (`serviceRRsets`):
  // a host A / AAAA with the same TTL and value as the service's shares its bytes.
  let lastA: WireRecord | undefined;
  let lastAAAA: WireRecord | undefined;
  const targets: [WireRecord, string][] = [];
  for (const r of rrsets) {
    const type = typeNumber[r.type];
    const value = r.values[0]!;
    if (r.role === 'host') {
      const label = hostKey(r.name);
      const same = type === RRType.A ? lastA : lastAAAA;
      const record = same && same.ttl === r.ttl && same.value === value ? same.at_owner(owner, label) : wireRecord(owner, type, r.ttl, value, label);
      const list = hosts?.get(label);
      if (list) hosts!.set(label, list.length === 0 ? [record] : [...list, record]);
      continue;
    }
    if (r.role !== 'service') continue;
    const side = r.healthy ? 'healthy' : 'unhealthy';
    if (r.type === 'SRV') {
      const [bytes, at, length] = encodeSpan(owner, type, r.ttl, value, '');
      const record = new WireRecord(type, r.ttl, bytes, at, length, owner, '');
      srv[side].push(record);
      targets.push([record, hostKey(value.slice(value.lastIndexOf(' ') + 1))]);
      continue;
    }
    const record = wireRecord(owner, type, r.ttl, value);
    if (r.type === 'A') {
      a[side].push(record);
      lastA = record;
      lastAAAA = undefined;
    } else if (r.type === 'AAAA') {
      aaaa[side].push(record);
      lastAAAA = record;
    } else if (r.type === 'CNAME') cnames[side].push(record);
  }
  for (const [record, key] of targets) record.addresses = hosts?.get(key) ?? EMPTY;
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
