/**
 * The fake Kubernetes API server (test/support/fake-kube-apiserver.ts),
 * driven through @kubernetes/client-node 2.x as the reconciler drives it.
 * No real API server can run on this machine; these tests pin down that the
 * fake answers as the real one does, so the reconciler's tests against it
 * mean something.
 */
import { ApiException, CoreV1Api, DiscoveryV1Api, KubernetesObjectApi, makeInformer, PatchStrategy, setHeaderOptions, type V1EndpointSlice, type V1Service, Watch } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeKubeApiServer } from './support/fake-kube-apiserver.ts';

let server: FakeKubeApiServer;
let core: CoreV1Api;
let discovery: DiscoveryV1Api;
const ns = 'default';

beforeAll(async () => {
  server = await FakeKubeApiServer.start();
  core = server.kubeConfig().makeApiClient(CoreV1Api);
  discovery = server.kubeConfig().makeApiClient(DiscoveryV1Api);
});
afterAll(() => server.stop());
afterEach(() => {
  server.beforeWrite = undefined;
});

/** The Status a failed call carried: HTTP code, reason, message, causes. */
async function status(call: Promise<unknown>): Promise<{ code: number; reason: string; message: string; causes: { field: string; reason: string }[] }> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    const e = error as ApiException<string>;
    const body = JSON.parse(e.body);
    expect(body.kind).toBe('Status');
    expect(body.code).toBe(e.code);
    return { code: e.code, reason: body.reason, message: body.message, causes: body.details?.causes ?? [] };
  }
  throw new Error('call succeeded; expected a failure Status');
}

const headless = (name: string, labels: Record<string, string> = {}): V1Service => ({ metadata: { name, labels }, spec: { clusterIP: 'None' } });

const slice = (name: string, addresses: string[][], addressType = 'IPv4'): V1EndpointSlice => ({
  metadata: { name, labels: { 'kubernetes.io/service-name': 'web' } },
  addressType,
  endpoints: addresses.map((a) => ({ addresses: a, conditions: { ready: true } })),
  ports: [{ name: 'http', port: 8080 }],
});

describe('fake API server: create', () => {
  it('sets uid, creationTimestamp, resourceVersion and defaults; assigns a clusterIP', async () => {
    const svc = await core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'api' }, spec: { ports: [{ port: 80 }] } } });
    expect(svc.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(svc.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(Number(svc.metadata?.resourceVersion)).toBeGreaterThan(1);
    expect(svc.spec?.type).toBe('ClusterIP');
    expect(svc.spec?.clusterIP).toMatch(/^10\.96\./);
    expect(svc.spec?.ports?.[0]).toMatchObject({ port: 80, protocol: 'TCP', targetPort: 80 });
  });

  it('a headless Service needs no ports; a ClusterIP one does (422 spec.ports: Required value)', async () => {
    const created = await core.createNamespacedService({ namespace: ns, body: headless('sd-backend') });
    expect(created.spec?.clusterIP).toBe('None');
    const s = await status(core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'noports' }, spec: {} } }));
    expect(s).toMatchObject({ code: 422, reason: 'Invalid', message: 'Service "noports" is invalid: spec.ports: Required value' });
    expect(s.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.ports' }]);
  });

  it('rejects names that are not DNS-1035 labels for Services and DNS-1123 subdomains for ConfigMaps', async () => {
    const bad = await status(core.createNamespacedService({ namespace: ns, body: headless('1st_service') }));
    expect(bad.code).toBe(422);
    expect(bad.causes[0]).toMatchObject({ field: 'metadata.name', reason: 'FieldValueInvalid' });
    expect(bad.message).toContain('a DNS-1035 label must consist of lower case alphanumeric characters');
    const cm = await status(core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'Upper' } } }));
    expect(cm.message).toContain('a lowercase RFC 1123 subdomain');
    const missing = await status(core.createNamespacedConfigMap({ namespace: ns, body: { metadata: {} } }));
    expect(missing.message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it('rejects invalid label values and keys', async () => {
    const s = await status(core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'labels', labels: { 'app.kubernetes.io/name': 'has space' } } } }));
    expect(s.causes[0]).toMatchObject({ field: 'metadata.labels', reason: 'FieldValueInvalid' });
  });

  it('generateName gets a random 5-character suffix', async () => {
    const cm = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { generateName: 'gen-' }, data: { a: '1' } } });
    expect(cm.metadata?.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('creating an existing name is 409 AlreadyExists; a missing namespace is 404', async () => {
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'twice' } } });
    const s = await status(core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'twice' } } }));
    expect(s).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'configmaps "twice" already exists' });
    const nf = await status(core.createNamespacedConfigMap({ namespace: 'nowhere', body: { metadata: { name: 'x' } } }));
    expect(nf).toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "nowhere" not found' });
  });

  it('ExternalName Services need spec.externalName and no clusterIP', async () => {
    const ok = await core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'alias' }, spec: { type: 'ExternalName', externalName: 'backend.app.local' } } });
    expect(ok.spec?.clusterIP).toBeUndefined();
    const s = await status(core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'alias2' }, spec: { type: 'ExternalName' } } }));
    expect(s.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.externalName' }]);
  });
});

describe('fake API server: EndpointSlice validation', () => {
  it('creates a valid slice with generation 1 and defaulted port protocol', async () => {
    const created = await discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('web-a', [['10.0.0.1'], ['10.0.0.2']]) });
    expect(created.metadata?.generation).toBe(1);
    expect(created.ports?.[0]?.protocol).toBe('TCP');
  });

  it('addressType is required and must be IPv4, IPv6 or FQDN', async () => {
    const body = slice('no-type', [['10.0.0.1']]);
    delete (body as Partial<V1EndpointSlice>).addressType;
    expect((await status(discovery.createNamespacedEndpointSlice({ namespace: ns, body }))).causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'addressType' }]);
    const bad = await status(discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('ip', [['10.0.0.1']], 'IP') }));
    expect(bad.causes[0]).toMatchObject({ field: 'addressType', reason: 'FieldValueNotSupported' });
  });

  it('each endpoint needs at least one valid, non-special address of the slice type', async () => {
    const empty = await status(discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('empty', [[]]) }));
    expect(empty.message).toBe('EndpointSlice.discovery.k8s.io "empty" is invalid: endpoints[0].addresses: Required value: must contain at least 1 address');
    const wrong = await status(discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('v6in4', [['fd00::1']]) }));
    expect(wrong.causes[0]).toMatchObject({ field: 'endpoints[0].addresses[0]', reason: 'FieldValueInvalid' });
    const loop = await status(discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('loop', [['127.0.0.1']]) }));
    expect(loop.message).toContain('may not be in the loopback range');
  });

  it('addressType cannot change on update; generation follows spec changes', async () => {
    const created = await discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice('web-b', [['10.0.0.3']]) });
    const s = await status(discovery.replaceNamespacedEndpointSlice({ name: 'web-b', namespace: ns, body: { ...created, addressType: 'IPv6', endpoints: [{ addresses: ['fd00::3'] }] } }));
    expect(s.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: "IPv6": field is immutable', field: 'addressType' }]);
    const updated = await discovery.replaceNamespacedEndpointSlice({ name: 'web-b', namespace: ns, body: { ...created, endpoints: [{ addresses: ['10.0.0.4'] }] } });
    expect(updated.metadata?.generation).toBe(2);
  });
});

describe('fake API server: update, patch, delete', () => {
  it('409 Conflict on a stale resourceVersion; a no-op update keeps the resourceVersion', async () => {
    const v1 = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cm' }, data: { k: 'a' } } });
    const v2 = await core.replaceNamespacedConfigMap({ name: 'cm', namespace: ns, body: { ...v1, data: { k: 'b' } } });
    expect(Number(v2.metadata!.resourceVersion)).toBeGreaterThan(Number(v1.metadata!.resourceVersion));
    const s = await status(core.replaceNamespacedConfigMap({ name: 'cm', namespace: ns, body: { ...v1, data: { k: 'c' } } }));
    expect(s).toMatchObject({
      code: 409, reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "cm": the object has been modified; please apply your changes to the latest version and try again',
    });
    const same = await core.replaceNamespacedConfigMap({ name: 'cm', namespace: ns, body: v2 });
    expect(same.metadata!.resourceVersion).toBe(v2.metadata!.resourceVersion);
  });

  it('a write racing the client (beforeWrite + modify) makes its update stale', async () => {
    const v1 = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'raced' }, data: { k: 'a' } } });
    server.beforeWrite = (attempt) => {
      server.beforeWrite = undefined;
      server.modify('', 'configmaps', attempt.namespace, attempt.name!, (o) => (o.data = { k: 'other' }));
    };
    expect((await status(core.replaceNamespacedConfigMap({ name: 'raced', namespace: ns, body: { ...v1, data: { k: 'b' } } }))).code).toBe(409);
    expect(server.object('', 'configmaps', ns, 'raced')?.data).toEqual({ k: 'other' });
  });

  it('PUT of a missing object is 404; a name differing from the URL is 400', async () => {
    expect((await status(core.replaceNamespacedConfigMap({ name: 'ghost', namespace: ns, body: { metadata: { name: 'ghost' } } }))).code).toBe(404);
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'named' } } });
    const s = await status(core.replaceNamespacedConfigMap({ name: 'named', namespace: ns, body: { metadata: { name: 'other' } } }));
    expect(s).toMatchObject({ code: 400, reason: 'BadRequest', message: 'the name of the object (other) does not match the name on the URL (named)' });
  });

  it('merge patch and JSON patch', async () => {
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'patched', labels: { a: '1' } }, data: { x: '1', y: '2' } } });
    const merged = await core.patchNamespacedConfigMap({ name: 'patched', namespace: ns, body: { data: { x: null, z: '3' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(merged.data).toEqual({ y: '2', z: '3' });
    const json = await core.patchNamespacedConfigMap({ name: 'patched', namespace: ns, body: [{ op: 'replace', path: '/metadata/labels/a', value: '2' }] });
    expect(json.metadata?.labels).toEqual({ a: '2' });
    const stale = await status(core.patchNamespacedConfigMap({ name: 'patched', namespace: ns, body: { metadata: { resourceVersion: '2' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)));
    expect(stale.code).toBe(409);
  });

  it('delete honours preconditions; a Service delete returns the object, a ConfigMap delete a Status', async () => {
    const cm = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'doomed' } } });
    const s = await status(core.deleteNamespacedConfigMap({ name: 'doomed', namespace: ns, body: { preconditions: { resourceVersion: '1' } } }));
    expect(s).toMatchObject({ code: 409, reason: 'Conflict' });
    const st = await core.deleteNamespacedConfigMap({ name: 'doomed', namespace: ns, body: { preconditions: { resourceVersion: cm.metadata!.resourceVersion! } } });
    expect(st.status).toBe('Success');
    await core.createNamespacedService({ namespace: ns, body: headless('gone') });
    const svc = await core.deleteNamespacedService({ name: 'gone', namespace: ns });
    expect(svc.metadata?.name).toBe('gone');
    expect((await status(core.readNamespacedService({ name: 'gone', namespace: ns }))).message).toBe('services "gone" not found');
  });
});

describe('fake API server: list with selectors and pages', () => {
  beforeAll(async () => {
    await core.createNamespace({ body: { metadata: { name: 'sel' } } });
    const mk = (name: string, labels: Record<string, string>) => core.createNamespacedService({ namespace: 'sel', body: headless(name, labels) });
    await mk('a', { tier: 'web', env: 'prod' });
    await mk('b', { tier: 'web', env: 'dev' });
    await mk('c', { tier: 'db' });
    await mk('d', {});
  });
  const names = async (labelSelector?: string, fieldSelector?: string) =>
    (await core.listNamespacedService({ namespace: 'sel', labelSelector, fieldSelector })).items.map((s) => s.metadata?.name);

  it.each([
    ['tier=web', ['a', 'b']],
    ['tier==web,env=prod', ['a']],
    ['tier!=web', ['c', 'd']],
    ['env in (prod, dev)', ['a', 'b']],
    ['env notin (prod)', ['b', 'c', 'd']],
    ['tier', ['a', 'b', 'c']],
    ['!env', ['c', 'd']],
    ['tier=web,!env', []],
  ])('label selector %s', async (selector, expected) => {
    expect(await names(selector)).toEqual(expected);
  });

  it('field selectors on metadata.name; unknown fields and bad selectors are 400', async () => {
    expect(await names(undefined, 'metadata.name=b')).toEqual(['b']);
    expect(await names(undefined, 'metadata.name!=b')).toEqual(['a', 'c', 'd']);
    expect(await status(core.listNamespacedService({ namespace: 'sel', fieldSelector: 'spec.bogus=1' }))).toMatchObject({ code: 400, message: 'field label not supported: spec.bogus' });
    expect((await status(core.listNamespacedService({ namespace: 'sel', labelSelector: 'env in prod' }))).code).toBe(400);
  });

  it('limit/continue pages a consistent list; a continue token older than the compaction is 410', async () => {
    const first = await core.listNamespacedService({ namespace: 'sel', limit: 3 });
    expect(first.items.map((s) => s.metadata?.name)).toEqual(['a', 'b', 'c']);
    expect(first.metadata?.remainingItemCount).toBe(1);
    await core.createNamespacedService({ namespace: 'sel', body: headless('e') });
    const rest = await core.listNamespacedService({ namespace: 'sel', limit: 3, _continue: first.metadata!._continue! });
    expect(rest.items.map((s) => s.metadata?.name)).toEqual(['d']);
    server.compact();
    await core.createNamespacedService({ namespace: 'sel', body: headless('f') });
    expect((await status(core.listNamespacedService({ namespace: 'sel', limit: 3, _continue: first.metadata!._continue! }))).code).toBe(410);
    await core.deleteNamespacedService({ name: 'e', namespace: 'sel' });
    await core.deleteNamespacedService({ name: 'f', namespace: 'sel' });
  });

  it('resourceVersionMatch=Exact lists the state at that resourceVersion', async () => {
    const before = await core.listNamespacedService({ namespace: 'sel' });
    await core.createNamespacedService({ namespace: 'sel', body: headless('later') });
    const exact = await core.listNamespacedService({ namespace: 'sel', resourceVersion: before.metadata!.resourceVersion!, resourceVersionMatch: 'Exact' });
    expect(exact.items.map((s) => s.metadata?.name)).toEqual(before.items.map((s) => s.metadata?.name));
    expect((await status(core.listNamespacedService({ namespace: 'sel', resourceVersion: '99999999' }))).code).toBe(504);
  });
});

describe('fake API server: watch', () => {
  type Ev = [string, string | undefined, string | undefined];
  async function watchFrom(path: string, rv: string, labelSelector?: string): Promise<{ events: Ev[]; done: Promise<unknown>; abort(): void }> {
    const events: Ev[] = [];
    let finish!: (e: unknown) => void;
    const done = new Promise((r) => (finish = r));
    const controller = await new Watch(server.kubeConfig()).watch(path, { resourceVersion: rv, ...(labelSelector ? { labelSelector } : {}) },
      (type, obj) => events.push([type, obj?.metadata?.name, type === 'ERROR' ? String(obj.code) : obj?.metadata?.resourceVersion]), finish);
    return { events, done, abort: () => controller.abort() };
  }
  const until = async (probe: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(probe()).toBe(true);
  };

  it('streams ADDED, MODIFIED and DELETED after the given resourceVersion, in order', async () => {
    await core.createNamespace({ body: { metadata: { name: 'w1' } } });
    const list = await core.listNamespacedConfigMap({ namespace: 'w1' });
    const w = await watchFrom('/api/v1/namespaces/w1/configmaps', list.metadata!.resourceVersion!);
    const a = await core.createNamespacedConfigMap({ namespace: 'w1', body: { metadata: { name: 'a' } } });
    const a2 = await core.replaceNamespacedConfigMap({ name: 'a', namespace: 'w1', body: { ...a, data: { k: 'v' } } });
    await core.deleteNamespacedConfigMap({ name: 'a', namespace: 'w1' });
    await until(() => w.events.length === 3);
    expect(w.events.map(([t, n]) => [t, n])).toEqual([['ADDED', 'a'], ['MODIFIED', 'a'], ['DELETED', 'a']]);
    expect(w.events[1]![2]).toBe(a2.metadata!.resourceVersion);
    w.abort();
  });

  it('replays what a client missed since its resourceVersion; from "" it starts with ADDED for each object', async () => {
    await core.createNamespace({ body: { metadata: { name: 'w2' } } });
    const first = await core.createNamespacedConfigMap({ namespace: 'w2', body: { metadata: { name: 'one' } } });
    await core.createNamespacedConfigMap({ namespace: 'w2', body: { metadata: { name: 'two' } } });
    const resumed = await watchFrom('/api/v1/namespaces/w2/configmaps', first.metadata!.resourceVersion!);
    const fresh = await watchFrom('/api/v1/namespaces/w2/configmaps', '');
    await until(() => resumed.events.length === 1 && fresh.events.length === 2);
    expect(resumed.events.map(([t, n]) => [t, n])).toEqual([['ADDED', 'two']]);
    expect(fresh.events.map(([t, n]) => [t, n])).toEqual([['ADDED', 'one'], ['ADDED', 'two']]);
    resumed.abort();
    fresh.abort();
  });

  it('a resourceVersion older than the compaction gets an ERROR event with a 410 Expired Status, then the stream ends', async () => {
    const old = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'old-rv' } } });
    await core.deleteNamespacedConfigMap({ name: 'old-rv', namespace: ns });
    server.compact();
    const w = await watchFrom('/api/v1/namespaces/default/configmaps', old.metadata!.resourceVersion!);
    await w.done;
    expect(w.events).toEqual([['ERROR', undefined, '410']]);
  });

  it('with a label selector, an object modified out of the selection is DELETED for the watcher', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: ns });
    const w = await watchFrom('/api/v1/namespaces/default/configmaps', list.metadata!.resourceVersion!, 'app.kubernetes.io/managed-by=cloudmap-dns');
    const cm = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'owned', labels: { 'app.kubernetes.io/managed-by': 'cloudmap-dns' } } } });
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'unowned' } } });
    await core.replaceNamespacedConfigMap({ name: 'owned', namespace: ns, body: { ...cm, metadata: { ...cm.metadata, labels: {} } } });
    await until(() => w.events.length === 2);
    expect(w.events.map(([t, n]) => [t, n])).toEqual([['ADDED', 'owned'], ['DELETED', 'owned']]);
    w.abort();
  });

  it('an informer relists after 410 Gone and sees what changed while it was away', async () => {
    await core.createNamespace({ body: { metadata: { name: 'inf' } } });
    await core.createNamespacedService({ namespace: 'inf', body: headless('keep') });
    await core.createNamespacedService({ namespace: 'inf', body: headless('drop') });
    const informer = makeInformer(server.kubeConfig(), '/api/v1/namespaces/inf/services', () => core.listNamespacedService({ namespace: 'inf' }));
    const deletes: string[] = [];
    informer.on('delete', (o) => deletes.push(o.metadata!.name!));
    await informer.start();
    await until(() => informer.list().length === 2);
    const staleRv = server.requests.filter((r) => r.path === '/api/v1/namespaces/inf/services' && r.query.watch).at(-1)!.query.resourceVersion;
    await informer.stop();
    // While it is away: one Service goes, one comes, and the history is compacted.
    await core.deleteNamespacedService({ name: 'drop', namespace: 'inf' });
    await core.createNamespacedService({ namespace: 'inf', body: headless('new') });
    server.compact();
    const seen = server.requests.length;
    await informer.start();
    await until(() => informer.list().map((o) => o.metadata?.name).sort().join() === 'keep,new' && deletes.includes('drop'));
    const after = server.requests.slice(seen).filter((r) => r.path === '/api/v1/namespaces/inf/services');
    expect(after[0]?.query).toMatchObject({ watch: 'true', resourceVersion: staleRv });
    expect(after[1]?.query.watch).toBeUndefined();
    await informer.stop();
  });
});

describe('fake API server: other kinds through KubernetesObjectApi (discovery)', () => {
  it('creates a Deployment and a ClusterRole (cluster-scoped) by apiVersion and kind, as kubectl apply would', async () => {
    const objects = KubernetesObjectApi.makeApiClient(server.kubeConfig());
    const labels = { app: 'coredns' };
    const spec = { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'coredns', image: 'coredns/coredns:1.11.3' }] } } };
    const dep = await objects.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace: ns }, spec } as any);
    expect(dep.metadata?.uid).toBeDefined();
    const role = await objects.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cloudmap-dns' }, rules: [] } as any);
    expect(role.metadata?.namespace).toBeUndefined();
    const read = await objects.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace: ns } });
    expect((read as any).spec.replicas).toBe(2);
    // A Deployment without selector and pod template is refused, as the real server does.
    await expect(objects.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bare', namespace: ns }, spec: { replicas: 1 } } as any)).rejects.toMatchObject({ code: 422 });
  });
});
