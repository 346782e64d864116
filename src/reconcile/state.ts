/**
 * The reconciler's source of Cloud Map state: the desired side of every
 * plan. It is a `Snapshot` (namespaces, services, instances at one store
 * revision), read from the store or from this process's view, grouped for
 * the providers.
 */
import type { Instance, Namespace, Service } from '../model/types.ts';
import { isDnsNamespace } from '../model/types.ts';
import type { Snapshot } from '../store/store.ts';

/** One service with its namespace and instances. */
export interface ServiceState {
  namespace: Namespace;
  service: Service;
  instances: Instance[];
}

/** Cloud Map state grouped by namespace, in a stable order (namespace name, then service name). */
export interface CloudMapState {
  /** Store revision the state is at least as new as. */
  revision: number;
  namespaces: Namespace[];
  /** Services by namespace id. */
  services: Map<string, ServiceState[]>;
}

const byName = <T extends { name: string; id: string }>(a: T, b: T): number =>
  a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Groups a snapshot; services of unknown namespaces and instances of unknown services are dropped. Pure. */
export function groupState(snapshot: Snapshot): CloudMapState {
  const namespaces = [...snapshot.namespaces].sort(byName);
  const nsById = new Map(namespaces.map((n) => [n.id, n]));
  const services = new Map<string, ServiceState[]>(namespaces.map((n) => [n.id, []]));
  const bySvc = new Map<string, ServiceState>();
  for (const service of [...snapshot.services].sort(byName)) {
    const namespace = nsById.get(service.namespaceId);
    if (!namespace) continue;
    const entry: ServiceState = { namespace, service, instances: [] };
    services.get(namespace.id)!.push(entry);
    bySvc.set(service.id, entry);
  }
  const instances = [...snapshot.instances].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const inst of instances) bySvc.get(inst.serviceId)?.instances.push(inst);
  return { revision: snapshot.revision, namespaces, services };
}

/** The DNS namespaces of a state (the ones served as zones). */
export function dnsNamespaces(state: CloudMapState): Namespace[] {
  return state.namespaces.filter(isDnsNamespace);
}
