/**
 * The answer logic: one question against the view, no wire format.
 *
 * Rules (DESIGN §3 "DNS answers"; Cloud Map / Route 53 semantics):
 * - Names in no DNS zone (HTTP namespaces are not zones): REFUSED, not
 *   authoritative. Classes other than IN and `*`: REFUSED. AXFR/IXFR: REFUSED
 *   (zone transfers are not offered).
 * - Zone apex: SOA and NS (`records.ts`).
 * - Service name: A / AAAA / SRV per the service's record templates, routed
 *   MULTIVALUE (up to 8, random, healthy first) or WEIGHTED (one) by
 *   `select.ts`; SRV answers put the targets' A / AAAA in the additional
 *   section. A service with a CNAME template answers its CNAME for every
 *   question type, one record (RFC 2181 §10.1), without chasing it.
 * - Instance host name (`<instance-id>.<service>`, SRV services): the
 *   instance's A / AAAA whatever its health (the name denotes that instance).
 * - Names below a service or host name that are not themselves names:
 *   NXDOMAIN (RFC 8020); only empty non-terminals are NODATA.
 * - ANY (255): one RRset (RFC 8482, the default) or every RRset at the name; see `AnyResponse`.
 * - Anything else: NODATA or NXDOMAIN per `negative.ts`, with the zone SOA in
 *   the authority section (RFC 2308 §3).
 * Query names match case-insensitively (RFC 4343); answers are owned by the
 * question name as asked (the encoder points at it).
 */
import type { View } from '../view/view.ts';
import { canonicalName } from '../view/view.ts';
import { RRClass, RRType, Rcode } from './constants.ts';
import { lookupHost } from './negative.ts';
import type { WireRecord, ZoneRecords } from './records.ts';
import { DEFAULT_ZONE_NAMING } from './rrsets.ts';
import { RecordCache } from './record-cache.ts';
import type { RandomSource } from './select.ts';
import { choose, chosenIndices, chosenLength, pick } from './select.ts';

/** One DNS question (RFC 1035 §4.1.2). */
export interface DnsQuestion {
  /** Query name as asked; any case, with or without trailing dot. */
  name: string;
  /** Numeric QTYPE (see `RRType`). */
  type: number;
  /** Numeric QCLASS. @default 1 (IN) */
  class?: number;
}

/**
 * The outcome of `resolve`: what goes in each section. Answer records are
 * owned by the question name; the authority SOA by the zone apex; each
 * additional record by the target of the SRV answer `answers[additionalOwners[i]]`.
 */
export interface Resolution {
  /** RCODE (see `Rcode`). */
  rcode: number;
  /** AA flag: true for every answer from one of our zones. */
  authoritative: boolean;
  /** The zone that answered, if any. */
  zone: ZoneRecords | undefined;
  answers: WireRecord[];
  /** The zone SOA (negative TTL) on NXDOMAIN / NODATA, otherwise empty. */
  authority: WireRecord[];
  additionals: WireRecord[];
  /** Per additional record: index into `answers` of the SRV record whose target owns it. */
  additionalOwners: number[];
}

/** Options of `resolve`. */
export interface ResolveOptions {
  /** Random source for routing, in [0, 1). @default Math.random */
  random?: RandomSource;
  /** Encoded-record memo to use (a resolver keeps one). @default a shared cache with default naming */
  cache?: RecordCache;
  /** How to answer QTYPE ANY; see `AnyResponse`. @default 'minimal' */
  anyResponse?: AnyResponse;
}

/**
 * How QTYPE ANY (255) is answered:
 * - `minimal` (RFC 8482 §4.1): one RRset of those at the name — SOA at the
 *   apex; at a service name the first of A, AAAA, SRV (routed as for that
 *   type, without additional records) or its CNAME; at a host name A, else
 *   AAAA — so ANY cannot amplify more than an ordinary query;
 * - `full`: every RRset at the name, SRV targets in the additional section.
 */
export type AnyResponse = 'minimal' | 'full';

export { DEFAULT_ZONE_NAMING } from './rrsets.ts';

let sharedCache: RecordCache | undefined;

/** A fresh, empty `Resolution`. */
export function emptyResolution(): Resolution {
  return { rcode: Rcode.NOERROR, authoritative: false, zone: undefined, answers: [], authority: [], additionals: [], additionalOwners: [] };
}

/**
 * Answer one question from the view; returns a new `Resolution`. Never throws
 * for any question; see the module comment for the rules.
 */
export function resolve(question: DnsQuestion, view: View, options: ResolveOptions = {}): Resolution {
  const cache = options.cache ?? (sharedCache ??= new RecordCache(DEFAULT_ZONE_NAMING));
  return resolveInto(question, view, cache, options.random ?? Math.random, emptyResolution(), options.anyResponse === 'full');
}

/**
 * `resolve` into a caller-owned `out` (cleared first), so the hot path
 * reuses one `Resolution`. Returns `out`.
 * @param fullAny answer ANY with every RRset (`AnyResponse` 'full') instead of one
 */
export function resolveInto(question: DnsQuestion, view: View, cache: RecordCache, random: RandomSource, out: Resolution, fullAny = false): Resolution {
  out.rcode = Rcode.NOERROR;
  out.authoritative = false;
  out.zone = undefined;
  // Shrinking an array is a runtime call in V8; skip it for the usual empty sections.
  if (out.answers.length !== 0) out.answers.length = 0;
  if (out.authority.length !== 0) out.authority.length = 0;
  if (out.additionals.length !== 0) {
    out.additionals.length = 0;
    out.additionalOwners.length = 0;
  }

  const qclass = question.class ?? RRClass.IN;
  const type = question.type;
  const name = canonicalName(question.name);
  const zone = qclass === RRClass.IN || qclass === RRClass.ANY ? view.findZone(name) : undefined;
  if (!zone || type === RRType.AXFR || type === RRType.IXFR) {
    out.rcode = Rcode.REFUSED;
    return out;
  }
  const zr = cache.zone(zone);
  out.zone = zr;
  out.authoritative = true;
  const answers = out.answers;

  const any = type === RRType.ANY;
  const minimalAny = any && !fullAny;
  if (name.length === zr.name.length) {
    if (type === RRType.SOA || any) answers.push(zr.soa);
    if (type === RRType.NS || (any && !minimalAny)) answers.push(zr.ns);
  } else {
    const relative = name.slice(0, name.length - zr.name.length - 1);
    const entry = zone.services.get(relative);
    if (entry) {
      const records = cache.service(entry, zone);
      if (records.cname) {
        pick(records.cnames, true, random, answers);
      } else {
        if (any || type === RRType.A) pick(records.a, records.weighted, random, answers);
        if ((any && !(minimalAny && answers.length > 0)) || type === RRType.AAAA) pick(records.aaaa, records.weighted, random, answers);
        if ((any && !(minimalAny && answers.length > 0)) || type === RRType.SRV) {
          const from = choose(records.srv, records.weighted, random);
          const n = chosenLength();
          for (let i = 0; i < n; i++) {
            const target = from[chosenIndices[i]!]!;
            const owner = answers.length;
            answers.push(target.srv);
            if (minimalAny) continue;
            for (let j = 0; j < target.addresses.length; j++) {
              out.additionals.push(target.addresses[j]!);
              out.additionalOwners.push(owner);
            }
          }
        }
      }
    } else {
      const host = lookupHost(zone, relative, cache);
      if (typeof host === 'object') {
        for (let i = 0; i < host.length; i++) {
          const r = host[i]!;
          if (r.type === type || (any && !(minimalAny && answers.length > 0 && answers[0]!.type !== r.type))) answers.push(r);
        }
      } else if (host === undefined && !zone.isEmptyNonTerminal(relative)) {
        out.rcode = Rcode.NXDOMAIN;
      }
    }
  }
  if (answers.length === 0) out.authority.push(zr.negativeSoa);
  return out;
}
