/**
 * Instance use cases: RegisterInstance and DeregisterInstance.
 * Source: AWS Cloud Map API reference for both operations.
 */
import { checkInstanceAttributes, checkInstanceIdForDns, initialHealthStatus } from '../model/attributes.ts';
import type { Instance } from '../model/types.ts';
import { completedOperation, nowOf, type OpsDeps, serviceForWrite, visible } from './deps.ts';
import { idempotently, requestRecord } from './idempotency.ts';

/** Input of `registerInstance`. */
export interface RegisterInstanceInput {
  /** Service id or ARN. */
  serviceId: string;
  /** Caller-chosen id, case-sensitive (`Web-1` and `web-1` are two instances). */
  instanceId: string;
  /** AWS attributes, including the reserved `AWS_INSTANCE_*` keys the service's records need. */
  attributes: Record<string, string>;
  /** Idempotency token (AWS `CreatorRequestId`). */
  creatorRequestId?: string;
}

/**
 * Registers an instance, or replaces the attributes of an existing one with
 * the same id (its health starts over from the initial status, as AWS
 * creates a new health check), records REGISTER_INSTANCE and waits until
 * the view (DNS, DiscoverInstances) has it. A retry with the same
 * `creatorRequestId` and content returns the original operation id and
 * writes nothing.
 * @returns the operation id (already SUCCESS) and the instance as stored
 *   (on a replayed request: as it is now, undefined if deregistered since)
 * @throws ServiceNotFound, InvalidInput (attributes the service's records
 *   need, an id that is not a DNS label in an SRV service), DuplicateRequest
 *   (the token was used by another request), ServiceUnavailable
 */
export async function registerInstance(deps: OpsDeps, input: RegisterInstanceInput): Promise<{ operationId: string; instance: Instance | undefined }> {
  const service = await serviceForWrite(deps, input.serviceId);
  checkInstanceAttributes(service, input.attributes);
  checkInstanceIdForDns(service, input.instanceId);
  const now = nowOf(deps);
  const instance: Instance = {
    id: input.instanceId,
    serviceId: service.id,
    attributes: { ...input.attributes },
    createdByAccount: deps.accountId,
    createDate: now,
    updateDate: now,
    healthStatus: initialHealthStatus(service, input.attributes),
    ...(input.creatorRequestId !== undefined && { creatorRequestId: input.creatorRequestId }),
  };
  const targets = { NAMESPACE: service.namespaceId, SERVICE: service.id, INSTANCE: instance.id };
  const operation = completedOperation(deps, 'REGISTER_INSTANCE', targets, now);
  const content = { serviceId: service.id, instanceId: input.instanceId, attributes: input.attributes };
  const request = requestRecord('RegisterInstance', input.creatorRequestId, content, { resourceId: instance.id, operationId: operation.id });
  return idempotently(request, async () => {
    const event = await deps.store.registerInstance(instance, operation, request);
    await visible(deps, event.revision);
    return { operationId: operation.id, instance: event.instance };
  }, async (original) => {
    await visible(deps, await deps.store.revision());
    return { operationId: original.operationId ?? '', instance: await deps.store.getInstance(service.id, original.resourceId) };
  });
}

/**
 * Deregisters an instance, records DEREGISTER_INSTANCE and waits until the
 * view no longer has it.
 * @param input.serviceId service id or ARN
 * @throws ServiceNotFound, InstanceNotFound, ServiceUnavailable
 */
export async function deregisterInstance(deps: OpsDeps, input: { serviceId: string; instanceId: string }): Promise<{ operationId: string }> {
  const service = await serviceForWrite(deps, input.serviceId);
  const targets = { NAMESPACE: service.namespaceId, SERVICE: service.id, INSTANCE: input.instanceId };
  const operation = completedOperation(deps, 'DEREGISTER_INSTANCE', targets);
  const event = await deps.store.deregisterInstance(service.id, input.instanceId, operation);
  await visible(deps, event.revision);
  return { operationId: operation.id };
}
