/**
 * The kinds the fake Kubernetes API server serves: where each lives
 * (group/version/resource), its server-side defaults, and its validation
 * with the real server's field errors (k8s.io/kubernetes/pkg/apis/{core,discovery}/validation).
 *
 * Modelled closely: core/v1 Namespace, Service, ConfigMap and
 * discovery.k8s.io/v1 EndpointSlice here; apps/v1 Deployment in
 * `fake-kube-apiserver-pods.ts`; Secret, PodDisruptionBudget,
 * HorizontalPodAutoscaler and RBAC in `fake-kube-apiserver-policy.ts` (with
 * the ServiceMonitor CRD to register). Any other kind can be registered as
 * `genericKind(...)`: object metadata is validated (name, labels,
 * annotations) and the rest is stored as given.
 */
import { isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isIPv4Address, isIPv6Address, isLabelValue, isNonSpecialIP, isQualifiedName } from './fake-kube-apiserver-names.ts';
import { isIP } from 'node:net';
import { deploymentKind } from './fake-kube-apiserver-pods.ts';
import { policyKinds } from './fake-kube-apiserver-policy.ts';

/** A Kubernetes object as JSON. */
export type KubeObject = { apiVersion?: string; kind?: string; metadata: Meta; [field: string]: any };

/** `ObjectMeta` fields the server reads or sets. */
export interface Meta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** One field error (`StatusCause`). */
export interface Cause {
  reason: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueTooMany' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueNotFound';
  /** Text after the field path, e.g. `Required value`. */
  message: string;
  field: string;
}

const q = (v: unknown): string => JSON.stringify(v);
export const required = (field: string, detail = ''): Cause => ({ reason: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' });
export const invalid = (field: string, value: unknown, detail: string): Cause => ({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${q(value)}: ${detail}` });
export const notSupported = (field: string, value: unknown, supported: string[]): Cause => ({
  reason: 'FieldValueNotSupported', field, message: `Unsupported value: ${q(value)}: supported values: ${supported.map((s) => q(s)).join(', ')}`,
});
export const duplicate = (field: string, value: unknown): Cause => ({ reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${q(value)}` });
export const tooMany = (field: string, n: number, max: number): Cause => ({ reason: 'FieldValueTooMany', field, message: `Too many: ${n}: must have at most ${max} items` });
export const forbidden = (field: string, detail: string): Cause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` });

/** Where a kind is served and how it is checked. */
export interface KindSpec {
  /** API group, '' for core. */
  group: string;
  version: string;
  /** Plural lowercase resource name in URLs. */
  resource: string;
  kind: string;
  namespaced: boolean;
  /** Name check (the kind's `ValidateXxxName`). @default isDns1123Subdomain */
  validateName?: (name: string) => string[];
  /** Server-side defaults, applied on create and update; `old` on update. Mutates `obj`. */
  defaults?: (obj: KubeObject, old: KubeObject | undefined, server: { allocateClusterIP(): string }) => void;
  /** Kind-specific validation on create (`old` undefined) and update. */
  validate?: (obj: KubeObject, old: KubeObject | undefined) => Cause[];
  /** Field selector paths beyond metadata.name and metadata.namespace, with their getters. */
  fields?: Record<string, (obj: KubeObject) => string>;
  /** DELETE answers the deleted object (true) or a Success Status (false). @default false */
  deleteReturnsObject?: boolean;
  /** The server keeps `metadata.generation`, bumped on spec changes. */
  generation?: boolean;
}

/** `apiVersion` of a kind (`v1`, `discovery.k8s.io/v1`). */
export const apiVersionOf = (k: Pick<KindSpec, 'group' | 'version'>): string => (k.group ? `${k.group}/${k.version}` : k.version);

/** A kind with metadata validation only. */
export function genericKind(group: string, version: string, resource: string, kind: string, namespaced = true): KindSpec {
  return { group, version, resource, kind, namespaced };
}

/** Object metadata checks every kind gets (`ValidateObjectMeta`). */
export function validateMeta(spec: KindSpec, meta: Meta): Cause[] {
  const causes: Cause[] = [];
  const validateName = spec.validateName ?? isDns1123Subdomain;
  if (!meta.name) {
    if (!meta.generateName) causes.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const p of validateName(meta.name)) causes.push(invalid('metadata.name', meta.name, p));
  }
  if (spec.namespaced && !meta.namespace) causes.push(required('metadata.namespace'));
  for (const [key, value] of Object.entries(meta.labels ?? {})) {
    for (const p of isQualifiedName(key)) causes.push(invalid('metadata.labels', key, p));
    if (typeof value !== 'string') causes.push(invalid(`metadata.labels`, value, 'must be a string'));
    else for (const p of isLabelValue(value)) causes.push(invalid('metadata.labels', value, p));
  }
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(meta.annotations ?? {})) {
    for (const p of isQualifiedName(key.toLowerCase())) causes.push(invalid('metadata.annotations', key, p));
    annotationBytes += key.length + String(value).length;
  }
  if (annotationBytes > 262144) causes.push({ reason: 'FieldValueTooLong', field: 'metadata.annotations', message: 'Too long: must have at most 262144 bytes' });
  return causes;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function defaultService(obj: KubeObject, old: KubeObject | undefined, server: { allocateClusterIP(): string }): void {
  const spec = (obj.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  for (const port of spec.ports ?? []) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
  }
  obj.status ??= { loadBalancer: {} };
  if (spec.type === 'ExternalName') return;
  spec.internalTrafficPolicy ??= 'Cluster';
  if (old && !spec.clusterIP && old.spec?.type !== 'ExternalName') {
    spec.clusterIP = old.spec?.clusterIP;
    spec.clusterIPs = old.spec?.clusterIPs;
  }
  if (!spec.clusterIP) spec.clusterIP = server.allocateClusterIP();
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= [spec.clusterIP !== 'None' && isIP(spec.clusterIP) === 6 ? 'IPv6' : 'IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
}

function validateService(obj: KubeObject, old: KubeObject | undefined): Cause[] {
  const causes: Cause[] = [];
  const spec = obj.spec ?? {};
  if (!SERVICE_TYPES.includes(spec.type)) causes.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  const headless = spec.clusterIP === 'None';
  const ports: any[] = spec.ports ?? [];
  if (spec.type === 'ExternalName') {
    if (spec.clusterIP) causes.push(forbidden('spec.clusterIP', 'may not be set for ExternalName services'));
    const name = String(spec.externalName ?? '').replace(/\.$/, '');
    if (!name) causes.push(required('spec.externalName'));
    else for (const p of isDns1123Subdomain(name)) causes.push(invalid('spec.externalName', spec.externalName, p));
  } else if (ports.length === 0 && !headless) {
    causes.push(required('spec.ports'));
  }
  if (spec.clusterIP && spec.clusterIP !== 'None' && !isIP(spec.clusterIP)) causes.push(invalid('spec.clusterIPs[0]', spec.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !port.name) causes.push(required(`${at}.name`));
    if (port.name) for (const p of isDns1123Label(port.name)) causes.push(invalid(`${at}.name`, port.name, p));
    if (port.name !== undefined && names.has(port.name)) causes.push(duplicate(`${at}.name`, port.name));
    names.add(port.name);
    if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535) causes.push(invalid(`${at}.port`, port.port ?? 0, 'must be between 1 and 65535, inclusive'));
    if (!PROTOCOLS.includes(port.protocol)) causes.push(notSupported(`${at}.protocol`, port.protocol, PROTOCOLS));
  });
  for (const [key, value] of Object.entries(spec.selector ?? {})) {
    for (const p of isQualifiedName(key)) causes.push(invalid('spec.selector', key, p));
    for (const p of isLabelValue(String(value))) causes.push(invalid('spec.selector', value, p));
  }
  if (old && old.spec?.type !== 'ExternalName' && spec.type !== 'ExternalName' && old.spec?.clusterIP && spec.clusterIP !== old.spec.clusterIP) {
    causes.push(invalid('spec.clusterIPs[0]', [spec.clusterIP], 'may not change once set'));
  }
  return causes;
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

function defaultEndpointSlice(obj: KubeObject): void {
  if (!('endpoints' in obj)) obj.endpoints = null;
  for (const port of obj.ports ?? []) {
    port.protocol ??= 'TCP';
    port.name ??= '';
  }
}

function validateEndpointSlice(obj: KubeObject, old: KubeObject | undefined): Cause[] {
  const causes: Cause[] = [];
  const type = obj.addressType;
  if (!type) causes.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(type)) causes.push(notSupported('addressType', type, ADDRESS_TYPES));
  const endpoints: any[] = obj.endpoints ?? [];
  if (endpoints.length > 1000) causes.push(tooMany('endpoints', endpoints.length, 1000));
  else endpoints.forEach((ep, i) => {
    const at = `endpoints[${i}].addresses`;
    const addresses: unknown[] = ep?.addresses ?? [];
    if (addresses.length === 0) causes.push(required(at, 'must contain at least 1 address'));
    else if (addresses.length > 100) causes.push(tooMany(at, addresses.length, 100));
    addresses.forEach((address, j) => {
      const a = String(address);
      const problems = type === 'IPv4' ? [...isIPv4Address(a), ...(isIPv4Address(a).length ? [] : isNonSpecialIP(a))]
        : type === 'IPv6' ? [...isIPv6Address(a), ...(isIPv6Address(a).length ? [] : isNonSpecialIP(a))]
        : type === 'FQDN' ? isDns1123Subdomain(a) : [];
      for (const p of problems) causes.push(invalid(`${at}[${j}]`, a, p));
    });
    if (ep?.hostname !== undefined) for (const p of isDns1123Label(ep.hostname)) causes.push(invalid(`endpoints[${i}].hostname`, ep.hostname, p));
  });
  const ports: any[] = obj.ports ?? [];
  if (ports.length > 100) causes.push(tooMany('ports', ports.length, 100));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    if (port.name) for (const p of isDns1123Label(port.name)) causes.push(invalid(`ports[${i}].name`, port.name, p));
    if (names.has(port.name)) causes.push(duplicate(`ports[${i}].name`, port.name));
    names.add(port.name);
    if (!PROTOCOLS.includes(port.protocol)) causes.push(notSupported(`ports[${i}].protocol`, port.protocol, PROTOCOLS));
    if (port.port !== undefined && port.port !== null && (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535)) {
      causes.push(invalid(`ports[${i}].port`, port.port, 'must be between 1 and 65535, inclusive'));
    }
  });
  if (old && old.addressType !== type) causes.push(invalid('addressType', type, 'field is immutable'));
  return causes;
}

function validateConfigMap(obj: KubeObject, old: KubeObject | undefined): Cause[] {
  const causes: Cause[] = [];
  let bytes = 0;
  for (const field of ['data', 'binaryData'] as const) {
    for (const [key, value] of Object.entries(obj[field] ?? {})) {
      for (const p of isConfigMapKey(key)) causes.push(invalid(`${field}[${key}]`, key, p));
      if (field === 'data' && typeof value !== 'string') causes.push(invalid(`data[${key}]`, value, 'must be a string'));
      bytes += key.length + String(value).length;
    }
  }
  for (const key of Object.keys(obj.data ?? {})) if (obj.binaryData && key in obj.binaryData) causes.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
  if (bytes > 1048576) causes.push({ reason: 'FieldValueTooLong', field: '', message: 'Too long: must have at most 1048576 bytes' });
  if (old?.immutable === true) {
    if (JSON.stringify(old.data ?? {}) !== JSON.stringify(obj.data ?? {})) causes.push(forbidden('data', 'field is immutable when `immutable` is set'));
    if (obj.immutable !== true) causes.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  }
  return causes;
}

/** The kinds every fake server starts with. */
export function builtinKinds(): KindSpec[] {
  return [
    {
      group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, validateName: isDns1123Label, deleteReturnsObject: true,
      defaults: (obj) => {
        obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
        obj.spec ??= { finalizers: ['kubernetes'] };
        obj.status ??= { phase: 'Active' };
      },
      fields: { 'status.phase': (o) => o.status?.phase ?? '' },
    },
    {
      group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true, validateName: isDns1035Label, deleteReturnsObject: true,
      defaults: defaultService, validate: validateService,
      fields: { 'spec.clusterIP': (o) => o.spec?.clusterIP ?? '', 'spec.type': (o) => o.spec?.type ?? '' },
    },
    { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, validate: validateConfigMap },
    {
      group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true, generation: true,
      defaults: defaultEndpointSlice, validate: validateEndpointSlice,
    },
    genericKind('', 'v1', 'serviceaccounts', 'ServiceAccount'),
    genericKind('', 'v1', 'pods', 'Pod'),
    deploymentKind(),
    genericKind('apps', 'v1', 'statefulsets', 'StatefulSet'),
    genericKind('apps', 'v1', 'daemonsets', 'DaemonSet'),
    genericKind('coordination.k8s.io', 'v1', 'leases', 'Lease'),
    ...policyKinds(),
  ];
}
