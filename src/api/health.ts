/**
 * GetInstancesHealthStatus. Source: AWS Cloud Map API reference
 * (GetInstancesHealthStatus: Status is a map of instance id to HEALTHY,
 * UNHEALTHY or UNKNOWN; Instances, when given, selects which).
 */
import { errors } from '../model/errors.ts';
import { DEFAULT_MAX_RESULTS, type Handler, serviceOrThrow } from './handler.ts';
import { paginate } from './pagination.ts';

/** GetInstancesHealthStatus → `{Status, NextToken?}`; throws ServiceNotFound, InstanceNotFound. */
export const getInstancesHealthStatus: Handler = async (input, ctx) => {
  const service = await serviceOrThrow(ctx, input.ServiceId as string);
  let instances = await ctx.store.listInstances(service.id);
  const wanted = input.Instances as string[] | undefined;
  if (wanted) {
    const byId = new Map(instances.map((i) => [i.id, i]));
    const missing = wanted.find((id) => !byId.has(id));
    if (missing !== undefined) throw errors.instanceNotFound(service.id, missing);
    instances = wanted.map((id) => byId.get(id)!);
  }
  const page = paginate(instances, (i) => i.id, input.NextToken as string | undefined, (input.MaxResults as number) ?? DEFAULT_MAX_RESULTS);
  return { Status: Object.fromEntries(page.items.map((i) => [i.id, i.healthStatus])), NextToken: page.nextToken };
};
