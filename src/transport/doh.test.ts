import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createResolver } from '../dns/resolver.ts';
import { decode, fixtureView, query, rrs } from '../../test/support/dns-fixtures.ts';
import { decodeBase64Url, dohRoutes, encodeBase64Url } from './doh.ts';

const resolver = createResolver(fixtureView());
const app = new Hono();
app.route('/', dohRoutes(resolver));
app.post('/', (c) => c.text('cloud map api'));

const bytes = async (res: Response): Promise<Uint8Array> => new Uint8Array(await res.arrayBuffer());
const get = (q: Uint8Array, headers: Record<string, string> = {}) => app.request(`/dns-query?dns=${encodeBase64Url(q)}`, { headers });
const post = (body: BodyInit, contentType = 'application/dns-message', headers: Record<string, string> = {}) =>
  app.request('/dns-query', { method: 'POST', body, headers: { 'content-type': contentType, ...headers } });

describe('base64url (RFC 4648 §5)', () => {
  it('round-trips without padding', () => {
    for (let n = 0; n < 40; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 37 + n) & 0xff);
      const text = encodeBase64Url(b);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(decodeBase64Url(text)).toEqual(b);
    }
  });
  it('rejects padding, other alphabets and impossible lengths', () => {
    expect(decodeBase64Url('AAA=')).toBeUndefined();
    expect(decodeBase64Url('AA+/')).toBeUndefined();
    expect(decodeBase64Url('AAAAA')).toBeUndefined();
    expect(decodeBase64Url('AA AA')).toBeUndefined();
  });
});

describe('DoH wire format (RFC 8484)', () => {
  it('GET ?dns= answers 200 application/dns-message with max-age = min TTL', async () => {
    const res = await get(query('backend.app.local', 'A', { id: 0 }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/dns-message');
    expect(res.headers.get('cache-control')).toBe('max-age=30');
    const msg = decode(await bytes(res));
    expect(msg.id).toBe(0);
    expect(rrs(msg.answers)).toEqual(['backend.app.local 30 A 10.0.0.1', 'backend.app.local 30 A 10.0.0.2', 'backend.app.local 30 A 10.0.0.3']);
  });

  it('answers NXDOMAIN and REFUSED with 200 too; max-age from the SOA or 0', async () => {
    let res = await get(query('nope.app.local', 'A'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=60');
    expect(decode(await bytes(res)).rcode).toBe('NXDOMAIN');
    res = await get(query('example.com', 'A'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=0');
    expect(decode(await bytes(res)).rcode).toBe('REFUSED');
  });

  it('does not truncate: the DoH limit is 65535 bytes', async () => {
    const msg = decode(await bytes(await get(query('big.app.local', 'SRV'))));
    expect(msg.raw & 0x0200).toBe(0);
    expect(msg.answers).toHaveLength(8);
    expect(msg.additionals).toHaveLength(8);
  });

  it('GET without or with a bad dns parameter is 400', async () => {
    expect((await app.request('/dns-query')).status).toBe(400);
    expect((await app.request('/dns-query?dns=')).status).toBe(400);
    expect((await app.request('/dns-query?dns=AAA=')).status).toBe(400);
    expect((await app.request('/dns-query?dns=%2B%2F')).status).toBe(400);
    // Decodes, but is shorter than a DNS header.
    expect((await app.request(`/dns-query?dns=${encodeBase64Url(new Uint8Array(5))}`)).status).toBe(400);
  });

  it('HEAD works like GET without a body', async () => {
    const res = await app.request(`/dns-query?dns=${encodeBase64Url(query('backend.app.local', 'A'))}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/dns-message');
  });

  it('POST application/dns-message answers 200', async () => {
    const res = await post(query('backend.app.local', 'SRV', { id: 77 }) as Uint8Array<ArrayBuffer>);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/dns-message');
    expect(res.headers.get('cache-control')).toBe('max-age=20');
    const msg = decode(await bytes(res));
    expect(msg.id).toBe(77);
    expect(rrs(msg.answers)).toEqual(['backend.app.local 20 SRV 1 1 8080 i-1.backend.app.local', 'backend.app.local 20 SRV 1 1 8081 i-2.backend.app.local']);
  });

  it('POST with another content type is 415', async () => {
    const q = query('backend.app.local', 'A') as Uint8Array<ArrayBuffer>;
    expect((await post(q, 'application/octet-stream')).status).toBe(415);
    expect((await post(q, 'text/plain')).status).toBe(415);
    expect((await post(q, 'application/dns-message; charset=binary')).status).toBe(200);
  });

  it('POST over 65535 bytes is 413', async () => {
    expect((await post(new Uint8Array(65536))).status).toBe(413);
    expect((await post(new Uint8Array(70000), 'application/dns-message', { 'content-length': '70000' })).status).toBe(413);
    // Without a declared length (streamed body).
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(8000));
        c.close();
      },
    });
    const res = await app.request('/dns-query', { method: 'POST', body: stream, headers: { 'content-type': 'application/dns-message' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('POST of a non-DNS body is 400; of a broken DNS message 200 FORMERR', async () => {
    expect((await post(new Uint8Array(3))).status).toBe(400);
    const junk = new Uint8Array(40).fill(0xff);
    junk[2] = 0;
    const res = await post(junk);
    expect(res.status).toBe(200);
    expect(decode(await bytes(res)).rcode).toBe('FORMERR');
  });

  it('other methods are 405 with Allow', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await app.request('/dns-query', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    }
  });

  it('leaves other routes of the parent app alone', async () => {
    const res = await app.request('/', { method: 'POST', body: '{}' });
    expect(await res.text()).toBe('cloud map api');
  });
});

describe('DoH JSON form', () => {
  it('?name=&type= answers application/dns-json', async () => {
    const res = await app.request('/dns-query?name=backend.app.local&type=AAAA');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/dns-json');
    expect(res.headers.get('cache-control')).toBe('max-age=40');
    expect(await res.json()).toEqual({
      Status: 0,
      TC: false,
      RD: true,
      RA: false,
      AD: false,
      CD: false,
      Question: [{ name: 'backend.app.local.', type: 28 }],
      Answer: [{ name: 'backend.app.local.', type: 28, TTL: 40, data: 'fd00::1' }],
    });
  });

  it('defaults to type A, takes numeric types, cd and NXDOMAIN', async () => {
    expect(((await (await app.request('/dns-query?name=www.pub.example')).json()) as { Answer: unknown[] }).Answer).toEqual([
      { name: 'www.pub.example.', type: 1, TTL: 120, data: '203.0.113.10' },
    ]);
    const srv = (await (await app.request('/dns-query?name=_http._tcp.api.app.local&type=33&cd=1')).json()) as Record<string, unknown>;
    expect(srv.CD).toBe(true);
    expect(srv.Answer).toEqual([{ name: '_http._tcp.api.app.local.', type: 33, TTL: 25, data: '1 1 443 a-1._http._tcp.api.app.local.' }]);
    const res = await app.request('/dns-query?name=nope.app.local&type=A');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=60');
    expect(await res.json()).toMatchObject({ Status: 3, Authority: [{ name: 'app.local.', type: 6, TTL: 60, data: 'ns1.app.local. hostmaster.app.local. 1 7200 900 1209600 86400' }] });
  });

  it('answers wire queries in JSON when asked by Accept', async () => {
    const viaGet = await get(query('web.app.local', 'A'), { accept: 'application/dns-json' });
    expect(viaGet.headers.get('content-type')).toBe('application/dns-json');
    expect(((await viaGet.json()) as { Answer: unknown[] }).Answer).toEqual([{ name: 'web.app.local.', type: 5, TTL: 300, data: 'lb.example.com.' }]);
    const viaPost = await post(query('web.app.local', 'A') as Uint8Array<ArrayBuffer>, 'application/dns-message', { accept: 'application/dns-json' });
    expect(viaPost.headers.get('content-type')).toBe('application/dns-json');
  });

  it('rejects bad names and types with 400', async () => {
    expect((await app.request('/dns-query?name=a..b')).status).toBe(400);
    expect((await app.request(`/dns-query?name=${'a'.repeat(64)}.app.local`)).status).toBe(400);
    expect((await app.request('/dns-query?name=backend.app.local&type=BOGUS')).status).toBe(400);
  });
});
