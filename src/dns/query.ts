/**
 * Reading a query (RFC 1035 §4.1, RFC 6891 §6.1): header fields, the one
 * question, and the OPT record, read straight from the bytes (no decoder on
 * the hot path). The question's labels are located so the response can echo
 * the question verbatim and point at it (`wire.ts`).
 */
import { EDNS_DO, Flag, HEADER_BYTES, Opcode, Rcode, RRType, UDP_MIN_PAYLOAD } from './constants.ts';
import type { DnsQuestion } from './resolve.ts';

/** A query as the resolver needs it. Fields are overwritten by `parseQuery`. */
export interface ParsedQuery {
  /** Message ID (echoed). */
  id: number;
  /** The query's 16-bit flags word (RD and CD are echoed). */
  flags: number;
  /** OPCODE, 4 bits. */
  opcode: number;
  /** The question, name lowercase without trailing dot (`''` is the root); valid when `questionEnd > 12`. */
  question: DnsQuestion;
  /** Offset just past the question section; 12 when the question is not echoed. */
  questionEnd: number;
  /** Number of labels in the question name (`backend.app.local` → 3). */
  questionLabels: number;
  /** Offset of each question label in the query (first `questionLabels` entries). */
  readonly labelOffsets: Int32Array;
  /** The query had exactly one well-formed OPT record (RFC 6891 §6.1.1). */
  edns: boolean;
  /** Requestor's EDNS UDP payload size in bytes (when `edns`). */
  ednsUdpSize: number;
  /** DO bit of the query's OPT (RFC 3225 §3: copied into the response). */
  dnssecOk: boolean;
  /**
   * RCODE to send without resolving: FORMERR (bad packet, QDCOUNT ≠ 1, bad
   * OPT, a record overrunning the message, trailing bytes), NOTIMP (OPCODE ≠
   * QUERY), BADVERS (EDNS version > 0), REFUSED (a
   * question label containing a dot byte, which names none of ours); else NOERROR.
   */
  error: number;
}

/** A new `ParsedQuery` to reuse across `parseQuery` calls. */
export function emptyParsedQuery(): ParsedQuery {
  return {
    id: 0,
    flags: 0,
    opcode: 0,
    question: { name: '', type: 0, class: 1 },
    questionEnd: HEADER_BYTES,
    questionLabels: 0,
    labelOffsets: new Int32Array(128),
    edns: false,
    ednsUdpSize: 0,
    dnssecOk: false,
    error: Rcode.NOERROR,
  };
}

/** Label bytes are read as Latin-1 and A–Z lowercased: zone, service and instance names are ASCII (AWS patterns). */
const nameChars: number[] = [];

/**
 * Walk the question name at offset 12: fills `out.labelOffsets`, the
 * question (name lowercase without trailing dot, type, class), and returns
 * the offset after QTYPE/QCLASS, or -1 when malformed (compression pointer,
 * reserved label type, over 255 bytes, or truncated). Sets `out.error` to
 * REFUSED when a label contains a `.` byte (it names none of ours).
 */
function walkQuestion(bytes: Uint8Array, out: ParsedQuery): number {
  let off = HEADER_BYTES;
  let labels = 0;
  let dotted = false;
  nameChars.length = 0;
  for (;;) {
    if (off >= bytes.length) return -1;
    const len = bytes[off]!;
    if (len === 0) break;
    if (len > 63 || off + 1 + len > bytes.length || off + 1 + len - HEADER_BYTES > 254) return -1;
    out.labelOffsets[labels++] = off;
    if (labels > 1) nameChars.push(0x2e);
    for (let i = off + 1; i <= off + len; i++) {
      const c = bytes[i]!;
      if (c === 0x2e) dotted = true;
      nameChars.push(c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
    }
    off += 1 + len;
  }
  off += 1;
  if (off + 4 > bytes.length) return -1;
  out.questionLabels = labels;
  out.question.name = String.fromCharCode.apply(null, nameChars);
  out.question.type = (bytes[off]! << 8) | bytes[off + 1]!;
  out.question.class = (bytes[off + 2]! << 8) | bytes[off + 3]!;
  if (dotted) out.error = Rcode.REFUSED;
  return off + 4;
}

/** Offset just past a (possibly compressed) domain name at `off`, or -1 when it runs past `end` or uses a reserved label type. */
function skipName(bytes: Uint8Array, off: number, end: number): number {
  for (let wire = 0; ; ) {
    if (off >= end) return -1;
    const len = bytes[off]!;
    if (len === 0) return off + 1;
    if ((len & 0xc0) === 0xc0) return off + 2 <= end ? off + 2 : -1;
    if (len & 0xc0) return -1;
    wire += len + 1;
    if (wire > 255) return -1;
    off += 1 + len;
  }
}

/**
 * Read the answer, authority and additional sections after the question
 * (RFC 1035 §4.1.3), recording the OPT record (RFC 6891 §6.1). Returns
 * FORMERR when a record runs past the end of the message, an OPT is not
 * owned by the root or appears twice, an OPT option overruns its RDATA
 * (RFC 6891 §6.1.2), or bytes follow the last record; else NOERROR or BADVERS.
 */
function readRecords(bytes: Uint8Array, off: number, out: ParsedQuery): number {
  const end = bytes.length;
  const count = ((bytes[6]! << 8) | bytes[7]!) + ((bytes[8]! << 8) | bytes[9]!) + ((bytes[10]! << 8) | bytes[11]!);
  const additionalFrom = ((bytes[6]! << 8) | bytes[7]!) + ((bytes[8]! << 8) | bytes[9]!);
  let rcode: number = Rcode.NOERROR;
  for (let i = 0; i < count; i++) {
    const nameAt = off;
    off = skipName(bytes, off, end);
    if (off < 0 || off + 10 > end) return Rcode.FORMERR;
    const type = (bytes[off]! << 8) | bytes[off + 1]!;
    const rdlength = (bytes[off + 8]! << 8) | bytes[off + 9]!;
    const rdata = off + 10;
    if (rdata + rdlength > end) return Rcode.FORMERR;
    if (type === RRType.OPT && i >= additionalFrom) {
      // RFC 6891 §6.1.1: one OPT, owned by the root; §6.1.2: options must fit its RDATA.
      if (out.edns || bytes[nameAt] !== 0) return Rcode.FORMERR;
      for (let o = rdata; o < rdata + rdlength; ) {
        if (o + 4 > rdata + rdlength) return Rcode.FORMERR;
        o += 4 + ((bytes[o + 2]! << 8) | bytes[o + 3]!);
        if (o > rdata + rdlength) return Rcode.FORMERR;
      }
      out.edns = true;
      out.ednsUdpSize = (bytes[off + 2]! << 8) | bytes[off + 3]!;
      out.dnssecOk = (((bytes[off + 6]! << 8) | bytes[off + 7]!) & EDNS_DO) !== 0;
      if (bytes[off + 5] !== 0) rcode = Rcode.BADVERS;
    }
    off = rdata + rdlength;
  }
  return off === end ? rcode : Rcode.FORMERR;
}

/**
 * Read a query into `out`. Returns false when the message must be dropped
 * without an answer: shorter than the 12-byte header, or a response (QR set;
 * answering it could loop). Otherwise `out.error` says whether to resolve.
 * Never throws. The whole message is checked, not only the question: a
 * record that overruns the message, a malformed OPT or trailing bytes are
 * FORMERR (RFC 1035 §4.1, RFC 6891 §6.1).
 */
export function parseQuery(bytes: Uint8Array, out: ParsedQuery): boolean {
  if (bytes.length < HEADER_BYTES) return false;
  const flags = (bytes[2]! << 8) | bytes[3]!;
  if (flags & Flag.QR) return false;
  out.id = (bytes[0]! << 8) | bytes[1]!;
  out.flags = flags;
  out.opcode = (flags >> 11) & 0xf;
  out.questionEnd = HEADER_BYTES;
  out.questionLabels = 0;
  out.edns = false;
  out.ednsUdpSize = 0;
  out.dnssecOk = false;
  out.error = Rcode.NOERROR;
  const qdcount = (bytes[4]! << 8) | bytes[5]!;
  const end = qdcount === 1 ? walkQuestion(bytes, out) : -1;
  if (end > 0) out.questionEnd = end;
  if (out.opcode !== Opcode.QUERY) {
    out.error = Rcode.NOTIMP;
    return true;
  }
  if (end < 0) {
    out.error = Rcode.FORMERR;
    return true;
  }
  const refused = out.error;
  const rcode = readRecords(bytes, end, out);
  if (rcode === Rcode.FORMERR) {
    // A FORMERR answer carries no OPT: the requestor's OPT may be what was malformed (RFC 6891 §7).
    out.edns = false;
    out.error = Rcode.FORMERR;
  } else {
    out.error = rcode !== Rcode.NOERROR ? rcode : refused;
  }
  if (out.edns && out.ednsUdpSize < UDP_MIN_PAYLOAD) out.ednsUdpSize = UDP_MIN_PAYLOAD;
  return true;
}
