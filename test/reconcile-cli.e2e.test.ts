/**
 * `cloudmap-dns reconcile --once` end to end, on memory state (read through
 * the API of a running `serve`, walkthrough done with the real aws CLI) and
 * on Redis state (read directly): the README walkthrough produces its records in moto's Route 53, its
 * objects in the fake Kubernetes API server (no real one can run here) and
 * the Corefile ConfigMap; deregistration removes ours and leaves unowned
 * ones untouched.
 */
import { ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, type Route53Client } from '@aws-sdk/client-route-53';
import { CoreV1Api, DiscoveryV1Api } from '@kubernetes/client-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, createService, deregisterInstance, registerInstance } from '../src/ops/index.ts';
import { listRecordSets } from '../src/reconcile/route53/api.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import { aws } from './support/aws-cli.ts';
import { startBin } from './support/cli-process.ts';
import { FakeKubeApiServer } from './support/fake-kube-apiserver.ts';
import { type MotoHandle, startMoto } from './support/moto.ts';
import { type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

let moto: MotoHandle;
let r53: Route53Client;
let kube: FakeKubeApiServer;
let redis: RedisHandle;
let dir: string;
let kubeconfig: string;
beforeAll(async () => {
  [moto, kube, redis] = await Promise.all([startMoto(), FakeKubeApiServer.start({ token: 'e2e-token' }), startRedis()]);
  r53 = moto.route53();
  dir = mkdtempSync(join(tmpdir(), 'cloudmap-reconcile-'));
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kube.kubeconfigFile());
});
afterAll(async () => {
  await Promise.all([moto?.stop(), kube?.stop(), redis?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const AWS_ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

/** The README walkthrough through the aws CLI; returns the namespace and service ids. */
async function walkthrough(port: number): Promise<{ ns: string; srv: string }> {
  const ok = async (args: string[]) => {
    const r = await aws(port, args);
    expect(r.code, r.stderr).toBe(0);
    return r.json;
  };
  await ok(['create-private-dns-namespace', '--name', 'app.local', '--vpc', 'vpc-1']);
  const ns = (await ok(['list-namespaces'])).Namespaces.find((n: { Name: string }) => n.Name === 'app.local').Id as string;
  const srv = (await ok(['create-service', '--name', 'backend-api', '--namespace-id', ns, '--dns-config', 'RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=60},{Type=SRV,TTL=60}]'])).Service.Id as string;
  await ok(['register-instance', '--service-id', srv, '--instance-id', 'backend-1', '--attributes', 'AWS_INSTANCE_IPV4=10.42.1.5,AWS_INSTANCE_PORT=8080']);
  await ok(['register-instance', '--service-id', srv, '--instance-id', 'backend-2', '--attributes', 'AWS_INSTANCE_IPV4=10.42.1.6,AWS_INSTANCE_PORT=8080']);
  return { ns, srv };
}

async function reconcileOnce(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const p = startBin(['reconcile', '--once', '--route53-endpoint', moto.url, '--kubeconfig', kubeconfig, ...args], { ...AWS_ENV, ...env });
  const { code } = await p.exited(60_000);
  return { code, out: p.output() };
}

async function zoneOf(nsId: string): Promise<string> {
  const zones = await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'app.local.' }));
  return zones.HostedZones!.find((z) => z.CallerReference?.startsWith(`cloudmap-dns:${nsId}:`))!.Id!.replace('/hostedzone/', '');
}

const dataLines = async (zoneId: string) =>
  (await listRecordSets(r53, zoneId)).filter((r) => r.Type !== 'SOA' && r.Type !== 'NS' && r.Type !== 'TXT')
    .map((r) => `${r.Name} ${r.Type}${r.SetIdentifier ? ` [${r.SetIdentifier}]` : ''} ${r.TTL} ${r.ResourceRecords!.map((v) => v.Value).join(' ')}`).sort();

const README_RECORDS = [
  'backend-1.backend-api.app.local. A 60 10.42.1.5',
  'backend-2.backend-api.app.local. A 60 10.42.1.6',
  'backend-api.app.local. A [backend-1] 60 10.42.1.5',
  'backend-api.app.local. A [backend-2] 60 10.42.1.6',
  'backend-api.app.local. SRV [backend-1] 60 1 1 8080 backend-1.backend-api.app.local.',
  'backend-api.app.local. SRV [backend-2] 60 1 1 8080 backend-2.backend-api.app.local.',
];

/**
 * The README walkthrough's state: through the real aws CLI against `serve`
 * (memory state), or through the use-case layer into Redis (the same writes
 * the API makes), so both stores are covered without a second server.
 */
interface Walkthrough {
  ns: string;
  deregister(): Promise<void>;
  hostedZoneId(): Promise<string | undefined>;
}

for (const state of ['memory', 'redis'] as const) {
  describe(`reconcile --once with ${state} state: moto's Route 53, the fake API server`, () => {
    let server: ServerProcess | undefined;
    let store: RedisStore | undefined;
    let stateArgs: string[];
    let k8sNs: string;
    let seeded: Walkthrough;
    beforeAll(async () => {
      await moto.reset();
      k8sNs = `cloudmap-${state}`;
      await kube.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: k8sNs } } });
      if (state === 'memory') {
        const s = (server = await startServerProcess());
        stateArgs = ['--endpoint', `http://127.0.0.1:${s.httpPort}`, '--route53-vpc', 'vpc-1'];
        const { ns, srv } = await walkthrough(s.httpPort);
        seeded = {
          ns,
          deregister: async () => {
            for (const id of ['backend-1', 'backend-2']) expect((await aws(s.httpPort, ['deregister-instance', '--service-id', srv, '--instance-id', id])).code).toBe(0);
          },
          hostedZoneId: async () => undefined,
        };
      } else {
        const prefix = uniquePrefix();
        const st = (store = new RedisStore({ url: redis.url, prefix }));
        stateArgs = ['--redis-url', redis.url, '--redis-prefix', prefix];
        const deps = { store: st, region: 'us-east-1', accountId: '123456789012' };
        const ns = (await createNamespace(deps, { type: 'DNS_PRIVATE', name: 'app.local', vpc: 'vpc-1' })).namespace!.id;
        const srv = (await createService(deps, { name: 'backend-api', namespaceId: ns, dnsConfig: { routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: 60 }, { type: 'SRV', ttl: 60 }] } })).id;
        for (const [id, ip] of [['backend-1', '10.42.1.5'], ['backend-2', '10.42.1.6']] as const) {
          await registerInstance(deps, { serviceId: srv, instanceId: id, attributes: { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '8080' } });
        }
        seeded = {
          ns,
          deregister: async () => {
            for (const id of ['backend-1', 'backend-2']) await deregisterInstance(deps, { serviceId: srv, instanceId: id });
          },
          hostedZoneId: async () => (await st.getNamespace(ns))?.hostedZoneId,
        };
      }
    });
    afterAll(async () => {
      await server?.stop();
      await store?.close();
    });

    it('creates the README walkthrough records, objects and Corefile, then removes ours after deregistration', async () => {
      const ns = seeded.ns;
      const providers = ['--providers', 'route53,kubernetes,corefile', '--kube-namespace', k8sNs, '--corefile-namespace', k8sNs];
      const first = await reconcileOnce([...stateArgs, ...providers]);
      expect(first.code, first.out).toBe(0);
      expect(first.out).toContain('  + backend-api.app.local A [backend-1] 60 10.42.1.5');
      expect(first.out).toContain(`  + Service ${k8sNs}/sd-backend-api`);
      expect(first.out).toContain(`  + EndpointSlice ${k8sNs}/sd-backend-api-ipv4-8080`);
      expect(first.out).toContain(`  + ConfigMap ${k8sNs}/coredns-custom`);
      const zoneId = await zoneOf(ns);
      expect(await dataLines(zoneId)).toEqual(README_RECORDS);

      const core = kube.kubeConfig().makeApiClient(CoreV1Api);
      const discovery = kube.kubeConfig().makeApiClient(DiscoveryV1Api);
      const slice = await discovery.readNamespacedEndpointSlice({ name: 'sd-backend-api-ipv4-8080', namespace: k8sNs });
      expect(slice.endpoints!.map((e) => [e.hostname, e.addresses[0], e.conditions?.ready])).toEqual([['backend-1', '10.42.1.5', true], ['backend-2', '10.42.1.6', true]]);
      const cm = await core.readNamespacedConfigMap({ name: 'coredns-custom', namespace: k8sNs });
      expect(cm.data?.['cloudmap.server']).toContain('app.local:53 {');
      expect(cm.data?.['cloudmap.server']).toContain('grpc . 127.0.0.1:8054');

      // DnsProperties.HostedZoneId is recorded through ops where the reconciler can write (Redis state).
      if (state === 'redis') expect(await seeded.hostedZoneId()).toBe(zoneId);

      // Someone else's records and objects, some with our names.
      await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
        { Action: 'CREATE', ResourceRecordSet: { Name: 'www.app.local.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.80' }] } },
        { Action: 'CREATE', ResourceRecordSet: { Name: 'backend-api.app.local.', Type: 'A', SetIdentifier: 'backend-9', MultiValueAnswer: true, TTL: 60, ResourceRecords: [{ Value: '192.0.2.9' }] } },
      ] } }));
      await seeded.deregister();
      const second = await reconcileOnce([...stateArgs, ...providers]);
      expect(second.code, second.out).toBe(0);
      expect(second.out).toContain('  - backend-api.app.local SRV [backend-1] 60 1 1 8080 backend-1.backend-api.app.local');
      expect(await dataLines(zoneId)).toEqual(['backend-api.app.local. A [backend-9] 60 192.0.2.9', 'www.app.local. A 300 192.0.2.80']);
      expect((await listRecordSets(r53, zoneId)).filter((r) => r.Type === 'TXT')).toEqual([]);
      expect((await discovery.listNamespacedEndpointSlice({ namespace: k8sNs })).items).toEqual([]);
      expect((await core.readNamespacedService({ name: 'sd-backend-api', namespace: k8sNs })).spec?.ports ?? []).toEqual([]);

      if (state === 'redis') return;
      const third = await reconcileOnce([...stateArgs, ...providers, '--dry-run']);
      expect(third.code, third.out).toBe(0);
      expect(third.out).toContain('route53 app.local');
      expect(third.out).toContain('0 to create, 0 to update, 0 to delete');
    }, 180_000); // a dozen aws CLI and reconcile processes: over a minute on a loaded 2-core machine
  });
}

describe('reconcile --once: errors', () => {
  it('exits 1 and names the provider when Route 53 cannot be reached; bad flags are usage errors', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStore({ url: redis.url, prefix });
    await createNamespace({ store, region: 'us-east-1', accountId: '123456789012' }, { type: 'DNS_PUBLIC', name: 'pub.example' });
    await store.close();
    const p = startBin(['reconcile', '--once', '--redis-url', redis.url, '--redis-prefix', prefix, '--route53-endpoint', 'http://127.0.0.1:9'], AWS_ENV);
    expect((await p.exited(60_000)).code).toBe(1);
    expect(p.output()).toMatch(/route53: FAILED: /);
    const bad = startBin(['reconcile', '--once', '--providers', 'route53,dnsimple'], AWS_ENV);
    expect((await bad.exited()).code).toBe(1);
    expect(bad.output()).toContain('--providers: unknown provider "dnsimple"');
  });
});
