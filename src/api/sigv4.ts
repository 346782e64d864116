/**
 * Optional SigV4 authentication of API requests (`--auth sigv4`).
 *
 * The `Authorization` header (`AWS4-HMAC-SHA256 Credential=<key>/<date>/
 * <region>/servicediscovery/aws4_request, SignedHeaders=…, Signature=…`) is
 * checked by signing the same request again with the secret of that access
 * key, using `@smithy/signature-v4` (the AWS SDK's signer), over exactly the
 * headers the client signed, and comparing the signatures in constant time.
 * Failures get AWS's common error shapes (AWS API reference, "Common
 * Errors"; JSON protocols add the `Exception` suffix, as DynamoDB and Lambda
 * answer):
 * - no `Authorization`: MissingAuthenticationTokenException (403);
 * - a header that is not a complete SigV4 header: IncompleteSignatureException (400);
 * - an access key not in the credentials file: UnrecognizedClientException (403);
 * - another signature, another service in the scope, or `X-Amz-Date` more than
 *   5 minutes from our clock: InvalidSignatureException (403). SDKs correct
 *   their clock on this error and retry.
 * Source: AWS Signature Version 4 ("Create a signed AWS API request").
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { CloudMapError } from '../model/errors.ts';

/** The signing name of Cloud Map (model trait `aws.auth#sigv4` name). */
export const SIGNING_SERVICE = 'servicediscovery';

/** Largest difference between `X-Amz-Date` and our clock, milliseconds. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Options of `createSigV4Verifier`. */
export interface SigV4VerifierOptions {
  /** Access key id → secret access key. */
  credentials: ReadonlyMap<string, string>;
  /** Clock in epoch milliseconds. @default Date.now */
  now?: () => number;
}

/** Who signed a request that verified. */
export interface VerifiedCaller {
  accessKeyId: string;
  /** The region of the credential scope, as the client signed it. */
  region: string;
}

/** Checks one request; resolves with the caller, or throws one of the errors in the module comment. */
export type SigV4Verifier = (request: Request, body: string) => Promise<VerifiedCaller>;

const AUTH = /^AWS4-HMAC-SHA256 (.+)$/;
const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

const authError = (type: 'MissingAuthenticationTokenException' | 'IncompleteSignatureException' | 'UnrecognizedClientException' | 'InvalidSignatureException', message: string) =>
  new CloudMapError(type, message);

/** The key=value parts of an `Authorization` header after the algorithm. */
function authParts(text: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return parts;
}

/** `yyyymmddThhmmssZ` → epoch ms, or NaN. */
function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
}

/** Lowercase hex SHA-256 of a UTF-8 string. */
async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Equal strings, compared without an early exit. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** SHA-256 and HMAC-SHA-256 for the signer, from the web Crypto API (Node and Deno alike). */
class WebCryptoSha256 {
  readonly #secret: Uint8Array<ArrayBuffer> | undefined;
  #chunks: Uint8Array[] = [];
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret = secret === undefined ? undefined : toBytes(secret);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#chunks.push(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    const data = concat(this.#chunks);
    if (!this.#secret) return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    const key = await crypto.subtle.importKey('raw', this.#secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
  }
  reset(): void {
    this.#chunks = [];
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A verifier for requests signed with one of `credentials`.
 * @throws (the returned function) CloudMapError as listed in the module comment
 */
export function createSigV4Verifier(options: SigV4VerifierOptions): SigV4Verifier {
  const now = options.now ?? Date.now;
  const signers = new Map<string, SignatureV4>();
  return async (request, body) => {
    const header = request.headers.get('authorization');
    if (!header) throw authError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    const auth = AUTH.exec(header.trim());
    const parts = auth ? authParts(auth[1]!) : {};
    const credential = CREDENTIAL.exec(parts.Credential ?? '');
    const amzDate = request.headers.get('x-amz-date') ?? '';
    const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((p) => !parts[p]);
    if (!auth || missing.length > 0 || !credential || !amzDate) {
      const needs = missing.map((p) => `Authorization header requires '${p}' parameter.`);
      if (!amzDate) needs.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
      if (parts.Credential && !credential) needs.push(`Credential should be of the form <key>/<yyyymmdd>/<region>/${SIGNING_SERVICE}/aws4_request.`);
      throw authError('IncompleteSignatureException', `${needs.join(' ') || 'The Authorization header is not an AWS4-HMAC-SHA256 signature.'} Authorization=${header.slice(0, 200)}`);
    }
    const [, accessKeyId, scopeDate, region, service] = credential as unknown as [string, string, string, string, string];
    const secret = options.credentials.get(accessKeyId);
    if (secret === undefined) throw authError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    if (service !== SIGNING_SERVICE) throw authError('InvalidSignatureException', `Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`);
    const signedAt = parseAmzDate(amzDate);
    if (Number.isNaN(signedAt) || amzDate.slice(0, 8) !== scopeDate) {
      throw authError('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'`);
    }
    const skew = signedAt - now();
    if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
      const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
      throw authError('InvalidSignatureException', skew < 0
        ? `Signature expired: ${amzDate} is now earlier than ${stamp(now() - MAX_CLOCK_SKEW_MS)} (${stamp(now())} - 5 min.)`
        : `Signature not yet current: ${amzDate} is still later than ${stamp(now() + MAX_CLOCK_SKEW_MS)} (${stamp(now())} + 5 min.)`);
    }

    // A signed payload hash header must be the hash of the body we got: the
    // signer trusts the header, so check it here.
    const claimedHash = request.headers.get('x-amz-content-sha256');
    if (claimedHash !== null && claimedHash !== 'UNSIGNED-PAYLOAD' && claimedHash.toLowerCase() !== (await sha256Hex(body))) {
      throw authError('InvalidSignatureException', "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    if (claimedHash === 'UNSIGNED-PAYLOAD') throw authError('InvalidSignatureException', 'This service needs a signed payload; UNSIGNED-PAYLOAD is not accepted.');
    const signedHeaders = parts.SignedHeaders!.toLowerCase().split(';');
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) {
      const value = request.headers.get(name) ?? (name === 'host' ? url.host : undefined);
      if (value === undefined) throw authError('InvalidSignatureException', `Signed header ${name} is not in the request.`);
      headers[name] = value;
    }
    let signer = signers.get(accessKeyId);
    if (!signer) {
      signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey: secret }, region, service: SIGNING_SERVICE, sha256: WebCryptoSha256, uriEscapePath: true, applyChecksum: false });
      signers.set(accessKeyId, signer);
    }
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => (query[key] = value));
    const signed = await signer.sign(
      { method: request.method, protocol: url.protocol, hostname: url.hostname, path: url.pathname, query, headers, body },
      { signingDate: new Date(signedAt), signingRegion: region, signingService: service, signableHeaders: new Set(signedHeaders) },
    );
    const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? '';
    if (!constantTimeEqual(expected, parts.Signature!)) {
      throw authError('InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
    }
    return { accessKeyId, region };
  };
}

/**
 * Parses a credentials file into access key id → secret access key. Two
 * forms are accepted:
 * - the AWS shared credentials file (`~/.aws/credentials`): `[profile]`
 *   sections with `aws_access_key_id` and `aws_secret_access_key`;
 * - one pair per line, `ACCESS_KEY_ID SECRET_ACCESS_KEY` (separated by
 *   spaces, `:` or `=`).
 * Blank lines and lines starting with `#` or `;` are ignored.
 * @throws Error naming the line that is neither
 */
export function parseCredentials(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | undefined;
  let secret: string | undefined;
  const flush = (): void => {
    if (key !== undefined && secret !== undefined) out.set(key, secret);
    key = secret = undefined;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (/^\[.*\]$/.test(line)) return flush();
    const ini = /^(aws_access_key_id|aws_secret_access_key|aws_session_token|region|output)\s*=\s*(.*)$/i.exec(line);
    if (ini) {
      if (ini[1]!.toLowerCase() === 'aws_access_key_id') key = ini[2]!;
      if (ini[1]!.toLowerCase() === 'aws_secret_access_key') secret = ini[2]!;
      return;
    }
    const pair = /^([A-Za-z0-9_+/=-]+)\s*[\s:=]\s*(\S+)$/.exec(line);
    if (!pair) throw new Error(`credentials line ${i + 1} is neither "ACCESS_KEY_ID SECRET" nor an AWS credentials file entry`);
    out.set(pair[1]!, pair[2]!);
  });
  flush();
  return out;
}
