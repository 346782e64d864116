/**
 * The reads of the Redis store (`RedisStore` extends this class with the
 * writes and the change feed).
 *
 * Each read costs a fixed number of round trips: HGETALL/SCARD/SMEMBERS are
 * batched in pipelines, never one round trip per record. Counts
 * (`serviceCount`, `instanceCount`) are derived here with SCARD. Failures
 * become `CloudMapError`s (`toStoreError`: ServiceUnavailable when Redis
 * cannot be reached).
 */
import { errors } from '../../model/errors.ts';
import type { Instance, Namespace, Operation, Service } from '../../model/types.ts';
import type { BatchedSnapshot, Snapshot, Tags } from '../store.ts';
import * as codec from './codec.ts';
import { readAhead } from './read-ahead.ts';
import { loadLua } from './scripts.ts';
import { type RedisClient, toStoreError, whenReady } from './connection.ts';
import type { RedisKeys } from './keys.ts';

/**
 * Instances per instance read call when a snapshot is read
 * (`readInstancesJson-N.lua` or `readInstances-N.lua`): services are grouped
 * up to this many instances (by their count when read), and a service with
 * more is read in HSCAN or SSCAN steps of this COUNT.
 */
export const SNAPSHOT_BATCH = 100;
/** Most services in one instance read call (services without instances add keys, not instances). */
const SNAPSHOT_SERVICES_PER_INSTANCE_CALL = 100;
/** Services per `readServices-N.lua` call (an HGETALL, an SCARD and an HLEN each). */
const SNAPSHOT_SERVICES_PER_CALL = 50;
/** Script calls of a snapshot read in flight at once. */
const SNAPSHOT_IN_FLIGHT = 3;

/** Read-only scripts of a snapshot: ioredis command name → script text (`lua/<name>-N.lua`). */
const READ_SCRIPTS = {
  cloudmap_readInstances: loadLua('readInstances-N.lua'),
  cloudmap_readInstancesJson: loadLua('readInstancesJson-N.lua'),
  cloudmap_readServices: loadLua('readServices-N.lua'),
} as const;

/** Read side of the Redis store; see the module comment. */
export abstract class RedisReads {
  /**
   * @param redis the command connection
   * @param keys key names of this store
   * @param operationRetentionMs operations older than this are not listed
   * @param connectTimeoutMs longest wait for a connection that is being set up
   */
  protected constructor(
    protected readonly redis: RedisClient,
    readonly keys: RedisKeys,
    protected readonly operationRetentionMs: number,
    protected readonly connectTimeoutMs: number,
  ) {}

  /** Store.getNamespace: HGETALL + SCARD in one round trip. */
  async getNamespace(id: string): Promise<Namespace | undefined> {
    const [hash, count] = await this.pipeline((p) => p.hgetall(this.keys.namespace(id)).scard(this.keys.servicesOf(id)));
    const ns = codec.namespaceFromHash(hash as codec.HashFields);
    return ns && { ...ns, serviceCount: count as number };
  }

  /** Store.listNamespaces: SMEMBERS, then one pipeline of HGETALL + SCARD per namespace. */
  async listNamespaces(): Promise<Namespace[]> {
    const ids = await this.call(() => this.redis.smembers(this.keys.namespaces));
    const replies = await this.pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.namespace(id)).scard(this.keys.servicesOf(id));
    });
    return ids.flatMap((_, i) => {
      const ns = codec.namespaceFromHash(replies[2 * i] as codec.HashFields);
      return ns ? [{ ...ns, serviceCount: replies[2 * i + 1] as number }] : [];
    });
  }

  /** Store.getService: HGETALL + SCARD in one round trip. */
  async getService(id: string): Promise<Service | undefined> {
    const [hash, count] = await this.pipeline((p) => p.hgetall(this.keys.service(id)).scard(this.keys.instancesOf(id)));
    const svc = codec.serviceFromHash(hash as codec.HashFields);
    return svc && { ...svc, instanceCount: count as number };
  }

  /** Store.listServices: SMEMBERS, then one pipeline of HGETALL + SCARD per service. */
  async listServices(): Promise<Service[]> {
    const ids = await this.call(() => this.redis.smembers(this.keys.services));
    const replies = await this.pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.service(id)).scard(this.keys.instancesOf(id));
    });
    return ids.flatMap((_, i) => {
      const svc = codec.serviceFromHash(replies[2 * i] as codec.HashFields);
      return svc ? [{ ...svc, instanceCount: replies[2 * i + 1] as number }] : [];
    });
  }

  /** Store.getInstance: the instance hash and its attributes hash in one round trip. */
  async getInstance(serviceId: string, instanceId: string): Promise<Instance | undefined> {
    const [hash, attrs] = await this.pipeline((p) =>
      p.hgetall(this.keys.instance(serviceId, instanceId)).hgetall(this.keys.attributes(serviceId, instanceId)));
    return codec.instanceFromHash(hash as codec.HashFields, attrs as codec.HashFields);
  }

  /** Store.listInstances (throws ServiceNotFound): EXISTS + SMEMBERS, then one pipeline of HGETALLs. */
  async listInstances(serviceId: string): Promise<Instance[]> {
    const [exists, ids] = await this.pipeline((p) => p.exists(this.keys.service(serviceId)).smembers(this.keys.instancesOf(serviceId)));
    if (exists === 0) throw errors.serviceNotFound(serviceId);
    return this.#readInstances((ids as string[]).map((id) => [serviceId, id]));
  }

  /** Store.getOperation; undefined once the operation hash expired. */
  async getOperation(id: string): Promise<Operation | undefined> {
    return codec.operationFromHash(await this.call(() => this.redis.hgetall(this.keys.operation(id))));
  }

  /** Store.listOperations: index entries newer than the retention, then one pipeline of HGETALLs. */
  async listOperations(): Promise<Operation[]> {
    const cutoff = Date.now() - this.operationRetentionMs;
    const ids = await this.call(() => this.redis.zrangebyscore(this.keys.operations, cutoff, '+inf'));
    const hashes = await this.pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.operation(id));
    });
    return hashes.flatMap((h) => codec.operationFromHash(h as codec.HashFields) ?? []);
  }

  /** Store.getTags: HGETALL of the ARN's tags hash. */
  async getTags(arn: string): Promise<Tags> {
    return { ...(await this.call(() => this.redis.hgetall(this.keys.tags(arn)))) };
  }

  /** Store.revision: GET of the revision counter (0 when absent). */
  async revision(): Promise<number> {
    return Number((await this.call(() => this.redis.get(this.keys.revision))) ?? 0);
  }

  /**
   * Store.snapshot: `snapshotInBatches` with every batch collected into one
   * array (what tools and tests want; the view loads through
   * `snapshotInBatches` instead, so it never holds both).
   */
  async snapshot(): Promise<Snapshot> {
    const { instanceBatches, ...rest } = await this.snapshotInBatches();
    const instances: Instance[] = [];
    for await (const batch of instanceBatches) for (const inst of batch) instances.push(inst);
    return { ...rest, instances };
  }

  /**
   * Store.snapshotInBatches. Reads the revision first, then the records
   * (which may be newer; replaying events from the revision is idempotent):
   * namespaces in one pipeline; services and their instance counts through
   * `lua/readServices-N.lua`, `SNAPSHOT_SERVICES_PER_CALL` services per call,
   * all calls at once;
   * then the instances, services grouped up to `SNAPSHOT_BATCH` instances
   * per call, a bigger service in HSCAN or SSCAN steps, with
   * `SNAPSHOT_IN_FLIGHT` calls ahead of the consumer (`readAhead`):
   * - a service whose `svc-instances-json:` hash is complete (`jsonComplete`)
   *   through `lua/readInstancesJson-N.lua`: one HVALS of ready JSON per
   *   service (about a third of redis-server's time of the other way);
   * - any other (data written before that hash existed) through
   *   `lua/readInstances-N.lua`, which reads the instance and attributes
   *   hashes of the ids a service's `svc-instances:` set names.
   * Each batch is decoded when the consumer takes it, not in the socket's
   * callback. The instance ids never reach the client, and neither replies
   * nor decoded instances pile up in memory.
   */
  async snapshotInBatches(): Promise<BatchedSnapshot> {
    const revision = await this.revision();
    const [nsIds = [], svcIds = []] = (await this.pipeline((p) =>
      p.smembers(this.keys.namespaces).smembers(this.keys.services))) as string[][];
    const namespaces = (await this.pipeline((p) => {
      for (const id of nsIds) p.hgetall(this.keys.namespace(id));
    })).flatMap((h) => codec.namespaceFromHash(h as codec.HashFields) ?? []);
    const services: Service[] = [];
    /** Instance count of each of `services`, when read. */
    const counts: number[] = [];
    // SNAPSHOT_SERVICES_PER_CALL services per script call, all calls sent at once; each reply is one JSON text,
    // decoded in a millisecond or two, with a turn of the event loop between replies (they tend to arrive
    // together, and decoding them all in one go held DNS answers for 30+ ms).
    /** Whether each of `services` is read from its JSON hash. */
    const fromJson: boolean[] = [];
    const chunks: string[][] = [];
    for (let at = 0; at < svcIds.length; at += SNAPSHOT_SERVICES_PER_CALL) chunks.push(svcIds.slice(at, at + SNAPSHOT_SERVICES_PER_CALL));
    const replies = chunks.map((ids) => this.#script<Buffer>('cloudmap_readServices',
      ids.flatMap((id) => [this.keys.service(id), this.keys.instancesOf(id), this.keys.instancesJson(id)]), []));
    for (const pending of replies) pending.catch(() => undefined); // a failure is thrown where it is awaited, below
    for (const [c, ids] of chunks.entries()) {
      if (c > 0) await new Promise((resolve) => setImmediate(resolve));
      const reply = cjsonArray(JSON.parse(String(await replies[c]!)) as CjsonArray<CjsonArray | number>);
      ids.forEach((_, i) => {
        const hash = codec.hashFromFields(cjsonArray(reply[3 * i] as CjsonArray));
        const svc = codec.serviceFromHash(hash);
        if (!svc) return;
        const count = Number(reply[3 * i + 1]) || 0;
        services.push(svc);
        counts.push(count);
        fromJson.push(codec.jsonComplete(hash, count, Number(reply[3 * i + 2]) || 0));
      });
    }
    // Every service of one kind first, then the other: a call reads one kind.
    const order = [...services.keys()].sort((a, b) => Number(fromJson[b]) - Number(fromJson[a]));
    let next = 0;
    /** The next call: a group of whole services of one kind, or the first scan step of a service bigger than one call. */
    const nextRead = (): InstanceRead | undefined => {
      if (next >= order.length) return undefined;
      const first = order[next]!;
      const json = fromJson[first]!;
      if (counts[first]! > SNAPSHOT_BATCH) {
        next++;
        return { json, services: [services[first]!.id], cursor: '0' };
      }
      const group: string[] = [];
      let n = 0;
      for (let at = order[next]; at !== undefined && group.length < SNAPSHOT_SERVICES_PER_INSTANCE_CALL
        && fromJson[at] === json && counts[at]! <= SNAPSHOT_BATCH - n; at = order[++next]) {
        n += counts[at]!;
        group.push(services[at]!.id);
      }
      return { json, services: group };
    };
    /** After a scan step, the next step from the cursor it returned, until the cursor is back at 0. */
    const nextStep = ({ cursor }: InstanceReply, read: InstanceRead): InstanceRead | undefined =>
      read.cursor !== undefined && cursor !== '0' ? { ...read, cursor } : undefined;
    const call = (read: InstanceRead): Promise<InstanceReply> =>
      (read.json ? this.#scriptReadInstancesJson(read) : this.#scriptReadInstances(read))
        .then(([cursor, json]) => ({ cursor: String(cursor), json, services: read.services, fromJson: read.json }));
    async function* decoded(): AsyncGenerator<readonly Instance[], void, undefined> {
      for await (const reply of readAhead(nextRead, call, SNAPSHOT_IN_FLIGHT, nextStep)) {
        yield reply.fromJson ? decodeJsonInstances(reply) : decodeInstances(reply);
      }
    }
    return { revision, namespaces, services, instanceBatches: decoded() };
  }

  /** Runs Redis calls after the connection is ready (bounded wait), mapping failures (`toStoreError`). */
  protected async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      await whenReady(this.redis, this.connectTimeoutMs);
      return await fn();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Runs a pipeline and returns its results in order; the first failed command fails the whole read. */
  protected async pipeline(build: (p: ReturnType<RedisClient['pipeline']>) => unknown): Promise<unknown[]> {
    return this.call(async () => {
      const p = this.redis.pipeline();
      build(p);
      if (p.length === 0) return [];
      const results = (await p.exec()) ?? [];
      return results.map(([error, value]) => {
        if (error) throw error;
        return value;
      });
    });
  }

  /** One `readInstances-N.lua` call (see `InstanceRead`): the next SSCAN cursor ('0' when done) and the JSON reply, undecoded (see `decodeInstances`). */
  #scriptReadInstances(read: InstanceRead): Promise<[Buffer, Buffer]> {
    const args = [read.cursor ?? '', String(SNAPSHOT_BATCH), String(codec.SNAPSHOT_INSTANCE_FIELDS.length), ...codec.SNAPSHOT_INSTANCE_FIELDS];
    for (const id of read.services) args.push(this.keys.instancePrefix(id), this.keys.attributesPrefix(id));
    return this.#script('cloudmap_readInstances', read.services.map((id) => this.keys.instancesOf(id)), args);
  }

  /** One `readInstancesJson-N.lua` call (see `InstanceRead`): the next HSCAN cursor ('0' when done) and the JSON reply, undecoded (see `decodeJsonInstances`). */
  #scriptReadInstancesJson(read: InstanceRead): Promise<[string, string]> {
    return this.#script('cloudmap_readInstancesJson', read.services.map((id) => this.keys.instancesJson(id)),
      [read.cursor ?? '', String(SNAPSHOT_BATCH)], 'strings');
  }

  /**
   * One call of a read script (`READ_SCRIPTS`, defined on first use) with
   * `keys` and `args`; its reply with bulk strings as Buffers (ioredis's
   * `…Buffer` command) or as strings.
   * - Buffers, made strings only when decoded, for the services and the
   *   instance hashes: replies as strings were promoted to V8's old space
   *   nearly whole (16 MiB of the 17 MiB a reload of 100k instances moved
   *   there, when the instance hashes were the only way), so each reload ran
   *   a full mark-compact or two while DNS waited.
   * - Strings for the JSON hashes: their reads are quick enough that the
   *   replies die young, and as Buffers (malloc'd outside the heap) they left
   *   the process 14–16 MiB more RSS after a cold load of 100k instances
   *   (108–110 against 92–94 MiB), with the same heap and reload stall.
   */
  #script<T>(name: keyof typeof READ_SCRIPTS, keys: readonly string[], args: readonly string[], reply: 'buffers' | 'strings' = 'buffers'): Promise<T> {
    return this.call(() => {
      const redis = this.redis as unknown as Record<string, (...args: (string | number)[]) => Promise<T>>;
      if (typeof redis[name] !== 'function') this.redis.defineCommand(name, { lua: READ_SCRIPTS[name] });
      return redis[reply === 'buffers' ? `${name}Buffer` : name]!(keys.length, ...keys, ...args);
    });
  }

  /** Instances by `[serviceId, instanceId]`, two HGETALLs each in one pipeline; vanished ones are skipped. */
  async #readInstances(refs: [string, string][]): Promise<Instance[]> {
    const replies = await this.pipeline((p) => {
      for (const [svc, id] of refs) p.hgetall(this.keys.instance(svc, id)).hgetall(this.keys.attributes(svc, id));
    });
    return refs.flatMap((_, i) =>
      codec.instanceFromHash(replies[2 * i] as codec.HashFields, replies[2 * i + 1] as codec.HashFields) ?? []);
  }
}

/**
 * One instance read call of a snapshot: every instance of `services`, or
 * (with `cursor`) one scan step of the single service in `services`, from
 * that cursor; from the services' JSON hashes (`readInstancesJson-N.lua`,
 * HSCAN) when `json`, else from the instance hashes (`readInstances-N.lua`,
 * SSCAN).
 */
interface InstanceRead {
  json: boolean;
  services: string[];
  cursor?: string;
}

/** A list in a cjson reply: an empty Lua table comes out as {} (cjson cannot tell an empty array from an empty object). */
type CjsonArray<T = string> = T[] | Record<string, never>;

/** The items of a cjson list (none for `{}` or a missing entry). */
function cjsonArray<T>(x: CjsonArray<T> | undefined): T[] {
  return Array.isArray(x) ? x : [];
}

/** One instance read reply with the services it read. */
interface InstanceReply {
  /** Read by `readInstancesJson-N.lua` (else by `readInstances-N.lua`). */
  fromJson: boolean;
  /** The next HSCAN or SSCAN cursor ('0' when done). */
  cursor: string;
  /** The JSON text, undecoded (a string from `readInstancesJson-N.lua`, see `#script`). */
  json: Buffer | string;
  /** The services of the call, in KEYS order. */
  services: string[];
}

/**
 * The instances of one `readInstances-N.lua` reply, in order: per service,
 * the number of ids read, then per id the id, its HMGET values (false where
 * absent) and its attributes' flat field/value list. Ids without a record
 * are skipped.
 */
function decodeInstances({ json, services }: InstanceReply): Instance[] {
  const reply = cjsonArray(JSON.parse(String(json)) as CjsonArray<number | string | CjsonArray<string | false>>);
  const out: Instance[] = [];
  let at = 0;
  for (const serviceId of services) {
    const count = Number(reply[at++]) || 0;
    for (let i = 0; i < count && at + 2 < reply.length; i++, at += 3) {
      const inst = codec.instanceFromValues(String(reply[at]), serviceId, cjsonArray(reply[at + 1] as CjsonArray<string | false>), cjsonArray(reply[at + 2] as CjsonArray) as string[]);
      if (inst) out.push(inst);
    }
  }
  return out;
}

/**
 * The instances of one `readInstancesJson-N.lua` reply, in order: per
 * service, the instances its JSON hash holds (each as the registration
 * wrote it, `codec.instanceFromJson`).
 */
function decodeJsonInstances({ json, services }: InstanceReply): Instance[] {
  const reply = JSON.parse(String(json)) as unknown[][];
  const out: Instance[] = [];
  services.forEach((serviceId, i) => {
    for (const record of reply[i] ?? []) {
      const inst = codec.instanceFromJson(record, serviceId);
      if (inst) out.push(inst);
    }
  });
  return out;
}
