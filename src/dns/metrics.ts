/**
 * Metrics and the debug log line of DNS queries, on every transport (UDP,
 * TCP, DoH, gRPC), as CoreDNS's `dnsserver` and `prometheus` plugin count them:
 *
 * - `cloudmap_dns_dns_requests_total{transport, type, rcode}`: queries
 *   answered, by transport, QTYPE (`A`, `SRV`, … or `other`) and RCODE
 *   (`NOERROR`, `NXDOMAIN`, `BADVERS`, …). Messages dropped without an
 *   answer (under 12 bytes, or a response) are
 *   `cloudmap_dns_dns_dropped_total{transport}`.
 * - `cloudmap_dns_dns_request_duration_seconds{transport, type}`: time to
 *   answer one query in this process (parse, resolve, encode), without the
 *   socket I/O around it. Buckets start at 2.5 µs: answers take microseconds.
 *
 * - `cloudmap_dns_dns_rrl_responses_total{action, class}`: UDP responses
 *   withheld by response-rate limiting (`rrl.ts`), `action` `dropped` or
 *   `slipped` (sent truncated), by response class (`response`, `nodata`,
 *   `nxdomain`, `error`). They are also in `requests_total`, which counts
 *   what the resolver answered.
 *
 * The hot path stays cheap: the QTYPE is read from the question's bytes,
 * every label set is a cell of a typed array (`src/metrics/dense.ts`), and
 * recording allocates nothing. The debug line (`dns query` with transport,
 * qname, qtype, rcode and ms) is chosen when the resolver is wrapped: with
 * debug off it costs nothing per query.
 */
import type { Registry } from 'prom-client';
import type { Logger } from '../log.ts';
import { DenseCounter, DenseHistogram, exponentialBuckets } from '../metrics/dense.ts';
import { metricName } from '../metrics/registry.ts';
import { emptyParsedQuery, parseQuery } from './query.ts';
import { RRL_CLASS_NAMES, type RrlClass } from './rrl-key.ts';
import type { DnsResolver, TransportContext } from './resolver.ts';
import type { Transport } from './wire.ts';

const TRANSPORTS: readonly Transport[] = ['udp', 'tcp', 'doh', 'grpc'];

/** QTYPEs with their own label value (CoreDNS `plugin/pkg/response` monitored types, plus what we serve); the rest is `other`. */
const TYPES: readonly (readonly [string, number])[] = [
  ['A', 1], ['NS', 2], ['CNAME', 5], ['SOA', 6], ['PTR', 12], ['HINFO', 13], ['MX', 15], ['TXT', 16], ['AAAA', 28], ['SRV', 33],
  ['NAPTR', 35], ['DS', 43], ['DNSKEY', 48], ['NSEC', 47], ['NSEC3', 50], ['SVCB', 64], ['HTTPS', 65], ['IXFR', 251], ['AXFR', 252], ['ANY', 255], ['CAA', 257],
];
const TYPE_LABELS: readonly string[] = ['other', ...TYPES.map(([name]) => name)];
/** QTYPE → index in `TYPE_LABELS` (0 = other). */
const TYPE_INDEX = new Uint8Array(65536);
TYPES.forEach(([, code], i) => (TYPE_INDEX[code] = i + 1));

/** RCODE 0..15 from the header, and 16 (BADVERS, RFC 6891 §6.1.3) (IANA DNS RCODEs). */
const RCODE_LABELS: readonly string[] = [
  'NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE',
  'DSOTYPENI', 'RCODE12', 'RCODE13', 'RCODE14', 'RCODE15', 'BADVERS',
];
const BADVERS = 16;

/** Prometheus text of a QTYPE for log lines (`A`, `TYPE99`). */
function typeText(type: number): string {
  const i = TYPE_INDEX[type]!;
  return i === 0 ? `TYPE${type}` : TYPE_LABELS[i]!;
}

/**
 * The RCODE of one of our responses: the header's 4 bits, or BADVERS when
 * the query (`tv` from `questionTypeAndVersion`) asked for an EDNS version
 * above 0, which our resolver answers with ext-RCODE 1 and header RCODE 0.
 */
function rcodeOf(response: Uint8Array, tv: number): number {
  const rcode = response.length >= 4 ? response[3]! & 0xf : 1;
  return rcode === 0 && tv > 0xffff ? BADVERS : rcode;
}

const transportIndex = (t: Transport): number => (t === 'udp' ? 0 : t === 'tcp' ? 1 : t === 'doh' ? 2 : 3);

/**
 * QTYPE and EDNS version of a query, read from its bytes without decoding:
 * the first question's type (RFC 1035 §4.1.2), and when the next record is
 * an OPT (RFC 6891 §6.1.3) its version. Returns `qtype | version << 16`, or
 * -1 when there is no readable question (FORMERR material).
 */
export function questionTypeAndVersion(q: Uint8Array): number {
  if (q.length < 17 || ((q[4]! << 8) | q[5]!) !== 1) return -1;
  let off = 12;
  for (;;) {
    const len = q[off];
    if (len === undefined || len > 63) return -1;
    off += len + 1;
    if (len === 0) break;
  }
  if (off + 4 > q.length) return -1;
  const type = (q[off]! << 8) | q[off + 1]!;
  off += 4;
  // One OPT right after the question: root owner (0), TYPE 41, CLASS, TTL = ext-RCODE, VERSION, flags.
  const arcount = (q[10]! << 8) | q[11]!;
  if (arcount > 0 && q[6] === 0 && q[7] === 0 && q[8] === 0 && q[9] === 0 && off + 11 <= q.length && q[off] === 0 && q[off + 1] === 0 && q[off + 2] === 41) {
    return type | (q[off + 6]! << 16);
  }
  return type;
}

/** The per-transport DNS metrics of one registry; see the module comment. */
export class DnsMetrics {
  readonly requests: DenseCounter;
  readonly dropped: DenseCounter;
  readonly duration: DenseHistogram;
  readonly rrl: DenseCounter;

  constructor(registry: Registry) {
    this.requests = new DenseCounter({
      name: metricName('dns', 'requests_total'),
      help: 'DNS queries answered, by transport (udp, tcp, doh, grpc), query type and response code.',
      labelNames: ['transport', 'type', 'rcode'],
      labelValues: [TRANSPORTS, TYPE_LABELS, RCODE_LABELS],
      registry,
    });
    this.dropped = new DenseCounter({
      name: metricName('dns', 'dropped_total'),
      help: 'DNS messages dropped without an answer (shorter than a header, or not a query), by transport.',
      labelNames: ['transport'],
      labelValues: [TRANSPORTS],
      registry,
    });
    this.duration = new DenseHistogram({
      name: metricName('dns', 'request_duration_seconds'),
      help: 'Time to answer one DNS query in this process (parse, resolve, encode; no socket I/O), by transport and query type.',
      labelNames: ['transport', 'type'],
      labelValues: [TRANSPORTS, TYPE_LABELS],
      buckets: exponentialBuckets(0.0000025, 2, 16),
      registry,
    });
    this.rrl = new DenseCounter({
      name: metricName('dns', 'rrl_responses_total'),
      help: 'UDP responses withheld by response-rate limiting: dropped, or slipped (sent truncated, TC=1), by response class.',
      labelNames: ['action', 'class'],
      labelValues: [['dropped', 'slipped'], RRL_CLASS_NAMES],
      registry,
    });
  }

  /** Counts one response limited by RRL (`ResponseRateLimiter`'s `onLimited`): `action` 1 dropped, 2 slipped. */
  readonly recordRrl = (action: 1 | 2, cls: RrlClass): void => {
    this.rrl.inc((action - 1) * RRL_CLASS_NAMES.length + cls);
  };

  /**
   * Counts one query.
   * @param transport where it came from
   * @param query the query bytes
   * @param response the answer, or null when it was dropped
   * @param seconds time to answer
   * @returns the RCODE counted (0..16), or -1 when dropped
   */
  record(transport: Transport, query: Uint8Array, response: Uint8Array | null, seconds: number): number {
    const t = transportIndex(transport);
    if (response === null) {
      this.dropped.inc(t);
      return -1;
    }
    const tv = questionTypeAndVersion(query);
    const type = tv < 0 ? 0 : TYPE_INDEX[tv & 0xffff]!;
    const rcode = rcodeOf(response, tv);
    this.requests.inc(this.requests.cell(t, type, rcode));
    this.duration.observe(this.duration.cell(t, type), seconds);
    return rcode;
  }
}

/** Options of `instrumentResolver`. */
export interface InstrumentOptions {
  metrics?: DnsMetrics;
  /** Gets one `dns query` line per query when it logs at debug (`isLevelEnabled('debug')`). */
  logger?: Logger;
}

/**
 * `resolver` with every `handle` call counted (`metrics`) and, when the
 * logger is at debug level at the time of this call, logged as
 * `{"transport":"udp","qname":"backend.app.local.","qtype":"A","rcode":"NOERROR","ms":0.012,"msg":"dns query"}`
 * (`qname`/`qtype`, the RFC 1035 terms, since pino's `name` is the logger's).
 * Returns `resolver` itself when there is nothing to do. The wrapper
 * answers exactly as `resolver` does.
 */
export function instrumentResolver(resolver: DnsResolver, options: InstrumentOptions): DnsResolver {
  const { metrics, logger } = options;
  const debug = logger?.isLevelEnabled?.('debug') === true;
  if (!metrics && !debug) return resolver;
  const inner = resolver.handle.bind(resolver);
  const parsed = debug ? emptyParsedQuery() : undefined;
  const handle = (query: Uint8Array, ctx: TransportContext): Uint8Array | null => {
    const started = performance.now();
    const response = inner(query, ctx);
    const ms = performance.now() - started;
    const rcode = metrics ? metrics.record(ctx.transport, query, response, ms / 1000) : response ? rcodeOf(response, questionTypeAndVersion(query)) : -1;
    if (debug) logQuery(logger!, parsed!, ctx.transport, query, rcode, ms);
    return response;
  };
  return { view: resolver.view, resolve: (question) => resolver.resolve(question), handle };
}

/** The debug line of one query (only built when debug logging is on). */
function logQuery(logger: Logger, parsed: ReturnType<typeof emptyParsedQuery>, transport: Transport, query: Uint8Array, rcode: number, ms: number): void {
  const readable = parseQuery(query, parsed) && parsed.questionEnd > 12;
  logger.debug({
    transport,
    qname: readable ? `${parsed.question.name}.` : null,
    qtype: readable ? typeText(parsed.question.type) : null,
    rcode: rcode < 0 ? 'dropped' : RCODE_LABELS[rcode] ?? String(rcode),
    ms: Math.round(ms * 1000) / 1000,
  }, 'dns query');
}
