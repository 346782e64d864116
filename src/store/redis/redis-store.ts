/**
 * The Redis store: Cloud Map state shared by any number of cloudmap-dns
 * replicas (DESIGN.md §4), keeping the rules of `../store.ts`.
 *
 * Each write is one Lua script (`scripts.ts`, `lua/`) that checks, writes
 * every key, bumps the revision and appends the change event to the stream
 * atomically. Reads are HGETALLs batched in pipelines (a list costs a fixed
 * number of round trips, not one per record). `subscribe` follows the stream
 * on a dedicated connection (`follower.ts`). Key layout: `keys.ts` and
 * docs/redis-keys.md; field encoding: `codec.ts`. Redis failures surface as
 * `ServiceUnavailable` within `commandTimeoutMs` (`connection.ts`).
 */
import { Redis } from 'ioredis';
import { errors } from '../../model/errors.ts';
import type { Instance, Namespace, Operation, Service } from '../../model/types.ts';
import type { InstanceDeleted, InstanceUpserted, NamespaceDeleted, NamespaceUpserted, ServiceDeleted, ServiceUpserted } from '../events.ts';
import type { ChangeListener, Snapshot, Store, Subscription, Tags } from '../store.ts';
import * as codec from './codec.ts';
import { commandConnectionOptions, followerConnection, toStoreError, whenReady } from './connection.ts';
import { followStream } from './follower.ts';
import { RedisKeys } from './keys.ts';
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
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly keys: RedisKeys;
  readonly #redis: Redis;
  readonly #ownsClient: boolean;
  readonly #subscriptions = new Set<Subscription>();
  readonly #o: Required<Omit<RedisStoreOptions, 'url' | 'redis' | 'prefix'>>;

  constructor(options: RedisStoreOptions = {}) {
    const {
      url = 'redis://127.0.0.1:6379', redis, prefix, streamMaxLength = 100_000, streamTrim = 'approximate',
      operationRetentionMs = 7 * DAY_MS, connectTimeoutMs = 3000, commandTimeoutMs = 3000, blockMs = 5000,
      retryDelayMs = { min: 100, max: 5000 },
    } = options;
    this.#o = { streamMaxLength, streamTrim, operationRetentionMs, connectTimeoutMs, commandTimeoutMs, blockMs, retryDelayMs };
    this.keys = new RedisKeys(prefix);
    this.#ownsClient = !redis;
    this.#redis = redis ?? new Redis(url, commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs }));
    if (!redis) this.#redis.on('error', () => {}); // failures surface through the commands that hit them
    defineScripts(this.#redis);
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

  async getNamespace(id: string): Promise<Namespace | undefined> {
    const [hash, count] = await this.#pipeline((p) => p.hgetall(this.keys.namespace(id)).scard(this.keys.servicesOf(id)));
    const ns = codec.namespaceFromHash(hash as codec.HashFields);
    return ns && { ...ns, serviceCount: count as number };
  }

  async listNamespaces(): Promise<Namespace[]> {
    const ids = await this.#call(() => this.#redis.smembers(this.keys.namespaces));
    const replies = await this.#pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.namespace(id)).scard(this.keys.servicesOf(id));
    });
    return ids.flatMap((_, i) => {
      const ns = codec.namespaceFromHash(replies[2 * i] as codec.HashFields);
      return ns ? [{ ...ns, serviceCount: replies[2 * i + 1] as number }] : [];
    });
  }

  async deleteNamespace(id: string, operation: Operation): Promise<NamespaceDeleted> {
    const k = this.keys;
    const [name, arn] = await this.#call(() => this.#redis.hmget(k.namespace(id), 'name', 'arn'));
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

  async getService(id: string): Promise<Service | undefined> {
    const [hash, count] = await this.#pipeline((p) => p.hgetall(this.keys.service(id)).scard(this.keys.instancesOf(id)));
    const svc = codec.serviceFromHash(hash as codec.HashFields);
    return svc && { ...svc, instanceCount: count as number };
  }

  async listServices(): Promise<Service[]> {
    const ids = await this.#call(() => this.#redis.smembers(this.keys.services));
    const replies = await this.#pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.service(id)).scard(this.keys.instancesOf(id));
    });
    return ids.flatMap((_, i) => {
      const svc = codec.serviceFromHash(replies[2 * i] as codec.HashFields);
      return svc ? [{ ...svc, instanceCount: replies[2 * i + 1] as number }] : [];
    });
  }

  async deleteService(id: string): Promise<ServiceDeleted> {
    const k = this.keys;
    const [nsId, name, arn] = await this.#call(() => this.#redis.hmget(k.service(id), 'namespaceId', 'name', 'arn'));
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

  async getInstance(serviceId: string, instanceId: string): Promise<Instance | undefined> {
    const [hash, attrs] = await this.#pipeline((p) =>
      p.hgetall(this.keys.instance(serviceId, instanceId)).hgetall(this.keys.attributes(serviceId, instanceId)));
    return codec.instanceFromHash(hash as codec.HashFields, attrs as codec.HashFields);
  }

  async listInstances(serviceId: string): Promise<Instance[]> {
    const [exists, ids] = await this.#pipeline((p) => p.exists(this.keys.service(serviceId)).smembers(this.keys.instancesOf(serviceId)));
    if (exists === 0) throw errors.serviceNotFound(serviceId);
    return this.#readInstances((ids as string[]).map((id) => [serviceId, id]));
  }

  async getOperation(id: string): Promise<Operation | undefined> {
    return codec.operationFromHash(await this.#call(() => this.#redis.hgetall(this.keys.operation(id))));
  }

  async listOperations(): Promise<Operation[]> {
    const cutoff = Date.now() - this.#o.operationRetentionMs;
    const ids = await this.#call(() => this.#redis.zrangebyscore(this.keys.operations, cutoff, '+inf'));
    const hashes = await this.#pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.operation(id));
    });
    return hashes.flatMap((h) => codec.operationFromHash(h as codec.HashFields) ?? []);
  }

  async getTags(arn: string): Promise<Tags> {
    return { ...(await this.#call(() => this.#redis.hgetall(this.keys.tags(arn)))) };
  }

  async revision(): Promise<number> {
    return Number((await this.#call(() => this.#redis.get(this.keys.revision))) ?? 0);
  }

  /** Reads the revision first, then the records (which may be newer; replaying events from the revision is idempotent). */
  async snapshot(): Promise<Snapshot> {
    const revision = await this.revision();
    const [nsIds = [], svcIds = []] = (await this.#pipeline((p) =>
      p.smembers(this.keys.namespaces).smembers(this.keys.services))) as string[][];
    const replies = await this.#pipeline((p) => {
      for (const id of nsIds) p.hgetall(this.keys.namespace(id));
      for (const id of svcIds) p.hgetall(this.keys.service(id)).smembers(this.keys.instancesOf(id));
    });
    const namespaces = replies.slice(0, nsIds.length).flatMap((h) => codec.namespaceFromHash(h as codec.HashFields) ?? []);
    const services: Service[] = [];
    const instanceRefs: [string, string][] = [];
    svcIds.forEach((serviceId, i) => {
      const svc = codec.serviceFromHash(replies[nsIds.length + 2 * i] as codec.HashFields);
      if (svc) services.push(svc);
      for (const id of replies[nsIds.length + 2 * i + 1] as string[]) instanceRefs.push([serviceId, id]);
    });
    return { revision, namespaces, services, instances: await this.#readInstances(instanceRefs) };
  }

  subscribe(after: number, listener: ChangeListener): Subscription {
    const { blockMs, connectTimeoutMs, retryDelayMs } = this.#o;
    const inner = followStream({
      streamKey: this.keys.events, revisionKey: this.keys.revision, after, listener, blockMs, batch: 1000,
      retryMinMs: retryDelayMs.min, retryMaxMs: retryDelayMs.max,
      connect: () => followerConnection(this.#redis, blockMs, connectTimeoutMs),
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
    if (this.#ownsClient) this.#redis.disconnect();
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
    return this.#call(() => runWrite(this.#redis, name, keys, args, ctx));
  }

  /** Runs Redis calls after the connection is ready (bounded wait), mapping failures (`toStoreError`). */
  async #call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      await whenReady(this.#redis, this.#o.connectTimeoutMs);
      return await fn();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Runs a pipeline and returns its results in order; the first failed command fails the whole read. */
  async #pipeline(build: (p: ReturnType<Redis['pipeline']>) => unknown): Promise<unknown[]> {
    return this.#call(async () => {
      const p = this.#redis.pipeline();
      build(p);
      if (p.length === 0) return [];
      const results = (await p.exec()) ?? [];
      return results.map(([error, value]) => {
        if (error) throw error;
        return value;
      });
    });
  }

  /** Instances by `[serviceId, instanceId]`, two HGETALLs each in one pipeline; vanished ones are skipped. */
  async #readInstances(refs: [string, string][]): Promise<Instance[]> {
    const replies = await this.#pipeline((p) => {
      for (const [svc, id] of refs) p.hgetall(this.keys.instance(svc, id)).hgetall(this.keys.attributes(svc, id));
    });
    return refs.flatMap((_, i) =>
      codec.instanceFromHash(replies[2 * i] as codec.HashFields, replies[2 * i + 1] as codec.HashFields) ?? []);
  }
}

/** Prefixes a flat field/value list with its number of pairs (the scripts' counted-pairs ARGV form). */
function counted(list: string[]): (string | number)[] {
  return [list.length / 2, ...list];
}
