/**
 * End to end through the real bin: `cloudmap-dns serve` with every listener
 * of the list — HTTP (API + DoH), DNS over UDP/TCP, gRPC with TLS required,
 * HTTPS — configured by flags, a registration made through the API, and the
 * same answer read back over each transport with the real clients.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dig } from './support/dig.ts';
import { freePort } from './support/free-port.ts';
import { goGrpcQuery } from './support/grpc-go.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { makeTestCertificate, type TestCertificate } from './support/tls-cert.ts';
import { api } from './support/api.ts';

let cert: TestCertificate;
let server: ServerProcess;

const call = (operation: string, body: unknown): Promise<any> => api(server.httpPort, operation, body);

beforeAll(async () => {
  cert = makeTestCertificate();
  const [grpc, https] = [await freePort(), await freePort()];
  server = await startServerProcess(['--grpc-port', String(grpc), '--grpc-tls', '--https-port', String(https), '--tls-cert', cert.certFile, '--tls-key', cert.keyFile]);
  const created = await call('CreatePrivateDnsNamespace', { Name: 'lists.local', Vpc: 'vpc-1' });
  const op = await call('GetOperation', { OperationId: created.OperationId });
  const svc = await call('CreateService', { Name: 'api', NamespaceId: op.Operation.Targets.NAMESPACE, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 30 }] } });
  await call('RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: 'api-1', Attributes: { AWS_INSTANCE_IPV4: '10.8.0.1' } });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  cert?.remove();
});

const ANSWER = ['api.lists.local. 30 IN A 10.8.0.1'];

describe('serve with --grpc-port --grpc-tls --https-port --tls-cert --tls-key', () => {
  it('logs one line per listener, gRPC as TLS only', () => {
    expect(Object.keys(server.ports).sort()).toEqual(['dns', 'grpc', 'http', 'https']);
    expect(server.output()).toMatch(/"listener":"grpc","protocols":"CoreDNS gRPC coredns\.dns\.DnsService\/Query; TLS \(ALPN h2\) only"/);
  });

  it('answers the same over UDP, TCP, h2c DoH and HTTPS DoH', async () => {
    expect((await dig(['@127.0.0.1', '-p', String(server.dnsPort), 'api.lists.local'])).answer).toEqual(ANSWER);
    expect((await dig(['@127.0.0.1', '-p', String(server.dnsPort), '+tcp', 'api.lists.local'])).answer).toEqual(ANSWER);
    expect((await dig(['@127.0.0.1', '-p', String(server.httpPort), '+http-plain', 'api.lists.local'])).answer).toEqual(ANSWER);
    const tls = await dig(['@127.0.0.1', '-p', String(server.ports.https), '+https', `+tls-ca=${cert.caFile}`, '+tls-hostname=localhost', 'api.lists.local']);
    expect(tls.transport).toBe('HTTPS');
    expect(tls.answer).toEqual(ANSWER);
  });

  it('answers gRPC over TLS and refuses plaintext', async () => {
    const [tls] = await goGrpcQuery(`127.0.0.1:${server.ports.grpc}`, [['api.lists.local.', 'A']], cert.caFile);
    expect(tls).toMatchObject({ rcode: 'NOERROR', match: true, answer: ANSWER });
    const [plain] = await goGrpcQuery(`127.0.0.1:${server.ports.grpc}`, [['api.lists.local.', 'A']]);
    expect(plain!.code).toBe('Unavailable');
  });
});

describe('listener flag errors', () => {
  it.each([
    [['--https-port', '8443'], '--https-port needs --tls-cert and --tls-key'],
    [['--grpc-tls'], '--grpc-tls needs --tls-cert and --tls-key'],
    [['--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem', '--grpc-port', '0', '--https-port', '1', '--http-port', '0', '--dns-port', '0'], 'cannot read TLS certificate /nonexistent/cert.pem'],
  ])('%j exits 1 with a clear message', (args, message) => {
    const bin = new URL('../bin/cloudmap-dns.js', import.meta.url).pathname;
    const out = spawnSync(process.execPath, [bin, 'serve', ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, REDIS_URL: '' } });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(message);
  });
});
