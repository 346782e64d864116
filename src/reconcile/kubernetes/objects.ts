/**
 * Kubernetes objects as the plan sees them: the fields cloudmap-dns manages
 * on each object (its "managed projection"), desired from Cloud Map state
 * and read back from the API server in the same normal form, so a re-read
 * is not a change and fields the server or others add are left alone.
 *
 * An object is ours when it carries `app.kubernetes.io/managed-by:
 * cloudmap-dns` (Kubernetes recommended labels); nothing else is changed or
 * deleted.
 */
import type { ChangeCheck } from '../plan.ts';

/** Label that marks what cloudmap-dns owns. */
export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGER = 'cloudmap-dns';
/** Labels naming the Cloud Map namespace and service (ids: always valid label values). */
export const NAMESPACE_ID_LABEL = 'cloudmap-dns/namespace-id';
export const SERVICE_ID_LABEL = 'cloudmap-dns/service-id';
/** Annotations with the Cloud Map names (free text). */
export const NAMESPACE_NAME_ANNOTATION = 'cloudmap-dns/namespace-name';
export const SERVICE_NAME_ANNOTATION = 'cloudmap-dns/service-name';
export const DNS_NAME_ANNOTATION = 'cloudmap-dns/dns-name';
/** EndpointSlice labels (discovery.k8s.io/v1): the Service it belongs to, and the controller that manages it. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const SLICE_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

/** Kinds the Kubernetes and Corefile providers write. */
export type ManagedKind = 'Service' | 'EndpointSlice' | 'ConfigMap';

/** A Kubernetes object reduced to what we manage. */
export interface ManagedObject {
  kind: ManagedKind;
  namespace: string;
  name: string;
  /** Labels we set (desired), or all labels (current). */
  labels: Record<string, string>;
  /** Annotations we set (desired), or all annotations (current). */
  annotations: Record<string, string>;
  /**
   * Managed top-level fields in normal form: Service `spec`;
   * EndpointSlice `addressType`, `endpoints`, `ports`; ConfigMap `data`.
   */
  fields: Record<string, unknown>;
  /** The object as read (current items only): the base of an update, and the uid/resourceVersion of a delete. */
  raw?: KubeObject;
}

/** A Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [field: string]: unknown;
}

/** Identity: kind, namespace and name. */
export function objectKey(o: Pick<ManagedObject, 'kind' | 'namespace' | 'name'>): string {
  return `${o.kind}/${o.namespace}/${o.name}`;
}

/** True when the object carries our managed-by label. */
export function isOwned(raw: KubeObject): boolean {
  return raw.metadata?.labels?.[MANAGED_BY] === MANAGER;
}

const subset = (want: Record<string, string>, have: Record<string, string>): boolean => Object.entries(want).every(([k, v]) => have[k] === v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Named check: a label we set is missing or different (others' labels are ignored). */
export const labelsCheck: ChangeCheck<ManagedObject> = { name: 'labels', changed: (c, d) => !subset(d.labels, c.labels) };
/** Named check: an annotation we set is missing or different. */
export const annotationsCheck: ChangeCheck<ManagedObject> = { name: 'annotations', changed: (c, d) => !subset(d.annotations, c.annotations) };
const fieldCheck = (field: string): ChangeCheck<ManagedObject> => ({
  name: field,
  changed: (c, d) => field in d.fields && !same(c.fields[field], d.fields[field]),
});
/** Named check: a ConfigMap key we write is missing or different (other keys are someone else's). */
export const dataCheck: ChangeCheck<ManagedObject> = {
  name: 'data',
  changed: (c, d) => 'data' in d.fields && !subset(d.fields.data as Record<string, string>, (c.fields.data ?? {}) as Record<string, string>),
};
/** Every check the Kubernetes plan runs, in order. */
export const OBJECT_CHECKS: readonly ChangeCheck<ManagedObject>[] = [
  labelsCheck, annotationsCheck, fieldCheck('spec'), fieldCheck('addressType'), fieldCheck('endpoints'), fieldCheck('ports'), dataCheck,
];

interface PortSpec {
  name?: string;
  port?: number;
  protocol?: string;
  targetPort?: number | string;
}

/** Service or EndpointSlice ports in normal form, sorted by name then port; `withTarget` adds Service targetPort (default: port). */
export const normalPorts = (ports: PortSpec[] | undefined, withTarget: boolean): PortSpec[] =>
  (ports ?? [])
    .map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(withTarget ? { targetPort: p.targetPort ?? p.port } : {}) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.port ?? 0) - (b.port ?? 0)));

/** Service `spec` in normal form (the fields we manage: type, clusterIP, externalName, ports). */
export function normalServiceSpec(spec: Record<string, any> | undefined): Record<string, unknown> {
  const type = spec?.type ?? 'ClusterIP';
  if (type === 'ExternalName') return { type, externalName: String(spec?.externalName ?? '').replace(/\.$/, '').toLowerCase() };
  return { type, clusterIP: spec?.clusterIP === 'None' ? 'None' : 'assigned', ports: normalPorts(spec?.ports, true) };
}

interface EndpointSpec {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
}

/** EndpointSlice `endpoints` in normal form: sorted by address; conditions default as the API documents (nil ready = ready). */
export function normalEndpoints(endpoints: EndpointSpec[] | null | undefined): unknown[] {
  return (endpoints ?? [])
    .map((e) => ({
      addresses: [...(e.addresses ?? [])].sort(),
      conditions: { ready: e.conditions?.ready ?? true, serving: e.conditions?.serving ?? e.conditions?.ready ?? true, terminating: e.conditions?.terminating ?? false },
      ...(e.hostname ? { hostname: e.hostname } : {}),
    }))
    .sort((a, b) => (a.addresses[0]! < b.addresses[0]! ? -1 : a.addresses[0]! > b.addresses[0]! ? 1 : 0));
}

/** An object read from the API server, reduced to the managed projection. */
export function fromKube(kind: ManagedKind, raw: KubeObject): ManagedObject {
  const fields: Record<string, unknown> = {};
  if (kind === 'Service') fields.spec = normalServiceSpec(raw.spec as Record<string, unknown>);
  if (kind === 'EndpointSlice') {
    fields.addressType = raw.addressType;
    fields.endpoints = normalEndpoints(raw.endpoints as EndpointSpec[]);
    fields.ports = normalPorts(raw.ports as PortSpec[], false);
  }
  if (kind === 'ConfigMap') fields.data = raw.data ?? {};
  return {
    kind,
    namespace: raw.metadata?.namespace ?? '',
    name: raw.metadata?.name ?? '',
    labels: { ...raw.metadata?.labels },
    annotations: { ...raw.metadata?.annotations },
    fields,
    raw,
  };
}

const API_VERSION: Record<ManagedKind, string> = { Service: 'v1', EndpointSlice: 'discovery.k8s.io/v1', ConfigMap: 'v1' };

/** Writes the managed projection into the fields of a full object. */
function managedFields(o: ManagedObject): Record<string, unknown> {
  if (o.kind === 'Service') {
    const spec = o.fields.spec as Record<string, any>;
    if (spec.type === 'ExternalName') return { spec: { type: 'ExternalName', externalName: spec.externalName } };
    return { spec: { type: spec.type, clusterIP: spec.clusterIP === 'None' ? 'None' : undefined, ports: spec.ports } };
  }
  if (o.kind === 'EndpointSlice') return { addressType: o.fields.addressType, endpoints: o.fields.endpoints, ports: o.fields.ports };
  return { data: o.fields.data };
}

/** The full object to create for a desired item. */
export function toKube(o: ManagedObject): KubeObject {
  return {
    apiVersion: API_VERSION[o.kind],
    kind: o.kind,
    metadata: { name: o.name, namespace: o.namespace, labels: o.labels, annotations: o.annotations },
    ...JSON.parse(JSON.stringify(managedFields(o))),
  };
}

/**
 * The body of an update: `base` (the object as last read, with its
 * resourceVersion for optimistic concurrency) with our labels, annotations
 * and managed fields written over it; everything else is kept.
 */
export function mergeInto(base: KubeObject, desired: ManagedObject): KubeObject {
  const out: KubeObject = structuredClone(base);
  out.metadata = { ...out.metadata, labels: { ...out.metadata?.labels, ...desired.labels }, annotations: { ...out.metadata?.annotations, ...desired.annotations } };
  const fields = JSON.parse(JSON.stringify(managedFields(desired))) as Record<string, any>;
  if (desired.kind === 'Service') {
    const spec = { ...(out.spec as Record<string, unknown>) };
    if (fields.spec.type === 'ExternalName') {
      for (const k of ['clusterIP', 'clusterIPs', 'ports', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy']) delete spec[k];
    }
    out.spec = { ...spec, ...fields.spec };
  } else if (desired.kind === 'ConfigMap') {
    out.data = { ...(out.data as Record<string, string>), ...fields.data };
  } else {
    Object.assign(out, fields);
  }
  return out;
}
