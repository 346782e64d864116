/**
 * Health operations: GetInstancesHealthStatus and
 * UpdateInstanceCustomHealthStatus (through `src/ops/health.ts`).
 * Source: AWS Cloud Map API reference (GetInstancesHealthStatus: Status is a
 * map of instance id to HEALTHY, UNHEALTHY or UNKNOWN; Instances, when
 * given, selects which. UpdateInstanceCustomHealthStatus: custom health
 * checks only, empty output).
 */
import { errors } from '../model/errors.ts';
import { serviceOrThrow } from '../ops/deps.ts';
import { updateInstanceCustomHealthStatus as updateCustomHealth } from '../ops/health.ts';
import { DEFAULT_MAX_RESULTS, type Handler } from './handler.ts';
import { paginate } from './pagination.ts';

/** GetInstancesHealthStatus → `{Status, NextToken?}`; throws ServiceNotFound, InstanceNotFound. */
export const getInstancesHealthStatus: Handler<'GetInstancesHealthStatus'> = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  let instances = await ctx.store.listInstances(service.id);
  const wanted = input.Instances;
  if (wanted) {
    const byId = new Map(instances.map((i) => [i.id, i]));
    const missing = wanted.find((id) => !byId.has(id));
    if (missing !== undefined) throw errors.instanceNotFound(service.id, missing);
    instances = [...new Set(wanted)].map((id) => byId.get(id)!);
  }
  const page = paginate(instances, (i) => i.id, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Status: Object.fromEntries(page.items.map((i) => [i.id, i.healthStatus])), NextToken: page.nextToken };
};

/** UpdateInstanceCustomHealthStatus → empty body; throws ServiceNotFound, CustomHealthNotFound, InstanceNotFound. */
export const updateInstanceCustomHealthStatus: Handler<'UpdateInstanceCustomHealthStatus'> = async (input, ctx) => {
  await updateCustomHealth(ctx, { serviceId: input.ServiceId, instanceId: input.InstanceId, status: input.Status });
  return {};
};
