/**
 * Service attribute use cases: UpdateServiceAttributes and
 * DeleteServiceAttributes (GetServiceAttributes is a plain read).
 * Service attributes are free-form key/value pairs on a service (not on its
 * instances); no DNS answer uses them.
 * Source: AWS Cloud Map API reference, UpdateServiceAttributes,
 * ServiceAttributes ("You can specify a total of 30 attributes"),
 * ServiceAttributesLimitExceededException.
 */
import { idFromIdOrArn } from '../model/ids.ts';
import type { OpsDeps } from './deps.ts';

/** Most attributes one service may have. */
export const MAX_SERVICE_ATTRIBUTES = 30;

/**
 * Adds service attributes or replaces the values of existing keys.
 * @param input.serviceId service id or ARN
 * @throws ServiceNotFound, ServiceAttributesLimitExceededException (more
 *   than 30 afterwards; nothing written), ServiceUnavailable
 */
export async function updateServiceAttributes(deps: OpsDeps, input: { serviceId: string; attributes: Record<string, string> }): Promise<void> {
  await deps.store.updateServiceAttributes(idFromIdOrArn(input.serviceId), input.attributes, MAX_SERVICE_ATTRIBUTES);
}

/**
 * Deletes service attributes by key; keys the service does not have are ignored.
 * @throws ServiceNotFound, ServiceUnavailable
 */
export async function deleteServiceAttributes(deps: OpsDeps, input: { serviceId: string; keys: readonly string[] }): Promise<void> {
  await deps.store.deleteServiceAttributes(idFromIdOrArn(input.serviceId), input.keys);
}
