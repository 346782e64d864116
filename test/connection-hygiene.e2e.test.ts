/**
 * Connection hygiene under a flood of incomplete connections (issue 10,
 * defect 2): thousands of connections that never finish a request — a
 * partial HTTP/1.1 head, full headers with 2 of 100 body bytes, an h2c stream
 * never ended, a TLS handshake never started, a DNS-over-TCP message trickled
 * one byte at a time — while a normal client is still served, and every
 * flooding connection is closed within its timeout (plus the ~1 s sweep).
 * Timeouts are shortened to seconds so the suite stays quick.
 */
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import net from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../src/dns/resolver.ts';
import { silentLogger } from '../src/log.ts';
import { startDnsServer, type DnsServer } from '../src/runtime/node/dns-server.ts';
import { startGrpcServer, type GrpcServer } from '../src/runtime/node/grpc-server.ts';
import { startHttpServer, type HttpServer } from '../src/runtime/node/http-server.ts';
import { answerDoh, type DohRequest } from '../src/transport/doh-core.ts';
import { dohRoutes, encodeBase64Url } from '../src/transport/doh.ts';
import { encodeDnsPacket, frameGrpcMessage } from '../src/transport/grpc.ts';
import { frameTcpMessage } from '../src/transport/udp-tcp.ts';
import { decode, fixtureView, query } from './support/dns-fixtures.ts';
import { makeTestCertificate, type TestCertificate } from './support/tls-cert.ts';

const HEADERS_MS = 1000;
const REQUEST_MS = 1500;
const IDLE_MS = 2000;
/**
 * Deadlines are swept about every 250 ms at these timeouts; the rest of the
 * allowance is for a machine busy with other suites (event-loop lag of 2 s
 * was seen under the full parallel run, 5.7 s with other engineers' suites running too). Without the fix they stay open for minutes.
 */
const SLACK_MS = 10_000;
const EACH = 400;

let cert: TestCertificate;
let http: HttpServer;
let https: HttpServer;
let dns: DnsServer;
let grpc: GrpcServer;
const clients: net.Socket[] = [];

beforeAll(async () => {
  cert = makeTestCertificate();
  const resolver = createResolver(fixtureView());
  const app = new Hono();
  app.route('/', dohRoutes(resolver));
  const common = { host: '127.0.0.1', port: 0, fetch: app.fetch, doh: (r: DohRequest) => answerDoh(resolver, r), logger: silentLogger, headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, idleTimeoutMs: IDLE_MS, maxConnections: 5000 };
  http = await startHttpServer(common);
  https = await startHttpServer({ ...common, tls: { certFile: cert.certFile, keyFile: cert.keyFile } });
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, resolver, logger: silentLogger, tcpIdleTimeoutMs: HEADERS_MS, maxConnections: 5000 });
  grpc = await startGrpcServer({ host: '127.0.0.1', port: 0, resolver, logger: silentLogger, handshakeTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, maxConnections: 5000 });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all([http?.close(), https?.close(), dns?.close(), grpc?.close()]);
  cert?.remove();
});

/**
 * Open `n` raw connections to `port` in batches of 100 (so the listen backlog
 * never overflows and a client's connect means the server has it), each
 * sending `first` once connected; resolves with how long each one lived (ms
 * from connect to close, or undefined while open).
 */
async function flood(n: number, port: number, first: (socket: net.Socket) => void): Promise<{ closedAt: (number | undefined)[] }> {
  const closedAt: (number | undefined)[] = new Array(n).fill(undefined);
  const open = (i: number): Promise<void> =>
    new Promise<void>((resolve) => {
      let connectedAt = Date.now();
      const socket = net.connect(port, '127.0.0.1', () => {
        connectedAt = Date.now();
        first(socket);
        resolve();
      });
      socket.on('error', () => resolve());
      socket.on('close', () => (closedAt[i] = Date.now() - connectedAt));
      socket.resume();
      clients.push(socket);
    });
  for (let from = 0; from < n; from += 100) await Promise.all(Array.from({ length: Math.min(100, n - from) }, (_, k) => open(from + k)));
  return { closedAt };
}

async function waitAllClosed(closedAt: (number | undefined)[], withinMs: number): Promise<void> {
  const until = Date.now() + withinMs + 2000;
  while (closedAt.some((t) => t === undefined) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

async function normalDohQuery(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${http.port}/dns-query?dns=${encodeBase64Url(query('backend.app.local', 'A', { id: 0 }))}`);
  expect(res.status).toBe(200);
  return decode(new Uint8Array(await res.arrayBuffer())).rcode;
}

async function normalTcpQuery(): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(dns.port, '127.0.0.1', () => socket.write(frameTcpMessage(query('backend.app.local', 'A'))));
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 + buf.readUInt16BE(0)) {
        socket.destroy();
        resolve(decode(new Uint8Array(buf.subarray(2))).rcode);
      }
    });
    socket.on('error', reject);
  });
}

describe(`${EACH * 6} incomplete connections at once`, () => {
  it('keep a normal client served and are all closed within their timeouts', async () => {
    const floods = await Promise.all([
      // HTTP/1.1: a head that never ends.
      flood(EACH, http.port, (s) => s.write('GET /dns-query HTTP/1.1\r\nHost: x\r\nX-Slow: ')),
      // HTTP/1.1: full headers, 2 of 100 body bytes.
      flood(EACH, http.port, (s) => s.write('POST /dns-query HTTP/1.1\r\nHost: x\r\nContent-Type: application/dns-message\r\nContent-Length: 100\r\n\r\nab')),
      // HTTPS: TCP connected, no ClientHello.
      flood(EACH, https.port, () => {}),
      // Cleartext: nothing sent at all (protocol never known).
      flood(EACH, http.port, () => {}),
      // DNS over TCP: a 50-byte message announced, then one byte every 300 ms (never idle for the idle timeout).
      flood(EACH, dns.port, (s) => {
        s.write(Buffer.from([0, 50, 0]));
        const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(Buffer.from([0]))), 300);
        s.on('close', () => clearInterval(timer));
      }),
      // gRPC: half of the HTTP/2 preface, never finished.
      flood(EACH, grpc.port, (s) => s.write('PRI * HTTP/2.0\r\n')),
    ]);

    // A normal client on each listener is served at once, and again later.
    expect(await normalDohQuery()).toBe('NOERROR');
    expect(await normalTcpQuery()).toBe('NOERROR');
    const h2 = http2.connect(`https://localhost:${https.port}`, { ca: readFileSync(cert.caFile) });
    h2.on('error', () => {});
    const status = await new Promise<number>((resolve, reject) => {
      const req = h2.request({ ':path': `/dns-query?dns=${encodeBase64Url(query('web.app.local', 'A', { id: 0 }))}` });
      req.on('response', (h) => resolve(Number(h[':status'])));
      req.on('error', reject);
      req.resume();
      req.end();
    });
    expect(status).toBe(200);
    h2.close();

    const limits = [HEADERS_MS, REQUEST_MS, HEADERS_MS, HEADERS_MS, HEADERS_MS, HEADERS_MS];
    await Promise.all(floods.map((f, i) => waitAllClosed(f.closedAt, limits[i]! + SLACK_MS)));
    floods.forEach((f, i) => {
      const open = f.closedAt.filter((t) => t === undefined).length;
      expect(open, `flood ${i}: connections still open`).toBe(0);
      expect(Math.max(...(f.closedAt as number[])), `flood ${i}: closed too late`).toBeLessThanOrEqual(limits[i]! + SLACK_MS);
      // Held until their timeout, not refused: the flood really occupied the listeners meanwhile.
      expect(Math.min(...(f.closedAt as number[])), `flood ${i}: closed before its timeout`).toBeGreaterThanOrEqual(limits[i]! - 250);
    });
    expect(await normalDohQuery()).toBe('NOERROR');
    expect(await normalGrpcQuery()).toBe('0');
  }, 60_000);
});

function grpcCall(session: http2.ClientHttp2Session, end: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':method': 'POST', ':path': '/coredns.dns.DnsService/Query', 'content-type': 'application/grpc', te: 'trailers' });
    let status = '';
    req.on('response', (h) => (status = String(h['grpc-status'] ?? status)));
    req.on('trailers', (t) => (status = String(t['grpc-status'])));
    req.on('close', () => resolve(status));
    req.on('error', reject);
    req.resume();
    const body = frameGrpcMessage(encodeDnsPacket(query('backend.app.local', 'A')));
    if (end) req.end(body);
    else req.write(body.subarray(0, 3));
  });
}

async function normalGrpcQuery(): Promise<string> {
  const session = http2.connect(`http://127.0.0.1:${grpc.port}`);
  session.on('error', () => {});
  try {
    return await grpcCall(session, true);
  } finally {
    session.close();
  }
}

describe('gRPC', () => {
  it('answers DEADLINE_EXCEEDED to a call whose request never ends', async () => {
    const session = http2.connect(`http://127.0.0.1:${grpc.port}`);
    session.on('error', () => {});
    const start = Date.now();
    expect(await grpcCall(session, false)).toBe('4');
    expect(Date.now() - start).toBeLessThanOrEqual(REQUEST_MS + SLACK_MS);
    session.close();
  });
});

describe('HTTP/1.1 timeouts answer 408', () => {
  it('for a partial head and for a partial body', async () => {
    const read = (payload: string) =>
      new Promise<string>((resolve) => {
        const s = net.connect(http.port, '127.0.0.1', () => s.write(payload));
        let text = '';
        s.on('data', (d) => (text += d));
        s.on('close', () => resolve(text));
        s.on('error', () => resolve(text));
      });
    const [head, body] = await Promise.all([
      read('GET / HTTP/1.1\r\nHost: x\r\n'),
      read('POST /dns-query HTTP/1.1\r\nHost: x\r\nContent-Type: application/dns-message\r\nContent-Length: 100\r\n\r\nab'),
    ]);
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(body).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('h2c', () => {
  it('resets a stream whose request never ends and closes an idle session', async () => {
    const session = http2.connect(`http://127.0.0.1:${http.port}`);
    session.on('error', () => {});
    const closed = new Promise<number>((resolve) => session.on('close', () => resolve(Date.now())));
    const start = Date.now();
    const req = session.request({ ':method': 'POST', ':path': '/dns-query', 'content-type': 'application/dns-message' });
    req.on('error', () => {});
    req.write(Buffer.from([0, 1]));
    const reset = await new Promise<number>((resolve) => req.on('close', () => resolve(req.rstCode ?? -1)));
    expect(reset).toBe(http2.constants.NGHTTP2_CANCEL);
    expect((await closed) - start).toBeLessThanOrEqual(REQUEST_MS + IDLE_MS + SLACK_MS);
  }, 15_000);
});

describe('connection cap', () => {
  it('closes connections beyond --max-connections at once', async () => {
    const capped = await startDnsServer({ host: '127.0.0.1', port: 0, resolver: createResolver(fixtureView()), logger: silentLogger, maxConnections: 50 });
    try {
      const f = await flood(80, capped.port, () => {});
      await new Promise((r) => setTimeout(r, 500));
      expect(f.closedAt.filter((t) => t !== undefined).length).toBe(30);
    } finally {
      await capped.close();
    }
  });
});
