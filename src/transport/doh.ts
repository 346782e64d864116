/**
 * DNS over HTTPS (RFC 8484) and its JSON form, as a Hono sub-app serving
 * `/dns-query`. Runtime-neutral: web Request/Response only.
 *
 * - `GET /dns-query?dns=<base64url, no padding>` (RFC 8484 §4.1, §6): a missing
 *   or malformed `dns` parameter is 400.
 * - `POST /dns-query` with `content-type: application/dns-message`: another
 *   content type is 415, a body over 65535 bytes is 413.
 * - Every DNS answer — NOERROR, NXDOMAIN, REFUSED, FORMERR... — is HTTP 200
 *   with `content-type: application/dns-message` and
 *   `cache-control: max-age=<seconds>`: the smallest answer TTL, or for
 *   negative answers the SOA TTL in the authority section, else 0
 *   (RFC 8484 §5.1, RFC 2308 §5). A message too short to be DNS is 400.
 * - JSON form (Google `/resolve`, Cloudflare `application/dns-json`): `GET
 *   /dns-query?name=<name>[&type=<A|28|...>][&cd=1][&do=1]`, or any of the
 *   above with `accept: application/dns-json`, answers
 *   `content-type: application/dns-json` (`src/dns/json.ts`).
 * - Other methods: 405 with `Allow`.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { buildQuery, parseQueryType, responseToJson } from '../dns/json.ts';
import type { DnsResolver } from '../dns/resolver.ts';
import { responseCacheTtl } from '../dns/wire.ts';

/** Media type of DNS wire-format messages (RFC 8484 §6). */
export const DNS_MESSAGE = 'application/dns-message';
/** Media type of the JSON form (Cloudflare). */
export const DNS_JSON = 'application/dns-json';
/** Largest DNS message accepted, in bytes. */
export const DOH_MAX_MESSAGE = 65535;

/** Options of `dohRoutes`. */
export interface DohOptions {
  /**
   * Path served.
   * @default '/dns-query'
   */
  path?: string;
}

/**
 * Decode base64url without padding (RFC 4648 §5, RFC 8484 §6).
 * @returns the bytes, or undefined when `text` has characters outside
 *   `A-Z a-z 0-9 - _` (padding included) or an impossible length
 */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '=='.slice(0, (4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(b64);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Encode bytes as base64url without padding (RFC 4648 §5), e.g. for a `?dns=` parameter. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Read a request body of at most `max` bytes; undefined when it is longer. */
async function readBody(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

const text = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

function wantsJson(c: Context): boolean {
  return (c.req.header('accept') ?? '').toLowerCase().includes(DNS_JSON);
}

/** The HTTP response for a DNS response message, in wire or JSON form. */
function answer(response: Uint8Array, json: boolean): Response {
  const headers = { 'cache-control': `max-age=${responseCacheTtl(response) ?? 0}` };
  if (json) {
    return new Response(JSON.stringify(responseToJson(response)), { status: 200, headers: { ...headers, 'content-type': DNS_JSON } });
  }
  return new Response(response as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...headers, 'content-type': DNS_MESSAGE, 'content-length': String(response.length) },
  });
}

function run(resolver: DnsResolver, query: Uint8Array, json: boolean): Response {
  const response = resolver.handle(query, { transport: 'doh' });
  if (!response) return text(400, 'not a DNS query');
  return answer(response, json);
}

/**
 * The DoH sub-app; mount it with `app.route('/', dohRoutes(resolver))`.
 * Handlers never throw: bad input is a 4xx response.
 */
export function dohRoutes(resolver: DnsResolver, options: DohOptions = {}): Hono {
  const path = options.path ?? '/dns-query';
  const app = new Hono();

  app.get(path, (c) => {
    const dns = c.req.query('dns');
    if (dns !== undefined) {
      const query = decodeBase64Url(dns);
      if (!query || query.length === 0) return text(400, 'dns parameter must be base64url without padding');
      return run(resolver, query, wantsJson(c));
    }
    const name = c.req.query('name');
    if (name === undefined) return text(400, 'missing dns (or name) parameter');
    const type = parseQueryType(c.req.query('type') ?? 'A');
    if (type === undefined) return text(400, 'invalid type parameter');
    const flag = (v: string | undefined): boolean => v !== undefined && v !== '0' && v.toLowerCase() !== 'false';
    let query: Uint8Array;
    try {
      query = buildQuery(name, type, { cd: flag(c.req.query('cd')), dnssecOk: flag(c.req.query('do')) });
    } catch {
      return text(400, 'invalid name parameter');
    }
    return run(resolver, query, c.req.query('ct') !== DNS_MESSAGE);
  });

  app.post(path, async (c) => {
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== DNS_MESSAGE) return text(415, `content-type must be ${DNS_MESSAGE}`);
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > DOH_MAX_MESSAGE) return text(413, `DNS message over ${DOH_MAX_MESSAGE} bytes`);
    let body: Uint8Array | undefined;
    try {
      body = await readBody(c.req.raw.body, DOH_MAX_MESSAGE);
    } catch {
      return text(400, 'could not read the request body');
    }
    if (!body) return text(413, `DNS message over ${DOH_MAX_MESSAGE} bytes`);
    return run(resolver, body, wantsJson(c));
  });

  app.all(path, () => text(405, 'method not allowed', { allow: 'GET, HEAD, POST' }));
  return app;
}
