/**
 * The account key of response-rate limiting (`rrl.ts`), read from bytes and
 * strings without allocating:
 *
 * - the client's network: the source address masked to a prefix length
 *   (BIND `ipv4-prefix-length` / `ipv6-prefix-length`; /24 and /56 here);
 *   an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as IPv4;
 * - the response's class and identity, as BIND's RRL and the Vixie/Schryver
 *   design note define them: a positive answer is identified by QNAME and
 *   QTYPE, an empty answer (NODATA) by QNAME, an NXDOMAIN by its zone (the
 *   owner of the SOA in the authority section, RFC 2308 §3), so random
 *   subdomains of one zone share an account; any other RCODE is an error,
 *   counted per network alone.
 *
 * Names are hashed case-insensitively (RFC 4343) following compression
 * pointers (RFC 1035 §4.1.4). The hash is two seeded 32-bit lanes; the seed
 * is random per process so spoofed traffic cannot aim at one table slot.
 */

/** Response classes, each with its own rate (BIND `responses-per-second`, `nodata-per-second`, `nxdomains-per-second`, `errors-per-second`). */
export const RrlClass = { response: 0, nodata: 1, nxdomain: 2, error: 3 } as const;
/** One of `RrlClass`. */
export type RrlClass = (typeof RrlClass)[keyof typeof RrlClass];
/** Label values of the classes, indexed by `RrlClass`. */
export const RRL_CLASS_NAMES: readonly string[] = ['response', 'nodata', 'nxdomain', 'error'];

/** The 64-bit key of one account, filled in by `AccountHasher`. */
export interface AccountKey {
  a: number;
  b: number;
}

const P1 = 0x01000193;
const P2 = 0x5bd1e995;
/** Byte → the byte lower-cased (A-Z only, RFC 4343). */
const LOWER = Uint8Array.from({ length: 256 }, (_, c) => (c >= 65 && c <= 90 ? c | 0x20 : c));

/** Mixes the last bits of a 32-bit lane (murmur3 finaliser). */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Parses dotted-quad IPv4 in `s[from, to)`; returns the address as an unsigned 32-bit number, or -1. */
function parseIpv4(s: string, from: number, to: number): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = from; i <= to; i++) {
    const c = i === to ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || ++parts > 4) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  return parts === 4 ? value : -1;
}

/**
 * Computes account keys. One instance is reused for every response; the
 * scratch arrays make `key` allocation-free.
 */
export class AccountHasher {
  readonly #seed: number;
  readonly #v4Mask: number;
  readonly #v6Bits: number;
  readonly #groups = new Uint16Array(8);
  readonly #tail = new Uint16Array(8);
  #h1 = 0;
  #h2 = 0;
  #lastSource: string | undefined = undefined;
  #sourceH1 = 0;
  #sourceH2 = 0;

  /**
   * @param ipv4PrefixLength bits of an IPv4 source that name its network, 0..32
   * @param ipv6PrefixLength bits of an IPv6 source that name its network, 0..128
   * @param seed hash seed (random per process by default; fixed in tests)
   */
  constructor(ipv4PrefixLength: number, ipv6PrefixLength: number, seed = (Math.random() * 0x100000000) >>> 0) {
    this.#seed = seed;
    this.#v4Mask = ipv4PrefixLength === 0 ? 0 : (0xffffffff << (32 - ipv4PrefixLength)) >>> 0;
    this.#v6Bits = ipv6PrefixLength;
  }

  /**
   * The account key of `response` sent to `source` (an IP literal as Node's
   * dgram reports it, an IPv6 zone suffix `%eth0` allowed), written to `out`.
   * @returns the response class, or -1 when the response or address cannot be read (not limited)
   */
  key(source: string, response: Uint8Array, out: AccountKey): number {
    if (response.length < 12) return -1;
    // A flood comes from few addresses: the hash state after the source is kept for the last one.
    if (source !== this.#lastSource) {
      this.#h1 = this.#seed ^ 0x811c9dc5;
      this.#h2 = this.#seed ^ 0x9747b28c;
      if (!this.#source(source)) return -1;
      this.#lastSource = source;
      this.#sourceH1 = this.#h1;
      this.#sourceH2 = this.#h2;
    } else {
      this.#h1 = this.#sourceH1;
      this.#h2 = this.#sourceH2;
    }
    const rcode = response[3]! & 0x0f;
    const qdcount = (response[4]! << 8) | response[5]!;
    const ancount = (response[6]! << 8) | response[7]!;
    let cls: RrlClass;
    if (rcode === 0 && qdcount === 1) {
      cls = ancount > 0 ? RrlClass.response : RrlClass.nodata;
      this.#word(cls);
      const end = this.#name(response, 12);
      if (end < 0 || end + 4 > response.length) return -1;
      if (cls === RrlClass.response) this.#word((response[end]! << 8) | response[end + 1]!);
    } else if (rcode === 3) {
      cls = RrlClass.nxdomain;
      this.#word(cls);
      const soa = qdcount === 1 ? authorityOwner(response, ancount) : -1;
      if (soa >= 0) this.#name(response, soa);
    } else {
      cls = RrlClass.error;
      this.#word(cls);
    }
    out.a = fmix(this.#h1);
    out.b = fmix(this.#h2 ^ this.#h1);
    return cls;
  }

  #word(w: number): void {
    this.#h1 = Math.imul(this.#h1 ^ w, P1);
    this.#h2 = Math.imul(this.#h2 ^ w, P2);
  }

  /** Hashes the source's network; false when `s` is not an IP literal. */
  #source(s: string): boolean {
    let end = s.indexOf('%');
    if (end < 0) end = s.length;
    if (s.indexOf(':') < 0) {
      const v4 = parseIpv4(s, 0, end);
      if (v4 < 0) return false;
      this.#word(4);
      this.#word((v4 & this.#v4Mask) >>> 0);
      return true;
    }
    const g = this.#groups;
    if (!this.#parseIpv6(s, end)) return false;
    if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
      this.#word(4);
      this.#word((((g[6]! << 16) | g[7]!) & this.#v4Mask) >>> 0);
      return true;
    }
    this.#word(6);
    for (let i = 0, bits = this.#v6Bits; i < 8 && bits > 0; i++, bits -= 16) {
      this.#word(bits >= 16 ? g[i]! : g[i]! & ((0xffff << (16 - bits)) & 0xffff));
    }
    return true;
  }

  /** Parses IPv6 text (RFC 4291 §2.2, `::` and a trailing dotted quad) in `s[0, end)` into the 8 groups. */
  #parseIpv6(s: string, end: number): boolean {
    const g = this.#groups;
    const tail = this.#tail;
    let head = 0;
    let tails = 0;
    let gap = false;
    let i = 0;
    if (s.charCodeAt(0) === 58 && s.charCodeAt(1) === 58) {
      gap = true;
      i = 2;
    }
    while (i < end) {
      let v = 0;
      let j = i;
      while (j < end && j - i < 5) {
        const c = s.charCodeAt(j) | 0x20;
        if (c >= 48 && c <= 57) v = v * 16 + c - 48;
        else if (c >= 97 && c <= 102) v = v * 16 + c - 87;
        else break;
        j++;
      }
      if (j < end && s.charCodeAt(j) === 46) {
        const v4 = parseIpv4(s, i, end);
        if (v4 < 0 || head + tails > 6) return false;
        if (gap) (tail[tails++] = v4 >>> 16), (tail[tails++] = v4 & 0xffff);
        else (g[head++] = v4 >>> 16), (g[head++] = v4 & 0xffff);
        break;
      }
      if (j === i || j - i > 4 || head + tails >= 8) return false;
      if (gap) tail[tails++] = v;
      else g[head++] = v;
      if (j === end) break;
      if (s.charCodeAt(j) !== 58) return false;
      if (s.charCodeAt(j + 1) === 58) {
        if (gap) return false;
        gap = true;
        i = j + 2;
      } else {
        i = j + 1;
        if (i === end) return false;
      }
    }
    if (!gap) return head === 8;
    if (head + tails > 7) return false;
    g.fill(0, head, 8 - tails);
    for (let k = 0; k < tails; k++) g[8 - tails + k] = tail[k]!;
    return true;
  }

  /** Hashes the name at `off` (lower-cased, pointers followed); returns the offset after it in the record, or -1. */
  #name(m: Uint8Array, off: number): number {
    let after = -1;
    let jumps = 0;
    let h1 = this.#h1;
    let h2 = this.#h2;
    for (;;) {
      const len = m[off];
      if (len === undefined) return -1;
      if (len >= 0xc0) {
        if (off + 1 >= m.length || ++jumps > 64) return -1;
        if (after < 0) after = off + 2;
        off = ((len & 0x3f) << 8) | m[off + 1]!;
        continue;
      }
      if (len > 63 || off + 1 + len > m.length) return -1;
      // Label bytes, lower-cased (RFC 4343); the length byte separates labels.
      const end = off + 1 + len;
      for (let i = off; i < end; i++) {
        const c = LOWER[m[i]!]!;
        h1 = Math.imul(h1 ^ c, P1);
        h2 = Math.imul(h2 ^ c, P2);
      }
      off = end;
      if (len === 0) {
        this.#h1 = Math.imul(h1 ^ 0, P1);
        this.#h2 = Math.imul(h2 ^ 0, P2);
        return after < 0 ? off : after;
      }
    }
  }
}

/** Offset just past a (possibly compressed) name at `off`, or -1. */
function skipName(m: Uint8Array, off: number): number {
  for (;;) {
    const len = m[off];
    if (len === undefined || (len > 63 && len < 0xc0)) return -1;
    if (len >= 0xc0) return off + 2 <= m.length ? off + 2 : -1;
    off += 1 + len;
    if (len === 0) return off;
  }
}

/** Offset of the owner name of the first authority record (after the question and `ancount` answers), or -1. */
function authorityOwner(m: Uint8Array, ancount: number): number {
  const nscount = (m[8]! << 8) | m[9]!;
  if (nscount === 0) return -1;
  let off = skipName(m, 12);
  if (off < 0) return -1;
  off += 4;
  for (let i = 0; i < ancount; i++) {
    off = skipName(m, off);
    if (off < 0 || off + 10 > m.length) return -1;
    off += 10 + ((m[off + 8]! << 8) | m[off + 9]!);
  }
  return off < m.length ? off : -1;
}
