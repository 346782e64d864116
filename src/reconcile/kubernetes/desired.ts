/**
 * The Kubernetes objects that mirror Cloud Map services (KECS and
 * aws-cloud-map-mcs-controller-for-k8s are the models), built from the
 * RRset layer so addresses and health follow Cloud Map's record rules.
 *
 * Per service of a DNS namespace, in one configurable Kubernetes namespace:
 * - a headless Service `sd-<service>` (clusterIP None, no selector) with
 *   labels naming the Cloud Map namespace and service and
 *   `app.kubernetes.io/managed-by: cloudmap-dns`, and one port
 *   `port-<N>` per distinct instance port;
 * - EndpointSlices `sd-<service>-<ipv4|ipv6|fqdn>[-<port>][-<n>]`
 *   (`kubernetes.io/service-name`, `endpointslice.kubernetes.io/managed-by`),
 *   one per address family and port, at most 100 endpoints each: addresses
 *   from the A / AAAA / CNAME records, the port from the SRV record or
 *   AWS_INSTANCE_PORT, `conditions.ready` from health, `hostname` = instance
 *   id when it is a DNS label;
 * - optionally an ExternalName Service `<service>` → `<service>.<namespace>`
 *   (KECS's alias), so pods can use the short name.
 *
 * Kubernetes names are DNS-1035 labels (≤ 63 characters): the service name
 * lowercased, other characters turned into `-`, cut with a hash when too
 * long. When two Cloud Map services map to one name, the older service keeps
 * it and the other gets a suffix from its namespace id, so names never move.
 */
import { serviceRecordName, serviceRRsets } from '../../dns/rrsets.ts';
import type { Instance, Namespace, Service } from '../../model/types.ts';
import { ReservedAttributes } from '../../model/types.ts';
import { type CloudMapState, dnsNamespaces } from '../state.ts';
import {
  DNS_NAME_ANNOTATION, MANAGED_BY, MANAGER, type ManagedObject, NAMESPACE_ID_LABEL, NAMESPACE_NAME_ANNOTATION, normalEndpoints, normalPorts,
  normalServiceSpec, SERVICE_ID_LABEL, SERVICE_NAME_ANNOTATION, SERVICE_NAME_LABEL, SLICE_MANAGED_BY,
} from './objects.ts';

/** Options of the Kubernetes mirror. */
export interface MirrorOptions {
  /** Kubernetes namespace of every object. @default 'default' */
  namespace?: string;
  /** Also create the ExternalName alias Service `<service>`. @default false */
  alias?: boolean;
}

/** Endpoints per EndpointSlice (the EndpointSlice controller's default; the API allows 1,000). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A short stable hash (FNV-1a, 8 hex digits). */
function hash8(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** `prefix + text` as a DNS-1035 label of at most 63 characters; `key` feeds the hash when cut. */
export function kubeName(prefix: string, text: string, key: string): string {
  let base = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'svc';
  let name = `${prefix}${base}`;
  if (!/^[a-z]/.test(name)) name = `svc-${name}`;
  if (name.length > 63) {
    base = name.slice(0, 63 - 9).replace(/-+$/, '');
    name = `${base}-${hash8(key)}`;
  }
  return name;
}

interface Endpoint {
  address: string;
  ready: boolean;
  hostname?: string;
}

const validPort = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= 65535 ? n : undefined;
};

/** Per instance: its addresses by family and its port, from the RRsets. */
function endpointsOf(namespace: Namespace, service: Service, instances: Instance[]): Map<string, Endpoint[]> {
  const groups = new Map<string, Endpoint[]>();
  const byInstance = new Map<string, { v4: Set<string>; v6: Set<string>; fqdn: Set<string>; port?: number; ready: boolean }>();
  const attrs = new Map(instances.map((i) => [i.id, i.attributes]));
  for (const r of serviceRRsets(namespace, service, instances)) {
    if (r.instanceId === undefined) continue;
    let e = byInstance.get(r.instanceId);
    if (!e) byInstance.set(r.instanceId, (e = { v4: new Set(), v6: new Set(), fqdn: new Set(), ready: r.healthy ?? true }));
    const value = r.values[0]!;
    if (r.type === 'A') e.v4.add(value);
    else if (r.type === 'AAAA') e.v6.add(value);
    else if (r.type === 'CNAME') e.fqdn.add(value);
    else if (r.type === 'SRV') e.port = Number(value.split(' ')[2]);
  }
  for (const [id, e] of byInstance) {
    const port = e.port ?? validPort(attrs.get(id)?.[ReservedAttributes.PORT]);
    const hostname = DNS1123_LABEL.test(id) ? id : undefined;
    const add = (family: string, address: string): void => {
      const key = `${family}\t${port ?? ''}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push({ address, ready: e.ready, ...(hostname ? { hostname } : {}) });
    };
    for (const a of e.v4) add('IPv4', a);
    for (const a of e.v6) add('IPv6', a);
    for (const a of e.fqdn) if (DNS1123_SUBDOMAIN.test(a)) add('FQDN', a);
  }
  return groups;
}

/** The desired Kubernetes objects for all DNS namespaces of `state`. Pure. */
export function desiredObjects(state: CloudMapState, options: MirrorOptions = {}): ManagedObject[] {
  const k8sNamespace = options.namespace ?? 'default';
  const all = dnsNamespaces(state).flatMap((ns) => state.services.get(ns.id) ?? []);
  all.sort((a, b) => a.service.createDate - b.service.createDate || (a.service.id < b.service.id ? -1 : 1));
  const taken = new Set<string>();
  const claim = (prefix: string, entry: (typeof all)[number]): string => {
    const { service, namespace } = entry;
    for (const suffix of ['', `-${namespace.id.slice(-6)}`, `-${service.id.slice(-6)}`]) {
      const name = kubeName(prefix, `${service.name}${suffix}`, service.id);
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
    return kubeName(prefix, `${service.name}-${hash8(service.id)}`, service.id);
  };
  const out: ManagedObject[] = [];
  for (const entry of all) {
    const { namespace, service, instances } = entry;
    const name = claim('sd-', entry);
    const labels = { [MANAGED_BY]: MANAGER, [NAMESPACE_ID_LABEL]: namespace.id, [SERVICE_ID_LABEL]: service.id };
    const dnsName = serviceRecordName(namespace, service);
    const annotations = { [NAMESPACE_NAME_ANNOTATION]: namespace.name, [SERVICE_NAME_ANNOTATION]: service.name, [DNS_NAME_ANNOTATION]: dnsName };
    const groups = endpointsOf(namespace, service, instances);
    const ports = [...new Set([...groups.keys()].map((k) => k.split('\t')[1]).filter((p) => p !== ''))].map(Number).sort((a, b) => a - b);
    out.push({
      kind: 'Service', namespace: k8sNamespace, name, labels, annotations,
      fields: { spec: normalServiceSpec({ type: 'ClusterIP', clusterIP: 'None', ports: ports.map((p) => ({ name: `port-${p}`, port: p, protocol: 'TCP', targetPort: p })) }) },
    });
    for (const [key, endpoints] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [family, port] = key.split('\t') as [string, string];
      endpoints.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
      for (let chunk = 0; chunk * MAX_ENDPOINTS_PER_SLICE < endpoints.length; chunk++) {
        const part = endpoints.slice(chunk * MAX_ENDPOINTS_PER_SLICE, (chunk + 1) * MAX_ENDPOINTS_PER_SLICE);
        out.push({
          kind: 'EndpointSlice', namespace: k8sNamespace,
          name: `${name}-${family.toLowerCase()}${port ? `-${port}` : ''}${chunk ? `-${chunk + 1}` : ''}`,
          labels: { ...labels, [SERVICE_NAME_LABEL]: name, [SLICE_MANAGED_BY]: MANAGER }, annotations,
          fields: {
            addressType: family,
            endpoints: normalEndpoints(part.map((e) => ({ addresses: [e.address], conditions: { ready: e.ready, serving: e.ready, terminating: false }, ...(e.hostname ? { hostname: e.hostname } : {}) }))),
            ports: normalPorts(port ? [{ name: `port-${port}`, port: Number(port), protocol: 'TCP' }] : [], false),
          },
        });
      }
    }
    if (options.alias && DNS1123_SUBDOMAIN.test(dnsName)) {
      const alias = claim('', entry);
      if (DNS1035.test(alias)) {
        out.push({ kind: 'Service', namespace: k8sNamespace, name: alias, labels, annotations, fields: { spec: normalServiceSpec({ type: 'ExternalName', externalName: dnsName }) } });
      }
    }
  }
  return out;
}
