/**
 * A deterministic, seeded mutator of DNS queries and the checks the fuzz
 * suite (`test/fuzz.e2e.test.ts`) applies to each reply.
 *
 * Mutations (0 to 3 per message, chosen by the seeded generator): bit flips,
 * truncation, header count corruption (QDCOUNT/ANCOUNT/NSCOUNT/ARCOUNT),
 * label length corruption, compression pointer loops and out-of-range
 * pointers in the QNAME, OPT records whose RDATA or option lengths overrun
 * the message, random or special QTYPEs and CLASSes, odd EDNS payload sizes
 * (0 … 65535) and versions, random header flags and opcodes, inserted and
 * trailing garbage, second questions and second OPTs.
 *
 * The checks (RFC 1035 §4.1.1, RFC 6891 §6.2.5, RFC 1035 §4.2.1):
 * - a message with a whole header and QR = 0 gets a reply (`mustAnswer`);
 * - a reply carries the query's ID and has QR set;
 * - a reply with a question repeats the query's first question (name bytes
 *   as sent, QTYPE, QCLASS); a query whose question cannot be read gets no
 *   reply, or FORMERR/NOTIMP without a question;
 * - over UDP, a reply to a readable query is at most max(512, the query's
 *   EDNS payload size) bytes.
 */
import { query, type QType } from './dns-fixtures.ts';

/** A seeded generator: uniform integers in [0, n). */
export type Rng = (n: number) => number;

/** mulberry32: a small, fast, well-mixed 32-bit generator. */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Valid queries the mutations start from (names of the fuzz zone `fz.local`, others, EDNS or not). */
export function seedQueries(): Uint8Array[] {
  const names = ['backend.fz.local', 'big.fz.local', 'nope.fz.local', 'fz.local', 'example.com', '_http._tcp.api.fz.local', 'BiG.Fz.LoCaL'];
  const types: QType[] = ['A', 'AAAA', 'SRV', 'ANY', 'TXT', 'SOA', 'NS', 'CNAME'];
  const out: Uint8Array[] = [];
  for (const name of names) {
    for (const type of types) {
      out.push(query(name, type));
      out.push(query(name, type, { edns: 1232 }));
      out.push(query(name, type, { edns: 512, dnssecOk: true }));
      out.push(query(name, type, { edns: 4096 }));
    }
  }
  return out;
}

const SPECIAL_TYPES = [0, 1, 2, 5, 6, 12, 16, 28, 33, 41, 64, 65, 250, 251, 252, 253, 254, 255, 256, 65535];
const SPECIAL_CLASSES = [0, 1, 2, 3, 4, 254, 255, 65535];
const EDNS_SIZES = [0, 1, 12, 511, 512, 513, 1232, 1400, 4096, 8192, 65535];

const u16 = (m: Uint8Array, off: number, v: number): void => {
  m[off] = (v >> 8) & 0xff;
  m[off + 1] = v & 0xff;
};

/** Offset just past the first question's name (uncompressed labels only), or -1. */
function qnameEnd(m: Uint8Array): number {
  let off = 12;
  for (let n = 0; n < 128; n++) {
    const len = m[off];
    if (len === undefined || len > 63) return -1;
    off += 1 + len;
    if (len === 0) return off;
  }
  return -1;
}

function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** The mutations, each taking a message and returning a new one. */
const MUTATIONS: ((m: Uint8Array, rng: Rng) => Uint8Array)[] = [
  // bit flips
  (m, rng) => {
    const out = m.slice();
    for (let i = 1 + rng(8); i > 0 && out.length > 0; i--) out[rng(out.length)]! ^= 1 << rng(8);
    return out;
  },
  // truncation
  (m, rng) => m.slice(0, rng(m.length)),
  // header count corruption
  (m, rng) => {
    const out = m.slice();
    if (out.length >= 12) u16(out, 4 + 2 * rng(4), [0, 1, 2, 3, 0xffff, rng(65536)][rng(6)]!);
    return out;
  },
  // label length corruption
  (m, rng) => {
    const out = m.slice();
    const labels: number[] = [];
    for (let off = 12; off < out.length && out[off]! > 0 && out[off]! < 64; off += 1 + out[off]!) labels.push(off);
    if (labels.length) out[labels[rng(labels.length)]!] = [0, 63, 64, 127, 191, 255, rng(256)][rng(7)]!;
    return out;
  },
  // compression pointer loops and wild pointers in the QNAME
  (m, rng) => {
    const end = qnameEnd(m);
    const tail = end > 0 ? m.subarray(end) : [0, 1, 0, 1];
    const loops: number[][] = [[0xc0, 12], [3, 0x61, 0x62, 0x63, 0xc0, 12], [0xc0, 14, 0xc0, 12], [0xff, 0xff], [0xc0 | rng(64), rng(256)], [1, 0x61, 0xc0, 12 + 2 * rng(4)]];
    return concat(m.subarray(0, 12), loops[rng(loops.length)]!, tail);
  },
  // OPT overrun: RDLENGTH or an option length past the end of the message
  (m, rng) => {
    const end = qnameEnd(m);
    const base = concat(end > 0 ? m.subarray(0, Math.min(m.length, end + 4)) : m.slice(0, 12));
    if (base.length >= 12) u16(base, 10, 1);
    const rdlen = [4, 8, 100, 0xffff][rng(4)]!;
    const opt = [0, 0, 41, 4, 0xd0, 0, 0, 0, 0, rdlen >> 8, rdlen & 0xff];
    const option = [0, 10, 0, [8, 200, 0xff][rng(3)]!, 1, 2, 3, 4];
    return concat(base, opt, option.slice(0, rng(option.length + 1)));
  },
  // random or special QTYPE / QCLASS
  (m, rng) => {
    const out = m.slice();
    const end = qnameEnd(out);
    if (end > 0 && end + 4 <= out.length) {
      if (rng(2)) u16(out, end, rng(2) ? SPECIAL_TYPES[rng(SPECIAL_TYPES.length)]! : rng(65536));
      else u16(out, end + 2, rng(2) ? SPECIAL_CLASSES[rng(SPECIAL_CLASSES.length)]! : rng(65536));
    }
    return out;
  },
  // EDNS payload size and version (the OPT's CLASS and TTL), added when absent
  (m, rng) => {
    const end = qnameEnd(m);
    if (end < 0 || end + 4 > m.length) return m.slice();
    const size = rng(3) ? EDNS_SIZES[rng(EDNS_SIZES.length)]! : rng(65536);
    const version = rng(4) === 0 ? rng(256) : 0;
    const out = concat(m.subarray(0, end + 4), [0, 0, 41, size >> 8, size & 0xff, 0, version, rng(2) ? 0x80 : 0, 0, 0, 0]);
    u16(out, 6, 0);
    u16(out, 8, 0);
    u16(out, 10, 1);
    return out;
  },
  // random header flags, opcode, RCODE
  (m, rng) => {
    const out = m.slice();
    if (out.length >= 4) u16(out, 2, rng(2) ? rng(65536) : (rng(16) << 11) | 0x0100);
    return out;
  },
  // inserted or trailing garbage
  (m, rng) => {
    const junk = Array.from({ length: 1 + rng(40) }, () => rng(256));
    const at = rng(2) ? m.length : rng(m.length + 1);
    return concat(m.subarray(0, at), junk, m.subarray(at));
  },
  // a second question or a second OPT
  (m, rng) => {
    const end = qnameEnd(m);
    if (end < 0 || end + 4 > m.length) return m.slice();
    const question = m.subarray(12, end + 4);
    const out = rng(2) ? concat(m.subarray(0, end + 4), question, m.subarray(end + 4)) : concat(m, [0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 0]);
    if (out === null) return m.slice();
    u16(out, rng(2) ? 4 : 10, 2);
    return out;
  },
];

/** One query from `seeds` with 0 to 3 mutations (a quarter stay valid: controls for the size and echo checks). */
export function mutate(seeds: readonly Uint8Array[], rng: Rng): Uint8Array {
  let m = seeds[rng(seeds.length)]!;
  for (let i = rng(4); i > 0; i--) m = MUTATIONS[rng(MUTATIONS.length)]!(m, rng);
  return m;
}

/** Sets the ID (first two bytes) of a message, when it has them. */
export function setId(m: Uint8Array, id: number): void {
  if (m.length >= 2) u16(m, 0, id);
}

/** The first question of a message as [name bytes as sent (pointers followed), type, class], or undefined when it cannot be read. */
export function firstQuestion(m: Uint8Array): { name: string; type: number; cls: number } | undefined {
  if (m.length < 12 || ((m[4]! << 8) | m[5]!) === 0) return undefined;
  let off = 12;
  let after = -1;
  let name = '';
  for (let steps = 0; ; steps++) {
    const len = m[off];
    if (len === undefined || steps > 128) return undefined;
    if (len >= 0xc0) {
      if (off + 1 >= m.length) return undefined;
      if (after < 0) after = off + 2;
      off = ((len & 0x3f) << 8) | m[off + 1]!;
      continue;
    }
    if (len > 63 || off + 1 + len > m.length) return undefined;
    off += 1 + len;
    if (len === 0) break;
    name += `${String.fromCharCode(...m.subarray(off - len, off))}.`;
  }
  if (name.length > 256) return undefined;
  const end = after < 0 ? off : after;
  if (end + 4 > m.length) return undefined;
  return { name, type: (m[end]! << 8) | m[end + 1]!, cls: (m[end + 2]! << 8) | m[end + 3]! };
}

/** The UDP payload size a query allows: max(512, its OPT's CLASS) when an OPT follows the question, else 512 (RFC 6891 §6.2.5). */
export function allowedUdpSize(m: Uint8Array): number {
  const q = firstQuestion(m);
  if (!q || ((m[10]! << 8) | m[11]!) === 0) return 512;
  let off = 12;
  for (;;) {
    const len = m[off];
    if (len === undefined) return 512;
    if (len >= 0xc0) {
      off += 2;
      break;
    }
    off += 1 + len;
    if (len === 0) break;
  }
  off += 4;
  let max = 512;
  // Any OPT-shaped record after the question may be the one the server reads.
  for (let i = off; i + 11 <= m.length; i++) {
    if (m[i] === 0 && m[i + 1] === 0 && m[i + 2] === 41) max = Math.max(max, (m[i + 3]! << 8) | m[i + 4]!);
  }
  return max;
}

/**
 * Checks one reply against its query; returns what is wrong, or undefined.
 * @param udp apply the UDP size limit
 */
export function checkReply(queryBytes: Uint8Array, reply: Uint8Array, udp: boolean): string | undefined {
  if (reply.length < 12) return `reply of ${reply.length} bytes`;
  if (reply[0] !== queryBytes[0] || reply[1] !== queryBytes[1]) return 'ID differs';
  if ((reply[2]! & 0x80) === 0) return 'QR not set';
  const rcode = reply[3]! & 0x0f;
  const qdcount = (reply[4]! << 8) | reply[5]!;
  const asked = firstQuestion(queryBytes);
  if (qdcount > 1) return `reply with ${qdcount} questions`;
  if (qdcount === 1) {
    const echoed = firstQuestion(reply);
    if (!echoed) return 'reply question unreadable';
    if (!asked) return `reply has question ${echoed.name} but the query's cannot be read`;
    if (echoed.name !== asked.name || echoed.type !== asked.type || echoed.cls !== asked.cls) {
      return `question ${echoed.name}/${echoed.type}/${echoed.cls} differs from ${asked.name}/${asked.type}/${asked.cls}`;
    }
  } else if (rcode !== 1 && rcode !== 4) {
    return `reply without question, RCODE ${rcode} (want FORMERR or NOTIMP)`;
  }
  if (udp && asked) {
    const allowed = allowedUdpSize(queryBytes);
    if (reply.length > allowed) return `UDP reply of ${reply.length} bytes over the ${allowed} the query allows`;
  }
  return undefined;
}

/** True when a server must answer `m` (RFC 1035 §4.1.1): it has a whole header and QR = 0; only shorter messages and responses may go unanswered. */
export const mustAnswer = (m: Uint8Array): boolean => m.length >= 12 && (m[2]! & 0x80) === 0;

/** Hex of a message, for failure reports. */
export const hex = (m: Uint8Array): string => Buffer.from(m).toString('hex');
