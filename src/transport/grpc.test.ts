import { describe, expect, it } from 'vitest';
import { fixtureView, query } from '../../test/support/dns-fixtures.ts';
import { createResolver } from '../dns/resolver.ts';
import { answerGrpc, decodeDnsPacket, encodeDnsPacket, frameDnsPacket, frameGrpcMessage, GRPC_MAX_MESSAGE, GrpcStatus, unframeGrpcRequest } from './grpc.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('DnsPacket protobuf (field 1, bytes)', () => {
  it.each([0, 1, 127, 128, 16383, 16384, 65535])('round-trips %i bytes with a varint length', (n) => {
    const msg = new Uint8Array(n).map((_, i) => i & 0xff);
    const pb = encodeDnsPacket(msg);
    expect(pb[0]).toBe(0x0a);
    expect(pb.length).toBe(1 + (n < 128 ? 1 : n < 16384 ? 2 : 3) + n);
    expect(decodeDnsPacket(pb)).toEqual(msg);
  });

  it('skips unknown fields and keeps the last msg (proto3 merge)', () => {
    expect(decodeDnsPacket(bytes(0x10, 0x96, 0x01, 0x0a, 1, 7, 0x1d, 1, 2, 3, 4, 0x0a, 2, 8, 9))).toEqual(bytes(8, 9));
    expect(decodeDnsPacket(bytes())).toEqual(bytes());
  });

  it.each([
    ['a length past the end', bytes(0x0a, 5, 1)],
    ['a truncated varint', bytes(0x0a, 0x80)],
    ['field number 0', bytes(0x02, 0)],
    ['a group wire type', bytes(0x0b)],
  ])('rejects %s', (_, b) => expect(decodeDnsPacket(b)).toBeUndefined());
});

describe('gRPC Length-Prefixed-Message framing', () => {
  it('frames and unframes one message', () => {
    expect(frameGrpcMessage(bytes(1, 2, 3))).toEqual(bytes(0, 0, 0, 0, 3, 1, 2, 3));
    expect(unframeGrpcRequest(bytes(0, 0, 0, 0, 3, 1, 2, 3))).toEqual({ message: bytes(1, 2, 3) });
    expect(frameDnsPacket(bytes(9))).toEqual(frameGrpcMessage(encodeDnsPacket(bytes(9))));
  });

  it.each([
    ['no body', bytes(), GrpcStatus.INTERNAL],
    ['a truncated message', bytes(0, 0, 0, 0, 9, 1), GrpcStatus.INTERNAL],
    ['two messages', bytes(0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0), GrpcStatus.INTERNAL],
    ['a compressed message', bytes(1, 0, 0, 0, 1, 1), GrpcStatus.UNIMPLEMENTED],
    ['a message over 65539 bytes', bytes(0, 0, 1, 0, 4), GrpcStatus.RESOURCE_EXHAUSTED],
  ])('%s → status %i', (_, body, status) => {
    expect(unframeGrpcRequest(body)).toMatchObject({ status });
  });

  it('caps messages at 65535 + 4 bytes (CoreDNS maxProtobufPayloadBytes)', () => {
    expect(GRPC_MAX_MESSAGE).toBe(65539);
  });
});

describe('answerGrpc', () => {
  const resolver = createResolver(fixtureView());
  it('answers a query with a framed DnsPacket', () => {
    const q = query('backend.app.local', 'A', { id: 5 });
    const result = answerGrpc(resolver, frameGrpcMessage(encodeDnsPacket(q)));
    expect(result.status).toBe(0);
    const msg = decodeDnsPacket((unframeGrpcRequest((result as { message: Uint8Array }).message) as { message: Uint8Array }).message)!;
    expect(msg[0]).toBe(0);
    expect(msg[1]).toBe(5);
    expect(msg[2]! & 0x80).toBe(0x80);
  });

  it('answers . NS with a DNS message (REFUSED), and a non-query with INVALID_ARGUMENT', () => {
    expect(answerGrpc(resolver, frameGrpcMessage(encodeDnsPacket(query('.', 'NS')))).status).toBe(0);
    expect(answerGrpc(resolver, frameGrpcMessage(encodeDnsPacket(bytes(1, 2, 3)))).status).toBe(GrpcStatus.INVALID_ARGUMENT);
  });
});
