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
import { Redis } from 'ioredis';
import type { HealthStatus, Instance, Namespace, Operation, Service } from '../../model/types.ts';
import type {
  InstanceDeleted, InstanceHealthChanged, InstanceUpserted, NamespaceDeleted, NamespaceUpserted, ServiceDeleted, ServiceUpserted,
} from '../events.ts';
import type { ChangeListener, Store, Subscription, Tags } from '../store.ts';
import * as codec from './codec.ts';
import { commandConnectionOptions, followerConnection } from './connection.ts';
import { followStream } from './follower.ts';
import { RedisKeys } from './keys.ts';
import { RedisReads } from './reads.ts';
import { defineScripts, runWrite, type ScriptContext, type ScriptName } from './scripts.ts';

/** Options of the Redis store. */
export interface RedisStoreOptions {
  /** Redis URL (`redis://[:password@]host:port[/db]`, `rediss://` for TLS); ignored when `redis` is given. @default 'redis://127.0.0.1:6379' */
  url?: string;
  /**
   * An ioredis client to use instead of connecting to `url`. The store
   * registers its scripts on it and leaves it open on `close()`. Fail-fast
   * behaviour then depends on that client's options (see `connection.ts`).
   */
  redis?: Redis;
  /** Text before the `{cm}` hash tag of every key. @default 'cloudmap:' */
  prefix?: string;
  /** Change stream length kept for followers (XADD MAXLEN). @default 100000 */
  streamMaxLength?: number;
  /** `approximate` trims with `MAXLEN ~` (cheap, may keep somewhat more); `exact` with `MAXLEN =`. @default 'approximate' */
  streamTrim?: 'approximate' | 'exact';
  /** How long operations stay readable by GetOperation/ListOperations, milliseconds. @default 604800000 (7 days) */
  operationRetentionMs?: number;
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
  readonly #o: Required<Omit<RedisStoreOptions, 'url' | 'redis' | 'prefix'>>;

  constructor(options: RedisStoreOptions = {}) {
    const {
      url = 'redis://127.0.0.1:6379', redis, prefix, streamMaxLength = 100_000, streamTrim = 'approximate',
      operationRetentionMs = 7 * DAY_MS, connectTimeoutMs = 3000, commandTimeoutMs = 3000, blockMs = 5000,
      retryDelayMs = { min: 100, max: 5000 },
    } = options;
    const client = redis ?? new Redis(url, commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs }));
    super(client, new RedisKeys(prefix), operationRetentionMs, connectTimeoutMs);
    this.#o = { streamMaxLength, streamTrim, operationRetentionMs, connectTimeoutMs, commandTimeoutMs, blockMs, retryDelayMs };
    this.#ownsClient = !redis;
    if (!redis) client.on('error', () => {}); // failures surface through the commands that hit them
    defineScripts(client);
  }

  async createNamespace(namespace: Namespace, operation: Operation, tags?: Tags): Promise<NamespaceUpserted> {
    const k = this.keys;
    const stored: Namespace = structuredClone(namespace);
    delete stored.serviceCount;
    const [revision] = await this.#write('createNamespace', { name: namespace.name },
      [k.namespace(stored.id), k.namespaces, k.namespaceNames, k.tags(stored.arn), k.revision, k.events,
        k.operation(operation.id), k.operations],
      [...this.#operationArgs(operation), stored.id, stored.name.toLowerCase(), codec.eventData(stored),
        ...counted(codec.namespaceFields(stored)), ...counted(codec.tagFields(tags)),
        ...counted(codec.operationFields(operation))]);
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

  async createService(service: Service, tags?: Tags): Promise<ServiceUpserted> {
    const k = this.keys;
    const stored: Service = structuredClone(service);
    delete stored.instanceCount;
    const [revision] = await this.#write('createService', { namespaceId: stored.namespaceId, name: stored.name },
      [k.namespace(stored.namespaceId), k.service(stored.id), k.services, k.servicesOf(stored.namespaceId),
        k.serviceNames(stored.namespaceId), k.tags(stored.arn), k.revision, k.events],
      [...this.#commonArgs(), stored.id, stored.name.toLowerCase(), stored.namespaceId,
        codec.eventData(stored, 'instancesRevision'), ...counted(codec.serviceFields(stored)),
        ...counted(codec.tagFields(tags))]);
    stored.instancesRevision = revision as number;
    return { type: 'ServiceUpserted', revision: revision as number, service: stored };
  }

  async deleteService(id: string): Promise<ServiceDeleted> {
    const k = this.keys;
    const [nsId, name, arn] = await this.call(() => this.redis.hmget(k.service(id), 'namespaceId', 'name', 'arn'));
    const namespaceId = nsId ?? '';
    const [revision] = await this.#write('deleteService', { serviceId: id },
      [k.service(id), k.services, k.servicesOf(namespaceId), k.serviceNames(namespaceId), k.instancesOf(id),
        k.tags(arn ?? ''), k.revision, k.events],
      [...this.#commonArgs(), id, (name ?? '').toLowerCase(), namespaceId]);
    return { type: 'ServiceDeleted', revision: revision as number, namespaceId, serviceId: id };
  }

  async registerInstance(instance: Instance, operation: Operation): Promise<InstanceUpserted> {
    const k = this.keys;
    const stored: Instance = structuredClone(instance);
    const [revision, createDate] = await this.#write('registerInstance', { serviceId: stored.serviceId },
      [k.service(stored.serviceId), k.instancesOf(stored.serviceId), k.instance(stored.serviceId, stored.id),
        k.attributes(stored.serviceId, stored.id), k.revision, k.events, k.operation(operation.id), k.operations],
      [...this.#operationArgs(operation), stored.id, stored.serviceId, codec.eventData(stored, 'createDate'),
        String(stored.createDate), ...counted(codec.instanceFields(stored)),
        ...counted(Object.entries(stored.attributes).flat()), ...counted(codec.operationFields(operation))]);
    stored.createDate = Number(createDate);
    return { type: 'InstanceUpserted', revision: revision as number, instance: stored };
  }

  async deregisterInstance(serviceId: string, instanceId: string, operation: Operation): Promise<InstanceDeleted> {
    const k = this.keys;
    const [revision] = await this.#write('deregisterInstance', { serviceId, instanceId },
      [k.service(serviceId), k.instancesOf(serviceId), k.instance(serviceId, instanceId),
        k.attributes(serviceId, instanceId), k.revision, k.events, k.operation(operation.id), k.operations],
      [...this.#operationArgs(operation), instanceId, serviceId, ...counted(codec.operationFields(operation))]);
    return { type: 'InstanceDeleted', revision: revision as number, serviceId, instanceId };
  }

  async setInstanceHealth(serviceId: string, instanceId: string, status: HealthStatus, updateDate: number): Promise<InstanceHealthChanged | undefined> {
    const k = this.keys;
    const [revision] = await this.#write('setInstanceHealth', { serviceId, instanceId },
      [k.service(serviceId), k.instance(serviceId, instanceId), k.revision, k.events],
      [...this.#commonArgs(), instanceId, serviceId, status, updateDate]);
    if (revision === 0) return undefined;
    return { type: 'InstanceHealthChanged', revision: revision as number, serviceId, instanceId, healthStatus: status, updateDate };
  }

  subscribe(after: number, listener: ChangeListener): Subscription {
    const { blockMs, connectTimeoutMs, retryDelayMs } = this.#o;
    const inner = followStream({
      streamKey: this.keys.events, revisionKey: this.keys.revision, after, listener, blockMs, batch: 1000,
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

  /** ARGV[1..7] of scripts that record an operation (see lua/includes/common.lua). */
  #operationArgs(op: Operation): (string | number)[] {
    const retention = this.#o.operationRetentionMs;
    return [...this.#commonArgs(), op.id, op.createDate, retention, Date.now() - retention];
  }

  async #write(name: ScriptName, ctx: ScriptContext, keys: string[], args: (string | number)[]): Promise<(string | number)[]> {
    return this.call(() => runWrite(this.redis, name, keys, args, ctx));
  }

}

/** Prefixes a flat field/value list with its number of pairs (the scripts' counted-pairs ARGV form). */
function counted(list: string[]): (string | number)[] {
  return [list.length / 2, ...list];
}
