import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { CloudMapError } from '../model/errors.ts';
import { createSigV4Verifier, parseCredentials } from './sigv4.ts';

const bytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** node:crypto SHA-256 / HMAC for the test's own signer (the verifier uses web Crypto). */
class NodeSha256 {
  #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
const body = '{"Name":"shop"}';

async function signed(opts: { key?: string; secret?: string; region?: string; service?: string; at?: number; body?: string; checksum?: boolean } = {}): Promise<Request> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: opts.key ?? 'AKIDEXAMPLE', secretAccessKey: opts.secret ?? 'secret1' },
    region: opts.region ?? 'eu-west-1', service: opts.service ?? 'servicediscovery', sha256: NodeSha256, applyChecksum: opts.checksum ?? true,
  });
  const req = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: 'localhost', port: 8053, path: '/', query: {},
    headers: { host: 'localhost:8053', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Route53AutoNaming_v20170314.CreateHttpNamespace' },
    body: opts.body ?? body,
  }, { signingDate: new Date(opts.at ?? NOW) });
  return new Request('http://localhost:8053/', { method: 'POST', headers: req.headers as Record<string, string>, body });
}

const verify = createSigV4Verifier({ credentials: new Map([['AKIDEXAMPLE', 'secret1']]), now: () => NOW });
const failure = async (request: Request) => {
  const error = await verify(request, body).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CloudMapError);
  return [(error as CloudMapError).type, (error as CloudMapError).status, (error as CloudMapError).message] as const;
};

describe('SigV4 verification', () => {
  it('accepts a request signed with a known key and returns the caller and the scope region', async () => {
    expect(await verify(await signed(), body)).toEqual({ accessKeyId: 'AKIDEXAMPLE', region: 'eu-west-1' });
    expect(await verify(await signed({ at: NOW - 4 * 60_000 }), body)).toMatchObject({ accessKeyId: 'AKIDEXAMPLE' });
  });

  it('answers an unsigned request with MissingAuthenticationTokenException (403)', async () => {
    expect(await failure(new Request('http://localhost/', { method: 'POST', body }))).toEqual(['MissingAuthenticationTokenException', 403, 'Missing Authentication Token']);
  });

  it('answers a wrong secret, a changed body or another service with InvalidSignatureException (403)', async () => {
    expect((await failure(await signed({ secret: 'wrong' })))[0]).toBe('InvalidSignatureException');
    expect((await failure(await signed({ body: '{"Name":"other"}', checksum: false })))[2]).toMatch(/^The request signature we calculated does not match/);
    // A signed x-amz-content-sha256 of another body is caught too (the signer would trust it).
    expect((await failure(await signed({ body: '{"Name":"other"}' })))[2]).toContain("'x-amz-content-sha256' header does not match");
    expect(await verify(await signed({ checksum: false }), body)).toMatchObject({ accessKeyId: 'AKIDEXAMPLE' });
    expect((await failure(await signed({ service: 's3' })))[2]).toContain("scoped to correct service: 'servicediscovery'");
  });

  it('answers an unknown access key with UnrecognizedClientException (403)', async () => {
    expect(await failure(await signed({ key: 'AKIDOTHER' }))).toEqual(['UnrecognizedClientException', 403, 'The security token included in the request is invalid.']);
  });

  it('refuses signatures more than 5 minutes off our clock, either way', async () => {
    expect((await failure(await signed({ at: NOW - 6 * 60_000 })))[2]).toMatch(/^Signature expired: 20261122T095400Z is now earlier than/);
    expect((await failure(await signed({ at: NOW + 6 * 60_000 })))[2]).toMatch(/^Signature not yet current/);
  });

  it('answers a header that is not a complete SigV4 header with IncompleteSignatureException (400)', async () => {
    const req = (auth: string) => new Request('http://localhost/', { method: 'POST', headers: { authorization: auth, 'x-amz-date': '20261122T100000Z' }, body });
    const [type, status, message] = await failure(req('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/servicediscovery/aws4_request'));
    expect([type, status]).toEqual(['IncompleteSignatureException', 400]);
    expect(message).toContain("requires 'SignedHeaders' parameter");
    expect((await failure(req('Basic dXNlcjpwYXNz')))[0]).toBe('IncompleteSignatureException');
  });
});

describe('parseCredentials', () => {
  it('reads "KEY SECRET" lines and AWS shared credentials files', () => {
    expect(parseCredentials('# keys\nAKID1 s1\nAKID2:s2\n\nAKID3=s/3+x\n')).toEqual(new Map([['AKID1', 's1'], ['AKID2', 's2'], ['AKID3', 's/3+x']]));
    const ini = '[default]\naws_access_key_id = AKIDA\naws_secret_access_key = sa\nregion = us-east-1\n[other]\naws_access_key_id=AKIDB\naws_secret_access_key=sb\n';
    expect(parseCredentials(ini)).toEqual(new Map([['AKIDA', 'sa'], ['AKIDB', 'sb']]));
    expect(() => parseCredentials('just-one-token')).toThrow(/line 1/);
  });
});
