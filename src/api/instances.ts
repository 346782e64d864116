/**
 * Instance operations: RegisterInstance, DeregisterInstance, GetInstance,
 * ListInstances. Writes go through `src/ops/instances.ts`.
 * Source: AWS Cloud Map API reference for each operation.
 */
import { errors } from '../model/errors.ts';
import { serviceOrThrow } from '../ops/deps.ts';
import * as ops from '../ops/instances.ts';
import { DEFAULT_MAX_RESULTS, type Handler } from './handler.ts';
import { paginate } from './pagination.ts';
import { instanceShape, instanceSummaryShape } from './shapes.ts';

/**
 * RegisterInstance → `{OperationId}`. An existing InstanceId in the service
 * is updated in place (its attributes are replaced).
 * @throws ServiceNotFound, InvalidInput (attributes the service's records need)
 */
export const registerInstance: Handler<'RegisterInstance'> = async (input, ctx) => {
  const { operationId } = await ops.registerInstance(ctx, {
    serviceId: input.ServiceId, instanceId: input.InstanceId, attributes: input.Attributes, creatorRequestId: input.CreatorRequestId,
  });
  return { OperationId: operationId };
};

/** DeregisterInstance → `{OperationId}`; throws ServiceNotFound, InstanceNotFound. */
export const deregisterInstance: Handler<'DeregisterInstance'> = async (input, ctx) => {
  const { operationId } = await ops.deregisterInstance(ctx, { serviceId: input.ServiceId, instanceId: input.InstanceId });
  return { OperationId: operationId };
};

/** GetInstance → `{ResourceOwner, Instance}`; throws ServiceNotFound, InstanceNotFound. */
export const getInstance: Handler<'GetInstance'> = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const instance = await ctx.store.getInstance(service.id, input.InstanceId);
  if (!instance) throw errors.instanceNotFound(service.id, input.InstanceId);
  return { ResourceOwner: service.resourceOwner, Instance: instanceShape(instance) };
};

/** ListInstances → `{ResourceOwner, Instances, NextToken?}` sorted by instance id; throws ServiceNotFound. */
export const listInstances: Handler<'ListInstances'> = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const all = await ctx.store.listInstances(service.id);
  const page = paginate(all, (i) => i.id, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { ResourceOwner: service.resourceOwner, Instances: page.items.map(instanceSummaryShape), NextToken: page.nextToken };
};
