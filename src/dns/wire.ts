/**
 * Wire format of responses: write one and fit it to the transport (queries
 * are read by `query.ts`).
 *
 * The question is copied from the query verbatim (same case, same bytes).
 * Responses are assembled from pre-encoded records
 * (`records.ts`): owner names are compression pointers (RFC 1035 §4.1.4) to
 * the question name, its zone suffix, or an SRV target already written.
 *
 * Size rule (RFC 1035 §4.2.1, RFC 6891 §6.2.3–6.2.5, RFC 2181 §9): over UDP
 * the limit is 512 bytes without EDNS, else the query's EDNS UDP size (at
 * least 512) capped at our own payload size; TCP, DoH and gRPC allow 65535.
 * When a response does not fit, additional records are left out first (no
 * TC); if the answer and authority sections still do not fit, the response
 * is the header, the question and the OPT record with TC set, never a
 * partial RRset.
 */
import { allocateBytes } from './bytes.ts';
import { EDNS_DO, Flag, HEADER_BYTES, RRType, STREAM_MAX_MESSAGE, UDP_MIN_PAYLOAD } from './constants.ts';
import type { ParsedQuery } from './query.ts';
import type { WireRecord } from './records.ts';
import type { Resolution } from './resolve.ts';

/** Transport a message came in on; decides the response size limit. */
export type Transport = 'udp' | 'tcp' | 'doh' | 'grpc';

/**
 * Largest response in bytes for a transport (RFC 1035 §4.2.1/§4.2.2, RFC 6891 §6.2.5).
 *
 * @param transport where the query came from
 * @param ednsUdpSize the query's EDNS UDP payload size, or undefined without EDNS
 * @param serverUdpPayload our own UDP payload size in bytes (cap), e.g. 1232
 */
export function responseSizeLimit(transport: Transport, ednsUdpSize: number | undefined, serverUdpPayload: number): number {
  if (transport !== 'udp') return STREAM_MAX_MESSAGE;
  if (ednsUdpSize === undefined) return UDP_MIN_PAYLOAD;
  const cap = Math.max(UDP_MIN_PAYLOAD, serverUdpPayload);
  return Math.min(Math.max(UDP_MIN_PAYLOAD, ednsUdpSize), cap);
}

const OPT_BYTES = 11;
/** Offset of an SRV target name within its record: owner pointer 2 + fixed 10 + priority/weight/port 6. */
const SRV_TARGET_AT = 18;
/** Offset of each answer record in the response being written (grown on demand). */
let answerOffsets = new Int32Array(64);

/**
 * Copy a record's bytes into `to` at `at`: a plain loop for short records,
 * where `TypedArray.set` costs more in call overhead than it saves; longer
 * ones through the record's (kept) view of its bytes.
 */
function copy(record: WireRecord, to: Uint8Array, at: number): void {
  const n = record.length;
  if (n > 48) return to.set(record.body, at);
  const from = record.bytes;
  const start = record.at;
  for (let i = 0; i < n; i++) to[at + i] = from[start + i]!;
}

/**
 * Write the response to `query`.
 *
 * @param query the raw query bytes (its question is copied verbatim)
 * @param pq the parsed query
 * @param rcode RCODE, possibly extended (> 15 goes partly into the OPT record)
 * @param res the sections to write, or undefined for a header-only answer
 * @param limit largest message in bytes (`responseSizeLimit`)
 * @param udpPayload the EDNS UDP payload size we advertise, bytes
 * @returns a new Uint8Array holding the whole message (a view into a shared slab; see `bytes.ts`)
 */
export function encodeResponse(query: Uint8Array, pq: ParsedQuery, rcode: number, res: Resolution | undefined, limit: number, udpPayload: number): Uint8Array {
  const qEnd = pq.questionEnd;
  const optLen = pq.edns ? OPT_BYTES : 0;
  let size = qEnd + optLen;
  let tc = false;
  let answers = 0;
  let authority = 0;
  let additionals = 0;
  if (res) {
    let sections = 0;
    const list = res.answers;
    if (list.length > answerOffsets.length) answerOffsets = new Int32Array(list.length * 2);
    for (let i = 0; i < list.length; i++) {
      answerOffsets[i] = qEnd + sections;
      sections += 2 + list[i]!.length;
    }
    for (let i = 0; i < res.authority.length; i++) sections += 2 + res.authority[i]!.length;
    if (size + sections > limit) {
      tc = true;
    } else {
      size += sections;
      answers = res.answers.length;
      authority = res.authority.length;
      for (; additionals < res.additionals.length; additionals++) {
        const at = answerOffsets[res.additionalOwners[additionals]!]! + SRV_TARGET_AT;
        const owner = at < 0x4000 ? 2 : res.answers[res.additionalOwners[additionals]!]!.length - 16;
        const len = owner + res.additionals[additionals]!.length;
        if (size + len > limit) break;
        size += len;
      }
    }
  }
  const out = allocateBytes(size);
  const flags =
    Flag.QR | (pq.opcode << 11) | (res?.authoritative ? Flag.AA : 0) | (tc ? Flag.TC : 0) | (pq.flags & (Flag.RD | Flag.CD)) | (rcode & 0xf);
  out[0] = pq.id >> 8;
  out[1] = pq.id & 0xff;
  out[2] = flags >> 8;
  out[3] = flags & 0xff;
  const arcount = additionals + (pq.edns ? 1 : 0);
  out[5] = qEnd > HEADER_BYTES ? 1 : 0;
  out[6] = answers >> 8;
  out[7] = answers & 0xff;
  out[9] = authority;
  out[10] = arcount >> 8;
  out[11] = arcount & 0xff;
  for (let i = HEADER_BYTES; i < qEnd; i++) out[i] = query[i]!;
  let off = qEnd;
  for (let i = 0; i < answers; i++) {
    const record = res!.answers[i]!;
    out[off] = 0xc0;
    out[off + 1] = HEADER_BYTES;
    copy(record, out, off + 2);
    off += 2 + record.length;
  }
  if (authority > 0) {
    // The SOA owner is the zone apex: the question name minus its leading labels.
    const zoneLabels = res!.zone?.labels ?? pq.questionLabels;
    const skip = pq.questionLabels - zoneLabels;
    const at = skip > 0 ? pq.labelOffsets[skip]! : HEADER_BYTES;
    for (let i = 0; i < authority; i++) {
      const record = res!.authority[i]!;
      out[off] = 0xc0 | (at >> 8);
      out[off + 1] = at & 0xff;
      copy(record, out, off + 2);
      off += 2 + record.length;
    }
  }
  for (let i = 0; i < additionals; i++) {
    const ownerIndex = res!.additionalOwners[i]!;
    const at = answerOffsets[ownerIndex]! + SRV_TARGET_AT;
    if (at < 0x4000) {
      out[off] = 0xc0 | (at >> 8);
      out[off + 1] = at & 0xff;
      off += 2;
    } else {
      const target = res!.answers[ownerIndex]!.body.subarray(16);
      out.set(target, off);
      off += target.length;
    }
    const record = res!.additionals[i]!;
    copy(record, out, off);
    off += record.length;
  }
  if (pq.edns) {
    // OPT (RFC 6891 §6.1.2): root owner, CLASS = our UDP payload size, TTL = extended RCODE | version 0 | flags.
    out[off + 2] = RRType.OPT;
    out[off + 3] = udpPayload >> 8;
    out[off + 4] = udpPayload & 0xff;
    out[off + 5] = rcode >> 4;
    out[off + 7] = pq.dnssecOk ? EDNS_DO >> 8 : 0;
  }
  return out;
}

/** Offset just past the domain name at `off`, or -1 when malformed/truncated. */
function skipName(msg: Uint8Array, off: number): number {
  for (;;) {
    if (off >= msg.length) return -1;
    const len = msg[off]!;
    if (len === 0) return off + 1;
    if ((len & 0xc0) === 0xc0) return off + 2 <= msg.length ? off + 2 : -1;
    if (len & 0xc0) return -1;
    off += 1 + len;
  }
}

/**
 * How long a response may be cached, in seconds (RFC 8484 §5.1, RFC 2308 §5):
 * the smallest TTL in the answer section, or without answers the negative
 * TTL of the authority section's SOA, min(SOA TTL, SOA MINIMUM). Undefined
 * when neither section has records or the message cannot be read.
 */
export function responseCacheTtl(msg: Uint8Array): number | undefined {
  if (msg.length < HEADER_BYTES) return undefined;
  const qd = (msg[4]! << 8) | msg[5]!;
  const an = (msg[6]! << 8) | msg[7]!;
  const ns = (msg[8]! << 8) | msg[9]!;
  let off = HEADER_BYTES;
  for (let i = 0; i < qd; i++) {
    off = skipName(msg, off);
    if (off < 0) return undefined;
    off += 4;
  }
  // Answers follow the question; without answers the authority section does.
  const count = an > 0 ? an : ns;
  let min: number | undefined;
  for (let i = 0; i < count; i++) {
    off = skipName(msg, off);
    if (off < 0 || off + 10 > msg.length) return undefined;
    const type = (msg[off]! << 8) | msg[off + 1]!;
    let ttl = ((msg[off + 4]! << 24) | (msg[off + 5]! << 16) | (msg[off + 6]! << 8) | msg[off + 7]!) >>> 0;
    const rdlength = (msg[off + 8]! << 8) | msg[off + 9]!;
    if (an === 0 && type === RRType.SOA) {
      // MINIMUM is the last 4 bytes of the SOA RDATA (RFC 1035 §3.3.13).
      const end = off + 10 + rdlength;
      if (end > msg.length || rdlength < 22) return undefined;
      const minimum = ((msg[end - 4]! << 24) | (msg[end - 3]! << 16) | (msg[end - 2]! << 8) | msg[end - 1]!) >>> 0;
      if (minimum < ttl) ttl = minimum;
    }
    if (min === undefined || ttl < min) min = ttl;
    off += 10 + rdlength;
  }
  return min;
}
