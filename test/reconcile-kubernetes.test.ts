/**
 * The Kubernetes provider through @kubernetes/client-node against the fake
 * API server (test/support/fake-kube-apiserver.ts; no real API server can
 * run here): the README walkthrough's objects, health, deregistration,
 * drift repair, unowned objects, 409 retries, 410 resync and dry runs; and
 * the Corefile provider's ConfigMap.
 */
import { CoreV1Api, DiscoveryV1Api } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Instance, Namespace } from '../src/model/types.ts';
import { CorefileProvider } from '../src/reconcile/corefile/provider.ts';
import { formatKubeResult, KubernetesProvider } from '../src/reconcile/kubernetes/provider.ts';
import { groupState } from '../src/reconcile/state.ts';
import { instance, service } from './support/dns-fixtures.ts';
import { FakeKubeApiServer } from './support/fake-kube-apiserver.ts';

let server: FakeKubeApiServer;
let core: CoreV1Api;
let discovery: DiscoveryV1Api;
let k8sNs = '';
let counter = 0;
beforeAll(async () => {
  server = await FakeKubeApiServer.start();
  core = server.kubeConfig().makeApiClient(CoreV1Api);
  discovery = server.kubeConfig().makeApiClient(DiscoveryV1Api);
});
afterAll(() => server.stop());
beforeEach(async () => {
  k8sNs = `cloudmap-${++counter}`;
  await core.createNamespace({ body: { metadata: { name: k8sNs } } });
});
const providers: KubernetesProvider[] = [];
afterEach(async () => {
  server.beforeWrite = undefined;
  await Promise.all(providers.splice(0).map((p) => p.stop()));
});

const appLocal: Namespace = { id: 'ns-applocal0000001', arn: 'arn:ns', name: 'app.local', type: 'DNS_PRIVATE', createDate: 0, httpName: 'app.local', resourceOwner: '123456789012', vpc: 'vpc-1' };
const backendApi = service('srv-backendapi0001', 'ns-applocal0000001', 'backend-api', [['A', 60], ['SRV', 60]]);
const backend = (n: number, ip: string, health: Instance['healthStatus'] = 'HEALTHY'): Instance => instance('srv-backendapi0001', `backend-${n}`, { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '8080' }, health);
const readme = () => [backend(1, '10.42.1.5'), backend(2, '10.42.1.6')];
const state = (instances: Instance[]) => groupState({ revision: 1, namespaces: [appLocal], services: [backendApi], instances });

function provider(options: { alias?: boolean; onDrift?: (kind: string, name: string, event: string) => void } = {}) {
  const p = new KubernetesProvider({ kubeConfig: server.kubeConfig(), namespace: k8sNs, ...options });
  providers.push(p);
  return p;
}
const counts = (r: Awaited<ReturnType<KubernetesProvider['reconcile']>>) => [r.changes.create.length, r.changes.update.length, r.changes.delete.length, r.changes.conflicts.length, r.failed.length];
const slice = () => discovery.readNamespacedEndpointSlice({ name: 'sd-backend-api-ipv4-8080', namespace: k8sNs });
const ready = async () => Object.fromEntries((await slice()).endpoints!.map((e) => [e.hostname, e.conditions?.ready]));
const until = async (probe: () => boolean): Promise<void> => {
  for (let i = 0; i < 300 && !probe(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(probe()).toBe(true);
};

describe('Kubernetes provider against the fake API server', () => {
  it('creates the README walkthrough objects: headless sd-backend-api and its EndpointSlice; a second pass changes nothing', async () => {
    const p = provider();
    expect(counts(await p.reconcile(state(readme()), false))).toEqual([2, 0, 0, 0, 0]);
    const svc = await core.readNamespacedService({ name: 'sd-backend-api', namespace: k8sNs });
    expect(svc.spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'port-8080', port: 8080, protocol: 'TCP', targetPort: 8080 }] });
    expect(svc.spec?.selector).toBeUndefined();
    expect(svc.metadata?.labels).toEqual({ 'app.kubernetes.io/managed-by': 'cloudmap-dns', 'cloudmap-dns/namespace-id': 'ns-applocal0000001', 'cloudmap-dns/service-id': 'srv-backendapi0001' });
    const s = await slice();
    expect(s.addressType).toBe('IPv4');
    expect(s.metadata?.labels?.['kubernetes.io/service-name']).toBe('sd-backend-api');
    expect(s.endpoints!.map((e) => [e.addresses, e.hostname, e.conditions?.ready])).toEqual([[['10.42.1.5'], 'backend-1', true], [['10.42.1.6'], 'backend-2', true]]);
    expect(s.ports).toEqual([{ name: 'port-8080', port: 8080, protocol: 'TCP' }]);
    expect(counts(await p.reconcile(state(readme()), false))).toEqual([0, 0, 0, 0, 0]);
  });

  it('health goes to conditions.ready; deregistration removes endpoints, then the slice', async () => {
    const p = provider();
    await p.reconcile(state(readme()), false);
    const sick = await p.reconcile(state([backend(1, '10.42.1.5', 'UNHEALTHY'), backend(2, '10.42.1.6')]), false);
    expect(sick.changes.update.map((u) => [u.desired.name, u.reasons])).toEqual([['sd-backend-api-ipv4-8080', ['endpoints']]]);
    expect(await ready()).toEqual({ 'backend-1': false, 'backend-2': true });
    await p.reconcile(state([backend(2, '10.42.1.6')]), false);
    expect(await ready()).toEqual({ 'backend-2': true });
    const none = await p.reconcile(state([]), false);
    expect(none.changes.delete.map((d) => d.name)).toEqual(['sd-backend-api-ipv4-8080']);
    expect(none.changes.update.map((u) => [u.desired.name, u.reasons])).toEqual([['sd-backend-api', ['spec']]]);
    expect((await discovery.listNamespacedEndpointSlice({ namespace: k8sNs })).items).toEqual([]);
  });

  it('drift repair: an owned object deleted or edited by hand comes back; the watch reports it at once', async () => {
    const drift: string[] = [];
    const p = provider({ onDrift: (kind, name, event) => void drift.push(`${event} ${kind} ${name}`) });
    await p.start();
    await p.reconcile(state(readme()), false);
    await until(() => drift.length >= 2);
    drift.length = 0;
    await discovery.deleteNamespacedEndpointSlice({ name: 'sd-backend-api-ipv4-8080', namespace: k8sNs });
    const svc = await core.readNamespacedService({ name: 'sd-backend-api', namespace: k8sNs });
    await core.replaceNamespacedService({ name: 'sd-backend-api', namespace: k8sNs, body: { ...svc, metadata: { ...svc.metadata, labels: { ...svc.metadata!.labels, team: 'payments' }, annotations: {} } } });
    await until(() => drift.includes('delete EndpointSlice sd-backend-api-ipv4-8080') && drift.includes('update Service sd-backend-api'));
    const repair = await p.reconcile(state(readme()), false);
    expect([repair.changes.create.map((c) => c.name), repair.changes.update.map((u) => [u.desired.name, u.reasons])]).toEqual([
      ['sd-backend-api-ipv4-8080'], [['sd-backend-api', ['annotations']]],
    ]);
    const fixed = await core.readNamespacedService({ name: 'sd-backend-api', namespace: k8sNs });
    expect(fixed.metadata?.labels?.team).toBe('payments'); // someone else's label is kept
    expect(fixed.metadata?.annotations?.['cloudmap-dns/dns-name']).toBe('backend-api.app.local');
    expect(await ready()).toEqual({ 'backend-1': true, 'backend-2': true });
  });

  it('an unowned object with the same name is left alone and reported (sd- Service and the ExternalName alias)', async () => {
    await core.createNamespacedService({ namespace: k8sNs, body: { metadata: { name: 'backend-api', labels: { app: 'theirs' } }, spec: { ports: [{ port: 80 }], selector: { app: 'theirs' } } } });
    const p = provider({ alias: true });
    const r = await p.reconcile(state(readme()), false);
    expect(counts(r)).toEqual([2, 0, 0, 1, 0]);
    expect(formatKubeResult('kubernetes', r).filter((l) => l.startsWith('  !'))).toEqual([
      `  ! Service ${k8sNs}/backend-api: held by an object cloudmap-dns does not own, left alone`,
    ]);
    const theirs = await core.readNamespacedService({ name: 'backend-api', namespace: k8sNs });
    expect([theirs.spec?.type, theirs.metadata?.labels]).toEqual(['ClusterIP', { app: 'theirs' }]);
    // Nothing desired: ours go, theirs stays.
    const gone = await p.reconcile(state([]), false);
    expect(gone.changes.delete.map((d) => d.name)).toEqual(['sd-backend-api-ipv4-8080']);
    await core.deleteNamespacedService({ name: 'backend-api', namespace: k8sNs });
    const alias = await p.reconcile(state(readme()), false);
    expect(alias.changes.create.map((c) => c.name)).toEqual(['sd-backend-api-ipv4-8080', 'backend-api']);
    expect((await core.readNamespacedService({ name: 'backend-api', namespace: k8sNs })).spec).toMatchObject({ type: 'ExternalName', externalName: 'backend-api.app.local' });
  });

  it('retries a 409 Conflict when someone writes between our read and our update', async () => {
    const p = provider();
    await p.reconcile(state(readme()), false);
    let raced = 0;
    server.beforeWrite = (attempt) => {
      if (attempt.verb !== 'update' || raced++ > 0) return;
      server.modify('discovery.k8s.io', 'endpointslices', attempt.namespace, attempt.name!, (o) => (o.metadata.annotations = { ...o.metadata.annotations, 'someone/else': 'was here' }));
    };
    const r = await p.reconcile(state([backend(1, '10.42.1.5', 'UNHEALTHY'), backend(2, '10.42.1.6')]), false);
    expect([r.conflictRetries, r.failed]).toEqual([1, []]);
    expect(await ready()).toEqual({ 'backend-1': false, 'backend-2': true });
    expect((await slice()).metadata?.annotations?.['someone/else']).toBe('was here');
  });

  it('resyncs after 410 Gone: the informer relists and the next reconcile sees a deletion it missed', async () => {
    const drift: string[] = [];
    const p = provider({ onDrift: (kind, name, event) => void drift.push(`${event} ${kind} ${name}`) });
    await p.start();
    await p.reconcile(state(readme()), false);
    await until(() => drift.length >= 2);
    // The watch drops, the history is compacted, and the slice goes meanwhile.
    server.closeWatches();
    server.compact();
    server.store.write(server.store.kindOf('discovery.k8s.io', 'endpointslices')!, `discovery.k8s.io/endpointslices/${k8sNs}/sd-backend-api-ipv4-8080`, undefined);
    await until(() => drift.includes('delete EndpointSlice sd-backend-api-ipv4-8080'));
    expect(server.requests.some((r) => r.path.endsWith('/endpointslices') && r.query.watch === undefined && r.query.labelSelector === 'app.kubernetes.io/managed-by=cloudmap-dns')).toBe(true);
    expect((await p.reconcile(state(readme()), false)).changes.create.map((c) => c.name)).toEqual(['sd-backend-api-ipv4-8080']);
  });

  it('a dry run reads and plans but writes nothing', async () => {
    const before = server.requests.length;
    const r = await provider().reconcile(state(readme()), true);
    expect(counts(r)).toEqual([2, 0, 0, 0, 0]);
    expect(server.requests.slice(before).filter((q) => q.method !== 'GET')).toEqual([]);
  });
});

describe('Corefile provider against the fake API server', () => {
  const ns2: Namespace = { ...appLocal, id: 'ns-pub000000000001', name: 'pub.example', type: 'DNS_PUBLIC' };
  const http: Namespace = { ...appLocal, id: 'ns-http00000000001', name: 'api.internal', type: 'HTTP' };
  const corefileState = (namespaces: Namespace[]) => groupState({ revision: 1, namespaces, services: [], instances: [] });

  it('writes the stanzas of the DNS namespaces, only when the text changes; keeps other keys; leaves an unowned ConfigMap alone', async () => {
    const p = new CorefileProvider({ kubeConfig: server.kubeConfig(), namespace: k8sNs, render: { upstream: 'cloudmap-dns.kube-system.svc:8054' } });
    const first = await p.reconcile(corefileState([appLocal, http]), false);
    expect(first.changes.create.map((c) => c.name)).toEqual(['coredns-custom']);
    const cm = await core.readNamespacedConfigMap({ name: 'coredns-custom', namespace: k8sNs });
    expect(cm.data?.['cloudmap.server']).toContain('app.local:53 {');
    expect(cm.data?.['cloudmap.server']).toContain('grpc . cloudmap-dns.kube-system.svc:8054');
    expect(cm.data?.['cloudmap.server']).not.toContain('api.internal');
    expect(cm.data?.['cloudmap.server']).not.toContain('health');
    // Someone adds their own key: it stays, and is no reason to write.
    await core.replaceNamespacedConfigMap({ name: 'coredns-custom', namespace: k8sNs, body: { ...cm, data: { ...cm.data, 'mine.server': 'example.org:53 { whoami }' } } });
    const rv = (await core.readNamespacedConfigMap({ name: 'coredns-custom', namespace: k8sNs })).metadata?.resourceVersion;
    expect((await p.reconcile(corefileState([appLocal, http]), false)).changes.update).toEqual([]);
    expect((await core.readNamespacedConfigMap({ name: 'coredns-custom', namespace: k8sNs })).metadata?.resourceVersion).toBe(rv);
    const second = await p.reconcile(corefileState([appLocal, ns2]), false);
    expect(second.changes.update.map((u) => u.reasons)).toEqual([['data']]);
    const after = await core.readNamespacedConfigMap({ name: 'coredns-custom', namespace: k8sNs });
    expect(after.data?.['cloudmap.server']).toContain('pub.example:53 {');
    expect(after.data?.['mine.server']).toBe('example.org:53 { whoami }');
    // A ConfigMap of that name without our label is someone else's.
    const other = new CorefileProvider({ kubeConfig: server.kubeConfig(), namespace: k8sNs, name: 'coredns' });
    await core.createNamespacedConfigMap({ namespace: k8sNs, body: { metadata: { name: 'coredns' }, data: { Corefile: '.:53 { forward . /etc/resolv.conf }' } } });
    const conflict = await other.reconcile(corefileState([appLocal]), false);
    expect([conflict.changes.create.length, conflict.changes.update.length, conflict.changes.conflicts.length]).toEqual([0, 0, 1]);
    expect((await core.readNamespacedConfigMap({ name: 'coredns', namespace: k8sNs })).data).toEqual({ Corefile: '.:53 { forward . /etc/resolv.conf }' });
  });
});
