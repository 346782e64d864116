/**
 * The probes against real HTTP, HTTPS (a certificate the probe cannot
 * verify) and TCP servers on loopback.
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlappingServer, startFlappingServer } from '../../test/support/flapping-server.ts';
import { makeTestCertificate, type TestCertificate } from '../../test/support/tls-cert.ts';
import type { Instance, Service } from '../model/types.ts';
import { createProbe, USER_AGENT } from './probe.ts';
import { type CheckTarget, checkTarget } from './target.ts';

const fast = createProbe({ connectMs: 1000, responseMs: 300, tcpConnectMs: 1000 });

function target(type: CheckTarget['type'], port: number, path = '/health', host = '127.0.0.1'): CheckTarget {
  const service = { id: 'srv-a', healthCheckConfig: { type, ...(type !== 'TCP' && { resourcePath: path }) } } as Service;
  const attrs = host.includes(':') ? { AWS_INSTANCE_IPV6: host } : { AWS_INSTANCE_IPV4: host };
  return checkTarget(service, { id: 'i-1', attributes: { ...attrs, AWS_INSTANCE_PORT: String(port) } } as unknown as Instance)!;
}

describe('HTTP probe', () => {
  let server: FlappingServer;
  beforeAll(async () => {
    server = await startFlappingServer({ kind: 'http' });
  });
  afterAll(() => server.close());

  it('passes on 200 for the ResourcePath and fails on 404 for another path, 503, a hang (2 s limit, here 300 ms) and a refused connection', async () => {
    await server.set('ok');
    expect(await fast(target('HTTP', server.port))).toMatchObject({ ok: true, detail: 'HTTP 200' });
    expect(await fast(target('HTTP', server.port, '/other'))).toMatchObject({ ok: false, detail: 'HTTP 404' });
    await server.set('fail');
    expect(await fast(target('HTTP', server.port))).toMatchObject({ ok: false, detail: 'HTTP 503' });
    await server.set('hang');
    const hung = await fast(target('HTTP', server.port));
    expect(hung).toMatchObject({ ok: false, detail: 'no HTTP status within 0.3 s of connecting' });
    expect(hung.latencyMs).toBeGreaterThanOrEqual(290);
    await server.set('down');
    expect(await fast(target('HTTP', server.port))).toMatchObject({ ok: false, detail: 'connection refused (ECONNREFUSED)' });
    await server.set('ok');
  });

  it('counts 3xx as healthy and sends GET with its User-Agent and no keep-alive', async () => {
    const seen: { method?: string; ua?: string; connection?: string; host?: string }[] = [];
    const redirect = createServer((req, res) => {
      seen.push({ method: req.method, ua: req.headers['user-agent'], connection: req.headers.connection, host: req.headers.host });
      res.writeHead(302, { location: '/elsewhere' }).end();
    });
    await new Promise<void>((r) => redirect.listen(0, '127.0.0.1', r));
    const port = (redirect.address() as { port: number }).port;
    expect(await fast(target('HTTP', port))).toMatchObject({ ok: true, detail: 'HTTP 302' });
    expect(seen).toEqual([{ method: 'GET', ua: USER_AGENT, connection: 'close', host: `127.0.0.1:${port}` }]);
    await new Promise((r) => redirect.close(r));
  });
});

describe('HTTPS probe', () => {
  let cert: TestCertificate;
  let server: FlappingServer;
  beforeAll(async () => {
    cert = makeTestCertificate();
    server = await startFlappingServer({ kind: 'https', tls: cert });
  });
  afterAll(async () => {
    await server.close();
    cert.remove();
  });

  it('does not verify the certificate (signed by a CA it does not trust) and reads the status', async () => {
    expect(await fast(target('HTTPS', server.port))).toMatchObject({ ok: true, detail: 'HTTP 200' });
    await server.set('fail');
    expect(await fast(target('HTTPS', server.port))).toMatchObject({ ok: false, detail: 'HTTP 503' });
    await server.set('ok');
  });

  it('fails when the port speaks plain HTTP instead of TLS', async () => {
    const plain = await startFlappingServer({ kind: 'http' });
    const result = await fast(target('HTTPS', plain.port));
    expect(result.ok).toBe(false);
    await plain.close();
  });
});

describe('TCP probe', () => {
  it('passes while the port accepts connections and fails once it refuses them', async () => {
    const server = await startFlappingServer({ kind: 'tcp' });
    expect(await fast(target('TCP', server.port))).toMatchObject({ ok: true, detail: 'connected' });
    await server.set('down');
    expect(await fast(target('TCP', server.port))).toMatchObject({ ok: false, detail: 'connection refused (ECONNREFUSED)' });
    await server.set('ok');
    expect((await fast(target('TCP', server.port))).ok).toBe(true);
    expect(server.hits).toBe(2);
    await server.close();
  });

  it('checks IPv6 targets (AWS_INSTANCE_IPV6) on ::1', async () => {
    const server = await startFlappingServer({ kind: 'http', host: '::1' });
    const t = target('HTTP', server.port, '/health', '::1');
    expect(t.url).toBe(`http://[::1]:${server.port}/health`);
    expect(await fast(t)).toMatchObject({ ok: true, detail: 'HTTP 200' });
    await server.close();
  });

  it('fails at once, without a connection, for a target it cannot check', async () => {
    const service = { id: 'srv-a', healthCheckConfig: { type: 'TCP' } } as Service;
    const t = checkTarget(service, { id: 'i-1', attributes: { AWS_INSTANCE_IPV4: '127.0.0.1' } } as unknown as Instance)!;
    expect(await fast(t)).toEqual({ ok: false, latencyMs: 0, detail: 'instance has no usable AWS_INSTANCE_PORT for a TCP check' });
  });
});
