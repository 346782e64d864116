/**
 * DNS over HTTPS (RFC 8484) and its JSON form as one pure function: an HTTP
 * request's method, query string, media types and body in; status, headers
 * and body out. Runtime-neutral; `doh.ts` serves it as a Hono sub-app (web
 * Request/Response), and the Node listener calls it directly on its hot path
 * (no web Request, AbortSignal or stream per query).
 *
 * - `GET ?dns=<base64url, no padding>` (RFC 8484 §4.1, §6): a missing or
 *   malformed `dns` parameter is 400; HEAD is GET without a body.
 * - `POST` with `content-type: application/dns-message`: another content type
 *   is 415, a body over 65535 bytes is 413.
 * - Every response carries `content-length` (dig 9.18 `+https` and
 *   `dnsperf -m doh` need it; DESIGN §3).
 * - Every DNS answer — NOERROR, NXDOMAIN, REFUSED, FORMERR... — is HTTP 200
 *   with `content-type: application/dns-message` and
 *   `cache-control: max-age=<seconds>`: the smallest answer TTL, or for
 *   negative answers min(SOA TTL, SOA MINIMUM) (RFC 8484 §5.1, RFC 2308 §5),
 *   else 0. A message too short to be DNS is 400.
 * - JSON form (Google `/resolve`, Cloudflare `application/dns-json`): `GET
 *   ?name=<name>[&type=<A|28|...>][&cd=1][&do=1]`, or any of the above with
 *   `accept: application/dns-json`, answers `content-type: application/dns-json`.
 * - Other methods: 405 with `Allow`.
 */
import { buildQuery, parseQueryType, responseToJson } from '../dns/json.ts';
import type { DnsResolver } from '../dns/resolver.ts';
import { responseCacheTtl } from '../dns/wire.ts';

/** Media type of DNS wire-format messages (RFC 8484 §6). */
export const DNS_MESSAGE = 'application/dns-message';
/** Media type of the JSON form (Cloudflare). */
export const DNS_JSON = 'application/dns-json';
/** Largest DNS message accepted, in bytes. */
export const DOH_MAX_MESSAGE = 65535;

/** One DoH request as the HTTP layer read it. */
export interface DohRequest {
  /** HTTP method, upper case. */
  method: string;
  /** The query string without `?` (`dns=AAAB...`), '' when none. */
  search: string;
  /** `content-type` header, if any. */
  contentType?: string | undefined;
  /** `accept` header, if any. */
  accept?: string | undefined;
  /** POST body; `'too-large'` when it exceeded `DOH_MAX_MESSAGE` (the caller stops reading). */
  body?: Uint8Array | 'too-large' | undefined;
}

/** The HTTP response to send. */
export interface DohResponse {
  status: number;
  /** Always with `content-type` and `content-length`. */
  headers: Record<string, string>;
  body: Uint8Array;
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

const utf8 = new TextEncoder();

/** A response with a text body, its length declared (DESIGN §3: content-length on every DoH response). */
function withLength(status: number, contentType: string, text: string, headers: Record<string, string> = {}): DohResponse {
  const body = utf8.encode(text);
  return { status, headers: { 'content-type': contentType, ...headers, 'content-length': String(body.length) }, body };
}

const text = (status: number, message: string, headers: Record<string, string> = {}): DohResponse => withLength(status, 'text/plain; charset=utf-8', `${message}\n`, headers);

const wantsJson = (accept: string | undefined): boolean => accept !== undefined && accept.toLowerCase().includes(DNS_JSON);

/** The HTTP response for a DNS response message, in wire or JSON form. */
function answer(response: Uint8Array, json: boolean): DohResponse {
  const cache = `max-age=${responseCacheTtl(response) ?? 0}`;
  if (json) return withLength(200, DNS_JSON, JSON.stringify(responseToJson(response)), { 'cache-control': cache });
  return { status: 200, headers: { 'cache-control': cache, 'content-type': DNS_MESSAGE, 'content-length': String(response.length) }, body: response };
}

function run(resolver: DnsResolver, query: Uint8Array, json: boolean): DohResponse {
  const response = resolver.handle(query, { transport: 'doh' });
  if (!response) return text(400, 'not a DNS query');
  return answer(response, json);
}

const flag = (v: string | null): boolean => v !== null && v !== '0' && v.toLowerCase() !== 'false';

/** The value of `dns=` in a query string without building a URLSearchParams (the hot path). */
function dnsParam(search: string): string | null | undefined {
  if (search.startsWith('dns=') && !search.includes('&') && !search.includes('%')) return search.slice(4);
  return undefined;
}

/**
 * Answer one DoH request (see the module comment). Never throws: bad input
 * is a 4xx response.
 */
export function answerDoh(resolver: DnsResolver, req: DohRequest): DohResponse {
  const method = req.method;
  if (method === 'GET' || method === 'HEAD') {
    let dns = dnsParam(req.search);
    const params = dns === undefined ? new URLSearchParams(req.search) : undefined;
    if (params) dns = params.get('dns');
    if (dns !== null && dns !== undefined) {
      const query = decodeBase64Url(dns);
      if (!query || query.length === 0) return text(400, 'dns parameter must be base64url without padding');
      return run(resolver, query, wantsJson(req.accept));
    }
    const name = params!.get('name');
    if (name === null) return text(400, 'missing dns (or name) parameter');
    const type = parseQueryType(params!.get('type') ?? 'A');
    if (type === undefined) return text(400, 'invalid type parameter');
    let query: Uint8Array;
    try {
      query = buildQuery(name, type, { cd: flag(params!.get('cd')), dnssecOk: flag(params!.get('do')) });
    } catch {
      return text(400, 'invalid name parameter');
    }
    return run(resolver, query, params!.get('ct') !== DNS_MESSAGE);
  }
  if (method === 'POST') {
    const contentType = (req.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== DNS_MESSAGE) return text(415, `content-type must be ${DNS_MESSAGE}`);
    if (req.body === 'too-large') return text(413, `DNS message over ${DOH_MAX_MESSAGE} bytes`);
    return run(resolver, req.body ?? new Uint8Array(0), wantsJson(req.accept));
  }
  return text(405, 'method not allowed', { allow: 'GET, HEAD, POST' });
}
