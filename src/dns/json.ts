/**
 * The DNS JSON form served by Google Public DNS (`/resolve`) and Cloudflare
 * (`application/dns-json`): a query from `name` and `type`, and a response
 * message rendered as `{"Status","TC","RD","RA","AD","CD","Question","Answer","Authority"}`
 * with numeric types, TTLs in seconds, and names as FQDNs with a trailing dot.
 *
 * Source: https://developers.google.com/speed/public-dns/docs/doh/json and
 * https://developers.cloudflare.com/1.1.1.1/encryption/dns-over-https/make-api-requests/dns-json/
 */
import dnsPacket from 'dns-packet';
import { Flag } from './constants.ts';
import { isEncodableName } from './records.ts';

/** One question in the JSON form. */
export interface DnsJsonQuestion {
  name: string;
  /** Numeric QTYPE. */
  type: number;
}

/** One record in the JSON form. */
export interface DnsJsonRecord {
  name: string;
  /** Numeric RR type. */
  type: number;
  /** Seconds. */
  TTL: number;
  /** Presentation form of the RDATA (`10.0.0.1`, `1 1 8080 i-1.backend.app.local.`). */
  data: string;
}

/** A response in the JSON form. */
export interface DnsJson {
  /** RCODE (0 NOERROR, 3 NXDOMAIN, 5 REFUSED, ...). */
  Status: number;
  TC: boolean;
  RD: boolean;
  RA: boolean;
  AD: boolean;
  CD: boolean;
  Question: DnsJsonQuestion[];
  Answer?: DnsJsonRecord[];
  Authority?: DnsJsonRecord[];
  Additional?: DnsJsonRecord[];
}

// dns-packet reads Node Buffers (readUInt16BE, toString). Take the Buffer class
// it was built with (Node's, or the npm `buffer` package elsewhere) rather than
// importing node:buffer into core code.
const PacketBuffer = dnsPacket.encode({ type: 'query', questions: [] }).constructor as typeof Buffer;

/** View `bytes` as the Buffer type dns-packet reads, without copying. */
export function asPacketBuffer(bytes: Uint8Array): Buffer {
  return bytes instanceof PacketBuffer ? (bytes as Buffer) : PacketBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// dns-packet names RR types by mnemonic (`UNKNOWN_<n>` when it has none). Map
// between those names and numbers through dns-packet's own codec, memoised.
const numberOfName = new Map<string, number>();
const nameOfNumber = new Map<number, dnsPacket.RecordType>();

/** dns-packet's name for a numeric RR type (`AAAA`, `UNKNOWN_65`). */
function typeName(type: number): dnsPacket.RecordType {
  let name = nameOfNumber.get(type);
  if (name === undefined) {
    const q = new Uint8Array([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, type >> 8, type & 0xff, 0, 1]);
    name = dnsPacket.decode(asPacketBuffer(q)).questions![0]!.type;
    nameOfNumber.set(type, name);
  }
  return name;
}

/** The number of a dns-packet RR type name, or 0 when dns-packet does not know it. */
function typeNumber(name: string): number {
  let type = numberOfName.get(name);
  if (type === undefined) {
    const q = dnsPacket.encode({ type: 'query', questions: [{ name: '.', type: name as dnsPacket.RecordType }] });
    type = (q[13]! << 8) | q[14]!;
    numberOfName.set(name, type);
  }
  return type;
}

/** A QTYPE from a mnemonic (`AAAA`, case-insensitive, or `TYPE28`) or a number 1..65535; undefined if neither. */
export function parseQueryType(value: string): number | undefined {
  if (/^\d{1,5}$/.test(value)) {
    const n = Number(value);
    return n >= 1 && n <= 65535 ? n : undefined;
  }
  const upper = value.toUpperCase();
  const generic = /^TYPE(\d{1,5})$/.exec(upper);
  if (generic) return parseQueryType(generic[1]!);
  if (!/^[A-Z][A-Z0-9]*$/.test(upper) || upper.startsWith('UNKNOWN')) return undefined;
  const n = typeNumber(upper);
  return n > 0 ? n : undefined;
}

/** Options of `buildQuery`. */
export interface BuildQueryOptions {
  /** Message ID. @default 0 (RFC 8484 §4.1 recommends 0 for cacheability) */
  id?: number;
  /** Set CD (checking disabled). @default false */
  cd?: boolean;
  /** Add an OPT record with the DO bit. @default false */
  dnssecOk?: boolean;
}

/**
 * Encode a query for `name` and numeric `type` (class IN, RD set).
 * Throws `RangeError` when the name is not a valid DNS name (empty label,
 * label over 63 bytes, over 255 bytes in all).
 */
export function buildQuery(name: string, type: number, options: BuildQueryOptions = {}): Uint8Array {
  if (!isEncodableName(name) || /^\.|\.\./.test(name)) throw new RangeError(`invalid DNS name: ${JSON.stringify(name)}`);
  const packet = dnsPacket.encode({
    type: 'query',
    id: options.id ?? 0,
    flags: dnsPacket.RECURSION_DESIRED | (options.cd ? dnsPacket.CHECKING_DISABLED : 0),
    questions: [{ name: name === '' ? '.' : name, type: typeName(type), class: 'IN' }],
    additionals: options.dnssecOk ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: dnsPacket.DNSSEC_OK } as dnsPacket.Answer] : [],
  });
  return new Uint8Array(packet);
}

const fqdn = (name: string): string => (name === '.' || name === '' ? '.' : name.endsWith('.') ? name : `${name}.`);

function rdataText(rr: dnsPacket.Answer): string {
  const data = (rr as { data?: unknown }).data;
  switch (rr.type) {
    case 'A':
    case 'AAAA':
      return String(data);
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return fqdn(String(data));
    case 'SRV': {
      const d = data as dnsPacket.SrvData;
      return `${d.priority ?? 0} ${d.weight ?? 0} ${d.port} ${fqdn(d.target)}`;
    }
    case 'SOA': {
      const d = data as dnsPacket.SoaData;
      return `${fqdn(d.mname)} ${fqdn(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    }
    default:
      return data instanceof Uint8Array ? `\\# ${data.length} ${[...data].map((b) => b.toString(16).padStart(2, '0')).join('')}` : String(data);
  }
}

function records(list: dnsPacket.Answer[] | undefined): DnsJsonRecord[] {
  const out: DnsJsonRecord[] = [];
  for (const rr of list ?? []) {
    if (rr.type === 'OPT') continue;
    out.push({ name: fqdn(rr.name), type: typeNumber(rr.type), TTL: (rr as { ttl?: number }).ttl ?? 0, data: rdataText(rr) });
  }
  return out;
}

/**
 * Render a DNS response message in the JSON form. Sections without records
 * are omitted (as Google does). Throws when `response` cannot be decoded.
 */
export function responseToJson(response: Uint8Array): DnsJson {
  const msg = dnsPacket.decode(asPacketBuffer(response));
  const flags = msg.flags ?? 0;
  const json: DnsJson = {
    Status: flags & 0xf,
    TC: (flags & Flag.TC) !== 0,
    RD: (flags & Flag.RD) !== 0,
    RA: (flags & Flag.RA) !== 0,
    AD: (flags & Flag.AD) !== 0,
    CD: (flags & Flag.CD) !== 0,
    Question: (msg.questions ?? []).map((q) => ({ name: fqdn(q.name), type: typeNumber(q.type) })),
  };
  const opt = (msg.additionals ?? []).find((rr) => rr.type === 'OPT') as { extendedRcode?: number } | undefined;
  if (opt?.extendedRcode) json.Status |= opt.extendedRcode << 4;
  const answer = records(msg.answers);
  const authority = records(msg.authorities);
  const additional = records(msg.additionals);
  if (answer.length) json.Answer = answer;
  if (authority.length) json.Authority = authority;
  if (additional.length) json.Additional = additional;
  return json;
}
