/**
 * The reconcile loop as a process: inside `serve` (memory state) driven by
 * the change stream and by watches on the fake Kubernetes API server (no
 * real one can run here), and as `reconcile` replicas on Redis where one
 * leader runs it and another takes over when the leader dies.
 */
import { CoreV1Api, DiscoveryV1Api } from '@kubernetes/client-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, createService, registerInstance } from '../src/ops/index.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import { aws } from './support/aws-cli.ts';
import { startBin } from './support/cli-process.ts';
import { FakeKubeApiServer } from './support/fake-kube-apiserver.ts';
import { type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { startServerProcess } from './support/server-process.ts';

let kube: FakeKubeApiServer;
let redis: RedisHandle;
let dir: string;
let kubeconfig: string;
beforeAll(async () => {
  [kube, redis] = await Promise.all([FakeKubeApiServer.start(), startRedis()]);
  dir = mkdtempSync(join(tmpdir(), 'cloudmap-loop-'));
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kube.kubeconfigFile());
});
afterAll(async () => {
  await Promise.all([kube?.stop(), redis?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('serve --reconcile: the loop inside serve, triggered by the change stream and by watches', () => {
  it('mirrors registrations at once, repairs a deleted EndpointSlice, registers annotated Pods, stops cleanly', async () => {
    const core = kube.kubeConfig().makeApiClient(CoreV1Api);
    const discovery = kube.kubeConfig().makeApiClient(DiscoveryV1Api);
    await core.createNamespace({ body: { metadata: { name: 'mirror' } } });
    await core.createNamespace({ body: { metadata: { name: 'shop' } } });
    const server = await startServerProcess([
      '--reconcile', '--reconcile-providers', 'kubernetes,kubernetes-source', '--kubeconfig', kubeconfig, '--kube-namespace', 'mirror',
      '--source-namespace', 'shop', '--reconcile-min-interval', '0.05', '--reconcile-interval', '600',
    ]);
    try {
      const port = server.httpPort;
      await aws(port, ['create-private-dns-namespace', '--name', 'app.local', '--vpc', 'vpc-1']);
      const ns = (await aws(port, ['list-namespaces'])).json.Namespaces[0].Id;
      const srv = (await aws(port, ['create-service', '--name', 'backend-api', '--namespace-id', ns, '--dns-config', 'DnsRecords=[{Type=A,TTL=60},{Type=SRV,TTL=60}]'])).json.Service.Id;
      await aws(port, ['register-instance', '--service-id', srv, '--instance-id', 'backend-1', '--attributes', 'AWS_INSTANCE_IPV4=10.42.1.5,AWS_INSTANCE_PORT=8080']);
      const addresses = async () => (await discovery.readNamespacedEndpointSlice({ name: 'sd-backend-api-ipv4-8080', namespace: 'mirror' })).endpoints!.map((e) => e.addresses[0]).join();
      // The resync is 10 minutes away: only the change stream can make these appear.
      await until(async () => (await addresses()) === '10.42.1.5', 'registration mirrored');
      await discovery.deleteNamespacedEndpointSlice({ name: 'sd-backend-api-ipv4-8080', namespace: 'mirror' });
      await until(async () => (await addresses()) === '10.42.1.5', 'deleted EndpointSlice repaired');
      // A Pod of an annotated Service registers itself, and is then mirrored too.
      await core.createNamespacedService({ namespace: 'shop', body: { metadata: { name: 'backend', annotations: { 'cloudmap-dns/service-id': srv } }, spec: { ports: [{ port: 8080 }], selector: { app: 'backend' } } } });
      await discovery.createNamespacedEndpointSlice({ namespace: 'shop', body: {
        metadata: { name: 'backend-abcde', labels: { 'kubernetes.io/service-name': 'backend' } }, addressType: 'IPv4',
        endpoints: [{ addresses: ['10.1.0.7'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'backend-6f7c9-x2x4q', namespace: 'shop' } }],
        ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      } });
      await until(async () => (await addresses()) === '10.1.0.7,10.42.1.5', 'Pod registered and mirrored');
      const listed = await aws(port, ['list-instances', '--service-id', srv]);
      expect(listed.json.Instances.map((i: { Id: string }) => i.Id).sort()).toEqual(['backend-1', 'backend-6f7c9-x2x4q']);
    } finally {
      await server.stop();
    }
    expect(server.output()).toContain('reconcile: starting inside serve');
  });
});

describe('reconcile replicas on Redis: one leader, taken over when it dies', () => {
  it('runs the loop only in the lease holder; another replica leads within the lease TTL after the leader is killed', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStore({ url: redis.url, prefix });
    const deps = { store, region: 'us-east-1', accountId: '123456789012' };
    const ns = (await createNamespace(deps, { type: 'DNS_PRIVATE', name: 'app.local', vpc: 'vpc-1' })).namespace!.id;
    const srv = (await createService(deps, { name: 'web', namespaceId: ns, dnsConfig: { dnsRecords: [{ type: 'A', ttl: 10 }] } })).id;
    await registerInstance(deps, { serviceId: srv, instanceId: 'w-1', attributes: { AWS_INSTANCE_IPV4: '10.7.0.1' } });
    const core = kube.kubeConfig().makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'replicas' } } });
    const args = ['reconcile', '--providers', 'kubernetes', '--kubeconfig', kubeconfig, '--kube-namespace', 'replicas', '--redis-url', redis.url, '--redis-prefix', prefix, '--lease-ttl', '1.5', '--min-interval', '0.05'];
    const replicas = [startBin(args, { LOG_LEVEL: 'info' }), startBin(args, { LOG_LEVEL: 'info' })];
    try {
      const leading = (p: (typeof replicas)[number]) => p.logs().some((l) => l.msg === 'reconcile: leading');
      const first = await until(async () => replicas.find(leading), 'a leader');
      const other = replicas.find((p) => p !== first)!;
      await until(async () => (await core.readNamespacedService({ name: 'sd-web', namespace: 'replicas' })).metadata?.name, 'the leader mirrors');
      await other.waitForLog((l) => l.msg === 'reconcile: starting');
      await new Promise((r) => setTimeout(r, 1500)); // several lease attempts (every 0.5 s)
      expect(leading(other)).toBe(false);
      first.kill();
      const killedAt = Date.now();
      await until(async () => leading(other), 'takeover', 10_000);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      await registerInstance(deps, { serviceId: srv, instanceId: 'w-2', attributes: { AWS_INSTANCE_IPV4: '10.7.0.2' } });
      const discovery = kube.kubeConfig().makeApiClient(DiscoveryV1Api);
      await until(async () => (await discovery.readNamespacedEndpointSlice({ name: 'sd-web-ipv4', namespace: 'replicas' })).endpoints?.length === 2, 'the new leader mirrors');
      other.child.kill('SIGTERM');
      expect((await other.exited()).code).toBe(0);
    } finally {
      for (const p of replicas) p.kill();
      await store.close();
    }
  });
});
