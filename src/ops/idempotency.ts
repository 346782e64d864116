/**
 * Idempotency by request token (AWS `CreatorRequestId`, `UpdaterRequestId`):
 * "allows failed requests to be retried without the risk of running the
 * operation twice" (model doc of CreatorRequestId).
 *
 * A use case with a token builds a `RequestRecord` (key `<use case>:<token>`,
 * a fingerprint of the request's content, the ids it will produce) and hands
 * it to its store write, which stores it atomically with the write, or, when
 * the key already holds a record, writes nothing and throws
 * `RequestAlreadyApplied`. `whenApplied` then answers: the same content is a
 * retry and gets the original result (same OperationId / resource); other
 * content under the same token is a different request (DuplicateRequest
 * where the model lists it). Because the check is inside the atomic write,
 * this also covers a write that timed out (503) but was applied later: the
 * retry finds its record.
 */
import { CloudMapError } from '../model/errors.ts';
import { RequestAlreadyApplied, type RequestRecord } from '../store/store.ts';

/** Canonical JSON: object keys sorted at every level, undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** 53-bit string hash (cyrb53), as 14 hex digits. Not cryptographic: it tells a client's own requests apart. */
function hash53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Fingerprint of a request's content (its normalized use-case input without the token): 28 hex digits. */
export function fingerprint(content: unknown): string {
  const text = canonicalJson(content);
  return hash53(text, 1) + hash53(text, 2);
}

/** The request record of a use case call, or undefined without a token. */
export function requestRecord(
  useCase: string,
  token: string | undefined,
  content: unknown,
  ids: { resourceId: string; operationId?: string },
): RequestRecord | undefined {
  if (token === undefined || token === '') return undefined;
  return { key: `${useCase}:${token}`, fingerprint: fingerprint(content), ...ids };
}

/** DuplicateRequest (409, AWS): the token was used by a different request. */
export function duplicateRequest(record: RequestRecord): CloudMapError {
  const token = record.key.slice(record.key.indexOf(':') + 1);
  return new CloudMapError('DuplicateRequest', `The request token ${token} was already used by a different request`,
    record.operationId ? { DuplicateOperationId: record.operationId } : {});
}

/**
 * Runs `write`; when the store reports that the request key was already
 * used, answers with `replay(original)` for the same content, else throws
 * `different(original)` (default DuplicateRequest).
 */
export async function idempotently<R>(
  request: RequestRecord | undefined,
  write: () => Promise<R>,
  replay: (original: RequestRecord) => Promise<R>,
  different: (original: RequestRecord) => CloudMapError = duplicateRequest,
): Promise<R> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof RequestAlreadyApplied) || !request) throw error;
    if (error.record.fingerprint === request.fingerprint) return replay(error.record);
    throw different(error.record);
  }
}
