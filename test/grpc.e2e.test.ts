/**
 * End to end: CoreDNS's gRPC protocol (`coredns.dns.DnsService/Query`)
 * against our Node gRPC listener, with the clients CoreDNS-style users have:
 * - grpc-go + miekg/dns, built from Debian packages, doing what CoreDNS's
 *   grpc plugin (`plugin/grpc/proxy.go`) does — plaintext and TLS;
 * - @grpc/grpc-js as a client — plaintext and TLS, and the error statuses.
 * The certificate is made by the test with openssl.
 */
import { credentials, makeGenericClientConstructor, Metadata, status as GrpcCode, type Client, type ServiceError } from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../src/dns/resolver.ts';
import { silentLogger } from '../src/log.ts';
import { startGrpcServer, type GrpcServer } from '../src/runtime/node/grpc-server.ts';
import { decodeDnsPacket, encodeDnsPacket } from '../src/transport/grpc.ts';
import { buildGoGrpcClient, goGrpcQuery } from './support/grpc-go.ts';
import { decode, fixtureView, query, rrs } from './support/dns-fixtures.ts';
import { makeTestCertificate, type TestCertificate } from './support/tls-cert.ts';

const SOA = 'app.local. 60 IN SOA ns1.app.local. hostmaster.app.local. 1 7200 900 1209600 86400';

let cert: TestCertificate;
let open: GrpcServer;
let tlsOnly: GrpcServer;

beforeAll(async () => {
  cert = makeTestCertificate();
  const resolver = createResolver(fixtureView());
  open = await startGrpcServer({ host: '127.0.0.1', port: 0, resolver, logger: silentLogger, tls: { certFile: cert.certFile, keyFile: cert.keyFile } });
  tlsOnly = await startGrpcServer({ host: '127.0.0.1', port: 0, resolver, logger: silentLogger, tls: { certFile: cert.certFile, keyFile: cert.keyFile, required: true } });
  buildGoGrpcClient();
}, 240_000);

afterAll(async () => {
  await Promise.all([open?.close(), tlsOnly?.close()]);
  cert?.remove();
});

describe('grpc-go client as CoreDNS uses it (Debian golang-google-grpc-dev + miekg/dns)', () => {
  it('answers A, SRV with additional records, NXDOMAIN with the SOA, over plaintext', async () => {
    const [a, srv, nx] = await goGrpcQuery(`127.0.0.1:${open.port}`, [
      ['backend.app.local.', 'A'],
      ['backend.app.local.', 'SRV'],
      ['i-1234.backend.app.local.', 'A'],
    ]);
    expect(a).toMatchObject({ rcode: 'NOERROR', match: true, aa: true, tc: false });
    expect(a!.id).toBe(a!.sentId);
    expect([...a!.answer].sort()).toEqual(['backend.app.local. 30 IN A 10.0.0.1', 'backend.app.local. 30 IN A 10.0.0.2', 'backend.app.local. 30 IN A 10.0.0.3']);
    expect([...srv!.answer].sort()).toEqual(['backend.app.local. 20 IN SRV 1 1 8080 i-1.backend.app.local.', 'backend.app.local. 20 IN SRV 1 1 8081 i-2.backend.app.local.']);
    expect([...srv!.extra].sort()).toEqual(['i-1.backend.app.local. 30 IN A 10.0.0.1', 'i-1.backend.app.local. 40 IN AAAA fd00::1', 'i-2.backend.app.local. 30 IN A 10.0.0.2']);
    expect(nx).toMatchObject({ rcode: 'NXDOMAIN', match: true, aa: true, answer: [], authority: [SOA] });
  });

  it("answers the pooled health probe '. NS' with a DNS REFUSED, not a gRPC error", async () => {
    const [probe] = await goGrpcQuery(`127.0.0.1:${open.port}`, [['.', 'NS']]);
    expect(probe!.error).toBeUndefined();
    expect(probe).toMatchObject({ rcode: 'REFUSED', match: true, aa: false });
  });

  it('keeps the 0x20 case of the question', async () => {
    const [r] = await goGrpcQuery(`127.0.0.1:${open.port}`, [['BaCkEnD.aPp.LoCaL.', 'AAAA']]);
    expect(r).toMatchObject({ question: 'BaCkEnD.aPp.LoCaL.', match: true, answer: ['BaCkEnD.aPp.LoCaL. 40 IN AAAA fd00::1'] });
  });

  it('works over TLS, on the shared port and on a TLS-only port', async () => {
    for (const server of [open, tlsOnly]) {
      const [r] = await goGrpcQuery(`127.0.0.1:${server.port}`, [['web.app.local.', 'A']], cert.caFile);
      expect(r).toMatchObject({ rcode: 'NOERROR', match: true, answer: ['web.app.local. 300 IN CNAME lb.example.com.'] });
    }
  });

  it('is refused in plaintext by a TLS-only port', async () => {
    const [r] = await goGrpcQuery(`127.0.0.1:${tlsOnly.port}`, [['web.app.local.', 'A']]);
    expect(r!.code).toBe('Unavailable');
  });
});

interface DnsClient extends Client {
  Query(req: Uint8Array, metadata: Metadata, callback: (err: ServiceError | null, res?: Uint8Array) => void): void;
}

const DnsService = makeGenericClientConstructor(
  {
    Query: {
      path: '/coredns.dns.DnsService/Query',
      requestStream: false,
      responseStream: false,
      requestSerialize: (msg: Uint8Array) => Buffer.from(encodeDnsPacket(msg)),
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Uint8Array) => Buffer.from(b),
      responseDeserialize: (b: Buffer) => {
        const msg = decodeDnsPacket(b);
        if (!msg) throw new Error('bad DnsPacket');
        return msg;
      },
    },
  },
  'DnsService',
);

function call(client: DnsClient, msg: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => client.Query(msg, new Metadata(), (err, res) => (err ? reject(err) : resolve(res!))));
}

/** A client for a raw method path, to send bodies the typed client would not. */
function rawCall(port: number, path: string, body: Buffer): Promise<ServiceError | Buffer> {
  const Ctor = makeGenericClientConstructor(
    { Query: { path, requestStream: false, responseStream: false, requestSerialize: (b: Buffer) => b, requestDeserialize: (b: Buffer) => b, responseSerialize: (b: Buffer) => b, responseDeserialize: (b: Buffer) => b } },
    'Raw',
  );
  const client = new Ctor(`127.0.0.1:${port}`, credentials.createInsecure(), { 'grpc.max_send_message_length': -1 }) as unknown as DnsClient;
  return new Promise((resolve) =>
    (client as unknown as { Query: (b: Buffer, m: Metadata, cb: (e: ServiceError | null, r?: Buffer) => void) => void }).Query(body, new Metadata(), (err, res) => {
      client.close();
      resolve(err ?? res!);
    }),
  );
}

describe('@grpc/grpc-js client', () => {
  let plain: DnsClient;
  let secure: DnsClient;
  beforeAll(() => {
    plain = new DnsService(`127.0.0.1:${open.port}`, credentials.createInsecure()) as unknown as DnsClient;
    secure = new DnsService(`localhost:${tlsOnly.port}`, credentials.createSsl(readFileSync(cert.caFile))) as unknown as DnsClient;
  });
  afterAll(() => {
    plain?.close();
    secure?.close();
  });

  it('queries over plaintext and TLS, echoing ID and question', async () => {
    for (const client of [plain, secure]) {
      const res = decode(await call(client, query('Backend.App.Local', 'A', { id: 777, edns: 1232 })));
      expect(res.id).toBe(777);
      expect(res.questions?.[0]?.name).toBe('Backend.App.Local');
      expect(rrs(res.answers)).toHaveLength(3);
    }
  });

  it('answers many concurrent calls on one connection', async () => {
    const names = Array.from({ length: 200 }, (_, i) => (i % 2 ? 'backend.app.local' : `n${i}.app.local`));
    const replies = await Promise.all(names.map((n, i) => call(plain, query(n, 'A', { id: i }))));
    replies.forEach((bytes, i) => {
      const r = decode(bytes);
      expect(r.id).toBe(i);
      expect(r.rcode).toBe(i % 2 ? 'NOERROR' : 'NXDOMAIN');
    });
  });

  it('maps bad calls to gRPC status codes', async () => {
    const tooShort = (await rawCall(open.port, '/coredns.dns.DnsService/Query', Buffer.from(encodeDnsPacket(new Uint8Array(5))))) as ServiceError;
    expect(tooShort.code).toBe(GrpcCode.INVALID_ARGUMENT);
    const notProto = (await rawCall(open.port, '/coredns.dns.DnsService/Query', Buffer.from([0x0a, 0x7f, 1]))) as ServiceError;
    expect(notProto.code).toBe(GrpcCode.INTERNAL);
    const huge = (await rawCall(open.port, '/coredns.dns.DnsService/Query', Buffer.from(encodeDnsPacket(new Uint8Array(70_000))))) as ServiceError;
    expect(huge.code).toBe(GrpcCode.RESOURCE_EXHAUSTED);
    const unknown = (await rawCall(open.port, '/coredns.dns.DnsService/Stream', Buffer.from(encodeDnsPacket(query('a.app.local', 'A'))))) as ServiceError;
    expect(unknown.code).toBe(GrpcCode.UNIMPLEMENTED);
  });

  it('accepts the largest DNS message, 65535 bytes (EDNS padding), and answers FORMERR for trailing junk', async () => {
    const q = query('backend.app.local', 'A', { id: 9 });
    const padded = new Uint8Array(65535);
    padded.set(q);
    padded[11] = 1; // ARCOUNT
    const pad = 65535 - q.length - 11 - 4;
    // OPT: root, TYPE 41, CLASS 1232, TTL 0, RDLENGTH, then option 12 (Padding, RFC 7830) of `pad` zero bytes.
    padded.set([0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, (pad + 4) >> 8, (pad + 4) & 0xff, 0, 12, pad >> 8, pad & 0xff], q.length);
    const ok = decode(await call(plain, padded));
    expect(ok).toMatchObject({ id: 9, rcode: 'NOERROR' });
    expect(rrs(ok.answers)).toHaveLength(3);
    const junk = new Uint8Array(65535);
    junk.set(q);
    const bad = decode(await call(plain, junk));
    expect(bad).toMatchObject({ id: 9, rcode: 'FORMERR' });
    expect(bad.answers).toEqual([]);
  });
});
