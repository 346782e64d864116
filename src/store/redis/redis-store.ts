/**
 * The Redis store: Cloud Map state shared by any number of cloudmap-dns
 * replicas (DESIGN.md §4), keeping the rules of `../store.ts`.
 *
 * Each write is one Lua script (`scripts.ts`, `lua/`) that checks, writes
 * every key, bumps the revision and appends the change event to the stream
 * atomically. Reads (`reads.ts`) are HGETALLs batched in pipelines.
 * `subscribe` follows the stream on a dedicated connection (`follower.ts`).
 * Key layout: `keys.ts` and
 * docs/redis-keys.md; field encoding: `codec.ts`. Redis failures surface as
 * `ServiceUnavailable` within `commandTimeoutMs` (`connection.ts`).
 */
import type { HealthStatus, Instance, Namespace, Operation, Service } from '../../model/types.ts';
import type {
  InstanceDeleted, InstanceHealthChanged, InstanceUpserted, NamespaceDeleted, NamespaceUpserted, ServiceDeleted, ServiceUpserted,
} from '../events.ts';
import { CloudMapError, errors } from '../../model/errors.ts';
import type { ChangeListener, NamespaceChange, RequestRecord, ResourceRef, ServiceChange, Store, Subscription, Tags } from '../store.ts';
import * as codec from './codec.ts';
import { commandConnectionOptions, createRedisClient, followerConnection, type RedisClient } from './connection.ts';
import { followStream } from './follower.ts';
import { RedisKeys } from './keys.ts';
import { RedisReads } from './reads.ts';
import { type RedisTarget, targetFromUrl } from './target.ts';
import { defineScripts, runWrite, ScriptCode, type ScriptContext, type ScriptName } from './scripts.ts';

/** Fields of a namespace hash that UpdateNamespace may change. */
const NAMESPACE_MUTABLE = ['description', 'soaTtl', 'hostedZoneId'] as const;
/** Fields of a service hash that UpdateService may change. */
const SERVICE_MUTABLE = ['description', 'dnsRecords', 'healthCheckType', 'healthCheckResourcePath', 'healthCheckFailureThreshold'] as const;
/** Compare-and-set attempts of an update before it gives up (each loses only to a concurrent update of the same record). */
const UPDATE_ATTEMPTS = 8;

/** Options of the Redis store. */
export interface RedisStoreOptions {
  /** Redis URL (`redis://[[user]:password@]host:port[/db]`, `rediss://` for TLS); ignored when `target` or `redis` is given. @default 'redis://127.0.0.1:6379' */
  url?: string;
  /** Where the state is: one server, Sentinel or Cluster, with credentials and TLS (`target.ts`); ignored when `redis` is given. */
  target?: RedisTarget;
  /**
   * An ioredis client to use instead of connecting to `url`. The store
   * registers its scripts on it and leaves it open on `close()`. Fail-fast
   * behaviour then depends on that client's options (see `connection.ts`).
   */
  redis?: RedisClient;
  /** Text before the `{cm}` hash tag of every key. @default 'cloudmap:' */
  prefix?: string;
  /** Change stream length kept for followers (XADD MAXLEN). @default 100000 */
  streamMaxLength?: number;
  /** `approximate` trims with `MAXLEN ~` (cheap, may keep somewhat more); `exact` with `MAXLEN =`. @default 'approximate' */
  streamTrim?: 'approximate' | 'exact';
  /** How long operations stay readable by GetOperation/ListOperations, milliseconds. @default 604800000 (7 days) */
  operationRetentionMs?: number;
  /** Most operations kept; each write that records one deletes the oldest beyond it. @default 100000 */
  maxOperations?: number;
  /** How long an idempotency token's record is kept (a retry within it gets the original result), milliseconds. @default 3600000 (1 h) */
  requestRetentionMs?: number;
  /** TCP connect timeout, milliseconds. @default 3000 */
  connectTimeoutMs?: number;
  /** Time after which a command fails with ServiceUnavailable, milliseconds. @default 3000 */
  commandTimeoutMs?: number;
  /** XREAD BLOCK time of subscriptions, milliseconds. @default 5000 */
  blockMs?: number;
  /** Backoff of a subscription after a connection failure, milliseconds (doubles from min to max). @default {min: 100, max: 5000} */
  retryDelayMs?: { min: number; max: number };
}

const DAY_MS = 86_400_000;

/** `Store` on Redis; see the module comment. */
export class RedisStore extends RedisReads implements Store {
  readonly kind = 'redis' as const;
  readonly #ownsClient: boolean;
  readonly #subscriptions = new Set<Subscription>();
  readonly #o: Required<Omit<RedisStoreOptions, 'url' | 'target' | 'redis' | 'prefix'>>;

  constructor(options: RedisStoreOptions = {}) {
    const {
      url = 'redis://127.0.0.1:6379', target, redis, prefix, streamMaxLength = 100_000, streamTrim = 'approximate',
      operationRetentionMs = 7 * DAY_MS, connectTimeoutMs = 3000, commandTimeoutMs = 3000, blockMs = 5000,
      retryDelayMs = { min: 100, max: 5000 }, maxOperations = 100_000, requestRetentionMs = 3_600_000,
    } = options;
    const client = redis ?? createRedisClient(target ?? targetFromUrl(url), commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs }));
    super(client, new RedisKeys(prefix), operationRetentionMs, connectTimeoutMs);
    this.#o = {
      streamMaxLength, streamTrim, operationRetentionMs, connectTimeoutMs, commandTimeoutMs, blockMs, retryDelayMs, maxOperations,
      requestRetentionMs,
    };
    this.#ownsClient = !redis;
    if (!redis) client.on('error', () => {}); // failures surface through the commands that hit them
    defineScripts(client);
  }

  async createNamespace(namespace: Namespace, operation: Operation, tags?: Tags, request?: RequestRecord): Promise<NamespaceUpserted> {
    const k = this.keys;
    const stored: Namespace = structuredClone(namespace);
    delete stored.serviceCount;
    const [revision] = await this.#write('createNamespace', { name: namespace.name, requestKey: request?.key },
      [k.namespace(stored.id), k.namespaces, k.namespaceNames, k.tags(stored.arn), k.revision, k.events,
        k.operation(operation.id), k.operations, k.request(request?.key ?? '')],
      [...this.#operationArgs(operation), stored.id, stored.name.toLowerCase(), codec.eventData(stored),
        ...counted(codec.namespaceFields(stored)), ...counted(codec.tagFields(tags)),
        ...counted(codec.operationFields(operation)), ...this.#requestArgs(request)]);
    return { type: 'NamespaceUpserted', revision: revision as number, namespace: stored };
  }

  async deleteNamespace(id: string, operation: Operation): Promise<NamespaceDeleted> {
    const k = this.keys;
    const [name, arn] = await this.call(() => this.redis.hmget(k.namespace(id), 'name', 'arn'));
    const [revision] = await this.#write('deleteNamespace', { namespaceId: id },
      [k.namespace(id), k.namespaces, k.namespaceNames, k.servicesOf(id), k.serviceNames(id), k.tags(arn ?? ''),
        k.revision, k.events, k.operation(operation.id), k.operations],
      [...this.#operationArgs(operation), id, (name ?? '').toLowerCase(), ...counted(codec.operationFields(operation))]);
    return { type: 'NamespaceDeleted', revision: revision as number, namespaceId: id };
  }

  async updateNamespace(id: string, change: NamespaceChange, operation: Operation, request?: RequestRecord): Promise<NamespaceUpserted> {
    const ctx = { namespaceId: id, requestKey: request?.key };
    return this.#update(ctx, ScriptCode.NamespaceNotFound, operation, this.keys.namespace(id), NAMESPACE_MUTABLE, request, async () => {
      const current = await this.getNamespace(id);
      if (!current) throw errors.namespaceNotFound(id);
      delete current.serviceCount;
      const updated: Namespace = { ...current };
      if (change.description !== undefined) updated.description = change.description;
      if (change.soaTtl !== undefined) updated.soaTtl = change.soaTtl;
      if (change.hostedZoneId !== undefined) updated.hostedZoneId = change.hostedZoneId;
      return {
        before: codec.namespaceFields(current), after: codec.namespaceFields(updated),
        eventFields: ['type', 'NamespaceUpserted', 'namespaceId', id], data: codec.eventData(updated), appendField: '',
        event: (revision): NamespaceUpserted => ({ type: 'NamespaceUpserted', revision, namespace: updated }),
      };
    });
  }

  async createService(service: Service, tags?: Tags, request?: RequestRecord): Promise<ServiceUpserted> {
    const k = this.keys;
    const stored: Service = structuredClone(service);
    delete stored.instanceCount;
    const [revision] = await this.#write('createService', { namespaceId: stored.namespaceId, name: stored.name, requestKey: request?.key },
      [k.namespace(stored.namespaceId), k.service(stored.id), k.services, k.servicesOf(stored.namespaceId),
        k.serviceNames(stored.namespaceId), k.tags(stored.arn), k.revision, k.events, k.request(request?.key ?? '')],
      [...this.#commonArgs(), stored.id, stored.name.toLowerCase(), stored.namespaceId,
        codec.eventData(stored, 'instancesRevision'), ...counted(codec.serviceFields(stored)),
        ...counted(codec.tagFields(tags)), ...this.#requestArgs(request)]);
    stored.instancesRevision = revision as number;
    return { type: 'ServiceUpserted', revision: revision as number, service: stored };
  }

  async deleteService(id: string): Promise<ServiceDeleted> {
    const k = this.keys;
    const [nsId, name, arn] = await this.call(() => this.redis.hmget(k.service(id), 'namespaceId', 'name', 'arn'));
    const namespaceId = nsId ?? '';
    const [revision] = await this.#write('deleteService', { serviceId: id },
      [k.service(id), k.services, k.servicesOf(namespaceId), k.serviceNames(namespaceId), k.instancesOf(id),
        k.tags(arn ?? ''), k.revision, k.events, k.serviceAttributes(id)],
      [...this.#commonArgs(), id, (name ?? '').toLowerCase(), namespaceId]);
    return { type: 'ServiceDeleted', revision: revision as number, namespaceId, serviceId: id };
  }

  async updateService(id: string, change: ServiceChange, operation: Operation): Promise<ServiceUpserted> {
    const ctx = { serviceId: id };
    return this.#update(ctx, ScriptCode.ServiceNotFound, operation, this.keys.service(id), SERVICE_MUTABLE, undefined, async () => {
      const current = await this.getService(id);
      if (!current) throw errors.serviceNotFound(id);
      delete current.instanceCount;
      const updated: Service = structuredClone(current);
      if (change.description !== undefined) updated.description = change.description;
      if (change.dnsRecords !== undefined) updated.dnsRecords = structuredClone(change.dnsRecords);
      if (change.healthCheckConfig === null) delete updated.healthCheckConfig;
      else if (change.healthCheckConfig !== undefined) updated.healthCheckConfig = structuredClone(change.healthCheckConfig);
      return {
        before: codec.serviceFields(current), after: codec.serviceFields(updated),
        eventFields: ['type', 'ServiceUpserted', 'namespaceId', current.namespaceId, 'serviceId', id],
        data: codec.eventData(updated, 'instancesRevision'), appendField: 'instancesRevision',
        // The script appends the instancesRevision current at write time, as it does to the event.
        event: (revision, instancesRevision): ServiceUpserted => ({ type: 'ServiceUpserted', revision, service: { ...updated, instancesRevision } }),
      };
    });
  }

  async getServiceAttributes(serviceId: string): Promise<Record<string, string>> {
    const [exists, attrs] = await this.pipeline((p) => p.exists(this.keys.service(serviceId)).hgetall(this.keys.serviceAttributes(serviceId)));
    if (exists === 0) throw errors.serviceNotFound(serviceId);
    return { ...(attrs as Record<string, string>) };
  }

  async updateServiceAttributes(serviceId: string, attributes: Record<string, string>, max: number): Promise<void> {
    const k = this.keys;
    await this.#write('updateServiceAttributes', { serviceId, max }, [k.service(serviceId), k.serviceAttributes(serviceId)],
      [max, ...counted(Object.entries(attributes).flat())]);
  }

  async deleteServiceAttributes(serviceId: string, keys: readonly string[]): Promise<void> {
    const k = this.keys;
    await this.#write('deleteServiceAttributes', { serviceId }, [k.service(serviceId), k.serviceAttributes(serviceId)], [...keys]);
  }

  async tagResource(resource: ResourceRef, tags: Tags, max: number): Promise<void> {
    await this.#write('tagResource', { resourceArn: resource.arn, max }, [this.#resourceKey(resource), this.keys.tags(resource.arn)],
      [resource.arn, max, ...counted(codec.tagFields(tags))]);
  }

  async untagResource(resource: ResourceRef, keys: readonly string[]): Promise<void> {
    await this.#write('untagResource', { resourceArn: resource.arn }, [this.#resourceKey(resource), this.keys.tags(resource.arn)],
      [resource.arn, ...keys]);
  }

  #resourceKey(resource: ResourceRef): string {
    return resource.kind === 'namespace' ? this.keys.namespace(resource.id) : this.keys.service(resource.id);
  }

  async registerInstance(instance: Instance, operation: Operation, request?: RequestRecord): Promise<InstanceUpserted> {
    const k = this.keys;
    const stored: Instance = structuredClone(instance);
    const [revision, createDate] = await this.#write('registerInstance',
      { serviceId: stored.serviceId, instanceId: stored.id, requestKey: request?.key },
      [k.service(stored.serviceId), k.instancesOf(stored.serviceId), k.instance(stored.serviceId, stored.id),
        k.attributes(stored.serviceId, stored.id), k.revision, k.events, k.operation(operation.id), k.operations,
        k.request(request?.key ?? ''), k.serviceHosts(stored.serviceId), k.instancesJson(stored.serviceId)],
      [...this.#operationArgs(operation), stored.id, stored.serviceId, codec.eventData(stored, 'createDate'),
        String(stored.createDate), stored.id.toLowerCase(), ...counted(codec.instanceFields(stored)),
        ...counted(Object.entries(stored.attributes).flat()), ...counted(codec.operationFields(operation)),
        ...this.#requestArgs(request)]);
    stored.createDate = Number(createDate);
    return { type: 'InstanceUpserted', revision: revision as number, instance: stored };
  }

  async deregisterInstance(serviceId: string, instanceId: string, operation: Operation): Promise<InstanceDeleted> {
    const k = this.keys;
    const [revision] = await this.#write('deregisterInstance', { serviceId, instanceId },
      [k.service(serviceId), k.instancesOf(serviceId), k.instance(serviceId, instanceId),
        k.attributes(serviceId, instanceId), k.revision, k.events, k.operation(operation.id), k.operations, k.serviceHosts(serviceId),
        k.instancesJson(serviceId)],
      [...this.#operationArgs(operation), instanceId, serviceId, instanceId.toLowerCase(), ...counted(codec.operationFields(operation))]);
    return { type: 'InstanceDeleted', revision: revision as number, serviceId, instanceId };
  }

  async setInstanceHealth(serviceId: string, instanceId: string, status: HealthStatus, updateDate: number): Promise<InstanceHealthChanged | undefined> {
    const k = this.keys;
    const [revision] = await this.#write('setInstanceHealth', { serviceId, instanceId },
      [k.service(serviceId), k.instance(serviceId, instanceId), k.revision, k.events, k.instancesJson(serviceId)],
      [...this.#commonArgs(), instanceId, serviceId, status, updateDate]);
    if (revision === 0) return undefined;
    return { type: 'InstanceHealthChanged', revision: revision as number, serviceId, instanceId, healthStatus: status, updateDate };
  }

  subscribe(after: number, listener: ChangeListener): Subscription {
    const { blockMs, connectTimeoutMs, retryDelayMs } = this.#o;
    const inner = followStream({
      streamKey: this.keys.events, revisionKey: this.keys.revision, epochKey: this.keys.epoch, after, listener, blockMs, batch: 1000,
      retryMinMs: retryDelayMs.min, retryMaxMs: retryDelayMs.max,
      connect: () => followerConnection(this.redis, blockMs, connectTimeoutMs),
    });
    const subscription: Subscription = {
      close: async () => {
        this.#subscriptions.delete(subscription);
        await inner.close();
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    if (this.#ownsClient) this.redis.disconnect();
  }

  /** ARGV[1..3] of every script: key base, stream max length, trim mode. */
  #commonArgs(): (string | number)[] {
    return [this.keys.base, this.#o.streamMaxLength, this.#o.streamTrim === 'exact' ? '=' : '~'];
  }

  /** ARGV[1..8] of scripts that record an operation (see lua/includes/common.lua). */
  #operationArgs(op: Operation): (string | number)[] {
    const retention = this.#o.operationRetentionMs;
    return [...this.#commonArgs(), op.id, op.createDate, retention, Date.now() - retention, this.#o.maxOperations];
  }

  /** The request block that ends the ARGV of scripts taking an idempotency token (lua/includes/common.lua). */
  #requestArgs(request: RequestRecord | undefined): (string | number)[] {
    return [this.#o.requestRetentionMs, ...counted(request ? codec.requestFields(request) : [])];
  }

  async #write(name: ScriptName, ctx: ScriptContext, keys: string[], args: (string | number)[]): Promise<(string | number)[]> {
    return this.call(() => runWrite(this.redis, name, keys, args, ctx));
  }

  /**
   * Read, change, compare-and-set (`updateRecord-5.lua`): `plan` reads the
   * record and returns its hash fields before and after the change; the
   * script writes the changed `mutable` fields only if they still hold what
   * was read, else the whole plan runs again.
   */
  async #update<E>(ctx: ScriptContext, notFound: number, operation: Operation, key: string, mutable: readonly string[],
    request: RequestRecord | undefined,
    plan: () => Promise<{ before: string[]; after: string[]; eventFields: string[]; data: string; appendField: string; event: (revision: number, appended: number) => E }>,
  ): Promise<E> {
    for (let attempt = 1; ; attempt++) {
      const p = await plan();
      const before = codec.hashFromFields(p.before);
      const after = codec.hashFromFields(p.after);
      const compare = mutable.flatMap((f) => [f, before[f] === undefined ? '0' : `1${before[f]}`]);
      const set = mutable.flatMap((f) => (after[f] !== undefined && after[f] !== before[f] ? [f, after[f]] : []));
      const del = mutable.filter((f) => after[f] === undefined && before[f] !== undefined);
      const k = this.keys;
      try {
        const [revision, appended] = await this.#write('updateRecord', ctx,
          [key, k.revision, k.events, k.operation(operation.id), k.operations, k.request(request?.key ?? '')],
          [...this.#operationArgs(operation), notFound, p.data, p.appendField, ...counted(p.eventFields), mutable.length, ...compare,
            ...counted(set), del.length, ...del, ...counted(codec.operationFields(operation)), ...this.#requestArgs(request)]);
        return p.event(revision as number, Number(appended));
      } catch (error) {
        const conflict = error instanceof CloudMapError && error.type === 'RequestLimitExceeded';
        if (!conflict || attempt >= UPDATE_ATTEMPTS) throw error;
      }
    }
  }

}

/** Prefixes a flat field/value list with its number of pairs (the scripts' counted-pairs ARGV form). */
function counted(list: string[]): (string | number)[] {
  return [list.length / 2, ...list];
}
