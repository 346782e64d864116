/**
 * RFC fidelity on every transport: the same raw queries over UDP, TCP, DoH
 * (h2c POST) and gRPC (CoreDNS DnsService) against the real Node listeners
 * must get the same DNS answer — rcode, flags, sections — except that only
 * UDP is size-limited (512 bytes without EDNS; TC set, RFC 2181 §9).
 */
import dgram from 'node:dgram';
import http2 from 'node:http2';
import net from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../src/dns/resolver.ts';
import { silentLogger } from '../src/log.ts';
import { startDnsServer, type DnsServer } from '../src/runtime/node/dns-server.ts';
import { startGrpcServer, type GrpcServer } from '../src/runtime/node/grpc-server.ts';
import { startHttpServer, type HttpServer } from '../src/runtime/node/http-server.ts';
import { answerDoh } from '../src/transport/doh-core.ts';
import { dohRoutes } from '../src/transport/doh.ts';
import { decodeDnsPacket, encodeDnsPacket, frameGrpcMessage } from '../src/transport/grpc.ts';
import { frameTcpMessage } from '../src/transport/udp-tcp.ts';
import { decode, fixtureView, query, rrs, type QType, type QueryOptions } from './support/dns-fixtures.ts';

type Transport = 'udp' | 'tcp' | 'doh' | 'grpc';
const TRANSPORTS: Transport[] = ['udp', 'tcp', 'doh', 'grpc'];

let dns: DnsServer;
let http: HttpServer;
let grpc: GrpcServer;
let h2: http2.ClientHttp2Session;
let g2: http2.ClientHttp2Session;

beforeAll(async () => {
  const resolver = createResolver(fixtureView());
  const app = new Hono();
  app.route('/', dohRoutes(resolver));
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, resolver, logger: silentLogger });
  http = await startHttpServer({ host: '127.0.0.1', port: 0, fetch: app.fetch, doh: (r) => answerDoh(resolver, r), logger: silentLogger });
  grpc = await startGrpcServer({ host: '127.0.0.1', port: 0, resolver, logger: silentLogger });
  h2 = http2.connect(`http://127.0.0.1:${http.port}`);
  g2 = http2.connect(`http://127.0.0.1:${grpc.port}`);
});

afterAll(async () => {
  h2?.close();
  g2?.close();
  await Promise.all([dns?.close(), http?.close(), grpc?.close()]);
});

function h2post(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body: Uint8Array): Promise<{ headers: http2.IncomingHttpHeaders; body: Buffer; trailers: http2.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':method': 'POST', ...headers });
    const chunks: Buffer[] = [];
    let head: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    req.on('response', (h) => (head = h));
    req.on('trailers', (t) => (trailers = t));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve({ headers: head, body: Buffer.concat(chunks), trailers }));
    req.on('error', reject);
    req.end(body);
  });
}

/** Send raw query bytes over a transport; the raw response bytes. */
async function send(transport: Transport, bytes: Uint8Array): Promise<Uint8Array> {
  switch (transport) {
    case 'udp':
      return new Promise((resolve, reject) => {
        const socket = dgram.createSocket('udp4');
        const timer = setTimeout(() => (socket.close(), reject(new Error('no UDP answer'))), 3000);
        socket.on('message', (msg) => {
          clearTimeout(timer);
          socket.close();
          resolve(new Uint8Array(msg));
        });
        socket.send(bytes, dns.port, '127.0.0.1');
      });
    case 'tcp':
      return new Promise((resolve, reject) => {
        const socket = net.connect(dns.port, '127.0.0.1');
        let buf = Buffer.alloc(0);
        socket.on('data', (d) => {
          buf = Buffer.concat([buf, d]);
          if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
            socket.destroy();
            resolve(new Uint8Array(buf.subarray(2, 2 + buf.readUInt16BE(0))));
          }
        });
        socket.on('error', reject);
        socket.write(frameTcpMessage(bytes));
      });
    case 'doh': {
      const res = await h2post(h2, { ':path': '/dns-query', 'content-type': 'application/dns-message' }, bytes);
      expect(res.headers[':status']).toBe(200);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      return new Uint8Array(res.body);
    }
    case 'grpc': {
      const res = await h2post(g2, { ':path': '/coredns.dns.DnsService/Query', 'content-type': 'application/grpc', te: 'trailers' }, frameGrpcMessage(encodeDnsPacket(bytes)));
      expect(res.trailers['grpc-status']).toBe('0');
      return new Uint8Array(decodeDnsPacket(res.body.subarray(5))!);
    }
  }
}

/** What must match across transports. */
function summary(bytes: Uint8Array) {
  const d = decode(bytes);
  const opt = d.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  return {
    id: d.id,
    rcode: d.fullRcode,
    flags: d.raw & 0xffef,
    question: d.questions?.map((q) => `${q.name} ${q.type}`),
    answers: rrs(d.answers).length,
    authority: rrs(d.authorities),
    additional: rrs(d.additionals).length,
    opt: opt?.udpPayloadSize,
  };
}

interface Case {
  label: string;
  bytes: () => Uint8Array;
  expect: Partial<ReturnType<typeof summary>>;
}

const q = (name: string, type: QType, opts: QueryOptions = {}) => () => query(name, type, { id: 4321, ...opts });
const SOA = ['app.local 60 SOA ns1.app.local hostmaster.app.local 1 7200 900 1209600 86400'];

const cases: Case[] = [
  { label: 'A at a service, EDNS echoed', bytes: q('backend.app.local', 'A', { edns: 4096 }), expect: { rcode: 0, answers: 3, opt: 1232 } },
  { label: 'unknown name below a service: NXDOMAIN', bytes: q('i-1234.backend.app.local', 'A'), expect: { rcode: 3, answers: 0, authority: SOA } },
  { label: 'below an instance host name: NXDOMAIN', bytes: q('_x.i-1.backend.app.local', 'A'), expect: { rcode: 3, authority: SOA } },
  { label: 'empty non-terminal: NODATA', bytes: q('_tcp.api.app.local', 'SRV'), expect: { rcode: 0, answers: 0, authority: SOA } },
  { label: '0x20 case kept in the question', bytes: q('bAcKeNd.ApP.lOcAl', 'AAAA'), expect: { question: ['bAcKeNd.ApP.lOcAl AAAA'], answers: 1 } },
  { label: 'AXFR: REFUSED', bytes: q('app.local', 'AXFR'), expect: { rcode: 5 } },
  { label: 'outside our zones: REFUSED', bytes: q('example.com', 'A'), expect: { rcode: 5 } },
  { label: 'EDNS version 1: BADVERS', bytes: q('backend.app.local', 'A', { edns: 1232, ednsVersion: 1 }), expect: { rcode: 16, answers: 0, opt: 1232 } },
  {
    label: 'OPT overrunning the message: FORMERR without OPT',
    bytes: () => {
      const b = query('backend.app.local', 'A', { id: 4321, edns: 1232 });
      b[b.length - 1] = 8; // RDLENGTH 8 with no RDATA
      return b;
    },
    expect: { rcode: 1, answers: 0, opt: undefined },
  },
  {
    label: 'opcode STATUS: NOTIMP',
    bytes: () => {
      const b = query('backend.app.local', 'A', { id: 4321 });
      b[2] = (b[2]! & 0x87) | (2 << 3);
      return b;
    },
    expect: { rcode: 4, answers: 0 },
  },
];

describe.each(TRANSPORTS)('over %s', (transport) => {
  it.each(cases)('$label', async (c) => {
    const got = summary(await send(transport, c.bytes()));
    expect(got).toMatchObject({ id: 4321, ...c.expect });
    // The same as TCP, the unlimited reference.
    if (transport !== 'tcp') expect(got).toEqual(summary(await send('tcp', c.bytes())));
  });

  it('fits big answers to the transport: TC only over UDP without EDNS', async () => {
    const got = decode(await send(transport, query('big.app.local', 'SRV', { id: 1 })));
    if (transport === 'udp') {
      expect(got.raw & 0x0200).toBe(0x0200);
      expect(got.answers).toEqual([]);
    } else {
      expect(got.raw & 0x0200).toBe(0);
      expect(got.answers).toHaveLength(8);
      expect(got.additionals).toHaveLength(8);
    }
  });
});
