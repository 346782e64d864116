/**
 * The data plane: DiscoverInstances and DiscoverInstancesRevision, answered
 * from this process's view (no store round trip), as AWS serves them from a
 * separate `data-` endpoint.
 * Source: AWS Cloud Map API reference, DiscoverInstances (QueryParameters,
 * OptionalParameters, HealthStatus, MaxResults default 100).
 */
import { hasHealthCheck } from '../model/attributes.ts';
import { errors } from '../model/errors.ts';
import type { Instance } from '../model/types.ts';
import type { DiscoverInstancesRevisionRequest } from '../model/shapes.generated.ts';
import type { ServiceEntry } from '../view/view.ts';
import type { RequestContext } from './context.ts';
import { DEFAULT_MAX_RESULTS, type Handler } from './handler.ts';
import { httpInstanceSummaryShape } from './shapes.ts';

/** The service entry for NamespaceName + ServiceName; throws NamespaceNotFound, ServiceNotFound. */
function findService(input: DiscoverInstancesRevisionRequest, ctx: RequestContext): ServiceEntry {
  const namespaceName = input.NamespaceName;
  const ns = ctx.view.namespaceByHttpName(namespaceName);
  if (!ns || (input.OwnerAccount !== undefined && input.OwnerAccount !== ns.resourceOwner)) throw errors.namespaceNotFound(namespaceName);
  const entry = ctx.view.serviceByName(ns.id, input.ServiceName);
  if (!entry) throw errors.serviceNotFound(`${input.ServiceName} in namespace ${namespaceName}`);
  return entry;
}

const matchesAll = (inst: Instance, params: Record<string, string>): boolean =>
  Object.entries(params).every(([k, v]) => inst.attributes[k] === v);

/**
 * Applies the HealthStatus filter (default HEALTHY). Services without health
 * checking ignore it and return every instance.
 */
function byHealth(entry: ServiceEntry, instances: Instance[], filter: string): Instance[] {
  if (!hasHealthCheck(entry.service) || filter === 'ALL') return instances;
  if (filter === 'UNHEALTHY') return instances.filter((i) => i.healthStatus === 'UNHEALTHY');
  const healthy = instances.filter((i) => i.healthStatus === 'HEALTHY');
  return filter === 'HEALTHY_OR_ELSE_ALL' && healthy.length === 0 ? instances : healthy;
}

/** Up to `max` items; a random subset when there are more (spreads load like DNS MULTIVALUE). */
function pick<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, max);
}

/** DiscoverInstances → `{Instances, InstancesRevision}`. */
export const discoverInstances: Handler<'DiscoverInstances'> = async (input, ctx) => {
  const entry = findService(input, ctx);
  let instances: Instance[] = [...entry.instances.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const query = input.QueryParameters;
  if (query) instances = instances.filter((i) => matchesAll(i, query));
  const optional = input.OptionalParameters;
  if (optional) {
    const narrowed = instances.filter((i) => matchesAll(i, optional));
    if (narrowed.length > 0) instances = narrowed;
  }
  instances = byHealth(entry, instances, input.HealthStatus ?? 'HEALTHY');
  const ns = ctx.view.namespaces.get(entry.service.namespaceId)!;
  return {
    Instances: pick(instances, input.MaxResults ?? DEFAULT_MAX_RESULTS).map((i) =>
      httpInstanceSummaryShape(i, ns.httpName, entry.service.name),
    ),
    InstancesRevision: entry.service.instancesRevision,
  };
};

/** DiscoverInstancesRevision → `{InstancesRevision}`. */
export const discoverInstancesRevision: Handler<'DiscoverInstancesRevision'> = async (input, ctx) => ({
  InstancesRevision: findService(input, ctx).service.instancesRevision,
});
