/**
 * End to end: `cloudmap-dns corefile` through the real bin, reading the
 * namespaces from a running server's API (memory state) and straight from
 * Redis, compared with golden files; and the template rendered by Go's own
 * text/template (Debian golang-go; Helm's engine) gives the same text as ours.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCorefile } from '../src/corefile/render.ts';
import { startRedis, type RedisHandle } from './support/redis-server.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { api } from './support/api.ts';

const BIN = fileURLToPath(new URL('../bin/cloudmap-dns.js', import.meta.url));
const GOLDEN = (name: string) => readFileSync(new URL(`../src/corefile/golden/${name}`, import.meta.url), 'utf8');

function corefile(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, [BIN, 'corefile', ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, REDIS_URL: '', ...env } });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

async function createNamespaces(port: number): Promise<void> {
  await api(port, 'CreatePrivateDnsNamespace', { Name: 'app.local', Vpc: 'vpc-1' });
  await api(port, 'CreatePublicDnsNamespace', { Name: 'pub.example' });
  await api(port, 'CreateHttpNamespace', { Name: 'orders' });
}

describe('cloudmap-dns corefile', () => {
  let memory: ServerProcess;
  let redis: RedisHandle;
  let onRedis: ServerProcess;

  beforeAll(async () => {
    memory = await startServerProcess();
    await createNamespaces(memory.httpPort);
    redis = await startRedis({ throwaway: true });
    onRedis = await startServerProcess([], { REDIS_URL: redis.url });
    await createNamespaces(onRedis.httpPort);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([memory?.stop(), onRedis?.stop()]);
    await redis?.stop();
  });

  it('prints a stanza per DNS namespace from the API (memory state)', () => {
    const out = corefile(['--endpoint', `http://127.0.0.1:${memory.httpPort}/`]);
    expect(out.stderr).not.toMatch(/error/i);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(GOLDEN('default.server'));
  });

  it('reads the same namespaces straight from Redis', () => {
    const out = corefile(['--redis-url', redis.url]);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(GOLDEN('default.server'));
  });

  it('takes the TLS and address flags', () => {
    const out = corefile([
      '--endpoint', `http://127.0.0.1:${memory.httpPort}/`,
      '--upstream', 'cloudmap-dns.kube-system.svc:8054', '--port', '1053', '--cache', '0', '--health', 'off',
      '--prometheus', '0.0.0.0:9153', '--tls-ca', '/etc/coredns/tls/ca.pem', '--tls-servername', 'cloudmap-dns',
    ]);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(`${GOLDEN('tls.server').replace(/\n$/, '')}\n\n${GOLDEN('tls.server').replace(/app\.local/g, 'pub.example').replace(/\n$/, '')}\n`);
  });

  it('fails clearly when the API cannot be reached', () => {
    const out = corefile(['--endpoint', 'http://127.0.0.1:1/']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('cannot reach the Cloud Map API at http://127.0.0.1:1/');
  });
});

describe("the template under Go's text/template (Helm's engine)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-gotpl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the same text as ours', () => {
    const src = fileURLToPath(new URL('./support/go-template/main.go', import.meta.url));
    const bin = join(dir, 'go-template');
    try {
      execFileSync('go', ['build', '-o', bin, src], { env: { ...process.env, GO111MODULE: 'off', GOPATH: dir, GOCACHE: join(tmpdir(), 'cloudmap-dns-gocache'), GOPROXY: 'off' }, stdio: 'pipe' });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
      if (err.code === 'ENOENT') throw new Error('go is not installed: install the Debian package golang-go');
      throw new Error(`go build failed: ${err.stderr?.toString()}`);
    }
    const template = fileURLToPath(new URL('../corefile-templates/namespace.server', import.meta.url));
    const cases = [
      { Zone: 'app.local', Port: 53, CacheSeconds: 5, Prometheus: ':9153', Health: ':8080', Lameduck: '', Ready: ':8181', Upstream: '127.0.0.1:8054', Tls: false, TlsArgs: '', TlsServerName: '' },
      { Zone: 'a.b', Port: 1053, CacheSeconds: 0, Prometheus: '', Health: '', Lameduck: '', Ready: '', Upstream: 'x:1', Tls: true, TlsArgs: '', TlsServerName: 'n' },
      { Zone: 'a.b', Port: 53, CacheSeconds: 30, Prometheus: '', Health: '', Lameduck: '', Ready: ':8181', Upstream: 'x:1', Tls: true, TlsArgs: 'c k ca', TlsServerName: '' },
      { Zone: 'app.local', Port: 1053, CacheSeconds: 5, Prometheus: ':9153', Health: ':8080', Lameduck: '5s', Ready: ':8181', Upstream: '127.0.0.1:8054', Tls: false, TlsArgs: '', TlsServerName: '' },
    ];
    for (const data of cases) {
      const go = execFileSync(bin, [template, JSON.stringify(data)], { encoding: 'utf8' });
      const ours = renderCorefile([data.Zone], {
        port: data.Port,
        cacheSeconds: data.CacheSeconds,
        prometheus: data.Prometheus || false,
        health: data.Health || false,
        lameduck: data.Lameduck || false,
        ready: data.Ready || false,
        upstream: data.Upstream,
        ...(data.Tls && { tls: { ...(data.TlsArgs && { cert: 'c', key: 'k', ca: 'ca' }), ...(data.TlsServerName && { serverName: data.TlsServerName }) } }),
      });
      expect(ours).toBe(go);
    }
  });
});
