/**
 * The `Store` contract: Cloud Map state with atomic writes and a change feed.
 *
 * Two implementations satisfy it and share one contract test suite
 * (`contract.ts`): `memory/memory-store.ts` (single process, the default) and
 * `redis/redis-store.ts` (shared by any number of replicas).
 *
 * Rules every implementation keeps:
 * - Each write is atomic: its checks, its state changes, its operation record
 *   and its change event happen together or not at all (Lua script in Redis).
 * - Each write that changes the snapshot state (namespaces, services,
 *   instances) produces exactly one `ChangeEvent` with the next store
 *   revision, and returns it. Tags and service attributes are not part of the
 *   snapshot (no view serves them): their writes are atomic too, but produce
 *   no event and leave the revision alone.
 * - Records returned by reads are copies; callers may not mutate store state
 *   through them.
 * - Errors are `CloudMapError`s: the not-found / already-exists / in-use
 *   shapes listed per method, or `ServiceUnavailable` (HTTP 503, retryable)
 *   when the backend cannot be reached.
 */
import { CloudMapError } from '../model/errors.ts';
import type { DnsRecordTemplate, HealthCheckConfig, HealthStatus, Instance, Namespace, Operation, Service } from '../model/types.ts';
import type {
  ChangeEvent, InstanceDeleted, InstanceHealthChanged, InstanceUpserted, NamespaceDeleted, NamespaceUpserted, ServiceDeleted,
  ServiceUpserted,
} from './events.ts';

/** Resource tags (AWS `Tag` list as a map of key to value). */
export type Tags = Record<string, string>;

/** All records at one revision; what a view loads at start or after a gap. */
export interface Snapshot {
  /** Store revision the snapshot is at least as new as. */
  revision: number;
  namespaces: Namespace[];
  services: Service[];
  instances: Instance[];
}

/**
 * A snapshot whose instances arrive in batches while they are read
 * (`Store.snapshotInBatches`), so a reader never holds every instance twice
 * (issue 11: a reload of 100k instances must not pause DNS). Same
 * consistency as `Snapshot`: the records are at least as new as `revision`.
 */
export interface BatchedSnapshot {
  /** Store revision the snapshot is at least as new as. */
  revision: number;
  namespaces: Namespace[];
  services: Service[];
  /**
   * The instances, in batches of at most a few hundred, each decoded when
   * the consumer asks for it (not in the socket's callback). Iterate it once,
   * to the end: the reads stop when the consumer stops. Rejects with the
   * store's error (e.g. ServiceUnavailable) when a read fails.
   */
  instanceBatches: AsyncIterable<readonly Instance[]>;
}

/** Receives change events in revision order. */
export interface ChangeListener {
  /** Events with consecutive revisions, oldest first. */
  onEvents(events: ChangeEvent[]): void;
  /**
   * The feed cannot continue from the listener's position (stream trimmed,
   * or connection lost long enough to miss events). The listener should load
   * a fresh `snapshot()` and subscribe again from its revision.
   * @param reason what happened, for the log (e.g. `Redis data was reset or replaced (epoch key changed)`)
   */
  onGap(reason?: string): void;
  /** A transient error while following (e.g. Redis down); the feed keeps retrying. */
  onError?(error: Error): void;
}

/** A live subscription to the change feed. */
export interface Subscription {
  /** Stop delivering events; resolves once the follower has stopped. */
  close(): Promise<void>;
}

/** A namespace or service, as named by an ARN (TagResource, UntagResource, ListTagsForResource). */
export interface ResourceRef {
  kind: 'namespace' | 'service';
  id: string;
  /** The full ARN; it must equal the resource's `arn`. */
  arn: string;
}

/** The fields UpdateHttpNamespace / Update*DnsNamespace may change; undefined keeps a field. */
export interface NamespaceChange {
  description?: string;
  /** SOA TTL in seconds (DNS namespaces). */
  soaTtl?: number;
  /** Route 53 hosted zone id (DNS namespaces; `DnsProperties.HostedZoneId`), set by the reconciler's Route 53 provider. */
  hostedZoneId?: string;
}

/** The fields UpdateService may change; undefined keeps a field, `null` removes it. */
export interface ServiceChange {
  description?: string;
  /** New TTLs for the same record types (the caller checks the types). */
  dnsRecords?: DnsRecordTemplate[];
  healthCheckConfig?: HealthCheckConfig | null;
}

/**
 * What a request with an idempotency token (AWS `CreatorRequestId`,
 * `UpdaterRequestId`) did, stored atomically with its write and kept for the
 * store's request retention (default 1 hour), so that a retry, including
 * one sent after a write that timed out but was applied later, is answered
 * with the original result instead of being performed twice.
 */
export interface RequestRecord {
  /** `<use case>:<token>`, e.g. `RegisterInstance:7a48a98a-…`. */
  key: string;
  /** Digest of the request's content: the same token with other content is a different request. */
  fingerprint: string;
  /** Id of the namespace or service created, or of the instance registered. */
  resourceId: string;
  /** Id of the operation recorded, when the write records one. */
  operationId?: string;
}

/**
 * A write refused because its request key already holds a record: the
 * request (or another one with the same token) was applied before. Nothing
 * was written. The use case compares fingerprints: the same request gets the
 * original result, another one DuplicateRequest. On the wire (if it escaped)
 * it is a DuplicateRequest naming the original operation.
 */
export class RequestAlreadyApplied extends CloudMapError {
  constructor(readonly record: RequestRecord) {
    super('DuplicateRequest', `A request with this token was already applied (${record.key})`,
      record.operationId ? { DuplicateOperationId: record.operationId } : {});
  }
}

/** Which backend holds the state. */
export type StoreKind = 'memory' | 'redis';

/** Cloud Map state; see the module comment for the rules. */
export interface Store {
  readonly kind: StoreKind;

  /**
   * Create a namespace and record its CREATE_NAMESPACE operation.
   * Namespace names are unique, compared case-insensitively.
   * @param request idempotency record to store with the write (see `RequestRecord`)
   * @throws RequestAlreadyApplied (checked first), NamespaceAlreadyExists
   *   (fields NamespaceId, CreatorRequestId of the existing one)
   */
  createNamespace(namespace: Namespace, operation: Operation, tags?: Tags, request?: RequestRecord): Promise<NamespaceUpserted>;
  /** @returns the namespace with `serviceCount` set, or undefined. */
  getNamespace(id: string): Promise<Namespace | undefined>;
  /** All namespaces with `serviceCount` set, in no particular order. */
  listNamespaces(): Promise<Namespace[]>;
  /**
   * Delete a namespace that has no services, recording the DELETE_NAMESPACE operation.
   * @throws NamespaceNotFound, ResourceInUse (it still has services)
   */
  deleteNamespace(id: string, operation: Operation): Promise<NamespaceDeleted>;
  /**
   * Change a namespace's description and/or SOA TTL, recording the
   * UPDATE_NAMESPACE operation. Only the fields in `change` are written, so
   * concurrent updates of different fields both take effect.
   * @returns the event with the whole namespace after the change
   * @throws RequestAlreadyApplied (checked first), NamespaceNotFound
   */
  updateNamespace(id: string, change: NamespaceChange, operation: Operation, request?: RequestRecord): Promise<NamespaceUpserted>;

  /**
   * Create a service in an existing namespace. Service names are unique per
   * namespace, compared case-insensitively. The stored `instancesRevision`
   * is the event's revision.
   * @throws RequestAlreadyApplied (checked first), NamespaceNotFound,
   *   ServiceAlreadyExists (fields ServiceId, ServiceArn, CreatorRequestId)
   */
  createService(service: Service, tags?: Tags, request?: RequestRecord): Promise<ServiceUpserted>;
  /** @returns the service with `instanceCount` set, or undefined. */
  getService(id: string): Promise<Service | undefined>;
  /** All services with `instanceCount` set, in no particular order. */
  listServices(): Promise<Service[]>;
  /**
   * Delete a service that has no instances.
   * @throws ServiceNotFound, ResourceInUse (it still has instances)
   */
  deleteService(id: string): Promise<ServiceDeleted>;
  /**
   * Change a service's description, record TTLs and/or health check,
   * recording the UPDATE_SERVICE operation. Only the fields in `change` are
   * written; `instancesRevision` is kept.
   * @returns the event with the whole service after the change
   * @throws ServiceNotFound
   */
  updateService(id: string, change: ServiceChange, operation: Operation): Promise<ServiceUpserted>;
  /** Service attributes (AWS ServiceAttributes.Attributes); empty when none. @throws ServiceNotFound */
  getServiceAttributes(serviceId: string): Promise<Record<string, string>>;
  /**
   * Add or replace service attributes, keeping the others.
   * @param max most attributes the service may have afterwards
   * @throws ServiceNotFound, ServiceAttributesLimitExceededException (nothing written)
   */
  updateServiceAttributes(serviceId: string, attributes: Record<string, string>, max: number): Promise<void>;
  /** Remove the named service attributes (absent ones are ignored). @throws ServiceNotFound */
  deleteServiceAttributes(serviceId: string, keys: readonly string[]): Promise<void>;

  /**
   * Register an instance, or replace the attributes of an existing one with
   * the same id (AWS RegisterInstance semantics), and record the
   * REGISTER_INSTANCE operation. An existing instance keeps its `createDate`.
   * The service's `instancesRevision` becomes the event's revision.
   * Instance ids are case-sensitive, but in a service with an SRV record an
   * id is also a DNS host label, and DNS names are case-insensitive (RFC
   * 4343): there an id that equals another instance's id but for case is
   * refused.
   * @returns the event, whose `instance` is the record as stored
   * @throws RequestAlreadyApplied (checked first), ServiceNotFound,
   *   InvalidInput (host name taken, see above)
   */
  registerInstance(instance: Instance, operation: Operation, request?: RequestRecord): Promise<InstanceUpserted>;
  /**
   * Deregister an instance and record the DEREGISTER_INSTANCE operation.
   * The service's `instancesRevision` becomes the event's revision.
   * @throws ServiceNotFound, InstanceNotFound
   */
  deregisterInstance(serviceId: string, instanceId: string, operation: Operation): Promise<InstanceDeleted>;
  /**
   * Set the health status of an existing instance, and nothing else: its
   * attributes and every other field stay as the last registration wrote
   * them, even when a re-registration races with this call (Redis: one Lua
   * script that only writes `healthStatus` and `updateDate`). Does not change
   * the service's `instancesRevision` and records no operation (AWS
   * UpdateInstanceCustomHealthStatus returns none).
   * @param updateDate epoch milliseconds, stored as the instance's `updateDate`
   * @returns the `InstanceHealthChanged` event, or `undefined` when the
   *   instance already has `status` (nothing written, no event, no revision)
   * @throws ServiceNotFound, InstanceNotFound (never creates an instance)
   */
  setInstanceHealth(serviceId: string, instanceId: string, status: HealthStatus, updateDate: number): Promise<InstanceHealthChanged | undefined>;
  getInstance(serviceId: string, instanceId: string): Promise<Instance | undefined>;
  /**
   * Instances of one service, in no particular order.
   * @throws ServiceNotFound
   */
  listInstances(serviceId: string): Promise<Instance[]>;

  getOperation(id: string): Promise<Operation | undefined>;
  /**
   * All retained operations, in no particular order. Operations are kept
   * for the store's operation retention (default 7 days) and at most its
   * `maxOperations` (default 100,000; the oldest go first).
   */
  listOperations(): Promise<Operation[]>;

  /** Tags of a resource by ARN; empty when it has none. */
  getTags(arn: string): Promise<Tags>;
  /**
   * Add or replace tags of an existing namespace or service.
   * @param max most tags the resource may have afterwards
   * @throws ResourceNotFoundException (no such resource with that ARN),
   *   TooManyTagsException with ResourceName (nothing written)
   */
  tagResource(resource: ResourceRef, tags: Tags, max: number): Promise<void>;
  /** Remove tags by key (absent keys are ignored). @throws ResourceNotFoundException */
  untagResource(resource: ResourceRef, keys: readonly string[]): Promise<void>;

  /** Current store revision (0 for an empty store). */
  revision(): Promise<number>;
  /** Every namespace, service and instance, for loading a view. */
  snapshot(): Promise<Snapshot>;
  /**
   * The same records as `snapshot`, instances delivered in batches as they
   * are read (see `BatchedSnapshot`). Optional: a store without it (the
   * in-process memory store, whose snapshot is a copy of maps) is loaded
   * through `snapshot`.
   */
  snapshotInBatches?(): Promise<BatchedSnapshot>;
  /** Deliver every event with revision greater than `after` to `listener`, then new ones as they happen. */
  subscribe(after: number, listener: ChangeListener): Subscription;

  /** Release connections and timers. */
  close(): Promise<void>;
}

export type { ChangeEvent };
