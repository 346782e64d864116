/**
 * CoreDNS's gRPC transport, runtime-neutral: the unary method
 * `/coredns.dns.DnsService/Query` with one `DnsPacket { bytes msg = 1; }`
 * each way, holding a raw DNS message (CoreDNS `pb/dns.proto`). Sockets and
 * HTTP/2 live in `src/runtime/<runtime>/`; they hand the request body here
 * and send back what `answerGrpc` returns.
 *
 * Wire rules (gRPC over HTTP/2, grpc/grpc `doc/PROTOCOL-HTTP2.md`):
 * - a body is Length-Prefixed-Messages: 1-byte compressed flag, 4-byte
 *   big-endian length, the protobuf message;
 * - a unary call carries exactly one uncompressed message each way; the
 *   status goes in the `grpc-status` (and `grpc-message`) trailers;
 * - a message over 65535 + 4 bytes (the DNS maximum plus protobuf overhead,
 *   the cap CoreDNS's client sets) is RESOURCE_EXHAUSTED;
 * - a DNS query the resolver would drop (under 12 bytes, or QR set) is
 *   INVALID_ARGUMENT; every answerable query, including `. NS` (CoreDNS's
 *   pooled health probe), gets a DNS reply — REFUSED there — not a gRPC error.
 */
import { allocateBytes } from '../dns/bytes.ts';
import type { DnsResolver } from '../dns/resolver.ts';

/** Path of the one method we serve. */
export const GRPC_QUERY_PATH = '/coredns.dns.DnsService/Query';

/** Largest DnsPacket message in bytes: a 65535-byte DNS message, tag and 3-byte length (CoreDNS `maxProtobufPayloadBytes`). */
export const GRPC_MAX_MESSAGE = 65535 + 4;

/** gRPC status codes we send (grpc/grpc `doc/statuscodes.md`). */
export const GrpcStatus = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
} as const;

/** Outcome of one call: a response message to frame, or an error status. */
export type GrpcResult = { status: 0; message: Uint8Array } | { status: number; error: string };

/**
 * The protobuf encoding of `DnsPacket { msg }`: field 1, wire type 2
 * (tag byte 0x0a), varint length, bytes (protobuf encoding guide).
 */
export function encodeDnsPacket(msg: Uint8Array, out?: Uint8Array): Uint8Array {
  const lenBytes = msg.length < 0x80 ? 1 : msg.length < 0x4000 ? 2 : 3;
  const size = 1 + lenBytes + msg.length;
  const buf = out && out.length >= size ? out.subarray(0, size) : new Uint8Array(size);
  buf[0] = 0x0a;
  let n = msg.length;
  let i = 1;
  while (n >= 0x80) {
    buf[i++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[i++] = n;
  buf.set(msg, i);
  return buf;
}

/**
 * The `msg` field of a protobuf `DnsPacket`, as a view into `bytes`. Unknown
 * fields are skipped (proto3); a missing `msg` is empty; a repeated one keeps
 * the last (protobuf merge rule for scalars).
 * @returns the bytes, or undefined when the message is not valid protobuf
 */
export function decodeDnsPacket(bytes: Uint8Array): Uint8Array | undefined {
  let msg: Uint8Array = bytes.subarray(0, 0);
  let off = 0;
  const varint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (off >= bytes.length) return undefined;
      const b = bytes[off++]!;
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    return undefined;
  };
  while (off < bytes.length) {
    const key = varint();
    if (key === undefined) return undefined;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field === 0) return undefined;
    if (wire === 0) {
      if (varint() === undefined) return undefined;
    } else if (wire === 1 || wire === 5) {
      off += wire === 1 ? 8 : 4;
      if (off > bytes.length) return undefined;
    } else if (wire === 2) {
      const len = varint();
      if (len === undefined || off + len > bytes.length) return undefined;
      if (field === 1) msg = bytes.subarray(off, off + len);
      off += len;
    } else {
      return undefined;
    }
  }
  return msg;
}

/**
 * Frame a message as one gRPC Length-Prefixed-Message (uncompressed).
 */
export function frameGrpcMessage(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + message.length);
  out[1] = message.length >>> 24;
  out[2] = (message.length >>> 16) & 0xff;
  out[3] = (message.length >>> 8) & 0xff;
  out[4] = message.length & 0xff;
  out.set(message, 5);
  return out;
}

/**
 * `frameGrpcMessage(encodeDnsPacket(msg))` in one allocation from the shared
 * response slab (`bytes.ts`): the body of a response to `Query`.
 */
export function frameDnsPacket(msg: Uint8Array): Uint8Array {
  const lenBytes = msg.length < 0x80 ? 1 : msg.length < 0x4000 ? 2 : 3;
  const size = 1 + lenBytes + msg.length;
  const out = allocateBytes(5 + size);
  out[1] = size >>> 24;
  out[2] = (size >>> 16) & 0xff;
  out[3] = (size >>> 8) & 0xff;
  out[4] = size & 0xff;
  encodeDnsPacket(msg, out.subarray(5));
  return out;
}

/**
 * The one message of a unary request body (all DATA frames joined).
 * @returns the message, or a status: INTERNAL for a truncated frame or a
 *   count other than one, UNIMPLEMENTED for a compressed message (we accept
 *   only `identity`), RESOURCE_EXHAUSTED above `GRPC_MAX_MESSAGE`
 */
export function unframeGrpcRequest(body: Uint8Array): { message: Uint8Array } | { status: number; error: string } {
  if (body.length < 5) return { status: GrpcStatus.INTERNAL, error: 'request has no complete message' };
  const length = ((body[1]! << 24) | (body[2]! << 16) | (body[3]! << 8) | body[4]!) >>> 0;
  if (length > GRPC_MAX_MESSAGE) return { status: GrpcStatus.RESOURCE_EXHAUSTED, error: `message of ${length} bytes exceeds ${GRPC_MAX_MESSAGE}` };
  if (body[0] !== 0) return { status: GrpcStatus.UNIMPLEMENTED, error: 'compressed messages are not supported (grpc-accept-encoding: identity)' };
  if (5 + length > body.length) return { status: GrpcStatus.INTERNAL, error: 'request message is truncated' };
  if (5 + length < body.length) return { status: GrpcStatus.INTERNAL, error: 'unary request has more than one message' };
  return { message: body.subarray(5) };
}

/**
 * Answer one unary `Query` call from its request body.
 * @param body the HTTP/2 request body (Length-Prefixed-Message)
 * @returns the framed response body (status OK) or an error status; never throws
 */
export function answerGrpc(resolver: DnsResolver, body: Uint8Array): GrpcResult {
  const unframed = unframeGrpcRequest(body);
  if ('status' in unframed) return unframed;
  const query = decodeDnsPacket(unframed.message);
  if (!query) return { status: GrpcStatus.INTERNAL, error: 'request is not a valid DnsPacket' };
  const response = resolver.handle(query, { transport: 'grpc' });
  if (!response) return { status: GrpcStatus.INVALID_ARGUMENT, error: 'DnsPacket.msg is not a DNS query' };
  return { status: 0, message: frameDnsPacket(response) };
}
