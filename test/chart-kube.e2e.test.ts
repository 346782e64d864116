/**
 * The Helm chart's objects applied to a Kubernetes API server — the fake one
 * in test/support/fake-kube-apiserver*.ts, since no real one can run here —
 * through @kubernetes/client-node's KubernetesObjectApi (discovery, then
 * create, as `helm install` and `kubectl create` do). The fake validates
 * Deployments (pod template, probes, env, volumes), Services, ConfigMaps,
 * Secrets, PDBs, HPAs, RBAC and the ServiceMonitor CRD as the real server
 * does; the last test shows it refuses broken variants of the same objects.
 */
import { ApiException, KubernetesObjectApi } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { VALUE_SETS } from './support/chart-values.ts';
import { FakeKubeApiServer } from './support/fake-kube-apiserver.ts';
import { serviceMonitorKind } from './support/fake-kube-apiserver-policy.ts';
import { type Manifest, renderChart } from './support/helm-render.ts';

let server: FakeKubeApiServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function cluster(crds = true): Promise<KubernetesObjectApi> {
  server = await FakeKubeApiServer.start({ namespaces: ['default', 'kube-system', 'dns', 'mirror'] });
  if (crds) server.registerKind(serviceMonitorKind());
  return KubernetesObjectApi.makeApiClient(server.kubeConfig());
}

/** Creates the object; resolves with the HTTP status and the server's Status message on failure. */
async function create(api: KubernetesObjectApi, o: Manifest): Promise<{ code: number; message: string; causes: string[]; created?: any }> {
  try {
    const created = await api.create(structuredClone(o));
    return { code: 201, message: '', causes: [], created };
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return { code: e.code, message: body?.message ?? '', causes: (body?.details?.causes ?? []).map((c: any) => `${c.field}: ${c.message}`) };
  }
}

describe('Helm chart applied to the API server (fake API server)', () => {
  for (const [name, values] of Object.entries(VALUE_SETS)) {
    it(`${name}: every object is accepted and reads back with the server's defaults`, async () => {
      const objects = renderChart(values, { namespace: 'dns' });
      const api = await cluster();
      for (const o of objects) {
        const r = await create(api, o);
        expect(r, `${o.kind} ${o.metadata.name}: ${r.message}`).toMatchObject({ code: 201 });
      }
      for (const o of objects) {
        const back = await api.read({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) } });
        expect(back.metadata?.uid, `${o.kind} ${o.metadata.name}`).toBeTruthy();
        if (o.kind === 'Deployment') expect((back as any).spec.template.spec.restartPolicy).toBe('Always');
        if (o.kind === 'Service') expect((back as any).spec.clusterIP).toMatch(/^10\.96\./);
      }
    });
  }

  it('refuses broken variants of the chart objects with the real server\'s errors', async () => {
    const objects = renderChart({ serviceMonitor: { enabled: true }, reconcile: { enabled: true, providers: ['kubernetes'] } }, { namespace: 'dns' });
    const api = await cluster();
    const pick = (kind: string) => structuredClone(objects.find((o) => o.kind === kind && o.metadata.labels?.['app.kubernetes.io/component'] !== 'redis')!);
    const cases: [string, Manifest, number, string][] = [];
    const deployment = (mutate: (d: any) => void): Manifest => {
      const d = pick('Deployment');
      mutate(d);
      return d;
    };
    cases.push(['selector that misses the template labels', deployment((d) => (d.spec.selector.matchLabels['app.kubernetes.io/component'] = 'other')), 422, 'spec.template.metadata.labels: Invalid value'],
      ['probe on a 16-character port name', deployment((d) => (d.spec.template.spec.containers[1].readinessProbe.httpGet.port = 'cloudmap-dns-api')), 422, 'readinessProbe.httpGet.port: Invalid value: "cloudmap-dns-api": must be no more than 15 characters'],
      ['mount of a volume that does not exist', deployment((d) => (d.spec.template.spec.volumes = d.spec.template.spec.volumes.filter((v: any) => v.name !== 'tmp'))), 422, 'volumeMounts[0].name: Not found: "tmp"'],
      ['env var from a Secret without a key', deployment((d) => delete d.spec.template.spec.containers[1].env[0].valueFrom.secretKeyRef.key), 422, 'env[0].valueFrom.secretKeyRef.key: Required value'],
      ['two containers with one name', deployment((d) => (d.spec.template.spec.containers[1].name = 'coredns')), 422, 'containers[1].name: Duplicate value: "coredns"'],
      ['maxUnavailable and maxSurge both 0', deployment((d) => (d.spec.strategy.rollingUpdate.maxSurge = 0)), 422, 'may not be 0 when `maxSurge` is 0']);
    const hpa = pick('HorizontalPodAutoscaler');
    hpa.spec.maxReplicas = 1;
    hpa.spec.minReplicas = 3;
    cases.push(['HPA maxReplicas below minReplicas', hpa, 422, 'spec.maxReplicas: Invalid value: 1: must be greater than or equal to `minReplicas`']);
    const pdb = pick('PodDisruptionBudget');
    pdb.spec.minAvailable = 1;
    cases.push(['PDB with minAvailable and maxUnavailable', pdb, 422, 'minAvailable and maxUnavailable cannot be both set']);
    const role = pick('Role');
    role.rules[0].verbs = [];
    cases.push(['Role rule without verbs', role, 422, 'rules[0].verbs: Required value']);
    const binding = pick('RoleBinding');
    binding.roleRef.kind = 'Deployment';
    cases.push(['RoleBinding to a non-role', binding, 422, 'roleRef.kind: Unsupported value: "Deployment"']);
    const secret = pick('Secret');
    secret.data['redis-url'] = 'not base64!';
    cases.push(['Secret data that is not base64', secret, 400, 'illegal base64 data']);
    const monitor = pick('ServiceMonitor');
    monitor.spec.endpoints[0].interval = '30 seconds';
    cases.push(['ServiceMonitor interval that is not a duration', monitor, 422, 'spec.endpoints[0].interval']);
    for (const [what, o, code, text] of cases) {
      const r = await create(api, o);
      expect(r.code, what).toBe(code);
      expect([r.message, ...r.causes].join('\n'), what).toContain(text);
    }
  });

  it('answers 404 for the ServiceMonitor when the prometheus-operator CRD is not installed', async () => {
    const monitor = renderChart({ serviceMonitor: { enabled: true } }).find((o) => o.kind === 'ServiceMonitor')!;
    const api = await cluster(false);
    const r = await create(api, monitor);
    expect(r.code).toBe(404);
  });
});
