/**
 * Every Redis key name the Redis store uses, built from one prefix.
 *
 * A key is `<prefix>{cm}:<suffix>`, e.g. `cloudmap:{cm}:ns:ns-ylexjili4cdxy3xm`.
 * The `{cm}` hash tag puts every key of one store in the same Redis Cluster
 * slot, so each Lua script may touch all of them (Redis Cluster hashes only the
 * first `{…}` of a key; a prefix that already holds a hash tag, such as
 * `{tenant1}:`, keeps that tag, and the rule still holds). Keys are grouped
 * by their first suffix segment so `redis-cli --scan --pattern
 * 'cloudmap:{cm}:ns:*'` lists one kind of record. Layout and field lists:
 * docs/redis-keys.md. The Lua scripts receive these names as KEYS; the only
 * keys a script builds itself, from `base` passed as ARGV[1], are the hash
 * of an already existing namespace or service named in an *AlreadyExists
 * error (`ns:<id>` / `svc:<id>`, read only) and the hashes of the oldest
 * operations it deletes beyond the operation count limit (`op:<id>`).
 *
 * Ids are never parsed back out of keys. Namespace, service and operation ids
 * have no `:`; instance ids may (`^[0-9a-zA-Z_/:.@-]+$`), so instance keys put
 * the service id first and their kind in a segment of its own.
 */

/** Default key prefix. */
export const DEFAULT_KEY_PREFIX = 'cloudmap:';

/** The Redis Cluster hash tag inserted after the prefix. */
export const HASH_TAG = '{cm}';

/** Key names of one store; see the module comment. */
export class RedisKeys {
  /** `<prefix>{cm}:`, the start of every key. */
  readonly base: string;

  /** @param prefix free text put before the hash tag, e.g. `cloudmap:` or `test-1a2b:` */
  constructor(readonly prefix: string = DEFAULT_KEY_PREFIX) {
    this.base = `${prefix}${HASH_TAG}:`;
  }

  /** String: the store revision (INCR-style counter, 0 when absent). */
  get revision(): string {
    return `${this.base}revision`;
  }
  /** String: a random id of this data set, set (NX) by followers; a different or missing value means Redis lost or swapped its data. */
  get epoch(): string {
    return `${this.base}epoch`;
  }
  /** Stream: change events, entry id `<revision>-0`. */
  get events(): string {
    return `${this.base}events`;
  }
  /** Set: ids of all namespaces. */
  get namespaces(): string {
    return `${this.base}namespaces`;
  }
  /** Hash: lowercase namespace name → namespace id. */
  get namespaceNames(): string {
    return `${this.base}namespace-names`;
  }
  /** Set: ids of all services. */
  get services(): string {
    return `${this.base}services`;
  }
  /** Sorted set: operation ids scored by createDate (epoch ms). */
  get operations(): string {
    return `${this.base}operations`;
  }
  /** Hash: the fields of one namespace. */
  namespace(namespaceId: string): string {
    return `${this.base}ns:${namespaceId}`;
  }
  /** Set: ids of the services of one namespace. */
  servicesOf(namespaceId: string): string {
    return `${this.base}ns-services:${namespaceId}`;
  }
  /** Hash: lowercase service name → service id, within one namespace. */
  serviceNames(namespaceId: string): string {
    return `${this.base}ns-service-names:${namespaceId}`;
  }
  /** Hash: the fields of one service. */
  service(serviceId: string): string {
    return `${this.base}svc:${serviceId}`;
  }
  /** Set: ids of the instances of one service. */
  instancesOf(serviceId: string): string {
    return `${this.base}svc-instances:${serviceId}`;
  }
  /** Hash: the service attributes of one service (AWS UpdateServiceAttributes), key → value. */
  serviceAttributes(serviceId: string): string {
    return `${this.base}svc-attrs:${serviceId}`;
  }
  /** Hash: lowercase instance id → instance id, for services with an SRV record (DNS host names are case-insensitive). */
  serviceHosts(serviceId: string): string {
    return `${this.base}svc-hosts:${serviceId}`;
  }
  /**
   * Hash: instance id → the instance as JSON (`src/model/types.ts` Instance,
   * times in epoch ms, attributes as an object), for every instance of one
   * service: what a snapshot reads, one HVALS per service instead of two
   * hash reads per instance. Written beside `instance` and `attributes` by
   * the same scripts; the service's `instancesJsonRevision` field says it is
   * complete (docs/redis-keys.md).
   */
  instancesJson(serviceId: string): string {
    return `${this.base}svc-instances-json:${serviceId}`;
  }
  /** Hash: the fields of one instance except its attributes. */
  instance(serviceId: string, instanceId: string): string {
    return `${this.base}inst:${serviceId}:${instanceId}`;
  }
  /** Hash: the attributes of one instance (AWS `Attributes`, name → value). */
  attributes(serviceId: string, instanceId: string): string {
    return `${this.base}inst-attrs:${serviceId}:${instanceId}`;
  }
  /**
   * The start of every `instance` key of one service: `instance(s, id)` is
   * `instancePrefix(s) + id`. For a script that reads the instances named by
   * a `svc-instances:` set it is given (`lua/readInstances-N.lua`).
   */
  instancePrefix(serviceId: string): string {
    return this.instance(serviceId, '');
  }
  /** The start of every `attributes` key of one service: `attributes(s, id)` is `attributesPrefix(s) + id`. */
  attributesPrefix(serviceId: string): string {
    return this.attributes(serviceId, '');
  }
  /** Hash: one operation; expires after the operation retention. */
  operation(operationId: string): string {
    return `${this.base}op:${operationId}`;
  }
  /** Hash: an idempotency record (fingerprint, resourceId, operationId); expires after the request retention. */
  request(key: string): string {
    return `${this.base}req:${key}`;
  }
  /** Hash: tag key → value of the resource with this ARN. */
  tags(arn: string): string {
    return `${this.base}tags:${arn}`;
  }
  /** String with a TTL: the id of the replica holding the lease `name` (e.g. `reconcile`: the reconciler's leader). */
  lease(name: string): string {
    return `${this.base}lease:${name}`;
  }
  /**
   * Hash: the shard leases of one lease group (`shard-leases.ts`), field
   * `SHARD` → holder id and `SHARD:until` → expiry (epoch ms, Redis clock).
   * Expires when no holder renews it. Group `health`: the health checker.
   */
  leaseShards(group: string): string {
    return `${this.base}lease-shards:${group}`;
  }
  /** Sorted set: the live holders of one lease group, scored by their heartbeat expiry (epoch ms, Redis clock). */
  leaseHolders(group: string): string {
    return `${this.base}lease-holders:${group}`;
  }
  /** Hash: the last active health check of one instance (`src/health/results.ts`); expires a few intervals after the last check. */
  healthCheck(serviceId: string, instanceId: string): string {
    return `${this.base}health:${serviceId}:${instanceId}`;
  }
}
