/**
 * `--auth sigv4 --credentials FILE` against a real server process: the AWS
 * SDK for JavaScript v3 and the aws CLI v2 (botocore's signer, an
 * independent implementation) are let in with a listed key and refused with
 * AWS's errors otherwise; the default (open) says so in its start log.
 */
import { CreateHttpNamespaceCommand, ListNamespacesCommand, ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'cloudmap-auth-'));
const credentialsFile = join(dir, 'credentials');
writeFileSync(credentialsFile, '# test keys\nAKIDEXAMPLE secret\nAKIDSECOND other-secret\n');

describe('--auth sigv4', () => {
  let server: ServerProcess;
  const client = (accessKeyId: string, secretAccessKey: string, region = 'eu-central-1') =>
    new ServiceDiscoveryClient({ endpoint: `http://127.0.0.1:${server.httpPort}`, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });

  beforeAll(async () => {
    server = await startServerProcess(['--auth', 'sigv4', '--credentials', credentialsFile]);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says in its start log that signatures are verified', () => {
    expect(server.output()).toMatch(/"auth":"sigv4","accessKeys":2/);
  });

  it('lets a listed key in (SDK), taking the region of ARNs from the signed scope', async () => {
    const sdk = client('AKIDSECOND', 'other-secret');
    await sdk.send(new CreateHttpNamespaceCommand({ Name: 'signed' }));
    const ns = (await sdk.send(new ListNamespacesCommand({}))).Namespaces!.find((n) => n.Name === 'signed')!;
    expect(ns.Arn).toMatch(/^arn:aws:servicediscovery:eu-central-1:/);
    sdk.destroy();
  });

  it('refuses a wrong secret (InvalidSignatureException) and an unknown key (UnrecognizedClientException), 403', async () => {
    for (const [key, secret, type] of [['AKIDEXAMPLE', 'wrong', 'InvalidSignatureException'], ['AKIDUNKNOWN', 'secret', 'UnrecognizedClientException']]) {
      const sdk = client(key!, secret!);
      const error = (await sdk.send(new ListNamespacesCommand({})).catch((e: unknown) => e)) as { name: string; $metadata: { httpStatusCode: number } };
      expect([error.name, error.$metadata.httpStatusCode]).toEqual([type, 403]);
      sdk.destroy();
    }
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException (403)', async () => {
    const res = await fetch(`http://127.0.0.1:${server.httpPort}/`, {
      method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Route53AutoNaming_v20170314.ListNamespaces' }, body: '{}',
    });
    expect(res.status).toBe(403);
    expect((await res.json()).__type).toBe('MissingAuthenticationTokenException');
  });

  it('lets the aws CLI in with a listed key and refuses it with a wrong one', async () => {
    const ok = await aws(server.httpPort, ['list-namespaces']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json.Namespaces.map((n: { Name: string }) => n.Name)).toContain('signed');
    const bad = await aws(server.httpPort, ['list-namespaces'], { env: { AWS_SECRET_ACCESS_KEY: 'nope' } });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('InvalidSignatureException');
  });
});

describe('default (open) authentication', () => {
  it('says in its start log that any or no credentials are accepted', async () => {
    const server = await startServerProcess();
    try {
      expect(server.output()).toMatch(/"auth":"open: API signatures are not verified/);
    } finally {
      await server.stop();
    }
  });
});
