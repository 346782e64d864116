/**
 * DoH on the Node listeners without web Request/Response: the request is
 * read here (a POST body up to 65535 bytes; 413 beyond, without reading on)
 * and answered by the runtime-neutral `answerDoh` (`transport/doh-core.ts`).
 * HTTP/1.1 uses node:http's request/response; HTTP/2 uses the stream API
 * directly (no compat objects per query).
 */
import type http from 'node:http';
import http2 from 'node:http2';
import type { Readable } from 'node:stream';
import { DNS_MESSAGE, DOH_MAX_MESSAGE, type DohRequest, type DohResponse } from '../../transport/doh-core.ts';

const DOH_PATH = '/dns-query';

const isDnsMessage = (contentType: string | undefined): boolean => (contentType ?? '').split(';')[0]!.trim().toLowerCase() === DNS_MESSAGE;

/** True for `/dns-query`, `/dns-query?…` or an absolute-form target with that path. */
export function isDohTarget(url: string | undefined): boolean {
  if (!url) return false;
  if (url.startsWith(DOH_PATH)) return url.length === DOH_PATH.length || url[DOH_PATH.length] === '?';
  return !url.startsWith('/') && url.includes(DOH_PATH) && URL.canParse(url) && new URL(url).pathname === DOH_PATH;
}

/** Answer a DoH request with `doh`, reading a POST body up to 65535 bytes (413 beyond, without reading on). */
export function serveDoh(doh: (request: DohRequest) => DohResponse, req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const request: DohRequest = {
    method: req.method ?? 'GET',
    search: q < 0 ? '' : url.slice(q + 1),
    contentType: req.headers['content-type'],
    accept: req.headers.accept,
  };
  const send = (): void => {
    const r = doh(request);
    const out = res as http.ServerResponse;
    out.writeHead(r.status, r.headers);
    if (request.method === 'HEAD') out.end();
    else out.end(r.body);
  };
  const isMessage = request.method === 'POST' && isDnsMessage(request.contentType);
  if (!isMessage) {
    req.resume();
    return send();
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > DOH_MAX_MESSAGE) {
    request.body = 'too-large';
    (res as http.ServerResponse).setHeader?.('connection', 'close');
    return send();
  }
  readDohBody(req, (body) => {
    request.body = body;
    if (body === 'too-large') (res as http.ServerResponse).setHeader?.('connection', 'close');
    send();
  });
}

/** Collect a POST body of at most 65535 bytes, then call `done` (with 'too-large' as soon as it is exceeded). */
function readDohBody(source: Readable, done: (body: Uint8Array | 'too-large') => void): void {
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > DOH_MAX_MESSAGE) {
      source.off('data', onData);
      source.off('end', onEnd);
      return done('too-large');
    }
    if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
  };
  const onEnd = (): void => done(chunks ? Buffer.concat(chunks, size) : (first ?? new Uint8Array(0)));
  source.on('data', onData);
  source.on('end', onEnd);
  source.on('error', () => {});
}


/** Answer a DoH request arriving as an HTTP/2 stream (see the module comment). */
export function serveDohStream(doh: (request: DohRequest) => DohResponse, stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
  const path = headers[':path'] ?? '/';
  const q = path.indexOf('?');
  const request: DohRequest = {
    method: headers[':method'] ?? 'GET',
    search: q < 0 ? '' : path.slice(q + 1),
    contentType: headers['content-type'],
    accept: headers.accept,
  };
  const send = (): void => {
    if (stream.destroyed || stream.headersSent) return;
    const r = doh(request);
    const head: http2.OutgoingHttpHeaders = { ':status': r.status, ...r.headers };
    if (request.method === 'HEAD') return void stream.respond(head, { endStream: true });
    stream.respond(head);
    stream.end(r.body);
    if (request.body === 'too-large') stream.close(http2.constants.NGHTTP2_NO_ERROR);
  };
  if (request.method !== 'POST' || !isDnsMessage(request.contentType)) {
    stream.resume();
    return send();
  }
  const declared = headers['content-length'];
  if (declared !== undefined && Number(declared) > DOH_MAX_MESSAGE) {
    request.body = 'too-large';
    return send();
  }
  readDohBody(stream, (body) => {
    request.body = body;
    send();
  });
}
