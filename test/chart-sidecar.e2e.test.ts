/**
 * The chart's cloudmap-dns container, run for real: its args must be flags
 * `cloudmap-dns serve --help` lists, and the bin started with exactly those
 * args and env (REDIS_URL taken from the rendered Secret, pointing at a
 * throwaway redis-server; only listen addresses and ports swapped for
 * 127.0.0.1 and free ones) answers the rendered probes' /healthz and /readyz
 * and opens the gRPC port the Corefile forwards to. With the reconciler on,
 * it mirrors into the fake Kubernetes API server (fake API server), and
 * every request it makes is one the chart's RBAC rules allow.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './support/cli-process.ts';
import { VALUE_SETS } from './support/chart-values.ts';
import { FakeKubeApiServer } from './support/fake-kube-apiserver.ts';
import { freePort } from './support/free-port.ts';
import { makeTestCertificate } from './support/tls-cert.ts';
import { type Manifest, renderChart } from './support/helm-render.ts';
import { type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { startServerProcess } from './support/server-process.ts';
import { api } from './support/api.ts';

const dnsDeployment = (objects: Manifest[]): Manifest => objects.find((o) => o.kind === 'Deployment' && o.metadata.labels?.['app.kubernetes.io/component'] === 'dns')!;
const sidecar = (objects: Manifest[]): any => dnsDeployment(objects).spec.template.spec.containers.find((c: any) => c.name === 'cloudmap-dns');
/** The container's args with listen address and ports made local and free (`--grpc-port 0` would turn gRPC off: a free port instead). */
async function localArgs(args: string[]): Promise<string[]> {
  const local: Record<string, string> = { '--host': '127.0.0.1', '--http-port': '0', '--grpc-port': String(await freePort()), '--dns-port': '0' };
  return args.map((a, i) => local[args[i - 1] ?? ''] ?? a);
}

/** The container's env as a process would see it, secretKeyRefs read from the rendered Secrets. */
function containerEnv(objects: Manifest[], env: any[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) {
    const ref = e.valueFrom?.secretKeyRef;
    if (!ref) out[e.name] = e.value;
    else out[e.name] = Buffer.from(objects.find((o) => o.kind === 'Secret' && o.metadata.name === ref.name)!.data[ref.key], 'base64').toString();
  }
  return out;
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Whether RBAC `rules` allow `verb` on group/resource (and name). */
const allows = (rules: any[], verb: string, group: string, resource: string, name: string | undefined): boolean =>
  rules.some((r) => r.verbs.includes(verb) && r.apiGroups.includes(group) && r.resources.includes(resource) && (!r.resourceNames || (name !== undefined && r.resourceNames.includes(name))));

describe('the chart sidecar container, run as rendered', () => {
  let redis: RedisHandle;
  let dir: string;
  beforeAll(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-chart-'));
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes only flags that `cloudmap-dns serve --help` lists', () => {
    const help = spawnSync(process.execPath, [BIN, 'serve', '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(help.status, help.stderr).toBe(0);
    const known = new Set([...help.stdout.matchAll(/(?:^|[\s,])(--[a-z][a-z0-9-]*)/g)].map((m) => m[1]!));
    expect(known.has('--grpc-port')).toBe(true);
    for (const [name, values] of Object.entries(VALUE_SETS)) {
      const args: string[] = sidecar(renderChart(values)).args;
      expect(args[0], name).toBe('serve');
      const flags = args.filter((a) => a.startsWith('--'));
      expect(flags.filter((f) => !known.has(f)), name).toEqual([]);
    }
  });

  it('starts with the rendered args and env, answers the probe paths, and listens for gRPC', async () => {
    const objects = renderChart({ redis: { url: redis.url, bundled: { enabled: false } }, cloudmapDns: { redisPrefix: uniquePrefix() } });
    const c = sidecar(objects);
    const server = await startServerProcess((await localArgs(c.args)).slice(1), containerEnv(objects, c.env));
    try {
      for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
        const res = await fetch(`http://127.0.0.1:${server.httpPort}${probe.httpGet.path}`);
        expect(res.status, probe.httpGet.path).toBe(200);
      }
      expect(server.ports.grpc).toBeGreaterThan(0);
      expect(server.output()).toContain('"state":"redis"');
    } finally {
      await server.stop();
    }
  });

  it('serves the API and DoH over TLS from the mounted Secret (cloudmapDns.tls.secretName)', async () => {
    const cert = makeTestCertificate();
    try {
      const objects = renderChart({ redis: { url: redis.url, bundled: { enabled: false } }, cloudmapDns: { redisPrefix: uniquePrefix(), tls: { secretName: 'dns-tls' } } });
      const c = sidecar(objects);
      // Files the args name must be files the pod mounts: mountPath + the Secret item's path.
      const pod = dnsDeployment(objects).spec.template.spec;
      const mounted = new Map<string, string>();
      for (const m of c.volumeMounts) {
        const secret = pod.volumes.find((v: any) => v.name === m.name)?.secret;
        for (const item of secret?.items ?? []) mounted.set(`${m.mountPath}/${item.path}`, `${secret.secretName}:${item.key}`);
      }
      const certPath = c.args[c.args.indexOf('--tls-cert') + 1];
      const keyPath = c.args[c.args.indexOf('--tls-key') + 1];
      expect([mounted.get(certPath), mounted.get(keyPath)]).toEqual(['dns-tls:tls.crt', 'dns-tls:tls.key']);
      const https = await freePort();
      const args = (await localArgs(c.args)).map((a: string) => (a === certPath ? cert.certFile : a === keyPath ? cert.keyFile : a));
      args[args.indexOf('--https-port') + 1] = String(https);
      const server = await startServerProcess(args.slice(1), containerEnv(objects, c.env));
      try {
        const out = spawnSync('curl', ['-sS', '--http2', '--cacert', cert.caFile, '-w', ' %{http_version}', `https://localhost:${https}/healthz`], { encoding: 'utf8', timeout: 20_000 });
        expect(out.stdout, out.stderr).toBe('ok\n 2'); // /healthz body, then HTTP/2 (ALPN h2)
        const service = objects.find((o) => o.kind === 'Service' && o.metadata.name.endsWith('cloudmap-dns'))!;
        expect(service.spec.ports.find((p: any) => p.name === 'https')).toMatchObject({ port: 443, targetPort: 'https' });
        expect(c.ports.find((p: any) => p.name === 'https').containerPort).toBe(Number(c.args[c.args.indexOf('--https-port') + 1]));
      } finally {
        await server.stop();
      }
    } finally {
      cert.remove();
    }
  });

  it('stays ready without Redis by default (DNS from the last view), and not with readinessRequiresRedis', async () => {
    const own = await startRedis({ throwaway: true });
    try {
      const paths: string[] = [];
      for (const requires of [false, true]) {
        const objects = renderChart({ redis: { url: own.url, bundled: { enabled: false } }, cloudmapDns: { redisPrefix: uniquePrefix(), readinessRequiresRedis: requires } });
        paths.push(sidecar(objects).readinessProbe.httpGet.path);
      }
      const objects = renderChart({ redis: { url: own.url, bundled: { enabled: false } }, cloudmapDns: { redisPrefix: uniquePrefix() } });
      const c = sidecar(objects);
      const server = await startServerProcess((await localArgs(c.args)).slice(1), containerEnv(objects, c.env));
      try {
        const status = async (path: string) => (await fetch(`http://127.0.0.1:${server.httpPort}${path}`)).status;
        expect(await Promise.all(paths.map(status))).toEqual([200, 200]);
        await own.kill();
        await until(async () => (await status(paths[1]!)) === 503, '/readyz failing without Redis');
        expect(await status(paths[0]!)).toBe(200);
        expect(await status(c.livenessProbe.httpGet.path)).toBe(200);
      } finally {
        await server.stop();
      }
    } finally {
      await own.stop();
    }
  });

  it('reconciles into the API server with only the requests its RBAC rules allow (fake API server)', async () => {
    const kube = await FakeKubeApiServer.start({ namespaces: ['default', 'kube-system', 'dns', 'mirror'] });
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kube.kubeconfigFile());
    const values = { redis: { url: redis.url, bundled: { enabled: false } }, cloudmapDns: { redisPrefix: uniquePrefix() }, reconcile: { enabled: true, providers: ['kubernetes', 'corefile', 'kubernetes-source'], kubeNamespace: 'mirror' }, service: { clusterIP: '10.96.0.53' } };
    const objects = renderChart(values, { namespace: 'dns' });
    const c = sidecar(objects);
    const server = await startServerProcess((await localArgs(c.args)).slice(1), { ...containerEnv(objects, c.env), KUBECONFIG: kubeconfig });
    try {
      const ns = (await api(server.httpPort, 'CreatePrivateDnsNamespace', { Name: 'app.local', Vpc: 'vpc-1', CreatorRequestId: 'r1' })) && (await api(server.httpPort, 'ListNamespaces', {})).Namespaces[0].Id;
      const srv = (await api(server.httpPort, 'CreateService', { Name: 'web', NamespaceId: ns, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] } })).Service.Id;
      await api(server.httpPort, 'RegisterInstance', { ServiceId: srv, InstanceId: 'w-1', Attributes: { AWS_INSTANCE_IPV4: '10.7.0.1' } });
      await until(async () => kube.object('', 'services', 'mirror', 'sd-web') !== undefined, 'the mirrored Service');
      await until(async () => kube.object('', 'configmaps', 'kube-system', 'coredns-custom') !== undefined, 'the Corefile ConfigMap');
      const corefile = Object.values(kube.object('', 'configmaps', 'kube-system', 'coredns-custom')!.data as Record<string, string>).join();
      const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'dns-cloudmap-dns')!;
      expect(corefile).toContain(`grpc . ${service.spec.clusterIP}:${service.spec.ports.find((p: any) => p.name === 'grpc').port}`);
    } finally {
      await server.stop();
      await kube.stop();
    }
    const grants = objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole');
    const denied: string[] = [];
    for (const r of kube.requests) {
      const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(r.path);
      if (!m) continue; // discovery documents: allowed to every authenticated user (system:discovery)
      const [, group = '', namespace, resource, name] = m;
      const verb = r.method === 'GET' ? (name ? 'get' : r.query.watch === 'true' || r.query.watch === '1' ? 'watch' : 'list') : ({ POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[r.method]!;
      const ok = grants.some((g) => (g.kind === 'ClusterRole' || g.metadata.namespace === namespace) && allows(g.rules, verb, group, resource!, name));
      if (!ok) denied.push(`${verb} ${group}/${resource} ${namespace ?? '(all namespaces)'}/${name ?? ''}`);
    }
    expect(kube.requests.length).toBeGreaterThan(5);
    expect(denied).toEqual([]);
  });
});
