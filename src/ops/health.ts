/**
 * Health use cases: `setInstanceHealth` for every health source (the active
 * health checker, the Kubernetes source, custom health), and
 * UpdateInstanceCustomHealthStatus on top of it.
 *
 * A health write changes only the instance's health status (and
 * `updateDate`): never its attributes, even when a re-registration races
 * with it, and never the service's InstancesRevision (AWS DiscoverInstances:
 * "health status updates don't update InstancesRevision"). It is one event
 * on the change stream, so DNS answers, DiscoverInstances and
 * GetInstancesHealthStatus follow it at once on every replica.
 * Source: AWS Cloud Map API reference, UpdateInstanceCustomHealthStatus,
 * HealthCheckCustomConfig.
 */
import { CloudMapError } from '../model/errors.ts';
import { idFromIdOrArn } from '../model/ids.ts';
import type { HealthStatus } from '../model/types.ts';
import { nowOf, type OpsDeps, serviceForWrite, visible } from './deps.ts';

/** Input of `setInstanceHealth`. */
export interface SetInstanceHealthInput {
  /** Service id or ARN. */
  serviceId: string;
  /** Exact (case-sensitive) instance id. */
  instanceId: string;
  status: HealthStatus;
  /** Why (e.g. `HTTP 503 from /health`); for the caller's logs, not stored. */
  reason?: string;
  /**
   * When the instance no longer exists (deregistered since the caller looked),
   * return outcome `missing` instead of throwing InstanceNotFound. The write
   * never creates an instance either way.
   * @default false
   */
  ifExists?: boolean;
}

/** What `setInstanceHealth` did. */
export interface SetInstanceHealthResult {
  /**
   * `changed`: stored and published (an `InstanceHealthChanged` event);
   * `unchanged`: the instance already had this status, nothing written, no event;
   * `missing`: no such instance and `ifExists` was set.
   */
  outcome: 'changed' | 'unchanged' | 'missing';
  /** Store revision of the change (`changed` only). */
  revision?: number;
}

/**
 * Sets the health status of an existing instance. One store round trip
 * (a Lua script on Redis), with no read of the service, so calling it on
 * every check result is cheap; an unchanged status writes nothing. When the
 * status changed it resolves once this process's view (DNS answers) has it.
 *
 * It does not check that the service has health checking configured: DNS
 * answers leave out UNHEALTHY instances of any service, so health sources
 * call it only for services they check (HealthCheckConfig,
 * HealthCheckCustomConfig).
 *
 * Usable without HTTP, e.g. from the health checker:
 * `await setInstanceHealth(deps, { serviceId, instanceId, status: 'UNHEALTHY', reason, ifExists: true })`.
 * @throws ServiceNotFound; InstanceNotFound unless `ifExists`; ServiceUnavailable (Redis unreachable, retryable)
 */
export async function setInstanceHealth(deps: OpsDeps, input: SetInstanceHealthInput): Promise<SetInstanceHealthResult> {
  const serviceId = idFromIdOrArn(input.serviceId);
  let event;
  try {
    event = await deps.store.setInstanceHealth(serviceId, input.instanceId, input.status, nowOf(deps));
  } catch (error) {
    if (input.ifExists && error instanceof CloudMapError && error.type === 'InstanceNotFound') return { outcome: 'missing' };
    throw error;
  }
  if (!event) return { outcome: 'unchanged' };
  await visible(deps, event.revision);
  return { outcome: 'changed', revision: event.revision };
}

/** Input of `updateInstanceCustomHealthStatus` (AWS UpdateInstanceCustomHealthStatusRequest). */
export interface UpdateCustomHealthInput {
  /** Service id or ARN. */
  serviceId: string;
  instanceId: string;
  /** AWS `CustomHealthStatus`. */
  status: 'HEALTHY' | 'UNHEALTHY';
}

/**
 * UpdateInstanceCustomHealthStatus: sets the status of an instance of a
 * service created with HealthCheckCustomConfig, effective at once (AWS waits
 * about 30 s; we apply it immediately).
 * @throws ServiceNotFound, CustomHealthNotFound (the service has no
 *   HealthCheckCustomConfig), InstanceNotFound, ServiceUnavailable
 */
export async function updateInstanceCustomHealthStatus(deps: OpsDeps, input: UpdateCustomHealthInput): Promise<SetInstanceHealthResult> {
  const service = await serviceForWrite(deps, input.serviceId);
  if (!service.healthCheckCustom) {
    throw new CloudMapError('CustomHealthNotFound', `Service ${service.id} has no HealthCheckCustomConfig; its health checks are not custom`);
  }
  return setInstanceHealth(deps, { serviceId: service.id, instanceId: input.instanceId, status: input.status });
}

