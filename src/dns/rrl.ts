/**
 * Response-rate limiting (RRL) of UDP answers, as BIND 9 (`rate-limit { … }`),
 * Knot (`mod-rrl`) and NSD do it, after the Vixie/Schryver design note.
 *
 * UDP sources can be spoofed, so a flood of queries "from" a victim makes a
 * server reflect (and amplify) answers at it. RRL counts the responses that
 * would go to each client network for each distinct answer (`rrl-key.ts`:
 * source prefix × class × identity) and withholds them above a rate:
 *
 * - Each account is a token bucket: credited `rate` per second, capped at
 *   `rate` (one second's burst), debited 1 per response, limited or not. The
 *   debt is capped at `window × rate`, so a network that stops flooding is
 *   answered again within `window` seconds (BIND `window`).
 * - A response above the rate is dropped, except every `slip`-th one per
 *   account, which goes out truncated (TC=1, question only, RFC 1035 §4.1.1):
 *   a real client behind a spoofed address retries over TCP (RFC 7766), which
 *   cannot be spoofed and is never limited. `slip` 0 drops all, 1 truncates
 *   all (BIND `slip`, default 2).
 * - Accounts live in a fixed table (`tableSize` slots, rounded up to a power
 *   of two; BIND `max-table-size`, Knot `table-size`). A new account takes a
 *   free slot among 8 probed, or the one used longest ago: spoofed sources
 *   cannot grow memory, they only evict each other.
 *
 * `check` allocates nothing per response (the clock costs one `setImmediate`
 * per event-loop turn); only a slipped answer allocates its truncated copy.
 */
import { allocateBytes } from './bytes.ts';
import { AccountHasher, type AccountKey, RrlClass } from './rrl-key.ts';

export { RRL_CLASS_NAMES, RrlClass } from './rrl-key.ts';

/** What to do with one response. */
export const RrlAction = { send: 0, drop: 1, slip: 2 } as const;
/** One of `RrlAction`. */
export type RrlAction = (typeof RrlAction)[keyof typeof RrlAction];

/** Settings of response-rate limiting (BIND `rate-limit` terms). A rate of 0 leaves that class unlimited. */
export interface RrlOptions {
  /** Positive answers per second per network and QNAME/QTYPE (BIND `responses-per-second`). */
  responsesPerSecond: number;
  /** NOERROR answers without records per second per network and QNAME (BIND `nodata-per-second`). @default responsesPerSecond */
  nodataPerSecond?: number;
  /** NXDOMAIN answers per second per network and zone (BIND `nxdomains-per-second`). @default responsesPerSecond */
  nxdomainsPerSecond?: number;
  /** Error answers (REFUSED, FORMERR, SERVFAIL, …) per second per network (BIND `errors-per-second`). @default responsesPerSecond */
  errorsPerSecond?: number;
  /** Every `slip`-th limited response is sent truncated; 0 = drop all, 1 = truncate all. @default 2 */
  slip?: number;
  /** Seconds over which debt accumulates: at most `window × rate` responses of debt. @default 15 */
  windowSeconds?: number;
  /** Bits of an IPv4 source naming its network. @default 24 */
  ipv4PrefixLength?: number;
  /** Bits of an IPv6 source naming its network. @default 56 */
  ipv6PrefixLength?: number;
  /** Slots in the account table (rounded up to a power of two). @default 65536 */
  tableSize?: number;
  /** Monotonic clock in milliseconds. @default performance.now, read once per event-loop turn */
  now?: () => number;
  /** Called for each limited response with the action taken and the response class. */
  onLimited?: (action: 1 | 2, cls: RrlClass) => void;
  /** Hash seed (tests); random per process by default. */
  seed?: number;
}

/** Probed slots per key. */
const PROBES = 8;

/** The RRL state of one UDP listener; see the module comment. */
export class ResponseRateLimiter {
  readonly #hasher: AccountHasher;
  readonly #key: AccountKey = { a: 0, b: 0 };
  readonly #rates: Float64Array;
  readonly #slip: number;
  readonly #window: number;
  readonly #now: (() => number) | undefined;
  /** The clock read in this event-loop turn (see `#turnClock`). */
  #turnNow = 0;
  #turnFresh = false;
  readonly #turnEnded = (): void => {
    this.#turnFresh = false;
  };
  readonly #onLimited: ((action: 1 | 2, cls: RrlClass) => void) | undefined;
  readonly #mask: number;
  readonly #used: Uint8Array;
  readonly #keyA: Uint32Array;
  readonly #keyB: Uint32Array;
  readonly #balance: Float64Array;
  readonly #stamp: Float64Array;
  readonly #limited: Uint32Array;

  /** @throws RangeError when a setting is out of range (negative rate, prefix length beyond the family's bits, …) */
  constructor(options: RrlOptions) {
    const r = options.responsesPerSecond;
    const { nodataPerSecond = r, nxdomainsPerSecond = r, errorsPerSecond = r, slip = 2, windowSeconds = 15 } = options;
    const { ipv4PrefixLength = 24, ipv6PrefixLength = 56, tableSize = 65536 } = options;
    for (const [name, v] of [['responsesPerSecond', r], ['nodataPerSecond', nodataPerSecond], ['nxdomainsPerSecond', nxdomainsPerSecond], ['errorsPerSecond', errorsPerSecond]] as const) {
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`RRL ${name} must be a number of responses per second from 0, got ${v}`);
    }
    if (!Number.isInteger(slip) || slip < 0 || slip > 10) throw new RangeError(`RRL slip must be a whole number from 0 to 10, got ${slip}`);
    if (!(windowSeconds >= 1 && windowSeconds <= 3600)) throw new RangeError(`RRL window must be from 1 to 3600 seconds, got ${windowSeconds}`);
    if (!Number.isInteger(ipv4PrefixLength) || ipv4PrefixLength < 0 || ipv4PrefixLength > 32) throw new RangeError(`RRL IPv4 prefix length must be 0..32, got ${ipv4PrefixLength}`);
    if (!Number.isInteger(ipv6PrefixLength) || ipv6PrefixLength < 0 || ipv6PrefixLength > 128) throw new RangeError(`RRL IPv6 prefix length must be 0..128, got ${ipv6PrefixLength}`);
    if (!Number.isInteger(tableSize) || tableSize < 1 || tableSize > 1 << 24) throw new RangeError(`RRL table size must be 1..16777216 slots, got ${tableSize}`);
    this.#hasher = new AccountHasher(ipv4PrefixLength, ipv6PrefixLength, options.seed);
    this.#rates = Float64Array.of(r, nodataPerSecond, nxdomainsPerSecond, errorsPerSecond);
    this.#slip = slip;
    this.#window = windowSeconds;
    this.#now = options.now;
    this.#onLimited = options.onLimited;
    let size = PROBES;
    while (size < tableSize) size *= 2;
    this.#mask = size - 1;
    this.#used = new Uint8Array(size);
    this.#keyA = new Uint32Array(size);
    this.#keyB = new Uint32Array(size);
    this.#balance = new Float64Array(size);
    this.#stamp = new Float64Array(size);
    this.#limited = new Uint32Array(size);
  }

  /** Slots in the account table. */
  get tableSize(): number {
    return this.#mask + 1;
  }

  /**
   * Accounts one UDP response to `source` and says what to do with it.
   * @param source the client's IP literal (`peer.address` of node:dgram)
   * @param response the encoded response
   * @returns `RrlAction.send`, `drop`, or `slip` (send `truncatedResponse(response)` instead)
   */
  check(source: string, response: Uint8Array): RrlAction {
    const key = this.#key;
    const found = this.#hasher.key(source, response, key);
    if (found < 0) return RrlAction.send;
    const cls = found as RrlClass;
    const rate = this.#rates[cls]!;
    if (rate === 0) return RrlAction.send;
    const now = this.#now === undefined ? this.#turnClock() : this.#now();
    const slot = this.#slot(key.a, key.b, now, rate);
    const balance = Math.max(-this.#window * rate, Math.min(rate, this.#balance[slot]! + ((now - this.#stamp[slot]!) * rate) / 1000) - 1);
    this.#balance[slot] = balance;
    this.#stamp[slot] = now;
    if (balance >= 0) return RrlAction.send;
    const n = ++this.#limited[slot]!;
    const action = this.#slip !== 0 && n % this.#slip === 0 ? RrlAction.slip : RrlAction.drop;
    this.#onLimited?.(action, cls);
    return action;
  }

  /**
   * `performance.now()` read once per event-loop turn: Node hands a socket's
   * waiting datagrams (up to 32) to JavaScript in one turn, and microseconds
   * between them do not matter to a per-second rate. Costs one
   * `setImmediate` per turn instead of a clock read per response.
   */
  #turnClock(): number {
    if (!this.#turnFresh) {
      this.#turnNow = performance.now();
      this.#turnFresh = true;
      setImmediate(this.#turnEnded);
    }
    return this.#turnNow;
  }

  /** The slot of key (a, b): found, free, or the least recently used of the probed ones (reset to a full bucket). */
  #slot(a: number, b: number, now: number, rate: number): number {
    const mask = this.#mask;
    let victim = -1;
    let oldest = Infinity;
    for (let i = 0, s = a & mask; i < PROBES; i++, s = (s + 1) & mask) {
      if (this.#used[s] === 0) {
        victim = s;
        break;
      }
      if (this.#keyA[s] === a && this.#keyB[s] === b) return s;
      if (this.#stamp[s]! < oldest) {
        oldest = this.#stamp[s]!;
        victim = s;
      }
    }
    this.#used[victim] = 1;
    this.#keyA[victim] = a;
    this.#keyB[victim] = b;
    this.#balance[victim] = rate;
    this.#stamp[victim] = now;
    this.#limited[victim] = 0;
    return victim;
  }
}

/**
 * The slipped form of `response`: its header with TC=1 and only the question
 * (ANCOUNT = NSCOUNT = ARCOUNT = 0), so the client retries over TCP
 * (RFC 1035 §4.1.1, RFC 7766 §5). A response whose question cannot be read
 * keeps its header alone (QDCOUNT = 0).
 */
export function truncatedResponse(response: Uint8Array): Uint8Array {
  let end = 12;
  let qdcount = 0;
  if (((response[4]! << 8) | response[5]!) === 1) {
    let off = 12;
    for (;;) {
      const len = response[off];
      if (len === undefined || len > 63) break;
      off += 1 + len;
      if (len === 0) {
        if (off + 4 <= response.length) (end = off + 4), (qdcount = 1);
        break;
      }
    }
  }
  const out = allocateBytes(end);
  out.set(response.subarray(0, end));
  out[2] = out[2]! | 0x02;
  out[4] = 0;
  out[5] = qdcount;
  out.fill(0, 6, 12);
  return out;
}
