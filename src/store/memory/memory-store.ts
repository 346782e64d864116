/**
 * The embedded in-memory store: the state of a single cloudmap-dns process
 * when no `REDIS_URL` is configured. It keeps the same rules as the Redis
 * store (see `../store.ts`) and is checked by the same contract suite.
 *
 * Writes are synchronous inside one call, so each is atomic; listeners get
 * each event on a microtask after the write returns, in revision order.
 */
import { errors } from '../../model/errors.ts';
import type { HealthStatus, Instance, Namespace, Operation, Service } from '../../model/types.ts';
import type {
  ChangeEvent, InstanceDeleted, InstanceHealthChanged, InstanceUpserted, NamespaceDeleted, NamespaceUpserted, ServiceDeleted,
  ServiceUpserted,
} from '../events.ts';
import {
  type ChangeListener, type NamespaceChange, RequestAlreadyApplied, type RequestRecord, type ResourceRef, type ServiceChange, type Snapshot,
  type Store, type Subscription, type Tags,
} from '../store.ts';

/** Options of the memory store. */
export interface MemoryStoreOptions {
  /**
   * How many change events to keep for late subscribers (like the Redis
   * stream's MAXLEN); older positions get `onGap`.
   * @default 10000
   */
  eventLogSize?: number;
  /**
   * How long operations stay readable (GetOperation, ListOperations), in
   * milliseconds, as the Redis store's `operationRetentionMs`.
   * @default 7 days
   */
  operationRetentionMs?: number;
  /** Most operations kept; the oldest go first. @default 100000 */
  maxOperations?: number;
  /** How long an idempotency token's record is kept, milliseconds (as the Redis store's). @default 3600000 (1 h) */
  requestRetentionMs?: number;
  /** Most idempotency records kept; the oldest go first. @default 100000 */
  maxRequests?: number;
  /** Clock in epoch milliseconds, for operation and request retention. @default Date.now */
  now?: () => number;
}

interface Subscriber {
  listener: ChangeListener;
  /** Revision of the last event delivered. */
  last: number;
  closed?: boolean;
}

/**
 * A deep copy of a record or event. They are plain JSON-like data (objects,
 * arrays, strings, numbers, booleans), so a direct walk does what
 * structuredClone does at a fraction of its cost (it runs several times per
 * write; see docs/benchmarks.md).
 */
function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = clone((value as Record<string, unknown>)[key]);
  return out as T;
}
const lower = (name: string): string => name.toLowerCase();

/** In-process `Store`. */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  #revision = 0;
  readonly #namespaces = new Map<string, Namespace>();
  readonly #namespaceByName = new Map<string, string>();
  readonly #services = new Map<string, Service>();
  /** `<namespaceId>\n<lowercase name>` → service id. */
  readonly #serviceByName = new Map<string, string>();
  readonly #servicesOfNamespace = new Map<string, Set<string>>();
  readonly #instances = new Map<string, Map<string, Instance>>();
  readonly #operations = new Map<string, Operation>();
  readonly #tags = new Map<string, Tags>();
  /** Service id → lowercase instance id → instance id, for services with an SRV record (DNS host labels). */
  readonly #hostOwners = new Map<string, Map<string, string>>();
  /** Service id → its service attributes. */
  readonly #serviceAttributes = new Map<string, Record<string, string>>();
  /** The change log: the events kept are `#log[#logStart..]`, oldest first (trimmed entries before it are dropped in bulk). */
  readonly #log: ChangeEvent[] = [];
  #logStart = 0;
  readonly #subscribers = new Set<Subscriber>();
  readonly #eventLogSize: number;
  readonly #operationRetentionMs: number;
  readonly #maxOperations: number;
  /** Request key → record and when it was stored (epoch ms), oldest first. */
  readonly #requests = new Map<string, { record: RequestRecord; at: number }>();
  readonly #requestRetentionMs: number;
  readonly #maxRequests: number;
  readonly #now: () => number;

  constructor({
    eventLogSize = 10_000, operationRetentionMs = 7 * 24 * 3600 * 1000, maxOperations = 100_000, requestRetentionMs = 3600 * 1000,
    maxRequests = 100_000, now = Date.now,
  }: MemoryStoreOptions = {}) {
    this.#eventLogSize = eventLogSize;
    this.#operationRetentionMs = operationRetentionMs;
    this.#maxOperations = maxOperations;
    this.#requestRetentionMs = requestRetentionMs;
    this.#maxRequests = maxRequests;
    this.#now = now;
  }

  async createNamespace(namespace: Namespace, operation: Operation, tags?: Tags, request?: RequestRecord): Promise<NamespaceUpserted> {
    this.#checkRequest(request);
    const existingId = this.#namespaceByName.get(lower(namespace.name));
    if (existingId !== undefined) {
      const existing = this.#namespaces.get(existingId)!;
      throw errors.namespaceAlreadyExists(namespace.name, existing.id, existing.creatorRequestId);
    }
    const stored = clone(namespace);
    delete stored.serviceCount;
    this.#namespaces.set(stored.id, stored);
    this.#namespaceByName.set(lower(stored.name), stored.id);
    this.#servicesOfNamespace.set(stored.id, new Set());
    this.#putTags(stored.arn, tags);
    this.#recordOperation(operation);
    this.#recordRequest(request);
    return this.#emit({ type: 'NamespaceUpserted', revision: 0, namespace: clone(stored) });
  }

  async getNamespace(id: string): Promise<Namespace | undefined> {
    const ns = this.#namespaces.get(id);
    return ns && { ...clone(ns), serviceCount: this.#servicesOfNamespace.get(id)?.size ?? 0 };
  }

  async listNamespaces(): Promise<Namespace[]> {
    return [...this.#namespaces.keys()].map((id) => ({
      ...clone(this.#namespaces.get(id)!),
      serviceCount: this.#servicesOfNamespace.get(id)?.size ?? 0,
    }));
  }

  async deleteNamespace(id: string, operation: Operation): Promise<NamespaceDeleted> {
    const ns = this.#namespaces.get(id);
    if (!ns) throw errors.namespaceNotFound(id);
    if ((this.#servicesOfNamespace.get(id)?.size ?? 0) > 0) {
      throw errors.resourceInUse(`Namespace ${id} has services; delete them first`);
    }
    this.#namespaces.delete(id);
    this.#namespaceByName.delete(lower(ns.name));
    this.#servicesOfNamespace.delete(id);
    this.#tags.delete(ns.arn);
    this.#recordOperation(operation);
    return this.#emit({ type: 'NamespaceDeleted', revision: 0, namespaceId: id });
  }

  async updateNamespace(id: string, change: NamespaceChange, operation: Operation, request?: RequestRecord): Promise<NamespaceUpserted> {
    this.#checkRequest(request);
    const ns = this.#namespaces.get(id);
    if (!ns) throw errors.namespaceNotFound(id);
    const updated: Namespace = { ...ns };
    if (change.description !== undefined) updated.description = change.description;
    if (change.soaTtl !== undefined) updated.soaTtl = change.soaTtl;
    if (change.hostedZoneId !== undefined) updated.hostedZoneId = change.hostedZoneId;
    this.#namespaces.set(id, updated);
    this.#recordOperation(operation);
    this.#recordRequest(request);
    return this.#emit({ type: 'NamespaceUpserted', revision: 0, namespace: clone(updated) });
  }

  async createService(service: Service, tags?: Tags, request?: RequestRecord): Promise<ServiceUpserted> {
    this.#checkRequest(request);
    const services = this.#servicesOfNamespace.get(service.namespaceId);
    if (!services) throw errors.namespaceNotFound(service.namespaceId);
    const nameKey = `${service.namespaceId}\n${lower(service.name)}`;
    const existingId = this.#serviceByName.get(nameKey);
    if (existingId !== undefined) {
      const existing = this.#services.get(existingId)!;
      throw errors.serviceAlreadyExists(service.name, existing.id, existing.arn, existing.creatorRequestId);
    }
    const stored = clone(service);
    delete stored.instanceCount;
    stored.instancesRevision = this.#revision + 1;
    this.#services.set(stored.id, stored);
    this.#serviceByName.set(nameKey, stored.id);
    services.add(stored.id);
    this.#instances.set(stored.id, new Map());
    this.#putTags(stored.arn, tags);
    this.#recordRequest(request);
    return this.#emit({ type: 'ServiceUpserted', revision: 0, service: clone(stored) });
  }

  async getService(id: string): Promise<Service | undefined> {
    const svc = this.#services.get(id);
    return svc && { ...clone(svc), instanceCount: this.#instances.get(id)?.size ?? 0 };
  }

  async listServices(): Promise<Service[]> {
    return [...this.#services.keys()].map((id) => ({
      ...clone(this.#services.get(id)!),
      instanceCount: this.#instances.get(id)?.size ?? 0,
    }));
  }

  async deleteService(id: string): Promise<ServiceDeleted> {
    const svc = this.#services.get(id);
    if (!svc) throw errors.serviceNotFound(id);
    if ((this.#instances.get(id)?.size ?? 0) > 0) {
      throw errors.resourceInUse(`Service ${id} has registered instances; deregister them first`);
    }
    this.#services.delete(id);
    this.#serviceByName.delete(`${svc.namespaceId}\n${lower(svc.name)}`);
    this.#servicesOfNamespace.get(svc.namespaceId)?.delete(id);
    this.#instances.delete(id);
    this.#tags.delete(svc.arn);
    this.#serviceAttributes.delete(id);
    this.#hostOwners.delete(id);
    return this.#emit({ type: 'ServiceDeleted', revision: 0, namespaceId: svc.namespaceId, serviceId: id });
  }

  async updateService(id: string, change: ServiceChange, operation: Operation): Promise<ServiceUpserted> {
    const svc = this.#services.get(id);
    if (!svc) throw errors.serviceNotFound(id);
    const updated: Service = clone(svc);
    if (change.description !== undefined) updated.description = change.description;
    if (change.dnsRecords !== undefined) updated.dnsRecords = clone(change.dnsRecords);
    if (change.healthCheckConfig === null) delete updated.healthCheckConfig;
    else if (change.healthCheckConfig !== undefined) updated.healthCheckConfig = clone(change.healthCheckConfig);
    this.#services.set(id, updated);
    this.#recordOperation(operation);
    return this.#emit({ type: 'ServiceUpserted', revision: 0, service: clone(updated) });
  }

  async getServiceAttributes(serviceId: string): Promise<Record<string, string>> {
    if (!this.#services.has(serviceId)) throw errors.serviceNotFound(serviceId);
    return { ...(this.#serviceAttributes.get(serviceId) ?? {}) };
  }

  async updateServiceAttributes(serviceId: string, attributes: Record<string, string>, max: number): Promise<void> {
    if (!this.#services.has(serviceId)) throw errors.serviceNotFound(serviceId);
    const merged = { ...(this.#serviceAttributes.get(serviceId) ?? {}), ...attributes };
    const count = Object.keys(merged).length;
    if (count > max) throw errors.serviceAttributesLimit(serviceId, count, max);
    this.#serviceAttributes.set(serviceId, merged);
  }

  async deleteServiceAttributes(serviceId: string, keys: readonly string[]): Promise<void> {
    if (!this.#services.has(serviceId)) throw errors.serviceNotFound(serviceId);
    const attrs = this.#serviceAttributes.get(serviceId);
    for (const key of keys) delete attrs?.[key];
  }

  async registerInstance(instance: Instance, operation: Operation, request?: RequestRecord): Promise<InstanceUpserted> {
    this.#checkRequest(request);
    const svc = this.#services.get(instance.serviceId);
    const instances = this.#instances.get(instance.serviceId);
    if (!svc || !instances) throw errors.serviceNotFound(instance.serviceId);
    const hosts = svc.dnsRecords?.some((r) => r.type === 'SRV') ? this.#hostsOf(svc.id) : undefined;
    const owner = hosts?.get(instance.id.toLowerCase());
    if (owner !== undefined && owner !== instance.id) throw errors.hostNameTaken(instance.id, owner);
    hosts?.set(instance.id.toLowerCase(), instance.id);
    const stored = clone(instance);
    const existing = instances.get(instance.id);
    if (existing) stored.createDate = existing.createDate;
    instances.set(stored.id, stored);
    svc.instancesRevision = this.#revision + 1;
    this.#recordOperation(operation);
    this.#recordRequest(request);
    return this.#emit({ type: 'InstanceUpserted', revision: 0, instance: clone(stored) });
  }

  async deregisterInstance(serviceId: string, instanceId: string, operation: Operation): Promise<InstanceDeleted> {
    const svc = this.#services.get(serviceId);
    const instances = this.#instances.get(serviceId);
    if (!svc || !instances) throw errors.serviceNotFound(serviceId);
    if (!instances.delete(instanceId)) throw errors.instanceNotFound(serviceId, instanceId);
    const hosts = this.#hostOwners.get(serviceId);
    if (hosts?.get(instanceId.toLowerCase()) === instanceId) hosts.delete(instanceId.toLowerCase());
    svc.instancesRevision = this.#revision + 1;
    this.#recordOperation(operation);
    return this.#emit({ type: 'InstanceDeleted', revision: 0, serviceId, instanceId });
  }

  async setInstanceHealth(serviceId: string, instanceId: string, status: HealthStatus, updateDate: number): Promise<InstanceHealthChanged | undefined> {
    const instances = this.#instances.get(serviceId);
    if (!instances) throw errors.serviceNotFound(serviceId);
    const inst = instances.get(instanceId);
    if (!inst) throw errors.instanceNotFound(serviceId, instanceId);
    if (inst.healthStatus === status) return undefined;
    instances.set(instanceId, { ...inst, healthStatus: status, updateDate });
    return this.#emit({ type: 'InstanceHealthChanged', revision: 0, serviceId, instanceId, healthStatus: status, updateDate });
  }

  async getInstance(serviceId: string, instanceId: string): Promise<Instance | undefined> {
    const inst = this.#instances.get(serviceId)?.get(instanceId);
    return inst && clone(inst);
  }

  async listInstances(serviceId: string): Promise<Instance[]> {
    const instances = this.#instances.get(serviceId);
    if (!instances) throw errors.serviceNotFound(serviceId);
    return [...instances.values()].map(clone);
  }

  async getOperation(id: string): Promise<Operation | undefined> {
    const op = this.#operations.get(id);
    return op && clone(op);
  }

  async listOperations(): Promise<Operation[]> {
    return [...this.#operations.values()].map(clone);
  }

  async getTags(arn: string): Promise<Tags> {
    return { ...(this.#tags.get(arn) ?? {}) };
  }

  async tagResource(resource: ResourceRef, tags: Tags, max: number): Promise<void> {
    this.#resourceOrThrow(resource);
    const merged = { ...(this.#tags.get(resource.arn) ?? {}), ...tags };
    const count = Object.keys(merged).length;
    if (count > max) throw errors.tooManyTags(resource.arn, count, max);
    this.#tags.set(resource.arn, merged);
  }

  async untagResource(resource: ResourceRef, keys: readonly string[]): Promise<void> {
    this.#resourceOrThrow(resource);
    const tags = this.#tags.get(resource.arn);
    for (const key of keys) delete tags?.[key];
  }

  #hostsOf(serviceId: string): Map<string, string> {
    let hosts = this.#hostOwners.get(serviceId);
    if (!hosts) this.#hostOwners.set(serviceId, (hosts = new Map()));
    return hosts;
  }

  /** @throws ResourceNotFoundException unless a namespace/service with this id has exactly this ARN */
  #resourceOrThrow(resource: ResourceRef): void {
    const record = resource.kind === 'namespace' ? this.#namespaces.get(resource.id) : this.#services.get(resource.id);
    if (!record || record.arn !== resource.arn) throw errors.resourceNotFound(resource.arn);
  }

  async revision(): Promise<number> {
    return this.#revision;
  }

  async snapshot(): Promise<Snapshot> {
    return {
      revision: this.#revision,
      namespaces: [...this.#namespaces.values()].map(clone),
      services: [...this.#services.values()].map(clone),
      instances: [...this.#instances.values()].flatMap((m) => [...m.values()].map(clone)),
    };
  }

  subscribe(after: number, listener: ChangeListener): Subscription {
    const oldest = this.#log[this.#logStart]?.revision ?? this.#revision + 1;
    if (after + 1 < oldest && after < this.#revision) {
      queueMicrotask(() => listener.onGap());
      return { close: async () => {} };
    }
    const subscriber: Subscriber = { listener, last: after };
    queueMicrotask(() => {
      if (subscriber.closed) return;
      this.#deliver(subscriber, this.#log.slice(this.#logStart));
      this.#subscribers.add(subscriber);
    });
    return {
      close: async () => {
        subscriber.closed = true;
        this.#subscribers.delete(subscriber);
      },
    };
  }

  async close(): Promise<void> {
    this.#subscribers.clear();
  }

  /**
   * Stores an operation and drops those created before the retention window
   * and the oldest beyond `maxOperations` (oldest first: Map keeps insertion order).
   */
  #recordOperation(operation: Operation): void {
    const cutoff = this.#now() - this.#operationRetentionMs;
    for (const [id, op] of this.#operations) {
      if (op.createDate >= cutoff && this.#operations.size < this.#maxOperations) break;
      this.#operations.delete(id);
    }
    this.#operations.set(operation.id, clone(operation));
  }

  /** @throws RequestAlreadyApplied when the request key holds a record still within the retention */
  #checkRequest(request: RequestRecord | undefined): void {
    if (!request) return;
    const prior = this.#requests.get(request.key);
    if (prior && prior.at >= this.#now() - this.#requestRetentionMs) throw new RequestAlreadyApplied({ ...prior.record });
  }

  /** Stores an idempotency record, dropping expired ones and the oldest beyond `maxRequests`. */
  #recordRequest(request: RequestRecord | undefined): void {
    if (!request) return;
    const now = this.#now();
    for (const [key, entry] of this.#requests) {
      if (entry.at >= now - this.#requestRetentionMs && this.#requests.size < this.#maxRequests) break;
      this.#requests.delete(key);
    }
    this.#requests.delete(request.key);
    this.#requests.set(request.key, { record: { ...request }, at: now });
  }

  #putTags(arn: string, tags: Tags | undefined): void {
    if (tags && Object.keys(tags).length > 0) this.#tags.set(arn, { ...tags });
  }

  /** Assigns the next revision, appends to the log and schedules delivery; returns the event. */
  #emit<E extends ChangeEvent>(event: E): E {
    event.revision = ++this.#revision;
    this.#log.push(event);
    // Keep the last #eventLogSize events; drop the trimmed ones from the array once they are as many as the kept ones
    // (one splice per #eventLogSize writes instead of one per write: a splice moves every kept entry).
    if (this.#log.length - this.#logStart > this.#eventLogSize) this.#logStart = this.#log.length - this.#eventLogSize;
    if (this.#logStart >= this.#eventLogSize) {
      this.#log.splice(0, this.#logStart);
      this.#logStart = 0;
    }
    queueMicrotask(() => {
      for (const subscriber of this.#subscribers) this.#deliver(subscriber, [event]);
    });
    return clone(event);
  }

  /** Hands `events` newer than the subscriber's position to it, keeping revisions consecutive and unique. */
  #deliver(subscriber: Subscriber, events: readonly ChangeEvent[]): void {
    const fresh = events.filter((e) => e.revision > subscriber.last);
    if (fresh.length === 0) return;
    subscriber.last = fresh[fresh.length - 1]!.revision;
    subscriber.listener.onEvents(fresh.map(clone));
  }
}
