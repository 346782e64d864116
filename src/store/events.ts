/**
 * Change events: what every write appends to the change stream.
 *
 * Each event carries the store revision it produced (a counter that only goes
 * up, shared by all replicas) and the full record after the change, so a view
 * applies it without reading the store again. Applying an event is idempotent
 * (upsert or delete by id).
 *
 * In Redis the stream entry id is `<revision>-0` and the fields are `type`,
 * the ids, and `data` (the record as JSON); see docs/redis-keys.md.
 */
import type { HealthStatus, Instance, Namespace, Service } from '../model/types.ts';

/** A namespace was created or changed. */
export interface NamespaceUpserted {
  type: 'NamespaceUpserted';
  revision: number;
  namespace: Namespace;
}

/** A namespace was deleted (it had no services). */
export interface NamespaceDeleted {
  type: 'NamespaceDeleted';
  revision: number;
  namespaceId: string;
}

/** A service was created or changed (including its `instancesRevision`). */
export interface ServiceUpserted {
  type: 'ServiceUpserted';
  revision: number;
  service: Service;
}

/** A service was deleted (it had no instances). */
export interface ServiceDeleted {
  type: 'ServiceDeleted';
  revision: number;
  namespaceId: string;
  serviceId: string;
}

/** An instance was registered or re-registered (the whole record, attributes included). */
export interface InstanceUpserted {
  type: 'InstanceUpserted';
  revision: number;
  instance: Instance;
}

/** An instance was deregistered. */
export interface InstanceDeleted {
  type: 'InstanceDeleted';
  revision: number;
  serviceId: string;
  instanceId: string;
}

/**
 * The health status of an instance changed, and nothing else
 * (UpdateInstanceCustomHealthStatus, the health checker). It carries no
 * attributes, so applying it can never undo a re-registration, and it does
 * not change the service's `instancesRevision` (AWS: "health status updates
 * don't update InstancesRevision", DiscoverInstances).
 */
export interface InstanceHealthChanged {
  type: 'InstanceHealthChanged';
  revision: number;
  serviceId: string;
  instanceId: string;
  healthStatus: HealthStatus;
  /** Epoch milliseconds of the change (the instance's new `updateDate`). */
  updateDate: number;
}

/** Any change event. */
export type ChangeEvent =
  | NamespaceUpserted
  | NamespaceDeleted
  | ServiceUpserted
  | ServiceDeleted
  | InstanceUpserted
  | InstanceHealthChanged
  | InstanceDeleted;

/** The `type` of a change event. */
export type ChangeEventType = ChangeEvent['type'];
