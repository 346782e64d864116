/**
 * End to end: our Node DNS and HTTP listeners against the real Debian
 * clients — dig (bind9-dnsutils) over UDP, TCP and h2c DoH (`+http-plain`),
 * kdig (knot-dnsutils), and curl for DoH GET over HTTP/1.1 and the JSON form.
 * Missing clients fail the suite with the package to install.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../src/dns/resolver.ts';
import { silentLogger } from '../src/log.ts';
import { startDnsServer, type DnsServer } from '../src/runtime/node/dns-server.ts';
import { startHttpServer, type HttpServer } from '../src/runtime/node/http-server.ts';
import { answerDoh } from '../src/transport/doh-core.ts';
import { dohRoutes, encodeBase64Url } from '../src/transport/doh.ts';
import type { View } from '../src/view/view.ts';
import { dig, kdig, requireClient, runClient } from './support/dig.ts';
import { decode, fixtureView, instance, query, rrs } from './support/dns-fixtures.ts';

const SOA = 'app.local. 60 IN SOA ns1.app.local. hostmaster.app.local. 1 7200 900 1209600 86400';
const BACKEND_A = ['backend.app.local. 30 IN A 10.0.0.1', 'backend.app.local. 30 IN A 10.0.0.2', 'backend.app.local. 30 IN A 10.0.0.3'];

let view: View;
let dns: DnsServer;
let http: HttpServer;
let at: string[];
let doh: string[];

beforeAll(async () => {
  view = fixtureView();
  const resolver = createResolver(view);
  const app = new Hono();
  app.route('/', dohRoutes(resolver));
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, resolver, logger: silentLogger });
  http = await startHttpServer({ host: '127.0.0.1', port: 0, fetch: app.fetch, doh: (r) => answerDoh(resolver, r), logger: silentLogger });
  at = ['@127.0.0.1', '-p', String(dns.port)];
  doh = ['@127.0.0.1', '-p', String(http.port)];
});

afterAll(async () => {
  await Promise.all([dns?.close(), http?.close()]);
});

const sorted = (list: string[]): string[] => [...list].sort();

describe('real clients are installed', () => {
  it.each(['dig', 'kdig', 'curl'] as const)('%s', (tool) => {
    expect(requireClient(tool)).toMatch(new RegExp(`/${tool}$`));
  });
});

describe('dig over UDP', () => {
  it('answers a service A query, authoritative, with EDNS echoed', async () => {
    const r = await dig([...at, 'backend.app.local', 'A']);
    expect(r.transport).toBe('UDP');
    expect(r.status).toBe('NOERROR');
    expect(r.flags).toEqual(['aa', 'qr', 'rd']);
    expect(sorted(r.answer)).toEqual(BACKEND_A);
    expect(r.authority).toEqual([]);
    expect(r.edns).toBe('version: 0, flags:; udp: 1232');
  });

  it('echoes the question spelling in answer owner names', async () => {
    const r = await dig([...at, 'BackEnd.App.LOCAL', 'AAAA']);
    expect(r.question).toEqual(['BackEnd.App.LOCAL. IN AAAA']);
    expect(r.answer).toEqual(['BackEnd.App.LOCAL. 40 IN AAAA fd00::1']);
  });

  it('answers SRV with the targets in the additional section', async () => {
    const r = await dig([...at, 'backend.app.local', 'SRV']);
    expect(sorted(r.answer)).toEqual(['backend.app.local. 20 IN SRV 1 1 8080 i-1.backend.app.local.', 'backend.app.local. 20 IN SRV 1 1 8081 i-2.backend.app.local.']);
    expect(sorted(r.additional)).toEqual(['i-1.backend.app.local. 30 IN A 10.0.0.1', 'i-1.backend.app.local. 40 IN AAAA fd00::1', 'i-2.backend.app.local. 30 IN A 10.0.0.2']);
  });

  it('answers NXDOMAIN and NODATA with the SOA, and REFUSED outside the zones', async () => {
    const nx = await dig([...at, 'nope.app.local', 'A']);
    expect(nx.status).toBe('NXDOMAIN');
    expect(nx.flags).toEqual(['aa', 'qr', 'rd']);
    expect(nx.answer).toEqual([]);
    expect(nx.authority).toEqual([SOA]);
    const below = await dig([...at, '_tcp.backend.app.local', 'SRV']);
    expect(below.status).toBe('NXDOMAIN');
    expect(below.authority).toEqual([SOA]);
    const nodata = await dig([...at, '_tcp.api.app.local', 'SRV']);
    expect(nodata.status).toBe('NOERROR');
    expect(nodata.flags).toEqual(['aa', 'qr', 'rd']);
    expect(nodata.answer).toEqual([]);
    expect(nodata.authority).toEqual([SOA]);
    const refused = await dig([...at, 'example.com', 'A']);
    expect(refused.status).toBe('REFUSED');
    expect(refused.flags).toEqual(['qr', 'rd']);
  });

  it('sets TC without EDNS when the SRV RRset exceeds 512 bytes', async () => {
    const r = await dig([...at, '+noedns', '+ignore', 'big.app.local', 'SRV']);
    expect(r.status).toBe('NOERROR');
    expect(r.flags).toEqual(['aa', 'qr', 'rd', 'tc']);
    expect(r.answer).toEqual([]);
  });

  it('fits 8 SRV records and their addresses in the EDNS size', async () => {
    const r = await dig([...at, 'big.app.local', 'SRV']);
    expect(r.flags).toEqual(['aa', 'qr', 'rd']);
    expect(r.answer).toHaveLength(8);
    expect(r.additional).toHaveLength(8);
    for (const line of r.answer) expect(line).toMatch(/^big\.app\.local\. 5 IN SRV 1 1 20\d{3} task-\d{32}\.big\.app\.local\.$/);
  });

  it('answers EDNS version 1 with BADVERS', async () => {
    const r = await dig([...at, '+edns=1', '+noednsnegotiation', 'backend.app.local', 'A']);
    expect(r.status).toBe('BADVERS');
    expect(r.answer).toEqual([]);
    expect(r.edns).toBe('version: 0, flags:; udp: 1232');
  });

  it('answers new registrations at once', async () => {
    const svc = view.services.get('srv-empty')!;
    expect((await dig([...at, 'empty.app.local', 'A'])).answer).toEqual([]);
    view.apply({ type: 'InstanceUpserted', revision: view.revision + 1, instance: instance(svc.service.id, 'new-1', { AWS_INSTANCE_IPV4: '192.0.2.7' }) });
    expect((await dig([...at, 'empty.app.local', 'A'])).answer).toEqual(['empty.app.local. 10 IN A 192.0.2.7']);
  });
});

describe('dig over TCP', () => {
  it('answers in full what UDP truncates', async () => {
    const r = await dig([...at, '+tcp', '+noedns', 'big.app.local', 'SRV']);
    expect(r.transport).toBe('TCP');
    expect(r.flags).toEqual(['aa', 'qr', 'rd']);
    expect(r.answer).toHaveLength(8);
    expect(r.additional).toHaveLength(8);
  });

  it('retries over TCP after a truncated UDP answer', async () => {
    const r = await dig([...at, '+noedns', 'big.app.local', 'SRV']);
    expect(r.transport).toBe('TCP');
    expect(r.answer).toHaveLength(8);
  });

  it('answers the apex SOA and NS, and ANY minimally (RFC 8482)', async () => {
    expect((await dig([...at, '+tcp', 'app.local', 'NS'])).answer).toEqual(['app.local. 60 IN NS ns1.app.local.']);
    expect((await dig([...at, '+tcp', 'app.local', 'ANY'])).answer).toEqual([SOA]);
  });
});

describe('dig +http-plain (DoH over h2c)', () => {
  it('POSTs to /dns-query and gets the answer', async () => {
    const r = await dig([...doh, '+http-plain', 'backend.app.local', 'A']);
    expect(r.transport).toBe('HTTP');
    expect(r.status).toBe('NOERROR');
    expect(r.flags).toEqual(['aa', 'qr', 'rd']);
    expect(sorted(r.answer)).toEqual(BACKEND_A);
  });

  it('GETs NXDOMAIN with the SOA', async () => {
    const r = await dig([...doh, '+http-plain-get', 'nope.app.local', 'A']);
    expect(r.transport).toBe('HTTP-GET');
    expect(r.status).toBe('NXDOMAIN');
    expect(r.authority).toEqual([SOA]);
  });

  it('is not truncated', async () => {
    const r = await dig([...doh, '+http-plain', '+noedns', 'big.app.local', 'SRV']);
    expect(r.flags).toEqual(['aa', 'qr', 'rd']);
    expect(r.answer).toHaveLength(8);
  });
});

describe('kdig', () => {
  it('reads the SOA over UDP', async () => {
    const r = await kdig([...at, 'app.local', 'SOA']);
    expect(r.transport).toBe('UDP');
    expect(r.status).toBe('NOERROR');
    expect(r.flags).toEqual(['aa', 'qr', 'rd']);
    expect(r.answer).toEqual([SOA]);
  });
});

describe('curl (DoH over HTTP/1.1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-e2e-'));

  it('GET ?dns= returns application/dns-message with max-age', async () => {
    const body = join(dir, 'answer.bin');
    const url = `http://127.0.0.1:${http.port}/dns-query?dns=${encodeBase64Url(query('backend.app.local', 'SRV', { id: 0 }))}`;
    const { stdout } = await runClient('curl', ['-sS', '--http1.1', '-D', '-', '-o', body, '-w', 'version=%{http_version}', url]);
    expect(stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(stdout).toMatch(/\r\ncontent-type: application\/dns-message\r\n/i);
    expect(stdout).toMatch(/\r\ncache-control: max-age=20\r\n/i);
    expect(stdout).toContain('version=1.1');
    const msg = decode(new Uint8Array(readFileSync(body)));
    expect(msg.id).toBe(0);
    expect(rrs(msg.answers)).toEqual(['backend.app.local 20 SRV 1 1 8080 i-1.backend.app.local', 'backend.app.local 20 SRV 1 1 8081 i-2.backend.app.local']);
  });

  it('GET ?name=&type= returns the JSON form', async () => {
    const { stdout } = await runClient('curl', ['-sS', '--http1.1', '-D', '-', '-H', 'accept: application/dns-json', `http://127.0.0.1:${http.port}/dns-query?name=web.app.local&type=A`]);
    const [head, json] = stdout.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(head).toMatch(/content-type: application\/dns-json/i);
    expect(head).toMatch(/cache-control: max-age=300/i);
    expect(JSON.parse(json!)).toEqual({
      Status: 0,
      TC: false,
      RD: true,
      RA: false,
      AD: false,
      CD: false,
      Question: [{ name: 'web.app.local.', type: 1 }],
      Answer: [{ name: 'web.app.local.', type: 5, TTL: 300, data: 'lb.example.com.' }],
    });
  });

  it('works through HTTP_PROXY (absolute-form request target)', async () => {
    const { stdout } = await runClient('curl', ['-sS', '--http1.1', '-x', `http://127.0.0.1:${http.port}`, 'http://data-localhost:8053/dns-query?name=nope.app.local']);
    expect(JSON.parse(stdout)).toMatchObject({ Status: 3, Authority: [{ name: 'app.local.', type: 6, TTL: 60 }] });
  });
});
