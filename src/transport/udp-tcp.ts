/**
 * Plain DNS transports, runtime-neutral: UDP datagrams and TCP streams of
 * length-prefixed messages. Socket code lives in `src/runtime/<runtime>/`;
 * it passes bytes in and writes the bytes this module hands back.
 *
 * - UDP (RFC 1035 §4.2.1): one query per datagram, one response; the size
 *   limit (512 bytes, or the EDNS size capped at our payload size) is applied
 *   by the resolver (`responseSizeLimit`, re-exported here). Responses may be
 *   rate-limited per client network (`udpAnswerer`, `src/dns/rrl.ts`).
 * - TCP (RFC 1035 §4.2.2, RFC 7766 §8): every message is preceded by its
 *   length as a 2-byte big-endian integer. A connection carries any number of
 *   queries, possibly pipelined and split across reads in any way; responses
 *   are written in the order the queries complete (here: arrival order,
 *   answering is synchronous).
 */
import { allocateBytes } from '../dns/bytes.ts';
import type { DnsResolver, TransportContext } from '../dns/resolver.ts';
import { type ResponseRateLimiter, RrlAction, truncatedResponse } from '../dns/rrl.ts';

export { responseSizeLimit } from '../dns/wire.ts';

/** Largest DNS message a 2-byte length prefix can carry, in bytes. */
export const TCP_MAX_MESSAGE = 65535;

/**
 * Prefix `message` with its 2-byte big-endian length (RFC 1035 §4.2.2).
 * Throws `RangeError` when it is longer than 65535 bytes.
 */
export function frameTcpMessage(message: Uint8Array): Uint8Array {
  if (message.length > TCP_MAX_MESSAGE) throw new RangeError(`DNS message of ${message.length} bytes exceeds ${TCP_MAX_MESSAGE}`);
  const out = allocateBytes(message.length + 2);
  out[0] = message.length >> 8;
  out[1] = message.length & 0xff;
  out.set(message, 2);
  return out;
}

/**
 * Splits a TCP byte stream into DNS messages (RFC 1035 §4.2.2).
 *
 * `push` each chunk as it arrives; `onMessage` runs once per complete
 * message, in order, synchronously inside `push`. A message that lies
 * wholly inside one chunk is passed as a view of that chunk (no copy), valid
 * only during the callback; partial messages are buffered (at most
 * 65535 + 2 bytes). A zero-length message is passed as an empty array.
 */
export class TcpMessageReader {
  /** Bytes of the current incomplete frame (prefix included). */
  #pending: Uint8Array = new Uint8Array(0);
  #pendingLength = 0;

  constructor(private readonly onMessage: (message: Uint8Array) => void) {}

  /** Bytes held for an incomplete message (0 between messages). */
  get bufferedBytes(): number {
    return this.#pendingLength;
  }

  /** Feed the next chunk of the stream. */
  push(chunk: Uint8Array): void {
    let off = 0;
    if (this.#pendingLength > 0) {
      off = this.#fill(chunk);
      if (off < 0) return;
    }
    while (chunk.length - off >= 2) {
      const len = (chunk[off]! << 8) | chunk[off + 1]!;
      if (chunk.length - off - 2 < len) break;
      this.onMessage(chunk.subarray(off + 2, off + 2 + len));
      off += 2 + len;
    }
    if (off < chunk.length) this.#hold(chunk.subarray(off));
  }

  /** Append to the pending frame; returns the offset in `chunk` after a completed frame, or -1 if still incomplete. */
  #fill(chunk: Uint8Array): number {
    let used = 0;
    if (this.#pendingLength < 2) {
      used = Math.min(2 - this.#pendingLength, chunk.length);
      this.#append(chunk.subarray(0, used));
      if (this.#pendingLength < 2) return -1;
    }
    const total = 2 + ((this.#pending[0]! << 8) | this.#pending[1]!);
    const take = Math.min(total - this.#pendingLength, chunk.length - used);
    this.#append(chunk.subarray(used, used + take));
    used += take;
    if (this.#pendingLength < total) return -1;
    const message = this.#pending.slice(2, total);
    this.#pendingLength = 0;
    this.onMessage(message);
    return used;
  }

  #hold(bytes: Uint8Array): void {
    this.#pendingLength = 0;
    this.#append(bytes);
  }

  #append(bytes: Uint8Array): void {
    const need = this.#pendingLength + bytes.length;
    if (need > this.#pending.length) {
      const grown = new Uint8Array(Math.min(TCP_MAX_MESSAGE + 2, Math.max(need, 512, this.#pending.length * 2)));
      grown.set(this.#pending.subarray(0, this.#pendingLength));
      this.#pending = grown;
    }
    this.#pending.set(bytes, this.#pendingLength);
    this.#pendingLength = need;
  }
}

const UDP: TransportContext = { transport: 'udp' };

/**
 * Answer one UDP datagram.
 * @returns the response datagram, or null to send nothing (see `DnsResolver.handle`)
 */
export function answerUdp(resolver: DnsResolver, datagram: Uint8Array): Uint8Array | null {
  return resolver.handle(datagram, UDP);
}

/** Answers one UDP datagram from `source` (the client's IP literal); null = send nothing. */
export type UdpAnswerer = (datagram: Uint8Array, source: string) => Uint8Array | null;

/**
 * The UDP answer function of a listener. Without `rrl` it is `answerUdp`
 * (no cost per datagram); with it, each response is accounted by
 * response-rate limiting (`src/dns/rrl.ts`) and sent, dropped (null), or
 * replaced by its truncated form (TC=1) for the client to retry over TCP.
 * Only UDP is limited: TCP, DoH and gRPC clients cannot spoof their address.
 */
export function udpAnswerer(resolver: DnsResolver, rrl?: ResponseRateLimiter): UdpAnswerer {
  if (!rrl) return (datagram) => resolver.handle(datagram, UDP);
  return (datagram, source) => {
    const response = resolver.handle(datagram, UDP);
    if (response === null) return null;
    const action = rrl.check(source, response);
    return action === RrlAction.send ? response : action === RrlAction.drop ? null : truncatedResponse(response);
  };
}

/** One TCP connection's DNS session: bytes in, framed responses out. */
export interface TcpSession {
  /** Feed bytes read from the connection; responses are written through `write` before this returns. */
  push(chunk: Uint8Array): void;
  /** Messages answered so far. */
  readonly answered: number;
  /** Bytes held for an incomplete message (0 between messages). */
  readonly pendingBytes: number;
}

/**
 * Create the DNS session for one TCP connection (RFC 7766): each complete
 * query is answered and its framed response passed to `write`, in order.
 * Messages the resolver drops get no response; the connection stays usable.
 */
export function createTcpSession(resolver: DnsResolver, write: (framed: Uint8Array) => void): TcpSession {
  let answered = 0;
  const reader = new TcpMessageReader((message) => {
    const response = resolver.handle(message, { transport: 'tcp' });
    if (!response) return;
    answered++;
    write(frameTcpMessage(response));
  });
  return {
    push: (chunk) => reader.push(chunk),
    get answered() {
      return answered;
    },
    get pendingBytes() {
      return reader.bufferedBytes;
    },
  };
}
