/**
 * More kinds for the fake Kubernetes API server, with the real server's
 * defaults and field errors:
 *
 * - core/v1 Secret (ValidateSecret: keys, 1 MiB, type immutable; stringData
 *   folded into data as the server does);
 * - policy/v1 PodDisruptionBudget (ValidatePodDisruptionBudgetSpec:
 *   minAvailable xor maxUnavailable, non-negative int or percentage ≤ 100%);
 * - autoscaling/v2 HorizontalPodAutoscaler (validateHorizontalPodAutoscalerSpec:
 *   scaleTargetRef kind and name, 1 ≤ minReplicas ≤ maxReplicas, Resource
 *   metrics with a name and a target);
 * - rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding,
 *   ClusterRoleBinding (pkg/apis/rbac/validation: verbs and apiGroups
 *   required, no nonResourceURLs in a Role, roleRef kind/apiGroup/name,
 *   ServiceAccount subjects with a namespace, roleRef immutable);
 * - monitoring.coreos.com/v1 ServiceMonitor, as the prometheus-operator CRD's
 *   OpenAPI schema checks it (selector and endpoints, interval pattern); only
 *   served once registered (`registerKind(serviceMonitorKind())`), as a
 *   cluster without the CRD answers 404.
 */
import { forbidden, invalid, type KindSpec, type KubeObject, notSupported, required, type Cause } from './fake-kube-apiserver-kinds.ts';
import { isConfigMapKey, isDns1123Subdomain } from './fake-kube-apiserver-names.ts';
import { validateSelector } from './fake-kube-apiserver-pods.ts';
import { badRequest } from './fake-kube-apiserver-status.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function defaultSecret(obj: KubeObject): void {
  obj.type ??= 'Opaque';
  for (const [k, v] of Object.entries(obj.data ?? {})) {
    if (typeof v !== 'string' || v.length % 4 !== 0 || !BASE64.test(v)) throw badRequest(`error decoding body: illegal base64 data in data[${JSON.stringify(k)}]`);
  }
  if (obj.stringData) {
    obj.data = { ...obj.data, ...Object.fromEntries(Object.entries(obj.stringData).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')])) };
    delete obj.stringData;
  }
}

function validateSecret(obj: KubeObject, old: KubeObject | undefined): Cause[] {
  const causes: Cause[] = [];
  let bytes = 0;
  for (const [k, v] of Object.entries(obj.data ?? {})) {
    for (const p of isConfigMapKey(k)) causes.push(invalid(`data[${k}]`, k, p));
    bytes += Buffer.from(String(v), 'base64').length;
  }
  if (bytes > 1048576) causes.push({ reason: 'FieldValueTooLong', field: 'data', message: 'Too long: must have at most 1048576 bytes' });
  if (old && old.type !== obj.type) causes.push(invalid('type', obj.type, 'field is immutable'));
  return causes;
}

const intOrPercent = (v: unknown): boolean => (Number.isInteger(v) && (v as number) >= 0) || (typeof v === 'string' && /^\d+%$/.test(v) && Number(v.slice(0, -1)) <= 100);

function validatePdb(obj: KubeObject): Cause[] {
  const causes: Cause[] = [];
  const spec = obj.spec ?? {};
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) causes.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (spec[f] !== undefined && !intOrPercent(spec[f])) causes.push(invalid(`spec.${f}`, spec[f], 'must be greater than or equal to 0, or a percentage between 0% and 100%'));
  }
  if (spec.unhealthyPodEvictionPolicy !== undefined && !['AlwaysAllow', 'IfHealthyBudget'].includes(spec.unhealthyPodEvictionPolicy)) {
    causes.push(notSupported('spec.unhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return [...causes, ...validateSelector(spec.selector, 'spec.selector')];
}

function validateHpa(obj: KubeObject): Cause[] {
  const causes: Cause[] = [];
  const spec = obj.spec ?? {};
  const ref = spec.scaleTargetRef ?? {};
  if (!ref.kind) causes.push(required('spec.scaleTargetRef.kind'));
  if (!ref.name) causes.push(required('spec.scaleTargetRef.name'));
  else for (const p of isDns1123Subdomain(ref.name)) causes.push(invalid('spec.scaleTargetRef.name', ref.name, p));
  const min = spec.minReplicas ?? 1;
  if (!Number.isInteger(min) || min < 1) causes.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (!Number.isInteger(spec.maxReplicas) || spec.maxReplicas < 1) causes.push(invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'));
  else if (spec.maxReplicas < min) causes.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  (spec.metrics ?? []).forEach((m: any, i: number) => {
    const at = `spec.metrics[${i}]`;
    const types = ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'];
    if (!types.includes(m?.type)) return void causes.push(notSupported(`${at}.type`, m?.type, types));
    if (m.type !== 'Resource') return;
    if (!m.resource?.name) causes.push(required(`${at}.resource.name`));
    const target = m.resource?.target ?? {};
    if (target.type === 'Utilization') {
      if (!Number.isInteger(target.averageUtilization) || target.averageUtilization < 1) causes.push(invalid(`${at}.resource.target.averageUtilization`, target.averageUtilization ?? 0, 'must be greater than 0'));
    } else if (!['Value', 'AverageValue'].includes(target.type)) causes.push(notSupported(`${at}.resource.target.type`, target.type, ['AverageValue', 'Utilization', 'Value']));
  });
  return causes;
}

function validateRole(namespaced: boolean): (obj: KubeObject) => Cause[] {
  return (obj) => {
    const causes: Cause[] = [];
    (obj.rules ?? []).forEach((r: any, i: number) => {
      const at = `rules[${i}]`;
      if (!(r?.verbs?.length > 0)) causes.push(required(`${at}.verbs`, 'verbs must contain at least one value'));
      if (r?.nonResourceURLs?.length) {
        if (namespaced) causes.push(invalid(`${at}.nonResourceURLs`, r.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
        if (r.apiGroups?.length || r.resources?.length) causes.push(invalid(`${at}.nonResourceURLs`, r.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
      } else {
        if (!(r?.apiGroups?.length > 0)) causes.push(required(`${at}.apiGroups`, 'resource rules must supply at least one api group'));
        if (!(r?.resources?.length > 0)) causes.push(required(`${at}.resources`, 'resource rules must supply at least one resource'));
      }
    });
    return causes;
  };
}

function validateBinding(namespaced: boolean): (obj: KubeObject, old: KubeObject | undefined) => Cause[] {
  return (obj, old) => {
    const causes: Cause[] = [];
    const ref = obj.roleRef ?? {};
    if (ref.apiGroup !== 'rbac.authorization.k8s.io') causes.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', ['rbac.authorization.k8s.io']));
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (!kinds.includes(ref.kind)) causes.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
    if (!ref.name) causes.push(required('roleRef.name'));
    (obj.subjects ?? []).forEach((s: any, i: number) => {
      const at = `subjects[${i}]`;
      if (!s?.name) causes.push(required(`${at}.name`));
      if (s?.kind === 'ServiceAccount') {
        if (s.apiGroup) causes.push(notSupported(`${at}.apiGroup`, s.apiGroup, ['']));
        if (!s.namespace && !namespaced) causes.push(required(`${at}.namespace`));
      } else if (s?.kind === 'User' || s?.kind === 'Group') {
        if (s.apiGroup !== 'rbac.authorization.k8s.io') causes.push(notSupported(`${at}.apiGroup`, s.apiGroup ?? '', ['rbac.authorization.k8s.io']));
      } else causes.push(notSupported(`${at}.kind`, s?.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    });
    if (old && JSON.stringify(old.roleRef) !== JSON.stringify(obj.roleRef)) causes.push(invalid('roleRef', obj.roleRef, 'cannot change roleRef'));
    return causes;
  };
}

const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

function validateServiceMonitor(obj: KubeObject): Cause[] {
  const causes: Cause[] = [];
  const spec = obj.spec;
  if (!spec) return [required('spec')];
  if (!spec.selector || typeof spec.selector !== 'object') causes.push(required('spec.selector'));
  else causes.push(...validateSelector(spec.selector, 'spec.selector'));
  (spec.endpoints ?? []).forEach((e: any, i: number) => {
    const at = `spec.endpoints[${i}]`;
    if (e?.port !== undefined && typeof e.port !== 'string') causes.push(invalid(`${at}.port`, e.port, `${at}.port in body must be of type string`));
    if (e?.interval !== undefined && !DURATION.test(String(e.interval))) causes.push(invalid(`${at}.interval`, e.interval, `${at}.interval in body should match '${DURATION.source}'`));
    if (e?.scheme !== undefined && !['http', 'https'].includes(e.scheme)) causes.push(notSupported(`${at}.scheme`, e.scheme, ['http', 'https']));
    if (e?.port !== undefined && e?.targetPort !== undefined) causes.push(forbidden(at, 'port and targetPort are mutually exclusive'));
  });
  return causes;
}

/** The kinds this module adds (ServiceMonitor apart: see `serviceMonitorKind`). */
export function policyKinds(): KindSpec[] {
  const rbac = 'rbac.authorization.k8s.io';
  return [
    { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, defaults: defaultSecret, validate: validateSecret },
    { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, generation: true, validate: validatePdb },
    {
      group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true,
      defaults: (o) => void ((o.spec ??= {}).minReplicas ??= 1), validate: validateHpa,
    },
    { group: rbac, version: 'v1', resource: 'roles', kind: 'Role', namespaced: true, validate: validateRole(true) },
    { group: rbac, version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false, validate: validateRole(false) },
    { group: rbac, version: 'v1', resource: 'rolebindings', kind: 'RoleBinding', namespaced: true, validate: validateBinding(true) },
    { group: rbac, version: 'v1', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false, validate: validateBinding(false) },
  ];
}

/** monitoring.coreos.com/v1 ServiceMonitor (the prometheus-operator CRD). */
export const serviceMonitorKind = (): KindSpec => ({ group: 'monitoring.coreos.com', version: 'v1', resource: 'servicemonitors', kind: 'ServiceMonitor', namespaced: true, generation: true, validate: validateServiceMonitor });
