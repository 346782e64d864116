/**
 * The DNS resolver every transport calls: raw query bytes in, raw response
 * bytes out (`handle`), answered from the in-memory view.
 *
 * Message-level rules (RFC 1035 §4.1.1, RFC 6891):
 * - fewer than 12 bytes, or a response (QR set): dropped (`null`);
 * - OPCODE other than QUERY: NOTIMP; QDCOUNT ≠ 1 or an undecodable message: FORMERR;
 * - ID, RD, CD and the question are echoed; QR is set; AA for in-zone answers; RA never;
 * - a query with an OPT record gets an OPT back with our UDP payload size and
 *   its DO bit (RFC 3225 §3); EDNS version > 0 gets BADVERS (RFC 6891 §6.1.3);
 * - the response is fitted to the transport (`wire.ts`).
 * An unexpected exception while answering becomes SERVFAIL, never a throw.
 */
import type { View } from '../view/view.ts';
import { DEFAULT_UDP_PAYLOAD, Rcode } from './constants.ts';
import type { ZoneNaming } from './records.ts';
import { RecordCache } from './record-cache.ts';
import type { AnyResponse, DnsQuestion, Resolution } from './resolve.ts';
import { DEFAULT_ZONE_NAMING, emptyResolution, resolveInto } from './resolve.ts';
import type { RandomSource } from './select.ts';
import { emptyParsedQuery, parseQuery } from './query.ts';
import type { Transport } from './wire.ts';
import { encodeResponse, responseSizeLimit } from './wire.ts';

/** Where a query came from. */
export interface TransportContext {
  /** Decides the size limit: `udp` honours EDNS (512 without), the others allow 65535 bytes. */
  transport: Transport;
}

/** Options of `createResolver`. */
export interface ResolverOptions {
  /**
   * Random source for MULTIVALUE/WEIGHTED routing, returning [0, 1).
   * @default Math.random
   */
  random?: RandomSource;
  /**
   * Name server host name for the SOA MNAME and the NS record of a zone,
   * either one name for all zones or a function of the apex (lowercase, no trailing dot).
   * @default (zone) => `ns1.${zone}`
   * @example 'ns1.cloudmap.example.com'
   */
  nameserver?: string | ((zone: string) => string);
  /**
   * SOA RNAME (mailbox as a domain name) for a zone.
   * @default (zone) => `hostmaster.${zone}`
   */
  hostmaster?: string | ((zone: string) => string);
  /**
   * SOA (and NS) TTL in seconds for namespaces without `soaTtl`.
   * @default 15
   */
  defaultSoaTtl?: number;
  /**
   * EDNS UDP payload size in bytes we advertise in OPT records, and the most we send over UDP.
   * @default 1232
   */
  udpPayloadSize?: number;
  /**
   * QTYPE ANY answers: one RRset (RFC 8482) or all of them (`AnyResponse`).
   * @default 'minimal'
   */
  anyResponse?: AnyResponse;
  /**
   * Whether the view is complete (`ViewFollower.loaded`). Until it is, every
   * query in our zones and out of them gets SERVFAIL (RFC 1035 §4.1.1:
   * "unable to process this query"), never an answer from a partial view:
   * a name that exists must not be reported as NXDOMAIN, which resolvers
   * cache (RFC 2308).
   * @default () => true
   */
  ready?: () => boolean;
}

/** Answers DNS messages from a view. */
export interface DnsResolver {
  /**
   * Answer one DNS message.
   * @param query raw DNS message (RFC 1035 §4.1), as received (no TCP length prefix)
   * @param ctx the transport it came on
   * @returns the raw response (a new array), or null when the message is dropped
   *   (under 12 bytes, or not a query). Never throws.
   */
  handle(query: Uint8Array, ctx: TransportContext): Uint8Array | null;
  /** Answer one question without wire format (same caches and options as `handle`). Returns a new `Resolution`. */
  resolve(question: DnsQuestion): Resolution;
  /** The view answered from. */
  readonly view: View;
}

const nameFn = (value: string | ((zone: string) => string) | undefined, fallback: (zone: string) => string): ((zone: string) => string) =>
  value === undefined ? fallback : typeof value === 'string' ? () => value : value;

/**
 * Create a resolver over `view`. The view may change between calls (the
 * follower applies events); encoded records are memoised per service and
 * rebuilt when the view replaces them.
 */
export function createResolver(view: View, options: ResolverOptions = {}): DnsResolver {
  const naming: ZoneNaming = {
    nameserver: nameFn(options.nameserver, DEFAULT_ZONE_NAMING.nameserver),
    hostmaster: nameFn(options.hostmaster, DEFAULT_ZONE_NAMING.hostmaster),
    defaultSoaTtl: options.defaultSoaTtl ?? DEFAULT_ZONE_NAMING.defaultSoaTtl,
  };
  const cache = new RecordCache(naming);
  const random = options.random ?? Math.random;
  const udpPayload = options.udpPayloadSize ?? DEFAULT_UDP_PAYLOAD;
  const pq = emptyParsedQuery();
  const res = emptyResolution();
  const fullAny = options.anyResponse === 'full';
  const ready = options.ready ?? (() => true);

  return {
    view,
    resolve(question) {
      if (!ready()) return { ...emptyResolution(), rcode: Rcode.SERVFAIL };
      return resolveInto(question, view, cache, random, emptyResolution(), fullAny);
    },
    handle(query, ctx) {
      if (!parseQuery(query, pq)) return null;
      const limit = responseSizeLimit(ctx.transport, pq.edns ? pq.ednsUdpSize : undefined, udpPayload);
      if (pq.error !== Rcode.NOERROR) return encodeResponse(query, pq, pq.error, undefined, limit, udpPayload);
      if (!ready()) return encodeResponse(query, pq, Rcode.SERVFAIL, undefined, limit, udpPayload);
      try {
        resolveInto(pq.question, view, cache, random, res, fullAny);
        return encodeResponse(query, pq, res.rcode, res, limit, udpPayload);
      } catch {
        return encodeResponse(query, pq, Rcode.SERVFAIL, undefined, limit, udpPayload);
      }
    },
  };
}
