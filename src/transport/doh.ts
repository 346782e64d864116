/**
 * DNS over HTTPS (RFC 8484) and its JSON form as a Hono sub-app serving
 * `/dns-query`, for any runtime with web Request/Response. The rules live in
 * `doh-core.ts` (`answerDoh`); this adapter only reads the request (body
 * capped at 65535 bytes) and writes the response. The Node listener calls
 * `answerDoh` directly instead (`src/runtime/node/http-server.ts`).
 */
import { Hono } from 'hono';
import type { DnsResolver } from '../dns/resolver.ts';
import { answerDoh, DOH_MAX_MESSAGE, type DohRequest } from './doh-core.ts';

export { decodeBase64Url, DNS_JSON, DNS_MESSAGE, DOH_MAX_MESSAGE, encodeBase64Url } from './doh-core.ts';

/** Options of `dohRoutes`. */
export interface DohOptions {
  /**
   * Path served.
   * @default '/dns-query'
   */
  path?: string;
}

/** Read a request body of at most `max` bytes; 'too-large' when it is longer. */
async function readBody(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array | 'too-large'> {
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
      return 'too-large';
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

/**
 * The DoH sub-app; mount it with `app.route('/', dohRoutes(resolver))`.
 * Handlers never throw: bad input is a 4xx response.
 */
export function dohRoutes(resolver: DnsResolver, options: DohOptions = {}): Hono {
  const path = options.path ?? '/dns-query';
  const app = new Hono();
  app.all(path, async (c) => {
    const raw = c.req.raw;
    const url = raw.url;
    const q = url.indexOf('?');
    const req: DohRequest = {
      method: raw.method,
      search: q < 0 ? '' : url.slice(q + 1),
      contentType: raw.headers.get('content-type') ?? undefined,
      accept: raw.headers.get('accept') ?? undefined,
    };
    if (req.method === 'POST' && (req.contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/dns-message') {
      const declared = raw.headers.get('content-length');
      if (declared !== null && Number(declared) > DOH_MAX_MESSAGE) req.body = 'too-large';
      else {
        try {
          req.body = await readBody(raw.body, DOH_MAX_MESSAGE);
        } catch {
          return new Response('could not read the request body\n', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
        }
      }
    }
    const res = answerDoh(resolver, req);
    return new Response(req.method === 'HEAD' ? null : (res.body as Uint8Array<ArrayBuffer>), { status: res.status, headers: res.headers });
  });
  return app;
}
