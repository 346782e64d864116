/**
 * The Helm chart (charts/cloudmap-dns), rendered as `helm template` renders
 * it: Go's text/template + sprig with Helm's include/tpl/required/toYaml
 * (test/support/helm-template, built from Debian's Go packages; no helm
 * binary can be installed here). Every document is parsed with `yaml` and
 * checked for what Kubernetes requires and for the chart's wiring: selectors,
 * Service targetPorts, probes, REDIS_URL, RBAC, and a Corefile equal to what
 * src/corefile produces, so chart and code cannot drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCorefile } from '../src/corefile/render.ts';
import { NAMESPACE_TEMPLATE } from '../src/corefile/template.ts';
import { basicProblems, deploymentProblems, ofKind, one, probePort, serviceProblems } from './support/chart-checks.ts';
import { VALUE_SETS } from './support/chart-values.ts';
import { helmTemplate, type Manifest, renderChart } from './support/helm-render.ts';


const sidecar = (d: Manifest): any => d.spec.template.spec.containers.find((c: any) => c.name === 'cloudmap-dns');
const coredns = (d: Manifest): any => d.spec.template.spec.containers.find((c: any) => c.name === 'coredns');
const flag = (args: string[], name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dnsDeployment = (objects: Manifest[]): Manifest => ofKind(objects, 'Deployment').find((d) => d.metadata.labels?.['app.kubernetes.io/component'] === 'dns')!;

describe('Helm chart charts/cloudmap-dns rendered with Go text/template + sprig', () => {
  for (const [name, values] of Object.entries(VALUE_SETS)) {
    describe(name, () => {
      const objects = renderChart(values);
      const deployment = dnsDeployment(objects);
      const side = sidecar(deployment);
      const core = coredns(deployment);

      it('gives objects with apiVersion, kind, a valid name and a namespace', () => {
        expect(objects.length).toBeGreaterThanOrEqual(5);
        expect(basicProblems(objects)).toEqual([]);
        for (const o of objects) expect(`${o.apiVersion} ${o.kind}`).toMatch(/^(v1 (ConfigMap|Secret|Service|ServiceAccount)|apps\/v1 Deployment|autoscaling\/v2 HorizontalPodAutoscaler|policy\/v1 PodDisruptionBudget|rbac\.authorization\.k8s\.io\/v1 (Cluster)?Role(Binding)?|monitoring\.coreos\.com\/v1 ServiceMonitor)$/);
      });

      it('wires Deployments and Services: selectors, port names, targetPorts', () => {
        const redis = ofKind(objects, 'Deployment').filter((d) => d !== deployment);
        expect(ofKind(objects, 'Deployment').flatMap(deploymentProblems)).toEqual([]);
        const service = one(objects, 'Service', 'cloudmap-dns');
        expect(serviceProblems(service, deployment, redis)).toEqual([]);
        const ports = Object.fromEntries(service.spec.ports.map((p: any) => [`${p.name}`, `${p.port}/${p.protocol}`]));
        expect(ports).toMatchObject({ 'dns-udp': '53/UDP', 'dns-tcp': '53/TCP', http: '8053/TCP', grpc: `${flag(side.args, '--grpc-port')}/TCP` });
        for (const r of redis) expect(serviceProblems(one(objects, 'Service', '-redis'), r, [deployment])).toEqual([]);
      });

      it('probes CoreDNS on its health/ready plugins and the sidecar on /healthz and /readyz of its HTTP port', () => {
        const args: string[] = side.args;
        const http = Number(flag(args, '--http-port'));
        for (const probe of ['startupProbe', 'livenessProbe'] as const) {
          expect(side[probe].httpGet.path).toBe('/healthz');
          expect(probePort(side, side[probe].httpGet.port)).toBe(http);
        }
        const requiresRedis = (VALUE_SETS[name] as any).cloudmapDns?.readinessRequiresRedis === true;
        expect(side.readinessProbe.httpGet.path).toBe(requiresRedis ? '/readyz' : '/readyz?exclude=redis');
        expect(probePort(side, side.readinessProbe.httpGet.port)).toBe(http);
        const corefile: string = one(objects, 'ConfigMap', '-coredns').data.Corefile;
        const health = Number(/health :(\d+)/.exec(corefile)![1]);
        const ready = Number(/ready :(\d+)/.exec(corefile)![1]);
        expect([core.livenessProbe.httpGet.path, probePort(core, core.livenessProbe.httpGet.port)]).toEqual(['/health', health]);
        expect([core.readinessProbe.httpGet.path, probePort(core, core.readinessProbe.httpGet.port)]).toEqual(['/ready', ready]);
      });

      it('has a ConfigMap Corefile equal to renderCorefile() for the zones, forwarding with grpc to 127.0.0.1:<sidecar --grpc-port>', () => {
        const corefile: string = one(objects, 'ConfigMap', '-coredns').data.Corefile;
        const args: string[] = side.args;
        const grpc = Number(flag(args, '--grpc-port'));
        expect(side.ports.find((p: any) => p.name === 'grpc').containerPort).toBe(grpc);
        const values = (VALUE_SETS[name] ?? {}) as any;
        const zones: string[] = (values.corefile?.zones ?? ['app.local']).map((z: string) => z.toLowerCase().replace(/\.$/, ''));
        const corePort = core.ports.find((p: any) => p.name === 'dns-udp').containerPort;
        const metrics = values.coredns?.metricsPort ?? 9153;
        expect(corefile).toBe(renderCorefile(zones, {
          upstream: `127.0.0.1:${grpc}`, port: corePort, cacheSeconds: values.corefile?.cacheSeconds ?? 5,
          prometheus: metrics ? `:${metrics}` : false, health: ':8080', lameduck: '5s', ready: ':8181',
        }));
        for (const zone of zones) expect(corefile).toContain(`${zone}:${corePort} {\n    errors`);
        expect(corefile.match(/grpc \. 127\.0\.0\.1:(\d+)/g)).toEqual(zones.map(() => `grpc . 127.0.0.1:${grpc}`));
        expect(core.args).toEqual(['-conf', '/etc/coredns/Corefile']);
        expect(deployment.spec.template.metadata.annotations['checksum/corefile']).toMatch(/^[0-9a-f]{64}$/);
      });

      it('runs both containers non-root with a read-only root file system and no capabilities', () => {
        const pod = deployment.spec.template.spec;
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        for (const c of pod.containers) {
          expect(c.securityContext, c.name).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
          expect(c.resources?.requests, c.name).toBeDefined();
          for (const p of c.ports) expect(p.containerPort, `${c.name} ${p.name}`).toBeGreaterThan(1023);
        }
        expect(pod.volumes.find((v: any) => v.name === 'tmp').emptyDir).toBeDefined();
      });
    });
  }

  it("prints objects in Helm's install order (what they depend on first, as `helm install` creates them)", () => {
    const kinds = renderChart(VALUE_SETS['every reconcile provider']!).map((o) => o.kind);
    const order = ['PodDisruptionBudget', 'ServiceAccount', 'Secret', 'ConfigMap', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'Service', 'Deployment', 'HorizontalPodAutoscaler'];
    expect([...new Set(kinds)]).toEqual(order);
  });

  it('keeps files/namespace.server identical to corefile-templates/namespace.server and the template in src/corefile', () => {
    const chart = readFileSync(new URL('../charts/cloudmap-dns/files/namespace.server', import.meta.url), 'utf8');
    const templates = readFileSync(new URL('../corefile-templates/namespace.server', import.meta.url), 'utf8');
    expect(chart).toBe(templates);
    expect(chart.trimEnd()).toBe(NAMESPACE_TEMPLATE.trimEnd());
  });

  it('takes REDIS_URL from the chart Secret (url), an existing Secret, or the bundled Redis Service', () => {
    const env = (objects: Manifest[]) => sidecar(dnsDeployment(objects)).env.find((e: any) => e.name === 'REDIS_URL').valueFrom.secretKeyRef;
    const secretUrl = (objects: Manifest[], ref: { name: string; key: string }) => Buffer.from(objects.find((o) => o.kind === 'Secret' && o.metadata.name === ref.name)!.data[ref.key], 'base64').toString();

    const byUrl = renderChart(VALUE_SETS['external Redis URL, bundled off']!);
    expect(secretUrl(byUrl, env(byUrl))).toBe('redis://:s3cret@redis.data.svc:6379/2');
    expect(ofKind(byUrl, 'Deployment')).toHaveLength(1);

    const existing = renderChart(VALUE_SETS['existing Secret']!);
    expect(env(existing)).toEqual({ name: 'my-redis', key: 'url' });
    expect(ofKind(existing, 'Secret')).toEqual([]);
    expect(ofKind(existing, 'Deployment')).toHaveLength(1);

    const bundled = renderChart({}, { release: 'try', namespace: 'dns' });
    const url = secretUrl(bundled, env(bundled));
    const redisService = one(bundled, 'Service', '-redis');
    expect(url).toBe(`redis://${redisService.metadata.name}.dns.svc:6379`);
    expect(redisService.spec.ports[0].port).toBe(6379);
  });

  it('makes an HPA (autoscaling/v2) scaling the Deployment, or a fixed replicas count without it; a PDB selecting the DNS pods', () => {
    const on = renderChart();
    const hpa = one(on, 'HorizontalPodAutoscaler');
    const deployment = dnsDeployment(on);
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
    expect(deployment.spec.replicas).toBeUndefined();
    const pdb = one(on, 'PodDisruptionBudget');
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(pdb.spec).toMatchObject({ maxUnavailable: 1 });

    const off = renderChart(VALUE_SETS['ServiceMonitor on, HPA off, PDB minAvailable']!);
    expect(ofKind(off, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(dnsDeployment(off).spec.replicas).toBe(3);
    expect(one(off, 'PodDisruptionBudget').spec).toMatchObject({ minAvailable: 2 });
    expect(one(off, 'PodDisruptionBudget').spec.maxUnavailable).toBeUndefined();
  });

  it('makes a ServiceMonitor only when asked, scraping /metrics on Service ports that exist', () => {
    expect(ofKind(renderChart(), 'ServiceMonitor')).toEqual([]);
    const objects = renderChart(VALUE_SETS['ServiceMonitor on, HPA off, PDB minAvailable']!);
    const monitor = one(objects, 'ServiceMonitor');
    const service = one(objects, 'Service', 'cloudmap-dns');
    expect(monitor.metadata.labels?.release).toBe('prom');
    expect(monitor.spec.selector.matchLabels).toEqual(Object.fromEntries(Object.entries(service.metadata.labels ?? {}).filter(([k]) => k in monitor.spec.selector.matchLabels)));
    expect(monitor.spec.endpoints.map((e: any) => `${e.port} ${e.path}`)).toEqual(['http /metrics', 'coredns-metrics /metrics']);
    for (const e of monitor.spec.endpoints) expect(service.spec.ports.map((p: any) => p.name)).toContain(e.port);
  });

  it('checks values against values.schema.json before rendering, in Helm\'s words', () => {
    const r = helmTemplate({ replicas: 3, cloudmapDns: { auth: 'magic', httpPort: 70000 }, reconcile: { providers: ['dns'] }, service: { type: 'External' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.split('\n').slice(0, 2)).toEqual(["Error: values don't meet the specifications of the schema(s) in the following chart(s):", 'cloudmap-dns:']);
      for (const line of ['- (root): Additional property replicas is not allowed', '- cloudmapDns.httpPort: Must be less than or equal to 65535',
        '- cloudmapDns.auth: cloudmapDns.auth must be one of the following: "open", "sigv4"', '- reconcile.providers.0: reconcile.providers.0 must be one of the following']) {
        expect(r.error).toContain(line);
      }
      expect(r.error).toContain('- service.type: service.type must be one of the following');
    }
    // --set cloudmapDns.accountId=000000000042 arrives as a number; a values file may hold one too.
    for (const [accountId, env] of [[123456789012, '123456789012'], ['000000000042', '000000000042'], [42, '000000000042']] as const) {
      const value = sidecar(dnsDeployment(renderChart({ cloudmapDns: { accountId } }))).env.find((e: any) => e.name === 'CLOUDMAP_ACCOUNT_ID').value;
      expect(value, String(accountId)).toBe(env);
    }
  });

  it('requires Kubernetes 1.23 or later (autoscaling/v2, policy/v1), as Chart.yaml kubeVersion says', () => {
    const old = helmTemplate({}, { kubeVersion: 'v1.22.17' });
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.error).toBe('Error: chart requires kubeVersion: >=1.23.0-0 which is incompatible with Kubernetes v1.22.17');
    for (const v of ['v1.23.0', 'v1.31.2', 'v1.33.0-eks-1']) expect(helmTemplate({}, { kubeVersion: v }).ok, v).toBe(true);
  });

  it('fails with a clear message when a required value is missing or wrong', () => {
    const failures: [Record<string, unknown>, string][] = [
      [{ redis: { bundled: { enabled: false } } }, 'redis: set redis.url, redis.existingSecret or redis.bundled.enabled=true'],
      [{ corefile: { zones: [] } }, 'corefile.zones: list at least one DNS zone'],
      [{ corefile: { zones: ['bad zone!'] } }, 'corefile.zones: "bad zone!" is not a DNS zone name'],
      [{ cloudmapDns: { auth: 'sigv4' } }, 'cloudmapDns.credentialsSecret: auth sigv4 needs a Secret'],
      [{ redis: { existingSecret: 'x', existingSecretKey: '' } }, 'redis.existingSecretKey: the key of the Redis URL'],
      [{ cloudmapDns: { dnsPort: 1053 } }, 'cloudmapDns.dnsPort must differ from coredns.port'],
      [{ autoscaling: { minReplicas: 5, maxReplicas: 2 } }, 'autoscaling.maxReplicas must be at least autoscaling.minReplicas'],
      [{ reconcile: { enabled: true, providers: [] } }, 'reconcile.providers: list at least one'],
      [{ reconcile: { enabled: true, providers: ['corefile'] } }, 'reconcile.corefileUpstream: the corefile provider writes `grpc . IP:PORT` stanzas and CoreDNS\'s grpc plugin accepts only IP addresses'],
    ];
    for (const [values, message] of failures) {
      const r = helmTemplate(values);
      expect(r.ok, message).toBe(false);
      if (!r.ok) expect(r.error).toMatch(new RegExp(`^Error: execution error at \\(cloudmap-dns/templates/[\\w.-]+:\\d+:\\d+\\): ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });
});
