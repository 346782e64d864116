/**
 * awsJson1_1 request bodies → JSON objects, with a nesting limit.
 *
 * An empty body means `{}`. Anything that is not a JSON object, and any
 * document nested deeper than `MAX_JSON_DEPTH` arrays/objects, is a
 * `SerializationException` (HTTP 400): the deepest Cloud Map input shape
 * is a few levels deep, so deeper input can only be hostile, and rejecting
 * it before parsing keeps every later step (validation, error messages)
 * within bounded recursion (issue 10, defect 3).
 * Source: Smithy "AWS JSON 1.1 protocol" (SerializationException).
 */
import { CloudMapError } from '../model/errors.ts';

/**
 * The request body as text, at most `maxBytes`. With a `Content-Length` (what
 * SDKs and CLIs send) the length is checked first and the body read in one
 * piece (`@hono/node-server` then reads the socket directly, without a web
 * ReadableStream); a chunked body is read as a stream and refused as soon as
 * it passes the limit.
 * @throws InvalidInput (400) when the body is larger than `maxBytes`
 */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new CloudMapError('InvalidInput', `The request body exceeds ${maxBytes} bytes`);
  const length = request.headers.get('content-length');
  if (length !== null) {
    if (Number(length) > maxBytes) throw tooLarge();
    return request.text();
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Deepest nesting of arrays and objects accepted in a request body. */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of JSON `text` exceeds `max` (brackets inside strings
 * do not count). Runs in one pass without recursion; malformed text is left
 * for `JSON.parse` to reject.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  if (!hasMoreOpenersThan(text, max)) return false; // the usual body: too few brackets to nest that deep, no walk needed
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** True when `text` holds more than `max` `{` and `[` characters in all (in strings or not). */
function hasMoreOpenersThan(text: string, max: number): boolean {
  let count = 0;
  for (const opener of ['{', '[']) {
    for (let i = text.indexOf(opener); i !== -1; i = text.indexOf(opener, i + 1)) {
      if (++count > max) return true;
    }
  }
  return false;
}

/**
 * Parses an awsJson1_1 body.
 * @throws SerializationException (400) for invalid JSON, a non-object, or nesting deeper than `MAX_JSON_DEPTH`
 */
export function parseBody(text: string): Record<string, unknown> {
  if (text.length === 0 || text.trim() === '') return {};
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new CloudMapError('SerializationException', `The request body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CloudMapError('SerializationException', 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CloudMapError('SerializationException', 'The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
