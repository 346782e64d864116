/**
 * The RRsets a zone, a service and its instances answer with, encoded once
 * (`record-cache.ts` keeps them until the view changes them).
 *
 * Each record is held as a `WireRecord`: its dns-packet shape (for JSON and
 * tests) and its wire bytes after the owner name (TYPE, CLASS, TTL, RDLENGTH,
 * RDATA; RFC 1035 §4.1.3). The owner name is written per response as a
 * compression pointer (RFC 1035 §4.1.4), so one encoded record serves every
 * spelling of the question name.
 *
 * Record content (AWS Cloud Map `DnsRecord`, DESIGN §3 "DNS answers"):
 * - A / AAAA / CNAME at `<service>.<namespace>` from `AWS_INSTANCE_IPV4`,
 *   `AWS_INSTANCE_IPV6`, `AWS_INSTANCE_CNAME`, only for types listed in the
 *   service's `dnsRecords`, with that template's TTL;
 * - SRV at the same name: `1 1 <AWS_INSTANCE_PORT> <instance-id>.<service>.<namespace>`
 *   for instances with a port;
 * - with an SRV template, A / AAAA at `<instance-id>.<service>.<namespace>` from the
 *   instance's addresses (Cloud Map creates them for SRV targets), TTL of the
 *   A / AAAA template or else of the SRV template;
 * - zone apex: SOA `ns1.<zone>. hostmaster.<zone>. 1 7200 900 1209600 86400`
 *   (Route 53's values) and NS `ns1.<zone>.`, TTL `namespace.soaTtl` (seconds).
 */
import dnsPacket from 'dns-packet';
import type { Instance, Namespace, Service } from '../model/types.ts';
import { ReservedAttributes } from '../model/types.ts';
import { canonicalName } from '../view/view.ts';
import { RRType } from './constants.ts';

/** One resource record ready to be written after an owner name. */
export interface WireRecord {
  /** Numeric RR type (RFC 1035 §3.2.2). */
  readonly type: number;
  /** Seconds. */
  readonly ttl: number;
  /** The record as dns-packet shapes it; `name` is the owner, lowercase, no trailing dot. */
  readonly answer: dnsPacket.Answer;
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

/** Records at an instance host name `<instance-id>.<service>.<namespace>`. */
export interface HostRecords {
  readonly a: WireRecord | undefined;
  readonly aaaa: WireRecord | undefined;
}

/** Everything one service answers, built from a `ServiceEntry`. */
export interface ServiceRecords {
  /** WEIGHTED routing: one record per answer instead of up to eight. */
  readonly weighted: boolean;
  /** The service has a CNAME template: its name answers the CNAME for every type. */
  readonly cname: boolean;
  readonly a: RecordPool<WireRecord>;
  readonly aaaa: RecordPool<WireRecord>;
  readonly cnames: RecordPool<WireRecord>;
  readonly srv: RecordPool<SrvTarget>;
  /** Instance host names by lowercase instance id; present only with an SRV template. */
  readonly hosts: ReadonlyMap<string, HostRecords> | undefined;
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

/** How apex records are named; see `ResolverOptions`. */
export interface ZoneNaming {
  /** Nameserver host name (MNAME and NS) for a zone apex; no trailing dot needed. */
  nameserver: (zone: string) => string;
  /** Responsible mailbox (RNAME) as a domain name, e.g. `hostmaster.app.local`. */
  hostmaster: (zone: string) => string;
  /** SOA TTL in seconds when the namespace has no `soaTtl`. */
  defaultSoaTtl: number;
}

/** Route 53's SOA timers in seconds (serial 1). */
export const SOA_TIMERS = { serial: 1, refresh: 7200, retry: 900, expire: 1209600, minimum: 86400 } as const;

const MAX_LABEL = 63;
const utf8 = new TextEncoder();
const MAX_NAME = 255;

/** True when `name` (dots between labels, optional trailing dot) fits the wire limits: labels 1..63 bytes, whole name ≤ 255 bytes (RFC 1035 §2.3.4). */
export function isEncodableName(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0) return true;
  let wire = 1;
  for (const label of n.split('.')) {
    const bytes = utf8.encode(label).length;
    if (bytes === 0 || bytes > MAX_LABEL) return false;
    wire += bytes + 1;
  }
  return wire <= MAX_NAME;
}

/**
 * Encode one record with dns-packet and keep the bytes after the owner name.
 * Throws when dns-packet cannot encode `data` (e.g. a malformed address).
 */
export function encodeRecord(owner: string, type: number, ttl: number, data: unknown): WireRecord {
  const typeName = typeNames[type];
  if (!typeName) throw new Error(`unsupported record type ${type}`);
  const answer = { name: owner, type: typeName, class: 'IN', ttl, data } as dnsPacket.Answer;
  // Owner '.' encodes as the single root byte; everything after it is the body.
  const packet = dnsPacket.encode({ type: 'response', answers: [{ ...answer, name: '.' } as dnsPacket.Answer] });
  return { type, ttl, answer, body: new Uint8Array(packet.subarray(12 + 1)) };
}

const typeNames: Record<number, dnsPacket.RecordType> = {
  [RRType.A]: 'A',
  [RRType.NS]: 'NS',
  [RRType.CNAME]: 'CNAME',
  [RRType.SOA]: 'SOA',
  [RRType.AAAA]: 'AAAA',
  [RRType.SRV]: 'SRV',
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function tryRecord(owner: string, type: number, ttl: number, data: unknown): WireRecord | undefined {
  try {
    return encodeRecord(owner, type, ttl, data);
  } catch {
    return undefined;
  }
}

function addressRecord(owner: string, type: number, ttl: number, value: string | undefined): WireRecord | undefined {
  if (!value) return undefined;
  if (type === RRType.A && !IPV4.test(value)) return undefined;
  if (type === RRType.AAAA && !value.includes(':')) return undefined;
  return tryRecord(owner, type, ttl, value);
}

function port(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 65535 ? n : undefined;
}

/** Build the apex records of a zone (no caching; see `RecordCache.zone`). Throws if a configured name cannot be encoded. */
export function buildZoneRecords(namespace: Namespace, naming: ZoneNaming): ZoneRecords {
  const name = canonicalName(namespace.name);
  const ttl = namespace.soaTtl ?? naming.defaultSoaTtl;
  const mname = canonicalName(naming.nameserver(name));
  const soaData = { mname, rname: canonicalName(naming.hostmaster(name)), ...SOA_TIMERS };
  return {
    name,
    labels: name.split('.').length,
    soa: encodeRecord(name, RRType.SOA, ttl, soaData),
    negativeSoa: encodeRecord(name, RRType.SOA, Math.min(ttl, SOA_TIMERS.minimum), soaData),
    ns: encodeRecord(name, RRType.NS, ttl, mname),
  };
}

interface MutablePool<T> {
  healthy: T[];
  unhealthy: T[];
}

const pool = <T>(): MutablePool<T> => ({ healthy: [], unhealthy: [] });

/** Build the records of a service from its instances (no caching; see `RecordCache.service`). */
export function buildServiceRecords(service: Service, zoneName: string, healthy: readonly Instance[], unhealthy: readonly Instance[]): ServiceRecords {
  const owner = canonicalName(`${service.name}.${zoneName}`);
  const ttl = new Map<string, number>();
  for (const t of service.dnsRecords ?? []) ttl.set(t.type, t.ttl);
  const ttlA = ttl.get('A');
  const ttlAAAA = ttl.get('AAAA');
  const ttlCname = ttl.get('CNAME');
  const ttlSrv = ttl.get('SRV');
  const a = pool<WireRecord>();
  const aaaa = pool<WireRecord>();
  const cnames = pool<WireRecord>();
  const srv = pool<SrvTarget>();
  const hosts = ttlSrv === undefined ? undefined : new Map<string, HostRecords>();

  const add = (inst: Instance, side: 'healthy' | 'unhealthy'): void => {
    const attrs = inst.attributes;
    const ipv4 = attrs[ReservedAttributes.IPV4];
    const ipv6 = attrs[ReservedAttributes.IPV6];
    const push = <T>(p: MutablePool<T>, r: T | undefined): void => {
      if (r !== undefined) p[side].push(r);
    };
    if (ttlA !== undefined) push(a, addressRecord(owner, RRType.A, ttlA, ipv4));
    if (ttlAAAA !== undefined) push(aaaa, addressRecord(owner, RRType.AAAA, ttlAAAA, ipv6));
    if (ttlCname !== undefined) {
      const target = attrs[ReservedAttributes.CNAME];
      if (target && isEncodableName(target)) push(cnames, tryRecord(owner, RRType.CNAME, ttlCname, canonicalName(target)));
    }
    if (ttlSrv === undefined || !hosts) return;
    const hostName = canonicalName(`${inst.id}.${owner}`);
    if (!isEncodableName(hostName)) return;
    const host: HostRecords = {
      a: addressRecord(hostName, RRType.A, ttlA ?? ttlSrv, ipv4),
      aaaa: addressRecord(hostName, RRType.AAAA, ttlAAAA ?? ttlSrv, ipv6),
    };
    hosts.set(inst.id.toLowerCase(), host);
    const p = port(attrs[ReservedAttributes.PORT]);
    if (p === undefined) return;
    const record = tryRecord(owner, RRType.SRV, ttlSrv, { priority: 1, weight: 1, port: p, target: hostName });
    if (!record) return;
    const addresses: WireRecord[] = [];
    if (host.a) addresses.push(host.a);
    if (host.aaaa) addresses.push(host.aaaa);
    push(srv, { srv: record, addresses });
  };
  for (const inst of healthy) add(inst, 'healthy');
  for (const inst of unhealthy) add(inst, 'unhealthy');
  return {
    weighted: service.routingPolicy === 'WEIGHTED',
    cname: ttlCname !== undefined,
    a,
    aaaa,
    cnames,
    srv,
    hosts,
  };
}
