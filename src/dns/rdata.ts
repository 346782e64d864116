/**
 * Presentation form ↔ wire form of the record data we serve: A, AAAA, NS,
 * CNAME, SOA and SRV (RFC 1035 §3.3–3.4 and §5.1, RFC 3596 §2.2, RFC 2782,
 * RFC 4291 §2.2 and RFC 5952 §4 for IPv6 text).
 *
 * Names in presentation form here are dotted, without a trailing dot, and
 * contain no escapes; they are written uncompressed (RFC 3597 §4: the
 * receiver must accept either, and uncompressed rdata can be copied into any
 * message as is).
 */
import { allocateRecordBytes } from './bytes.ts';
import { RRType } from './constants.ts';

const utf8 = new TextEncoder();
const MAX_LABEL = 63;
const MAX_NAME = 255;

/** True when `name` (dots between labels, optional trailing dot) fits the wire limits: labels 1..63 bytes, whole name ≤ 255 bytes (RFC 1035 §2.3.4). */
export function isEncodableName(name: string): boolean {
  return encodeName(name) !== undefined;
}

/**
 * A domain name in uncompressed wire form (length-prefixed labels, root byte),
 * or undefined when a label is empty or over 63 bytes or the name is over 255
 * bytes (RFC 1035 §2.3.4, §3.1). `''` and `'.'` are the root.
 */
export function encodeName(name: string): Uint8Array | undefined {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0) return new Uint8Array([0]);
  const bytes = utf8.encode(n);
  if (bytes.length + 2 > MAX_NAME) return undefined;
  const out = new Uint8Array(bytes.length + 2);
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x2e) continue;
    const len = i - start;
    if (len === 0 || len > MAX_LABEL) return undefined;
    out[start] = len;
    out.set(bytes.subarray(start, i), start + 1);
    start = i + 1;
  }
  return out;
}

/** The 4 bytes of a dotted-quad IPv4 address (no leading zeros), or undefined (RFC 1035 §3.4.1). */
export function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

/**
 * The 16 bytes of an IPv6 address in RFC 4291 §2.2 text form (hex groups,
 * one `::`, optional trailing dotted quad; no zone id), or undefined.
 */
export function parseIPv6(text: string): Uint8Array | undefined {
  if (text.length < 2 || text.length > 45 || /[^0-9a-fA-F:.]/.test(text)) return undefined;
  const groups: number[] = [];
  let tail = text;
  let v4: Uint8Array | undefined;
  if (text.includes('.')) {
    const at = text.lastIndexOf(':');
    v4 = parseIPv4(text.slice(at + 1));
    if (!v4) return undefined;
    tail = text.slice(0, at + 1) + '0:0';
  }
  const halves = tail.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return undefined;
  if (halves.length === 2) {
    if (head.length + rest.length > 7) return undefined;
    groups.push(...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest);
  } else {
    if (head.length !== 8) return undefined;
    groups.push(...head);
  }
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    out[2 * i] = groups[i]! >> 8;
    out[2 * i + 1] = groups[i]! & 0xff;
  }
  if (v4) out.set(v4, 12);
  return out;
}

/** RFC 5952 §4 text of 16 IPv6 bytes: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
export function formatIPv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (list: number[]): string => list.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

/** Canonical RFC 5952 text of an IPv6 address, or undefined when `text` is not one. */
export function canonicalIPv6(text: string): string | undefined {
  const bytes = parseIPv6(text);
  return bytes && formatIPv6(bytes);
}

function u16(n: number, out: Uint8Array, at: number): void {
  out[at] = n >> 8;
  out[at + 1] = n & 0xff;
}

function u32(n: number, out: Uint8Array, at: number): void {
  out[at] = n >>> 24;
  out[at + 1] = (n >>> 16) & 0xff;
  out[at + 2] = (n >>> 8) & 0xff;
  out[at + 3] = n & 0xff;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

const UINT = /^\d{1,10}$/;

/**
 * RDATA bytes of one record from its presentation form, or undefined when
 * `value` is not valid for `type`:
 * - A `10.0.0.1`; AAAA `fd00::1`; NS / CNAME a name;
 * - SRV `<priority> <weight> <port> <target>` (16-bit numbers, RFC 2782);
 * - SOA `<mname> <rname> <serial> <refresh> <retry> <expire> <minimum>` (32-bit numbers).
 */
export function encodeRdata(type: number, value: string): Uint8Array | undefined {
  switch (type) {
    case RRType.A:
      return parseIPv4(value);
    case RRType.AAAA:
      return parseIPv6(value);
    case RRType.NS:
    case RRType.CNAME:
      return encodeName(value);
    case RRType.SRV: {
      const f = value.split(' ');
      if (f.length !== 4 || !f.slice(0, 3).every((x) => /^\d{1,5}$/.test(x) && Number(x) <= 65535)) return undefined;
      const target = encodeName(f[3]!);
      if (!target) return undefined;
      const fixed = new Uint8Array(6);
      u16(Number(f[0]), fixed, 0);
      u16(Number(f[1]), fixed, 2);
      u16(Number(f[2]), fixed, 4);
      return concat([fixed, target]);
    }
    case RRType.SOA: {
      const f = value.split(' ');
      if (f.length !== 7 || !f.slice(2).every((x) => UINT.test(x) && Number(x) <= 0xffffffff)) return undefined;
      const mname = encodeName(f[0]!);
      const rname = encodeName(f[1]!);
      if (!mname || !rname) return undefined;
      const timers = new Uint8Array(20);
      for (let i = 0; i < 5; i++) u32(Number(f[2 + i]), timers, 4 * i);
      return concat([mname, rname, timers]);
    }
    default:
      return undefined;
  }
}

/** CLASS IN (RFC 1035 §3.2.4). */
const CLASS_IN = 1;

/**
 * The wire bytes of a record after its owner name: TYPE, CLASS IN, TTL,
 * RDLENGTH, RDATA (RFC 1035 §4.1.3), carved from the record slab
 * (`bytes.ts`). Undefined when the value is not valid for the type.
 * @param ttl seconds, 0..2^31-1
 */
export function encodeRecordBody(type: number, ttl: number, value: string): Uint8Array | undefined {
  const rdata = encodeRdata(type, value);
  if (!rdata) return undefined;
  const out = allocateRecordBytes(10 + rdata.length);
  u16(type, out, 0);
  u16(CLASS_IN, out, 2);
  u32(ttl, out, 4);
  u16(rdata.length, out, 8);
  out.set(rdata, 10);
  return out;
}
