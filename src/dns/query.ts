/**
 * Reading a query (RFC 1035 §4.1, RFC 6891 §6.1): header fields, the one
 * question, and the OPT record, decoded with dns-packet. The question's
 * labels are also located in the raw bytes so the response can echo the
 * question verbatim and point at it (`wire.ts`).
 */
import dnsPacket from 'dns-packet';
import { EDNS_DO, Flag, HEADER_BYTES, Opcode, Rcode, UDP_MIN_PAYLOAD } from './constants.ts';
import type { DnsQuestion } from './resolve.ts';

/** A query as the resolver needs it. Fields are overwritten by `parseQuery`. */
export interface ParsedQuery {
  /** Message ID (echoed). */
  id: number;
  /** The query's 16-bit flags word (RD and CD are echoed). */
  flags: number;
  /** OPCODE, 4 bits. */
  opcode: number;
  /** The question; valid when `questionEnd > 12`. */
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
   * OPT), NOTIMP (OPCODE ≠ QUERY), BADVERS (EDNS version > 0), REFUSED (a
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

// dns-packet reads Node Buffers (readUInt16BE, toString). Take the Buffer class
// it was built with (Node's, or the npm `buffer` package elsewhere) rather than
// importing node:buffer into core code.
const PacketBuffer = dnsPacket.encode({ type: 'query', questions: [] }).constructor as typeof Buffer;

/** View `bytes` as the Buffer type dns-packet reads, without copying. */
export function asPacketBuffer(bytes: Uint8Array): Buffer {
  return bytes instanceof PacketBuffer ? (bytes as Buffer) : PacketBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Walk the question name at offset 12: fills `out.labelOffsets`, returns the
 * offset after QTYPE/QCLASS, or -1 when malformed (compression pointer,
 * reserved label type, over 255 bytes, or truncated). Sets `dotted` when a
 * label contains a `.` byte.
 */
function walkQuestion(bytes: Uint8Array, out: ParsedQuery): number {
  let off = HEADER_BYTES;
  let labels = 0;
  let dotted = false;
  for (;;) {
    if (off >= bytes.length) return -1;
    const len = bytes[off]!;
    if (len === 0) break;
    if (len > 63 || off + 1 + len > bytes.length || off + 1 + len - HEADER_BYTES > 254) return -1;
    out.labelOffsets[labels++] = off;
    for (let i = off + 1; i <= off + len; i++) if (bytes[i] === 0x2e) dotted = true;
    off += 1 + len;
  }
  off += 1;
  if (off + 4 > bytes.length) return -1;
  out.questionLabels = labels;
  out.question.type = (bytes[off]! << 8) | bytes[off + 1]!;
  out.question.class = (bytes[off + 2]! << 8) | bytes[off + 3]!;
  if (dotted) out.error = Rcode.REFUSED;
  return off + 4;
}

/**
 * Read a query into `out`. Returns false when the message must be dropped
 * without an answer: shorter than the 12-byte header, or a response (QR set;
 * answering it could loop). Otherwise `out.error` says whether to resolve.
 * Never throws.
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
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(asPacketBuffer(bytes));
  } catch {
    out.error = Rcode.FORMERR;
    return true;
  }
  out.question.name = packet.questions?.[0]?.name ?? '';
  const additionals = packet.additionals ?? [];
  for (let i = 0; i < additionals.length; i++) {
    const rr = additionals[i]!;
    if (rr.type !== 'OPT') continue;
    if (out.edns || rr.name !== '.') {
      // RFC 6891 §6.1.1: more than one OPT, or an OPT not owned by the root, is FORMERR.
      out.edns = false;
      out.error = Rcode.FORMERR;
      return true;
    }
    out.edns = true;
    out.ednsUdpSize = rr.udpPayloadSize ?? UDP_MIN_PAYLOAD;
    out.dnssecOk = ((rr.flags ?? 0) & EDNS_DO) !== 0;
    if ((rr as { ednsVersion?: number }).ednsVersion) out.error = Rcode.BADVERS;
  }
  return true;
}
