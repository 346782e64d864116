/**
 * DNS numbers the resolver uses: RR types, classes, opcodes, RCODEs and
 * header flag bits, as plain numbers so the hot path compares integers.
 *
 * Sources: RFC 1035 §3.2.2–3.2.4 and §4.1.1 (types, classes, header),
 * RFC 3596 (AAAA), RFC 2782 (SRV), RFC 6891 §6.1.2–6.1.3 (OPT, BADVERS),
 * RFC 4035 §3.1.6 (CD), RFC 3225 §3 (DO).
 */

/** RR type numbers (RFC 1035 §3.2.2, RFC 3596, RFC 2782, RFC 6891). */
export const RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  IXFR: 251,
  AXFR: 252,
  ANY: 255,
} as const;

/** RR class numbers (RFC 1035 §3.2.4; 255 is QCLASS `*`). */
export const RRClass = { IN: 1, ANY: 255 } as const;

/** Header OPCODE values (RFC 1035 §4.1.1). Only QUERY is served. */
export const Opcode = { QUERY: 0 } as const;

/**
 * Response codes. Values above 15 are extended RCODEs: the low 4 bits go in
 * the header, the high 8 bits in the OPT record's TTL field (RFC 6891 §6.1.3).
 */
export const Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  BADVERS: 16,
} as const;

/** Header flag bits in the 16-bit flags word (RFC 1035 §4.1.1, RFC 4035 §3.1.6). */
export const Flag = {
  QR: 0x8000,
  AA: 0x0400,
  TC: 0x0200,
  RD: 0x0100,
  RA: 0x0080,
  AD: 0x0020,
  CD: 0x0010,
} as const;

/** DO bit in the OPT record's extended flags (RFC 3225 §3). */
export const EDNS_DO = 0x8000;

/** Size of the fixed DNS header in bytes (RFC 1035 §4.1.1). */
export const HEADER_BYTES = 12;

/** Largest DNS message over UDP without EDNS, in bytes (RFC 1035 §4.2.1). */
export const UDP_MIN_PAYLOAD = 512;

/**
 * EDNS UDP payload size we advertise and the most we send over UDP, in bytes
 * (DNS Flag Day 2020 recommendation; RFC 6891 §6.2.5 lets a responder cap at its own size).
 */
export const DEFAULT_UDP_PAYLOAD = 1232;

/** Largest DNS message over TCP, DoH and gRPC (2-byte length prefix, RFC 1035 §4.2.2). */
export const STREAM_MAX_MESSAGE = 65535;
