/**
 * Instance operations: RegisterInstance, DeregisterInstance, GetInstance,
 * ListInstances. Source: AWS Cloud Map API reference for each operation.
 */
import { checkInstanceAttributes, checkInstanceIdForDns, initialHealthStatus } from '../model/attributes.ts';
import { errors } from '../model/errors.ts';
import type { Instance } from '../model/types.ts';
import { completedOperation, DEFAULT_MAX_RESULTS, type Handler, serviceOrThrow } from './handler.ts';
import { paginate } from './pagination.ts';
import { instanceShape, instanceSummaryShape } from './shapes.ts';

/**
 * RegisterInstance → `{OperationId}`. An existing InstanceId in the service
 * is updated in place (its attributes are replaced).
 * @throws ServiceNotFound, InvalidInput (attributes the service's records need)
 */
export const registerInstance: Handler = async (input, ctx) => {
  const service = await serviceOrThrow(ctx, input.ServiceId as string);
  const attributes = input.Attributes as Record<string, string>;
  checkInstanceAttributes(service, attributes);
  checkInstanceIdForDns(service, input.InstanceId as string);
  const instance: Instance = {
    id: input.InstanceId as string,
    serviceId: service.id,
    attributes: { ...attributes },
    createdByAccount: ctx.accountId,
    createDate: ctx.now,
    updateDate: ctx.now,
    healthStatus: initialHealthStatus(service, attributes),
    ...(input.CreatorRequestId !== undefined && { creatorRequestId: input.CreatorRequestId as string }),
  };
  const operation = completedOperation(ctx, 'REGISTER_INSTANCE', { NAMESPACE: service.namespaceId, SERVICE: service.id, INSTANCE: instance.id });
  const event = await ctx.store.registerInstance(instance, operation);
  await ctx.awaitRevision(event.revision);
  return { OperationId: operation.id };
};

/** DeregisterInstance → `{OperationId}`; throws ServiceNotFound, InstanceNotFound. */
export const deregisterInstance: Handler = async (input, ctx) => {
  const service = await serviceOrThrow(ctx, input.ServiceId as string);
  const instanceId = input.InstanceId as string;
  const operation = completedOperation(ctx, 'DEREGISTER_INSTANCE', { NAMESPACE: service.namespaceId, SERVICE: service.id, INSTANCE: instanceId });
  const event = await ctx.store.deregisterInstance(service.id, instanceId, operation);
  await ctx.awaitRevision(event.revision);
  return { OperationId: operation.id };
};

/** GetInstance → `{ResourceOwner, Instance}`; throws ServiceNotFound, InstanceNotFound. */
export const getInstance: Handler = async (input, ctx) => {
  const service = await serviceOrThrow(ctx, input.ServiceId as string);
  const instance = await ctx.store.getInstance(service.id, input.InstanceId as string);
  if (!instance) throw errors.instanceNotFound(service.id, input.InstanceId as string);
  return { ResourceOwner: service.resourceOwner, Instance: instanceShape(instance) };
};

/** ListInstances → `{ResourceOwner, Instances, NextToken?}` sorted by instance id; throws ServiceNotFound. */
export const listInstances: Handler = async (input, ctx) => {
  const service = await serviceOrThrow(ctx, input.ServiceId as string);
  const all = await ctx.store.listInstances(service.id);
  const page = paginate(all, (i) => i.id, input.NextToken as string | undefined, (input.MaxResults as number) ?? DEFAULT_MAX_RESULTS);
  return { ResourceOwner: service.resourceOwner, Instances: page.items.map(instanceSummaryShape), NextToken: page.nextToken };
};
