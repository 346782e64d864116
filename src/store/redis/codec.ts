/**
 * Records ⇄ Redis hash fields, and change events ⇄ stream entries.
 *
 * Hashes hold plain string fields so `redis-cli HGETALL` reads like the
 * record: numbers in decimal (epoch ms, seconds), booleans as `true`/`false`,
 * a service's DNS records flattened to `A:60,SRV:60`, an operation's targets
 * as `target.NAMESPACE`, `target.SERVICE`, `target.INSTANCE`. Optional fields
 * that are undefined are left out. Field names are the record's property
 * names; docs/redis-keys.md lists them per key.
 *
 * Encoders return flat `[field, value, field, value, …]` lists, the form the
 * Lua scripts take as counted pairs (`lua/includes/common.lua`).
 */
import type { DnsRecordTemplate, Instance, Namespace, Operation, RecordType, Service } from '../../model/types.ts';
import type { ChangeEvent } from '../events.ts';
import type { RequestRecord, Tags } from '../store.ts';

/** A hash as ioredis returns it from HGETALL (empty object when the key is absent). */
export type HashFields = Record<string, string>;

/** A hash from its flat `[field, value, field, value, …]` list (HGETALL's reply inside a script, a stream entry's fields). */
export function hashFromFields(fields: readonly string[]): HashFields {
  const h: HashFields = {};
  for (let i = 0; i + 1 < fields.length; i += 2) h[fields[i]!] = fields[i + 1]!;
  return h;
}

type Scalar = string | number | boolean | undefined;

/** Builds a flat field/value list, skipping undefined values. */
function pairs(entries: [string, Scalar][]): string[] {
  const out: string[] = [];
  for (const [field, value] of entries) if (value !== undefined) out.push(field, String(value));
  return out;
}

const num = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));
const bool = (value: string | undefined): boolean | undefined => (value === undefined ? undefined : value === 'true');

/** Drops properties whose value is undefined, so decoded records equal the originals under `toEqual` and JSON. */
function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key];
  return record;
}

/** Flattens DNS records to `A:60,SRV:60` (type:ttl seconds, comma separated; empty list → empty string). */
export function encodeDnsRecords(records: readonly DnsRecordTemplate[]): string {
  return records.map((r) => `${r.type}:${r.ttl}`).join(',');
}

/** Inverse of `encodeDnsRecords`. */
export function decodeDnsRecords(text: string): DnsRecordTemplate[] {
  return text
    .split(',')
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.lastIndexOf(':');
      return { type: part.slice(0, colon) as RecordType, ttl: Number(part.slice(colon + 1)) };
    });
}

/** Hash fields of a namespace (`serviceCount` is derived on read, never stored). */
export function namespaceFields(ns: Namespace): string[] {
  return pairs([
    ['id', ns.id], ['arn', ns.arn], ['name', ns.name], ['type', ns.type], ['description', ns.description],
    ['createDate', ns.createDate], ['httpName', ns.httpName], ['vpc', ns.vpc], ['soaTtl', ns.soaTtl],
    ['hostedZoneId', ns.hostedZoneId], ['resourceOwner', ns.resourceOwner], ['creatorRequestId', ns.creatorRequestId],
  ]);
}

/** The namespace in a hash, or undefined for an empty hash (absent key). */
export function namespaceFromHash(h: HashFields): Namespace | undefined {
  if (h.id === undefined) return undefined;
  return compact<Namespace>({
    id: h.id, arn: h.arn ?? '', name: h.name ?? '', type: (h.type ?? 'HTTP') as Namespace['type'],
    description: h.description, creatorRequestId: h.creatorRequestId, createDate: Number(h.createDate ?? 0),
    httpName: h.httpName ?? h.name ?? '', vpc: h.vpc, soaTtl: num(h.soaTtl), hostedZoneId: h.hostedZoneId,
    resourceOwner: h.resourceOwner ?? '',
  });
}

/**
 * Hash fields of a service, without `instancesRevision` (the create script
 * sets it to the new revision) and `instanceCount` (derived on read).
 */
export function serviceFields(svc: Service): string[] {
  const hc = svc.healthCheckConfig;
  return pairs([
    ['id', svc.id], ['arn', svc.arn], ['name', svc.name], ['namespaceId', svc.namespaceId], ['type', svc.type],
    ['description', svc.description], ['creatorRequestId', svc.creatorRequestId],
    ['createdByAccount', svc.createdByAccount], ['resourceOwner', svc.resourceOwner], ['createDate', svc.createDate],
    ['routingPolicy', svc.routingPolicy], ['dnsRecords', svc.dnsRecords && encodeDnsRecords(svc.dnsRecords)],
    ['healthCheckType', hc?.type], ['healthCheckResourcePath', hc?.resourcePath],
    ['healthCheckFailureThreshold', hc?.failureThreshold], ['healthCheckCustom', svc.healthCheckCustom],
  ]);
}

/** The service in a hash, or undefined for an empty hash. */
export function serviceFromHash(h: HashFields): Service | undefined {
  if (h.id === undefined) return undefined;
  const healthCheckConfig = h.healthCheckType === undefined ? undefined : compact({
    type: h.healthCheckType as NonNullable<Service['healthCheckConfig']>['type'],
    resourcePath: h.healthCheckResourcePath,
    failureThreshold: num(h.healthCheckFailureThreshold),
  });
  return compact<Service>({
    id: h.id, arn: h.arn ?? '', name: h.name ?? '', namespaceId: h.namespaceId ?? '',
    type: (h.type ?? 'HTTP') as Service['type'], description: h.description, creatorRequestId: h.creatorRequestId,
    createdByAccount: h.createdByAccount ?? '', resourceOwner: h.resourceOwner ?? '', createDate: Number(h.createDate ?? 0),
    routingPolicy: h.routingPolicy as Service['routingPolicy'],
    dnsRecords: h.dnsRecords === undefined ? undefined : decodeDnsRecords(h.dnsRecords),
    healthCheckConfig, healthCheckCustom: bool(h.healthCheckCustom),
    instancesRevision: Number(h.instancesRevision ?? 0),
  });
}

/** Hash fields of an instance without `createDate` (the register script keeps an existing one) and without attributes. */
export function instanceFields(inst: Instance): string[] {
  return pairs([
    ['id', inst.id], ['serviceId', inst.serviceId], ['creatorRequestId', inst.creatorRequestId],
    ['createdByAccount', inst.createdByAccount], ['updateDate', inst.updateDate], ['healthStatus', inst.healthStatus],
  ]);
}

/** The instance from its hash and its attributes hash, or undefined when the instance hash is empty. */
export function instanceFromHash(h: HashFields, attributes: HashFields): Instance | undefined {
  if (h.id === undefined) return undefined;
  return compact<Instance>({
    id: h.id, serviceId: h.serviceId ?? '', attributes: { ...attributes }, creatorRequestId: h.creatorRequestId,
    createdByAccount: h.createdByAccount ?? '', createDate: Number(h.createDate ?? 0),
    updateDate: Number(h.updateDate ?? 0), healthStatus: (h.healthStatus ?? 'UNKNOWN') as Instance['healthStatus'],
  });
}

/**
 * The instance hash fields a snapshot reads (`lua/readInstances-N.lua`
 * ARGV), in the order `instanceFromValues` takes them. Not `id` and
 * `serviceId`: the script reads instances by their service's set, so it
 * knows both (a listpack hash is scanned once per field asked: two fields
 * fewer took about 5% off redis-server's time for the read, 713 against
 * 753 ms for 100k instances in an interleaved A/B).
 */
export const SNAPSHOT_INSTANCE_FIELDS = ['creatorRequestId', 'createdByAccount', 'createDate', 'updateDate', 'healthStatus'] as const;

/**
 * The instance `id` of service `serviceId` from the values of
 * `SNAPSHOT_INSTANCE_FIELDS` (HMGET order; absent fields are not strings)
 * and the flat field/value list of its attributes hash, or undefined when
 * none of the fields is there (no hash: an id in the set without its
 * record). Same result as `instanceFromHash`, built without intermediate
 * objects (a snapshot decodes 100k of these).
 */
export function instanceFromValues(id: string, serviceId: string, values: readonly unknown[], attributeFields: readonly string[]): Instance | undefined {
  const str = (i: number): string | undefined => (typeof values[i] === 'string' ? (values[i] as string) : undefined);
  if (!values.some((v) => typeof v === 'string')) return undefined;
  const instance: Instance = {
    id, serviceId, attributes: hashFromFields(attributeFields), createdByAccount: str(1) ?? '', createDate: Number(str(2) ?? 0),
    updateDate: Number(str(3) ?? 0), healthStatus: (str(4) ?? 'UNKNOWN') as Instance['healthStatus'],
  };
  const creatorRequestId = str(0);
  if (creatorRequestId !== undefined) instance.creatorRequestId = creatorRequestId;
  return instance;
}

/**
 * Whether a service's `svc-instances-json:` hash holds every instance of
 * its `svc-instances:` set, so a snapshot can read the instances from it
 * (docs/redis-keys.md): the scripts that write instances set the service's
 * `instancesRevision` and `instancesJsonRevision` fields together, so the
 * two differ when a build from before the JSON hash wrote the service's
 * instances last; and the hash has as many entries as the set (every entry
 * is a member: the scripts add and remove both together), so the counts
 * differ while the set still names instances registered before.
 * @param service the service hash's fields
 * @param count SCARD of its `svc-instances:` set
 * @param jsonCount HLEN of its `svc-instances-json:` hash
 */
export function jsonComplete(service: HashFields, count: number, jsonCount: number): boolean {
  return count === jsonCount && (service.instancesRevision ?? '0') === (service.instancesJsonRevision ?? '0');
}

/**
 * An instance from one entry of a `svc-instances-json:` hash (the JSON its
 * registration wrote, JSON.parse'd), as the change feed decodes an
 * `InstanceUpserted` event's data; `serviceId` is the service whose hash it
 * was read from. Undefined for anything that is not an object with a
 * string id. The object itself is returned (a snapshot decodes 100k).
 */
export function instanceFromJson(record: unknown, serviceId: string): Instance | undefined {
  if (typeof record !== 'object' || record === null || typeof (record as { id?: unknown }).id !== 'string') return undefined;
  const instance = record as Instance;
  instance.serviceId = serviceId;
  instance.attributes ??= {};
  return instance;
}

/** Hash fields of an operation; targets become `target.NAMESPACE`, `target.SERVICE`, `target.INSTANCE`. */
export function operationFields(op: Operation): string[] {
  return pairs([
    ['id', op.id], ['type', op.type], ['status', op.status], ['ownerAccount', op.ownerAccount],
    ['createDate', op.createDate], ['updateDate', op.updateDate],
    ['target.NAMESPACE', op.targets.NAMESPACE], ['target.SERVICE', op.targets.SERVICE],
    ['target.INSTANCE', op.targets.INSTANCE], ['errorCode', op.errorCode], ['errorMessage', op.errorMessage],
  ]);
}

/** The operation in a hash, or undefined for an empty hash (absent or expired). */
export function operationFromHash(h: HashFields): Operation | undefined {
  if (h.id === undefined) return undefined;
  return compact<Operation>({
    id: h.id, type: h.type as Operation['type'], status: h.status as Operation['status'],
    ownerAccount: h.ownerAccount ?? '', createDate: Number(h.createDate ?? 0), updateDate: Number(h.updateDate ?? 0),
    targets: compact({ NAMESPACE: h['target.NAMESPACE'], SERVICE: h['target.SERVICE'], INSTANCE: h['target.INSTANCE'] }),
    errorCode: h.errorCode, errorMessage: h.errorMessage,
  });
}

/** Hash fields of an idempotency record (its key is the hash's name). */
export function requestFields(request: RequestRecord): string[] {
  return pairs([['fingerprint', request.fingerprint], ['resourceId', request.resourceId], ['operationId', request.operationId]]);
}

/** Tags as a flat field/value list. */
export function tagFields(tags: Tags | undefined): string[] {
  return Object.entries(tags ?? {}).flat();
}

/** JSON of `record` without the named properties (left for the script to add, or derived on read). */
export function eventData<T extends object>(record: T, ...omit: (keyof T)[]): string {
  const copy = { ...record } as Record<string, unknown>;
  for (const key of omit) delete copy[key as string];
  return JSON.stringify(copy);
}

/**
 * Parses one stream entry back into a change event. The revision is the
 * entry id's first part (`<revision>-0`); the record comes from `data`.
 * @param fields flat `[field, value, …]` list as XREAD/XRANGE return it
 * @throws Error on an entry this code did not write
 */
export function decodeEvent(id: string, fields: readonly string[]): ChangeEvent {
  const f = hashFromFields(fields);
  const revision = Number(id.slice(0, id.indexOf('-')));
  const need = (name: string): string => {
    const value = f[name];
    if (value === undefined) throw new Error(`stream entry ${id}: missing field ${name}`);
    return value;
  };
  switch (f.type) {
    case 'NamespaceUpserted':
      return { type: f.type, revision, namespace: JSON.parse(need('data')) as Namespace };
    case 'NamespaceDeleted':
      return { type: f.type, revision, namespaceId: need('namespaceId') };
    case 'ServiceUpserted':
      return { type: f.type, revision, service: JSON.parse(need('data')) as Service };
    case 'ServiceDeleted':
      return { type: f.type, revision, namespaceId: need('namespaceId'), serviceId: need('serviceId') };
    case 'InstanceUpserted':
      return { type: f.type, revision, instance: JSON.parse(need('data')) as Instance };
    case 'InstanceDeleted':
      return { type: f.type, revision, serviceId: need('serviceId'), instanceId: need('instanceId') };
    case 'InstanceHealthChanged':
      return {
        type: f.type, revision, serviceId: need('serviceId'), instanceId: need('instanceId'),
        healthStatus: need('healthStatus') as Instance['healthStatus'], updateDate: Number(need('updateDate')),
      };
    default:
      throw new Error(`stream entry ${id}: unknown type ${String(f.type)}`);
  }
}
