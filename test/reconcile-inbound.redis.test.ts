/**
 * The inbound source on both stores (memory, and a real redis-server): the
 * EndpointSlices of annotated Services, read through @kubernetes/client-node
 * from the fake API server (no real API server can run here), become Cloud
 * Map instances through the use-case layer, and go when their Pods go.
 */
import { CoreV1Api, DiscoveryV1Api, type V1EndpointSlice } from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNamespace, createService, type OpsDeps, registerInstance } from '../src/ops/index.ts';
import { InboundSource } from '../src/reconcile/kubernetes/inbound.ts';
import { groupState } from '../src/reconcile/state.ts';
import { MemoryStore } from '../src/store/memory/memory-store.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import type { Store } from '../src/store/store.ts';
import { FakeKubeApiServer } from './support/fake-kube-apiserver.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';

let server: FakeKubeApiServer;
let core: CoreV1Api;
let discovery: DiscoveryV1Api;
let redis: RedisHandle;
beforeAll(async () => {
  server = await FakeKubeApiServer.start();
  core = server.kubeConfig().makeApiClient(CoreV1Api);
  discovery = server.kubeConfig().makeApiClient(DiscoveryV1Api);
  redis = await startRedis();
});
afterAll(async () => {
  await server.stop();
  await redis.stop();
});

const pod = (name: string, ip: string, ready: boolean, zone = 'us-east-1a') => ({
  addresses: [ip], conditions: { ready }, targetRef: { kind: 'Pod', name, namespace: 'shop' }, zone, nodeName: 'node-1',
});
const slice = (name: string, endpoints: ReturnType<typeof pod>[], addressType = 'IPv4'): V1EndpointSlice => ({
  metadata: { name, labels: { 'kubernetes.io/service-name': 'backend' } },
  addressType, endpoints, ports: [{ name: 'metrics', port: 9090 }, { name: 'http', port: 8080 }],
});

for (const kind of ['memory', 'redis'] as const) {
  describe(`inbound source on ${kind} state, against the fake API server`, () => {
    let store: Store;
    let deps: OpsDeps;
    let serviceId = '';
    let ns = '';
    let n = 0;
    beforeEach(async () => {
      const prefix = uniquePrefix();
      store = kind === 'memory' ? new MemoryStore() : new RedisStore({ url: redis.url, prefix });
      deps = { store, region: 'us-east-1', accountId: '123456789012' };
      const namespace = await createNamespace(deps, { type: 'DNS_PRIVATE', name: 'app.local', vpc: 'vpc-1' });
      serviceId = (await createService(deps, { name: 'backend-api', namespaceId: namespace.namespace!.id, dnsConfig: { dnsRecords: [{ type: "A", ttl: 60 }, { type: "SRV", ttl: 60 }] } })).id;
      ns = `shop-${kind}-${++n}`;
      await core.createNamespace({ body: { metadata: { name: ns } } });
      return async () => {
        await store.close();
        if (kind === 'redis') await deleteKeys(redis.url, prefix);
      };
    });
    const source = () => new InboundSource({ kubeConfig: server.kubeConfig(), namespace: ns, ops: deps, clusterName: 'eks-1', region: 'us-east-1' });
    const pass = async (s = source()) => s.reconcile(groupState(await store.snapshot()), false);
    const instances = async () => Object.fromEntries((await store.listInstances(serviceId)).map((i) => [i.id, [i.attributes.AWS_INSTANCE_IPV4, i.attributes.AWS_INSTANCE_PORT, i.healthStatus]]));

    it('registers the Pods of an annotated Service with ECS-style attributes, the chosen port and health from conditions.ready', async () => {
      await core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'backend', annotations: { 'cloudmap-dns/service-id': serviceId, 'cloudmap-dns/port': 'http' } }, spec: { ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }], selector: { app: 'backend' } } } });
      await discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('backend-x1', [pod('backend-7d9f-a', '10.1.0.5', true), pod('backend-7d9f-b', '10.1.0.6', false)]) });
      const r = await pass();
      expect([r.changes.create.length, r.failed]).toEqual([2, []]);
      expect(await instances()).toEqual({ 'backend-7d9f-a': ['10.1.0.5', '8080', 'UNKNOWN'], 'backend-7d9f-b': ['10.1.0.6', '8080', 'UNHEALTHY'] });
      const a = await store.getInstance(serviceId, 'backend-7d9f-a');
      expect(a?.attributes).toEqual({
        AWS_INSTANCE_IPV4: '10.1.0.5', AWS_INSTANCE_PORT: '8080', AVAILABILITY_ZONE: 'us-east-1a', REGION: 'us-east-1', ECS_CLUSTER_NAME: 'eks-1',
        ECS_SERVICE_NAME: 'backend', K8S_NAMESPACE: ns, K8S_POD_NAME: 'backend-7d9f-a', K8S_NODE_NAME: 'node-1', K8S_SOURCE: `eks-1/${ns}/backend`,
      });
      expect((await pass()).changes).toMatchObject({ create: [], update: [], delete: [] });
    });

    it('follows readiness and deregisters Pods that go; instances registered by others are left alone', async () => {
      await core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'backend', annotations: { 'cloudmap-dns/namespace': 'app.local', 'cloudmap-dns/service': 'backend-api' } }, spec: { clusterIP: 'None' } } });
      const created = await discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('backend-x1', [pod('p-1', '10.1.0.5', true), pod('p-2', '10.1.0.6', true)]) });
      await registerInstance(deps, { serviceId, instanceId: 'manual-1', attributes: { AWS_INSTANCE_IPV4: '10.9.9.9', AWS_INSTANCE_PORT: '80' } });
      await pass();
      expect(await instances()).toEqual({ 'p-1': ['10.1.0.5', '9090', 'UNKNOWN'], 'p-2': ['10.1.0.6', '9090', 'UNKNOWN'], 'manual-1': ['10.9.9.9', '80', 'UNKNOWN'] });
      await discovery.replaceNamespacedEndpointSlice({ name: 'backend-x1', namespace: ns, body: { ...created, endpoints: [pod('p-1', '10.1.0.5', false)] } });
      const r = await pass();
      expect(r.changes.update.map((u) => [u.desired.instanceId, u.reasons])).toEqual([['p-1', ['health']]]);
      expect(r.changes.delete.map((d) => d.instanceId)).toEqual(['p-2']);
      expect(await instances()).toEqual({ 'p-1': ['10.1.0.5', '9090', 'UNHEALTHY'], 'manual-1': ['10.9.9.9', '80', 'UNKNOWN'] });
      await discovery.replaceNamespacedEndpointSlice({ name: 'backend-x1', namespace: ns, body: { ...created, metadata: (await discovery.readNamespacedEndpointSlice({ name: 'backend-x1', namespace: ns })).metadata, endpoints: [pod('p-1', '10.1.0.5', true)] } });
      await pass();
      expect((await instances())['p-1']).toEqual(['10.1.0.5', '9090', 'HEALTHY']);
      await core.deleteNamespacedService({ name: 'backend', namespace: ns });
      await pass();
      expect(await instances()).toEqual({ 'manual-1': ['10.9.9.9', '80', 'UNKNOWN'] });
    });

    it('a dual-stack Pod is one instance with both addresses; an instance id taken by someone else is a conflict', async () => {
      await core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'backend', annotations: { 'cloudmap-dns/service-id': serviceId } }, spec: { clusterIP: 'None' } } });
      await discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('backend-v4', [pod('p-1', '10.1.0.5', true), pod('taken', '10.1.0.7', true)]) });
      await discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('backend-v6', [pod('p-1', 'fd00::5', true)], 'IPv6') });
      await registerInstance(deps, { serviceId, instanceId: 'taken', attributes: { AWS_INSTANCE_IPV4: '10.9.9.8', AWS_INSTANCE_PORT: '80' } });
      const r = await pass();
      expect(r.changes.conflicts.map((c) => c.desired.instanceId)).toEqual(['taken']);
      const p1 = await store.getInstance(serviceId, 'p-1');
      expect([p1?.attributes.AWS_INSTANCE_IPV4, p1?.attributes.AWS_INSTANCE_IPV6]).toEqual(['10.1.0.5', 'fd00::5']);
      expect((await store.getInstance(serviceId, 'taken'))?.attributes.AWS_INSTANCE_IPV4).toBe('10.9.9.8');
    });

    it('with informers started, a Pod event calls onChange; unannotated Services are not sources', async () => {
      let changes = 0;
      const s = new InboundSource({ kubeConfig: server.kubeConfig(), namespace: ns, ops: deps, onChange: () => void changes++ });
      await s.start();
      try {
        await core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'backend' }, spec: { clusterIP: 'None' } } });
        await discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('backend-x1', [pod('p-1', '10.1.0.5', true)]) });
        for (let i = 0; i < 200 && changes < 2; i++) await new Promise((r) => setTimeout(r, 10));
        expect(changes).toBeGreaterThanOrEqual(2);
        expect((await pass(s)).changes.create).toEqual([]);
      } finally {
        await s.stop();
      }
    });
  });
}
