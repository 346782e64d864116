/**
 * End to end: DoH over TLS (RFC 8484) on the HTTPS listener, ALPN h2 and
 * http/1.1, with the real clients — `dig +https +tls-ca`, `kdig +https`,
 * curl (HTTP/2 and HTTP/1.1) and `dnsperf -m doh`. The certificate is made
 * by the test with openssl. Missing clients fail the suite.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../src/dns/resolver.ts';
import { silentLogger } from '../src/log.ts';
import { startHttpServer, type HttpServer } from '../src/runtime/node/http-server.ts';
import { answerDoh } from '../src/transport/doh-core.ts';
import { dohRoutes, encodeBase64Url } from '../src/transport/doh.ts';
import { dig, kdig, runClient } from './support/dig.ts';
import { decode, fixtureView, query, rrs } from './support/dns-fixtures.ts';
import { makeTestCertificate, type TestCertificate } from './support/tls-cert.ts';

const SOA = 'app.local. 60 IN SOA ns1.app.local. hostmaster.app.local. 1 7200 900 1209600 86400';
const BACKEND_A = ['backend.app.local. 30 IN A 10.0.0.1', 'backend.app.local. 30 IN A 10.0.0.2', 'backend.app.local. 30 IN A 10.0.0.3'];

let cert: TestCertificate;
let https: HttpServer;
let dir: string;
let at: string[];

beforeAll(async () => {
  cert = makeTestCertificate();
  dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-doh-'));
  const app = new Hono();
  const resolver = createResolver(fixtureView());
  app.route('/', dohRoutes(resolver));
  https = await startHttpServer({ host: '127.0.0.1', port: 0, fetch: app.fetch, doh: (r) => answerDoh(resolver, r), logger: silentLogger, tls: { certFile: cert.certFile, keyFile: cert.keyFile } });
  at = ['@127.0.0.1', '-p', String(https.port)];
});

afterAll(async () => {
  await https?.close();
  cert?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const sorted = (list: string[]): string[] => [...list].sort();

describe('dig +https (BIND 9.18, HTTP/2 over TLS)', () => {
  it('POSTs a query and verifies the certificate with +tls-ca', async () => {
    const r = await dig([...at, '+https', `+tls-ca=${cert.caFile}`, '+tls-hostname=localhost', 'backend.app.local', 'A']);
    expect(r.transport).toBe('HTTPS');
    expect(r.status).toBe('NOERROR');
    expect(r.flags).toEqual(['aa', 'qr', 'rd']);
    expect(sorted(r.answer)).toEqual(BACKEND_A);
  });

  it('GETs NXDOMAIN with the SOA', async () => {
    const r = await dig([...at, '+https-get', `+tls-ca=${cert.caFile}`, '+tls-hostname=localhost', 'i-99.backend.app.local', 'A']);
    expect(r.transport).toBe('HTTPS-GET');
    expect(r.status).toBe('NXDOMAIN');
    expect(r.authority).toEqual([SOA]);
  });

  it('fails against an untrusted CA', async () => {
    const other = makeTestCertificate();
    try {
      const { stdout, stderr } = await runClient('dig', [...at, '+https', `+tls-ca=${other.caFile}`, '+tls-hostname=localhost', '+tries=1', '+time=3', 'backend.app.local']);
      expect(`${stdout}${stderr}`).not.toContain('->>HEADER<<-');
    } finally {
      other.remove();
    }
  });
});

describe('kdig +https (Knot 3.2)', () => {
  it('queries SRV over DoH with certificate checks', async () => {
    const r = await kdig([...at, '+https', `+tls-ca=${cert.caFile}`, '+tls-hostname=localhost', 'backend.app.local', 'SRV']);
    expect(r.status).toBe('NOERROR');
    expect(sorted(r.answer)).toEqual(['backend.app.local. 20 IN SRV 1 1 8080 i-1.backend.app.local.', 'backend.app.local. 20 IN SRV 1 1 8081 i-2.backend.app.local.']);
    expect(sorted(r.additional)).toEqual(['i-1.backend.app.local. 30 IN A 10.0.0.1', 'i-1.backend.app.local. 40 IN AAAA fd00::1', 'i-2.backend.app.local. 30 IN A 10.0.0.2']);
  });
});

/** curl over HTTPS; returns the head, the version and the body file. */
async function curl(args: string[], url: string): Promise<{ head: string; version: string; body: Buffer }> {
  const body = join(dir, `body-${Math.random().toString(36).slice(2)}`);
  const { stdout, stderr, code } = await runClient('curl', ['-sS', '--cacert', cert.caFile, '-D', '-', '-o', body, '-w', '\nversion=%{http_version}', ...args, url]);
  if (code !== 0) throw new Error(`curl failed: ${stderr}`);
  const version = /version=(\S+)/.exec(stdout)![1]!;
  return { head: stdout.slice(0, stdout.lastIndexOf('\nversion=')), version, body: readFileSync(body) };
}

describe('curl: ALPN h2 and http/1.1, RFC 8484 headers and statuses', () => {
  const url = (path: string) => `https://localhost:${https.port}${path}`;

  it.each([['--http2', '2'], ['--http1.1', '1.1']])('%s GET answers with content-length and max-age = min TTL', async (flag, version) => {
    const r = await curl([flag], url(`/dns-query?dns=${encodeBase64Url(query('backend.app.local', 'SRV', { id: 0 }))}`));
    expect(r.version).toBe(version);
    expect(r.head).toMatch(/^HTTP\/[\d.]+ 200/);
    expect(r.head).toMatch(/\r\ncontent-type: application\/dns-message\r\n/i);
    expect(r.head).toMatch(/\r\ncache-control: max-age=20\r\n/i);
    expect(r.head).toMatch(new RegExp(`\\r\\ncontent-length: ${r.body.length}\\r\\n`, 'i'));
    expect(decode(new Uint8Array(r.body)).rcode).toBe('NOERROR');
  });

  it('negative answers are cached for the SOA negative TTL', async () => {
    const r = await curl(['--http2', '-H', 'content-type: application/dns-message', '--data-binary', `@${writeQuery('nope.app.local')}`], url('/dns-query'));
    expect(r.head).toMatch(/cache-control: max-age=60\r\n/i);
    expect(rrs(decode(new Uint8Array(r.body)).authorities)).toEqual(['app.local 60 SOA ns1.app.local hostmaster.app.local 1 7200 900 1209600 86400']);
  });

  it.each([
    ['a malformed dns parameter', ['--http2'], '/dns-query?dns=***', 400],
    ['a missing parameter', ['--http1.1'], '/dns-query', 400],
    ['a wrong media type', ['--http2', '-H', 'content-type: text/plain', '--data-binary', 'x'], '/dns-query', 415],
    ['an oversize body', ['--http2', '-H', 'content-type: application/dns-message', '--data-binary', '@BIG'], '/dns-query', 413],
    ['an oversize chunked body (no length)', ['--http1.1', '-H', 'content-type: application/dns-message', '-H', 'transfer-encoding: chunked', '--data-binary', '@BIG'], '/dns-query', 413],
    ['another method', ['--http2', '-X', 'PUT'], '/dns-query', 405],
  ])('%s gets %i', async (_, args, path, status) => {
    const big = join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(70_000));
    const r = await curl(args.map((a) => (a === '@BIG' ? `@${big}` : a)), url(path));
    expect(r.head).toMatch(new RegExp(`^HTTP/[\\d.]+ ${status}`));
    expect(r.head).toMatch(new RegExp(`\\r\\ncontent-length: ${r.body.length}\\r\\n`, 'i'));
  });
});

function writeQuery(name: string): string {
  const file = join(dir, `${name}.bin`);
  writeFileSync(file, query(name, 'A', { id: 0 }));
  return file;
}

describe('the JSON form over HTTPS', () => {
  it('answers application/dns-json with content-length', async () => {
    const r = await curl(['--http2', '-H', 'accept: application/dns-json'], `https://localhost:${https.port}/dns-query?name=backend.app.local&type=AAAA`);
    expect(r.head).toMatch(/content-type: application\/dns-json/i);
    expect(r.head).toMatch(new RegExp(`\\r\\ncontent-length: ${r.body.length}\\r\\n`, 'i'));
    expect(JSON.parse(r.body.toString()).Answer).toEqual([{ name: 'backend.app.local.', type: 28, TTL: 40, data: 'fd00::1' }]);
  });
});

describe('dnsperf -m doh (correctness, not throughput)', () => {
  it('completes every query over one DoH connection', async () => {
    const queries = join(dir, 'queries.txt');
    writeFileSync(queries, 'backend.app.local A\nbackend.app.local SRV\nnope.app.local A\nweb.app.local A\n');
    const out = await new Promise<string>((resolve, reject) => {
      execFile('dnsperf', ['-m', 'doh', '-s', '127.0.0.1', '-p', String(https.port), '-d', queries, '-n', '50', '-c', '1', '-q', '1', '-t', '5'], { timeout: 60_000 }, (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error('dnsperf is not installed: install the Debian package dnsperf'));
        if (err) return reject(new Error(`dnsperf failed: ${err.message}\n${stdout}${stderr}`));
        resolve(stdout);
      });
    });
    expect(out).toMatch(/Queries sent:\s+200\n/);
    expect(out).toMatch(/Queries completed:\s+200 \(100\.00%\)/);
    expect(out).toMatch(/NOERROR 150 \(75\.00%\)/);
    expect(out).toMatch(/NXDOMAIN 50 \(25\.00%\)/);
  }, 90_000);
});
