/**
 * The inbound source, pure part: which Cloud Map instances the EndpointSlices
 * of annotated Kubernetes Services stand for ("tasks register themselves
 * when they start", as ECS tasks do in KECS).
 *
 * A Service names its Cloud Map service with the annotation
 * `cloudmap-dns/service-id: srv-…`, or with `cloudmap-dns/namespace` and
 * `cloudmap-dns/service` (names, as DiscoverInstances takes them). Objects
 * cloudmap-dns itself manages are never sources.
 *
 * Per endpoint of the Service's EndpointSlices (`kubernetes.io/service-name`):
 * - instance id = the Pod name (`targetRef`), else the address;
 * - `AWS_INSTANCE_IPV4` / `AWS_INSTANCE_IPV6` from IPv4 / IPv6 slices (a
 *   dual-stack Pod appears in both and becomes one instance with both);
 * - `AWS_INSTANCE_PORT` from the slice port named by the annotation
 *   `cloudmap-dns/port` (a port name or number), else the slice's first port;
 * - ECS-style attributes where known: `AVAILABILITY_ZONE` (endpoint zone),
 *   `REGION`, `ECS_CLUSTER_NAME` (the cluster name), `ECS_SERVICE_NAME`
 *   (the Kubernetes Service); and `K8S_NAMESPACE`, `K8S_POD_NAME`,
 *   `K8S_NODE_NAME`;
 * - `K8S_SOURCE = <cluster>/<namespace>/<service>`: what marks an instance
 *   as registered by this source (ownership); others are never touched;
 * - health from `conditions.ready` (nil counts as ready, as the API says).
 */
import { isIPv4, isIPv6 } from '../../model/attributes.ts';
import { ReservedAttributes } from '../../model/types.ts';
import type { ChangeCheck } from '../plan.ts';
import type { CloudMapState } from '../state.ts';
import { isOwned, type KubeObject, SERVICE_NAME_LABEL } from './objects.ts';

export const SERVICE_ID_ANNOTATION = 'cloudmap-dns/service-id';
export const NAMESPACE_ANNOTATION = 'cloudmap-dns/namespace';
export const SERVICE_ANNOTATION = 'cloudmap-dns/service';
export const PORT_ANNOTATION = 'cloudmap-dns/port';
/** Instance attribute that marks registrations made by this source. */
export const SOURCE_ATTRIBUTE = 'K8S_SOURCE';

/** One instance the source wants registered. */
export interface SourceInstance {
  serviceId: string;
  instanceId: string;
  attributes: Record<string, string>;
  healthy: boolean;
}

/** Identity: service id and instance id (case-sensitive, as Cloud Map's). */
export const instanceKey = (i: Pick<SourceInstance, 'serviceId' | 'instanceId'>): string => `${i.serviceId}/${i.instanceId}`;

const same = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
/** Named check: attributes differ (a re-registration). */
export const attributesCheck: ChangeCheck<SourceInstance> = { name: 'attributes', changed: (c, d) => !same(c.attributes, d.attributes) };
/** Named check: health differs. */
export const healthCheck: ChangeCheck<SourceInstance> = { name: 'health', changed: (c, d) => c.healthy !== d.healthy };
export const SOURCE_CHECKS: readonly ChangeCheck<SourceInstance>[] = [attributesCheck, healthCheck];

/** Options of the source. */
export interface SourceOptions {
  /** Cluster name in `K8S_SOURCE` and `ECS_CLUSTER_NAME`. @default 'kubernetes' */
  clusterName?: string;
  /** `REGION` attribute. */
  region?: string;
}

/** A Service's annotations resolved to a Cloud Map service id, or undefined (not a source, or the target does not exist). */
export function targetServiceId(svc: KubeObject, state: CloudMapState): string | undefined {
  if (isOwned(svc)) return undefined;
  const a = svc.metadata?.annotations ?? {};
  const all = [...state.services.values()].flat();
  if (a[SERVICE_ID_ANNOTATION]) return all.find((s) => s.service.id === a[SERVICE_ID_ANNOTATION])?.service.id;
  const ns = a[NAMESPACE_ANNOTATION]?.replace(/\.$/, '').toLowerCase();
  const name = a[SERVICE_ANNOTATION]?.toLowerCase();
  if (!ns || !name) return undefined;
  return all.find((s) => s.namespace.httpName.toLowerCase() === ns && s.service.name.toLowerCase() === name)?.service.id;
}

interface SlicePort {
  name?: string;
  port?: number;
}

function pickPort(ports: SlicePort[] | undefined, wanted: string | undefined): number | undefined {
  const list = ports ?? [];
  const hit = wanted === undefined ? list[0] : list.find((p) => p.name === wanted || String(p.port) === wanted);
  return hit?.port ?? undefined;
}

/**
 * The instances the annotated `services` stand for, given all
 * EndpointSlices in their Kubernetes namespaces. Pure.
 */
export function desiredInstances(services: KubeObject[], slices: KubeObject[], state: CloudMapState, options: SourceOptions = {}): SourceInstance[] {
  const cluster = options.clusterName ?? 'kubernetes';
  const out = new Map<string, SourceInstance>();
  for (const svc of services) {
    const serviceId = targetServiceId(svc, state);
    if (!serviceId) continue;
    const k8sNs = svc.metadata?.namespace ?? '';
    const k8sName = svc.metadata?.name ?? '';
    const wantedPort = svc.metadata?.annotations?.[PORT_ANNOTATION];
    for (const slice of slices) {
      if (slice.metadata?.namespace !== k8sNs || slice.metadata?.labels?.[SERVICE_NAME_LABEL] !== k8sName) continue;
      const family = slice.addressType;
      if (family !== 'IPv4' && family !== 'IPv6') continue;
      const port = pickPort(slice.ports as SlicePort[], wantedPort);
      for (const ep of (slice.endpoints as any[] | null) ?? []) {
        const address: string | undefined = ep?.addresses?.[0];
        if (!address || !(family === 'IPv4' ? isIPv4(address) : isIPv6(address))) continue;
        const pod = ep.targetRef?.kind === 'Pod' ? (ep.targetRef.name as string) : undefined;
        const instanceId = pod ?? address;
        const key = instanceKey({ serviceId, instanceId });
        const prior = out.get(key);
        const attributes: Record<string, string> = {
          ...prior?.attributes,
          [family === 'IPv4' ? ReservedAttributes.IPV4 : ReservedAttributes.IPV6]: address,
          ...(port !== undefined ? { [ReservedAttributes.PORT]: String(port) } : {}),
          ...(ep.zone ? { AVAILABILITY_ZONE: String(ep.zone) } : {}),
          ...(options.region ? { REGION: options.region } : {}),
          ECS_CLUSTER_NAME: cluster,
          ECS_SERVICE_NAME: k8sName,
          K8S_NAMESPACE: k8sNs,
          ...(pod ? { K8S_POD_NAME: pod } : {}),
          ...(ep.nodeName ? { K8S_NODE_NAME: String(ep.nodeName) } : {}),
          [SOURCE_ATTRIBUTE]: `${cluster}/${k8sNs}/${k8sName}`,
        };
        const ready = ep.conditions?.ready ?? true;
        out.set(key, { serviceId, instanceId, attributes, healthy: (prior?.healthy ?? true) && ready });
      }
    }
  }
  return [...out.values()];
}

/** Cloud Map's current instances as source items; owned when `K8S_SOURCE` names this cluster. */
export function currentInstances(state: CloudMapState, options: SourceOptions = {}): { value: SourceInstance; owned: boolean }[] {
  const prefix = `${options.clusterName ?? 'kubernetes'}/`;
  const out: { value: SourceInstance; owned: boolean }[] = [];
  for (const entries of state.services.values()) {
    for (const { service, instances } of entries) {
      for (const inst of instances) {
        const value = { serviceId: service.id, instanceId: inst.id, attributes: inst.attributes, healthy: inst.healthStatus !== 'UNHEALTHY' };
        out.push({ value, owned: inst.attributes[SOURCE_ATTRIBUTE]?.startsWith(prefix) ?? false });
      }
    }
  }
  return out;
}
