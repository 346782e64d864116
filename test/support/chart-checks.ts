/**
 * Checks of rendered Helm objects that Kubernetes (or the chart's own
 * wiring) requires, each returning the problems found as sentences, so a
 * test can `expect(problems).toEqual([])` and print all of them at once.
 *
 * Sources: the API conventions (apiVersion, kind, metadata.name), apps/v1
 * DeploymentSpec (selector must match template labels), core/v1
 * ServicePort.targetPort (a number or a container port name, IANA_SVC_NAME,
 * at most 15 characters), Probe handlers (port by number or name of the same
 * container).
 */
import type { Manifest } from './helm-render.ts';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Namespace']);

/** apiVersion, kind, metadata.name (DNS-1123 subdomain, at most 253) and, for namespaced kinds, metadata.namespace. */
export function basicProblems(objects: Manifest[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o?.kind ?? '?'} ${o?.metadata?.name ?? '?'}`;
    if (typeof o.apiVersion !== 'string' || !o.apiVersion) problems.push(`${id}: no apiVersion`);
    if (typeof o.kind !== 'string' || !o.kind) problems.push(`${id}: no kind`);
    const name = o.metadata?.name;
    if (typeof name !== 'string' || !DNS1123_SUBDOMAIN.test(name) || name.length > 253) problems.push(`${id}: metadata.name ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
    if (!CLUSTER_SCOPED.has(o.kind) && !o.metadata?.namespace) problems.push(`${id}: namespaced kind without metadata.namespace`);
    const key = `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${name}`;
    if (seen.has(key)) problems.push(`${id}: rendered twice`);
    seen.add(key);
  }
  return problems;
}

/** The objects of one kind. */
export const ofKind = (objects: Manifest[], kind: string): Manifest[] => objects.filter((o) => o.kind === kind);

/** The one object of a kind and name suffix; throws when there is not exactly one. */
export function one(objects: Manifest[], kind: string, nameSuffix = ''): Manifest {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name.endsWith(nameSuffix));
  if (found.length !== 1) throw new Error(`expected one ${kind} *${nameSuffix}, found ${found.length}`);
  return found[0]!;
}

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * Deployment wiring: selector.matchLabels ⊆ template labels; topology
 * spread constraints select the pods themselves; container port names valid
 * and unique per pod; probes name a port of their own container.
 */
export function deploymentProblems(d: Manifest): string[] {
  const problems: string[] = [];
  const id = `Deployment ${d.metadata.name}`;
  if (!matches(d.spec?.selector?.matchLabels ?? {}, d.spec?.template?.metadata?.labels)) problems.push(`${id}: selector does not match the template labels`);
  for (const t of d.spec.template.spec.topologySpreadConstraints ?? []) {
    if (!matches(t.labelSelector?.matchLabels ?? {}, d.spec.template.metadata.labels)) problems.push(`${id}: a topology spread constraint does not select the Deployment's own pods`);
  }
  const names = new Set<string>();
  for (const c of d.spec.template.spec.containers ?? []) {
    const own = new Map<string, number>();
    for (const p of c.ports ?? []) {
      if (p.name !== undefined) {
        if (!PORT_NAME.test(p.name) || p.name.length > 15) problems.push(`${id}: container ${c.name} port name ${p.name} is not an IANA_SVC_NAME`);
        if (names.has(`${p.name}`)) problems.push(`${id}: port name ${p.name} used twice in the pod`);
        names.add(p.name);
        own.set(p.name, p.containerPort);
      }
      if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) problems.push(`${id}: container ${c.name} port ${p.containerPort} out of range`);
    }
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      const handler = c[probe]?.httpGet ?? c[probe]?.tcpSocket;
      if (!handler) continue;
      if (typeof handler.port === 'string' && !own.has(handler.port)) problems.push(`${id}: ${c.name} ${probe} names port ${handler.port}, not one of its own`);
    }
  }
  return problems;
}

/** Resolve a probe's port (name or number) to a number in its container. */
export function probePort(container: any, port: string | number): number | undefined {
  if (typeof port === 'number') return port;
  return (container.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}

/**
 * A Service reaches pods: its selector matches exactly the template labels of
 * `selected` (and none of `others`), and each targetPort names (or numbers) a
 * container port with the same protocol.
 */
export function serviceProblems(s: Manifest, selected: Manifest, others: Manifest[] = []): string[] {
  const problems: string[] = [];
  const id = `Service ${s.metadata.name}`;
  if (!matches(s.spec.selector, selected.spec.template.metadata.labels)) problems.push(`${id}: selector does not select Deployment ${selected.metadata.name}`);
  for (const o of others) if (matches(s.spec.selector, o.spec.template.metadata.labels)) problems.push(`${id}: selector also selects Deployment ${o.metadata.name}`);
  const ports = selected.spec.template.spec.containers.flatMap((c: any) => c.ports ?? []);
  for (const p of s.spec.ports) {
    const target = p.targetPort ?? p.port;
    const found = ports.find((c: any) => (typeof target === 'string' ? c.name === target : c.containerPort === target) && (c.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
    if (!found) problems.push(`${id}: port ${p.name} targets ${target}/${p.protocol ?? 'TCP'}, which no container exposes`);
  }
  return problems;
}
