/**
 * apps/v1 Deployment and its pod template for the fake Kubernetes API
 * server, with the real server's defaults and field errors
 * (k8s.io/kubernetes/pkg/apis/apps/validation ValidateDeployment,
 * pkg/apis/core/validation ValidatePodTemplateSpec / validateContainers /
 * validateProbe / ValidateVolumes / ValidateEnv).
 *
 * Modelled: selector required, non-empty and matching the template labels
 * (immutable on update); replicas, revisionHistoryLimit ≥ 0; strategy type
 * and rolling update bounds; restartPolicy Always; containers (name, image,
 * unique names), ports (range, IANA_SVC_NAME names unique in the pod,
 * protocol), probes (one handler, port number or name, thresholds), env
 * (C identifier-like names, value xor valueFrom, secretKeyRef name and key),
 * volume mounts that name a volume, volumes with one source, pod and container
 * security contexts' user ids and capability names, topology spread
 * constraints (maxSkew, topologyKey, whenUnsatisfiable, selector). Not modelled: resource
 * quantities, affinity, host ports across the node, image pull secrets.
 */
import { duplicate, forbidden, invalid, type KindSpec, type KubeObject, notSupported, required, type Cause } from './fake-kube-apiserver-kinds.ts';
import { isConfigMapKey, isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from './fake-kube-apiserver-names.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const VOLUME_SOURCES = ['configMap', 'secret', 'emptyDir', 'projected', 'persistentVolumeClaim', 'hostPath', 'downwardAPI', 'csi', 'ephemeral'];

/** IANA_SVC_NAME (validation.IsValidPortName): at most 15, lowercase alphanumerics and '-', a letter, no '--', no '-' at either end. */
export function isPortName(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) problems.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

const validPort = (p: unknown): boolean => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535;

function portNumOrName(port: unknown, at: string): Cause[] {
  if (typeof port === 'number') return validPort(port) ? [] : [invalid(at, port, 'must be between 1 and 65535, inclusive')];
  if (typeof port === 'string') return isPortName(port).map((p) => invalid(at, port, p));
  return [required(at)];
}

function probe(pr: any, at: string, liveOrStartup: boolean): Cause[] {
  if (!pr) return [];
  const causes: Cause[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => pr[h] !== undefined);
  if (handlers.length === 0) causes.push(required(at, 'must specify a handler type'));
  if (handlers.length > 1) causes.push(forbidden(`${at}.${handlers[1]}`, 'may not specify more than 1 handler type'));
  if (pr.httpGet) {
    causes.push(...portNumOrName(pr.httpGet.port, `${at}.httpGet.port`));
    if (pr.httpGet.scheme !== undefined && !['HTTP', 'HTTPS'].includes(pr.httpGet.scheme)) causes.push(notSupported(`${at}.httpGet.scheme`, pr.httpGet.scheme, ['HTTP', 'HTTPS']));
  }
  if (pr.tcpSocket) causes.push(...portNumOrName(pr.tcpSocket.port, `${at}.tcpSocket.port`));
  if (pr.exec && !(pr.exec.command?.length > 0)) causes.push(required(`${at}.exec.command`));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (pr[f] !== undefined && (!Number.isInteger(pr[f]) || pr[f] < 0)) causes.push(invalid(`${at}.${f}`, pr[f], 'must be greater than or equal to 0'));
  }
  if (liveOrStartup && pr.successThreshold !== undefined && pr.successThreshold !== 1) causes.push(invalid(`${at}.successThreshold`, pr.successThreshold, 'must be 1'));
  return causes;
}

function env(list: any[], at: string): Cause[] {
  const causes: Cause[] = [];
  list.forEach((e, i) => {
    const here = `${at}[${i}]`;
    if (!e?.name) causes.push(required(`${here}.name`));
    else if (!ENV_NAME.test(e.name)) causes.push(invalid(`${here}.name`, e.name, "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit"));
    if (e?.value !== undefined && e?.valueFrom !== undefined && e.value !== '') causes.push(invalid(`${here}.valueFrom`, '', 'may not be specified when `value` is not empty'));
    if (e?.value !== undefined && typeof e.value !== 'string') causes.push(invalid(`${here}.value`, e.value, 'must be a string'));
    const ref = e?.valueFrom?.secretKeyRef ?? e?.valueFrom?.configMapKeyRef;
    if (ref) {
      const kind = e.valueFrom.secretKeyRef ? 'secretKeyRef' : 'configMapKeyRef';
      if (!ref.name) causes.push(required(`${here}.valueFrom.${kind}.name`));
      if (!ref.key) causes.push(required(`${here}.valueFrom.${kind}.key`));
      else for (const p of isConfigMapKey(ref.key)) causes.push(invalid(`${here}.valueFrom.${kind}.key`, ref.key, p));
    }
  });
  return causes;
}

function securityContext(sc: any, at: string): Cause[] {
  const causes: Cause[] = [];
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) if (sc?.[f] !== undefined && (!Number.isInteger(sc[f]) || sc[f] < 0)) causes.push(invalid(`${at}.${f}`, sc[f], 'must be between 0 and 2147483647, inclusive'));
  if (sc?.runAsNonRoot === true && sc?.runAsUser === 0) causes.push(invalid(`${at}.runAsNonRoot`, true, 'runAsNonRoot is true but runAsUser is 0'));
  if (sc?.privileged === true && sc?.allowPrivilegeEscalation === false) causes.push(invalid(`${at}`, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  const seccomp = sc?.seccompProfile?.type;
  if (seccomp !== undefined && !['RuntimeDefault', 'Unconfined', 'Localhost'].includes(seccomp)) causes.push(notSupported(`${at}.seccompProfile.type`, seccomp, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  return causes;
}

/** Pod spec checks (ValidatePodSpec subset listed in the module comment). */
export function validatePodSpec(spec: any, at: string): Cause[] {
  const causes: Cause[] = [];
  const volumes = new Set<string>();
  (spec?.volumes ?? []).forEach((v: any, i: number) => {
    const here = `${at}.volumes[${i}]`;
    if (!v?.name) causes.push(required(`${here}.name`));
    else for (const p of isDns1123Label(v.name)) causes.push(invalid(`${here}.name`, v.name, p));
    if (volumes.has(v?.name)) causes.push(duplicate(`${here}.name`, v.name));
    volumes.add(v?.name);
    const sources = VOLUME_SOURCES.filter((s) => v?.[s] !== undefined);
    if (sources.length !== 1) causes.push(sources.length ? forbidden(`${here}.${sources[1]}`, 'may not specify more than 1 volume type') : required(here, 'must specify a volume type'));
    if (v?.configMap && !v.configMap.name) causes.push(required(`${here}.configMap.name`));
    if (v?.secret && !v.secret.secretName) causes.push(required(`${here}.secret.secretName`));
    for (const [j, item] of (v?.configMap?.items ?? v?.secret?.items ?? []).entries()) {
      if (!item.key) causes.push(required(`${here}.items[${j}].key`));
      if (!item.path || item.path.startsWith('/') || item.path.split('/').includes('..')) causes.push(invalid(`${here}.items[${j}].path`, item.path, 'must be a relative path without ..'));
    }
  });
  const containers: any[] = spec?.containers ?? [];
  if (containers.length === 0) causes.push(required(`${at}.containers`));
  const names = new Set<string>();
  const portNames = new Set<string>();
  containers.forEach((c, i) => {
    const here = `${at}.containers[${i}]`;
    if (!c?.name) causes.push(required(`${here}.name`));
    else for (const p of isDns1123Label(c.name)) causes.push(invalid(`${here}.name`, c.name, p));
    if (names.has(c?.name)) causes.push(duplicate(`${here}.name`, c.name));
    names.add(c?.name);
    if (!c?.image || String(c.image).trim() !== c.image) causes.push(required(`${here}.image`));
    if (c?.imagePullPolicy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) causes.push(notSupported(`${here}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
    (c?.ports ?? []).forEach((p: any, j: number) => {
      const pat = `${here}.ports[${j}]`;
      if (!validPort(p?.containerPort)) causes.push(invalid(`${pat}.containerPort`, p?.containerPort ?? 0, 'must be between 1 and 65535, inclusive'));
      if (!PROTOCOLS.includes(p?.protocol ?? 'TCP')) causes.push(notSupported(`${pat}.protocol`, p.protocol, PROTOCOLS));
      if (p?.name !== undefined) {
        for (const problem of isPortName(p.name)) causes.push(invalid(`${pat}.name`, p.name, problem));
        if (portNames.has(p.name)) causes.push(duplicate(`${pat}.name`, p.name));
        portNames.add(p.name);
      }
    });
    causes.push(...probe(c?.livenessProbe, `${here}.livenessProbe`, true), ...probe(c?.readinessProbe, `${here}.readinessProbe`, false), ...probe(c?.startupProbe, `${here}.startupProbe`, true));
    causes.push(...env(c?.env ?? [], `${here}.env`), ...securityContext(c?.securityContext, `${here}.securityContext`));
    (c?.volumeMounts ?? []).forEach((m: any, j: number) => {
      if (!volumes.has(m?.name)) causes.push({ reason: 'FieldValueNotFound' as Cause['reason'], field: `${here}.volumeMounts[${j}].name`, message: `Not found: ${JSON.stringify(m?.name)}` });
      if (!m?.mountPath) causes.push(required(`${here}.volumeMounts[${j}].mountPath`));
    });
    for (const cap of [...(c?.securityContext?.capabilities?.drop ?? []), ...(c?.securityContext?.capabilities?.add ?? [])]) {
      if (typeof cap !== 'string' || !/^[A-Z_]+$/.test(cap)) causes.push(invalid(`${here}.securityContext.capabilities`, cap, 'must be a capability name'));
    }
  });
  causes.push(...securityContext(spec?.securityContext, `${at}.securityContext`));
  (spec?.topologySpreadConstraints ?? []).forEach((t: any, i: number) => {
    const here = `${at}.topologySpreadConstraints[${i}]`;
    if (!Number.isInteger(t?.maxSkew) || t.maxSkew < 1) causes.push(invalid(`${here}.maxSkew`, t?.maxSkew ?? 0, 'must be greater than zero'));
    if (!t?.topologyKey) causes.push(required(`${here}.topologyKey`, 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(t?.whenUnsatisfiable)) causes.push(notSupported(`${here}.whenUnsatisfiable`, t?.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    causes.push(...validateSelector(t?.labelSelector, `${here}.labelSelector`));
  });
  if (spec?.serviceAccountName) for (const p of isDns1123Subdomain(spec.serviceAccountName)) causes.push(invalid(`${at}.serviceAccountName`, spec.serviceAccountName, p));
  if (spec?.terminationGracePeriodSeconds !== undefined && !(Number.isInteger(spec.terminationGracePeriodSeconds) && spec.terminationGracePeriodSeconds >= 0)) {
    causes.push(invalid(`${at}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  }
  if (spec?.automountServiceAccountToken !== undefined && typeof spec.automountServiceAccountToken !== 'boolean') causes.push(invalid(`${at}.automountServiceAccountToken`, spec.automountServiceAccountToken, 'must be a boolean'));
  return causes;
}

/** A label selector's matchLabels keys and values (ValidateLabelSelector). */
export function validateSelector(selector: any, at: string): Cause[] {
  const causes: Cause[] = [];
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) {
    for (const p of isQualifiedName(k)) causes.push(invalid(`${at}.matchLabels`, k, p));
    for (const p of isLabelValue(String(v))) causes.push(invalid(`${at}.matchLabels`, v, p));
  }
  return causes;
}

/** Whether `selector` (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist) selects `labels`. */
export function selects(selector: any, labels: Record<string, string> = {}): boolean {
  const byLabels = Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpr = (selector?.matchExpressions ?? []).every((e: any) =>
    e.operator === 'In' ? e.values.includes(labels[e.key]) : e.operator === 'NotIn' ? !e.values.includes(labels[e.key]) : e.operator === 'Exists' ? e.key in labels : !(e.key in labels));
  return byLabels && byExpr;
}

const intOrPercent = (v: unknown): boolean => (Number.isInteger(v) && (v as number) >= 0) || (typeof v === 'string' && /^\d+%$/.test(v) && Number(v.slice(0, -1)) <= 100);
const isZero = (v: unknown): boolean => v === 0 || v === '0%';

function defaultDeployment(obj: KubeObject): void {
  const spec = (obj.spec ??= {});
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= { type: 'RollingUpdate' };
  if (spec.strategy.type === 'RollingUpdate') spec.strategy.rollingUpdate = { maxUnavailable: '25%', maxSurge: '25%', ...spec.strategy.rollingUpdate };
  const pod = (spec.template ??= {}).spec ??= {};
  pod.restartPolicy ??= 'Always';
  pod.dnsPolicy ??= 'ClusterFirst';
  pod.schedulerName ??= 'default-scheduler';
  pod.terminationGracePeriodSeconds ??= 30;
  for (const c of pod.containers ?? []) {
    c.terminationMessagePath ??= '/dev/termination-log';
    c.imagePullPolicy ??= String(c.image ?? '').endsWith(':latest') || !String(c.image ?? '').includes(':') ? 'Always' : 'IfNotPresent';
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  }
  obj.status ??= {};
}

function validateDeployment(obj: KubeObject, old: KubeObject | undefined): Cause[] {
  const causes: Cause[] = [];
  const spec = obj.spec ?? {};
  const selector = spec.selector;
  if (!selector) causes.push(required('spec.selector'));
  else if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) causes.push(invalid('spec.selector', selector, 'empty selector is invalid for deployment'));
  else causes.push(...validateSelector(selector, 'spec.selector'));
  const labels = spec.template?.metadata?.labels ?? {};
  if (selector && !selects(selector, labels)) causes.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  for (const f of ['replicas', 'revisionHistoryLimit']) if (!Number.isInteger(spec[f]) || spec[f] < 0) causes.push(invalid(`spec.${f}`, spec[f], 'must be greater than or equal to 0'));
  const strategy = spec.strategy ?? {};
  if (!['Recreate', 'RollingUpdate'].includes(strategy.type)) causes.push(notSupported('spec.strategy.type', strategy.type, ['Recreate', 'RollingUpdate']));
  if (strategy.type === 'Recreate' && strategy.rollingUpdate) causes.push(forbidden('spec.strategy.rollingUpdate', 'may not be specified when strategy `type` is \'Recreate\''));
  const ru = strategy.type === 'RollingUpdate' ? strategy.rollingUpdate ?? {} : undefined;
  if (ru) {
    for (const f of ['maxUnavailable', 'maxSurge']) if (!intOrPercent(ru[f])) causes.push(invalid(`spec.strategy.rollingUpdate.${f}`, ru[f], 'must be a non-negative integer or a percentage of at most 100%'));
    if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) causes.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  const pod = spec.template?.spec;
  if (!pod) causes.push(required('spec.template.spec'));
  else {
    if (pod.restartPolicy !== 'Always') causes.push(notSupported('spec.template.spec.restartPolicy', pod.restartPolicy, ['Always']));
    causes.push(...validatePodSpec(pod, 'spec.template.spec'));
  }
  for (const [k, v] of Object.entries(spec.template?.metadata?.annotations ?? {})) {
    for (const p of isQualifiedName(k.toLowerCase())) causes.push(invalid('spec.template.metadata.annotations', k, p));
    if (typeof v !== 'string') causes.push(invalid('spec.template.metadata.annotations', v, 'must be a string'));
  }
  if (old && JSON.stringify(old.spec?.selector) !== JSON.stringify(selector)) causes.push(invalid('spec.selector', selector, 'field is immutable'));
  return causes;
}

/** apps/v1 Deployment. */
export const deploymentKind = (): KindSpec => ({
  group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, generation: true,
  defaults: defaultDeployment, validate: validateDeployment,
});
