/**
 * `cloudmap-dns inspect --check`: verifies the invariants of
 * docs/redis-keys.md on a live Redis and names each violation with the key
 * it concerns. Read only; it never repairs.
 *
 * Checked: every key is of a documented kind and Redis type; `revision`
 * equals the id of the last change event and the stream's ids are
 * consecutive `N-0`; `epoch` is set once there is state; each index
 * (`namespaces`, `namespace-names`, `services`, `ns-services:`,
 * `ns-service-names:`, `svc-instances:`, `svc-hosts:`) points at existing
 * hashes whose fields point back; every record hash is in its index; a
 * service's namespace exists and its `instancesRevision` is not above the
 * revision; an instance's `healthStatus` is a Cloud Map status; attribute,
 * tag and operation hashes belong to something that exists; a service's
 * `svc-instances-json:` entries are instances of the service that agree
 * with the instance hash on id, service and health, and the hash lists
 * every instance when the service's `instancesJsonRevision` equals its
 * `instancesRevision` (what a snapshot trusts, `codec.jsonComplete`).
 *
 * The reads are not one snapshot: run it while nothing writes, or run it
 * twice, since a write between two reads can show as a violation once.
 */
import type { RedisClient } from '../store/redis/connection.ts';
import type { RedisKeys } from '../store/redis/keys.ts';
import { classifyKey, type ClassifiedKey, globEscape, KEY_KINDS, type KeyKind, scanKeys } from './keyspace.ts';

/** One broken invariant. */
export interface Violation {
  /** The key it concerns. */
  key: string;
  /** Short rule name, e.g. `namespace-index`. */
  rule: string;
  message: string;
}

/** What `checkInvariants` found. */
export interface CheckResult {
  keysChecked: number;
  revision: number;
  violations: Violation[];
}

const HEALTH = new Set(['HEALTHY', 'UNHEALTHY', 'UNKNOWN']);

/** Reads every key of the store under `keys` and checks it; see the module comment. */
export async function checkInvariants(client: RedisClient, keys: RedisKeys): Promise<CheckResult> {
  const all = (await scanKeys(client, `${globEscape(keys.base)}*`)).map((key) => classifyKey(keys, key));
  const violations: Violation[] = [];
  const add = (key: string, rule: string, message: string): void => void violations.push({ key, rule, message });
  const byKind = new Map<KeyKind, ClassifiedKey[]>();
  for (const k of all) {
    if (!k.kind) add(k.key, 'key-kind', 'a key of no kind docs/redis-keys.md lists (written by hand or by another program?)');
    else byKind.set(k.kind, [...(byKind.get(k.kind) ?? []), k]);
  }
  const of = (kind: KeyKind): ClassifiedKey[] => byKind.get(kind) ?? [];
  const exists = new Set(all.map((k) => k.key));

  const typed = all.filter((k) => k.kind);
  const types = await run(client, (p) => typed.forEach((k) => p.type(k.key)));
  typed.forEach((k, i) => {
    const want = KEY_KINDS[k.kind!];
    if (types[i] !== want) add(k.key, 'key-type', `is a ${String(types[i])}, must be a ${want}`);
  });
  const typeOf = new Map(typed.map((k, i) => [k.key, types[i]]));
  const isType = (key: string, kind: KeyKind): boolean => typeOf.get(key) === KEY_KINDS[kind];

  // Revision, epoch and the change stream.
  const [revisionText, epoch, last] = await run(client, (p) => p.get(keys.revision).get(keys.epoch).xrevrange(keys.events, '+', '-', 'COUNT', 1));
  const revision = Number(revisionText ?? 0);
  if (revisionText !== null && !/^\d+$/.test(String(revisionText))) add(keys.revision, 'revision', `holds ${JSON.stringify(revisionText)}, not a number`);
  const lastId = (last as [string, string[]][] | null)?.[0]?.[0];
  if (isType(keys.events, 'events') && lastId !== `${revision}-0`) {
    add(keys.revision, 'revision-stream', `is ${revision}, but the last change event is ${lastId ?? 'none'} (every write sets the revision to its event's id)`);
  }
  if (revision > 0 && !exists.has(keys.events)) add(keys.events, 'revision-stream', `is missing while the revision is ${revision}: followers cannot follow`);
  if (isType(keys.events, 'events')) await checkStreamIds(client, keys.events, add);
  const hasState = revision > 0 || of('ns').length > 0 || of('svc').length > 0;
  if (hasState && epoch === null) add(keys.epoch, 'epoch', 'is missing: every follower will take it as a Redis reset and reload its view once');

  // Namespaces.
  const nsIds = of('ns').map((k) => k.rest);
  const svcIds = of('svc').map((k) => k.rest);
  const [nsSet, nsNames, svcSet, opIds, ...hashes] = await run(client, (p) => {
    p.smembers(keys.namespaces).hgetall(keys.namespaceNames).smembers(keys.services).zrange(keys.operations, 0, -1);
    for (const id of nsIds) p.hgetall(keys.namespace(id));
    for (const id of svcIds) p.hgetall(keys.service(id));
  });
  const namespaces = new Map(nsIds.map((id, i) => [id, (hashes[i] ?? {}) as Record<string, string>]));
  const services = new Map(svcIds.map((id, i) => [id, (hashes[nsIds.length + i] ?? {}) as Record<string, string>]));
  const inSet = new Set(nsSet as string[]);
  for (const id of inSet) if (!namespaces.has(id)) add(keys.namespace(id), 'namespace-index', `is missing, but ${keys.namespaces} lists ${id}`);
  for (const [id, ns] of namespaces) {
    if (!inSet.has(id)) add(keys.namespace(id), 'namespace-index', `is not in ${keys.namespaces}`);
    if (ns.id !== id) add(keys.namespace(id), 'namespace-id', `has id ${JSON.stringify(ns.id)}`);
    const lower = (ns.name ?? '').toLowerCase();
    if (((nsNames ?? {}) as Record<string, string>)[lower] !== id) add(keys.namespaceNames, 'namespace-names', `does not map ${JSON.stringify(lower)} to ${id}`);
  }
  for (const [name, id] of Object.entries((nsNames ?? {}) as Record<string, string>)) {
    const ns = namespaces.get(id);
    if (!ns) add(keys.namespaceNames, 'namespace-names', `maps ${JSON.stringify(name)} to ${id}, which does not exist`);
    else if ((ns.name ?? '').toLowerCase() !== name) add(keys.namespaceNames, 'namespace-names', `maps ${JSON.stringify(name)} to ${id}, named ${JSON.stringify(ns.name)}`);
  }

  // Services and their namespace indexes.
  const svcInSet = new Set(svcSet as string[]);
  for (const id of svcInSet) if (!services.has(id)) add(keys.service(id), 'service-index', `is missing, but ${keys.services} lists ${id}`);
  const nsServices = of('ns-services').map((k) => k.rest);
  const nsServiceNames = of('ns-service-names').map((k) => k.rest);
  const svcInstances = of('svc-instances').map((k) => k.rest);
  const svcHosts = of('svc-hosts').map((k) => k.rest);
  const indexes = await run(client, (p) => {
    for (const ns of nsServices) p.smembers(keys.servicesOf(ns));
    for (const ns of nsServiceNames) p.hgetall(keys.serviceNames(ns));
    for (const s of svcInstances) p.smembers(keys.instancesOf(s));
    for (const s of svcHosts) p.hgetall(keys.serviceHosts(s));
  });
  let at = 0;
  const servicesOfNs = new Map(nsServices.map((ns) => [ns, new Set(indexes[at++] as string[])]));
  const namesOfNs = new Map(nsServiceNames.map((ns) => [ns, (indexes[at++] ?? {}) as Record<string, string>]));
  const instancesOfSvc = new Map(svcInstances.map((s) => [s, new Set(indexes[at++] as string[])]));
  const hostsOfSvc = new Map(svcHosts.map((s) => [s, (indexes[at++] ?? {}) as Record<string, string>]));
  for (const [id, svc] of services) {
    if (!svcInSet.has(id)) add(keys.service(id), 'service-index', `is not in ${keys.services}`);
    if (svc.id !== id) add(keys.service(id), 'service-id', `has id ${JSON.stringify(svc.id)}`);
    const ns = svc.namespaceId ?? '';
    if (!namespaces.has(ns)) add(keys.service(id), 'service-namespace', `names namespace ${JSON.stringify(ns)}, which does not exist`);
    if (!servicesOfNs.get(ns)?.has(id)) add(keys.servicesOf(ns), 'namespace-services', `does not list service ${id} of that namespace`);
    const lower = (svc.name ?? '').toLowerCase();
    if (namesOfNs.get(ns)?.[lower] !== id) add(keys.serviceNames(ns), 'service-names', `does not map ${JSON.stringify(lower)} to ${id}`);
    if (Number(svc.instancesRevision ?? 0) > revision) add(keys.service(id), 'instances-revision', `has instancesRevision ${svc.instancesRevision}, above the revision ${revision}`);
  }
  for (const [ns, ids] of servicesOfNs) {
    if (!namespaces.has(ns)) add(keys.servicesOf(ns), 'namespace-services', 'belongs to a namespace that does not exist');
    for (const id of ids) if (services.get(id)?.namespaceId !== ns) add(keys.servicesOf(ns), 'namespace-services', `lists ${id}, which is not a service of this namespace`);
  }
  for (const [ns, names] of namesOfNs) {
    if (!namespaces.has(ns)) add(keys.serviceNames(ns), 'service-names', 'belongs to a namespace that does not exist');
    for (const [name, id] of Object.entries(names)) {
      const svc = services.get(id);
      if (!svc || svc.namespaceId !== ns || (svc.name ?? '').toLowerCase() !== name) add(keys.serviceNames(ns), 'service-names', `maps ${JSON.stringify(name)} to ${id}, which is not a service of that name here`);
    }
  }

  // Instances.
  const instKeys = of('inst').map((k) => splitInstance(k.rest));
  const instFields = await run(client, (p) => instKeys.forEach(([s, i]) => p.hmget(keys.instance(s, i), 'id', 'serviceId', 'healthStatus')));
  /** `SRVID\nINSTANCEID` of every instance hash → its healthStatus. */
  const instances = new Map<string, string | null | undefined>();
  instKeys.forEach(([s, i], n) => {
    const key = keys.instance(s, i);
    const [id, serviceId, health] = (instFields[n] ?? []) as (string | null)[];
    instances.set(`${s}\n${i}`, health);
    if (!services.has(s)) add(key, 'instance-service', `belongs to service ${s}, which does not exist`);
    if (!instancesOfSvc.get(s)?.has(i)) add(key, 'instance-index', `is not in ${keys.instancesOf(s)}`);
    if (id !== i || serviceId !== s) add(key, 'instance-id', `has id ${JSON.stringify(id)} and serviceId ${JSON.stringify(serviceId)}`);
    if (!HEALTH.has(health ?? '')) add(key, 'health-status', `has healthStatus ${JSON.stringify(health)}, not HEALTHY, UNHEALTHY or UNKNOWN`);
  });
  for (const [s, ids] of instancesOfSvc) {
    if (!services.has(s)) add(keys.instancesOf(s), 'instance-index', 'belongs to a service that does not exist');
    for (const i of ids) if (!instances.has(`${s}\n${i}`)) add(keys.instance(s, i), 'instance-index', `is missing, but ${keys.instancesOf(s)} lists ${i}`);
  }
  for (const [s, hosts] of hostsOfSvc) {
    for (const [lower, id] of Object.entries(hosts)) {
      if (!instances.has(`${s}\n${id}`) || id.toLowerCase() !== lower) add(keys.serviceHosts(s), 'service-hosts', `maps ${JSON.stringify(lower)} to ${JSON.stringify(id)}, which is not an instance of that host name`);
    }
  }
  for (const k of of('inst-attrs')) {
    const [s, i] = splitInstance(k.rest);
    if (!instances.has(`${s}\n${i}`)) add(k.key, 'attributes-owner', `belongs to instance ${i} of ${s}, which does not exist`);
  }
  await checkInstancesJson(client, keys, of('svc-instances-json').map((k) => k.rest), services, instancesOfSvc, instances, add);
  for (const k of [...of('svc-attrs'), ...of('svc-hosts')]) if (!services.has(k.rest)) add(k.key, 'service-owner', `belongs to service ${k.rest}, which does not exist`);

  // Tags and operations.
  const arns = new Set([...namespaces.values(), ...services.values()].map((r) => r.arn));
  for (const k of of('tags')) if (!arns.has(k.rest)) add(k.key, 'tags-owner', 'belongs to no namespace or service with that ARN');
  const ops = new Set(opIds as string[]);
  for (const k of of('op')) if (!ops.has(k.rest)) add(k.key, 'operation-index', `is not in ${keys.operations}`);

  return { keysChecked: all.length, revision, violations };
}

/**
 * The `svc-instances-json:` hashes of `jsonServices` against the services
 * (their hashes by id), their `svc-instances:` sets and the instances'
 * health (by `SRVID\nINSTANCEID`); see the module comment.
 */
async function checkInstancesJson(
  client: RedisClient, keys: RedisKeys, jsonServices: string[], services: Map<string, Record<string, string>>,
  instancesOfSvc: Map<string, Set<string>>, healthOf: Map<string, string | null | undefined>,
  add: (key: string, rule: string, message: string) => void,
): Promise<void> {
  const hashes = await run(client, (p) => jsonServices.forEach((s) => p.hgetall(keys.instancesJson(s))));
  const listed = new Map(jsonServices.map((s, n) => [s, (hashes[n] ?? {}) as Record<string, string>]));
  for (const [s, entries] of listed) {
    const key = keys.instancesJson(s);
    if (!services.has(s)) add(key, 'service-owner', `belongs to service ${s}, which does not exist`);
    for (const [id, text] of Object.entries(entries)) {
      if (!instancesOfSvc.get(s)?.has(id)) add(key, 'instances-json', `holds ${id}, which is not in ${keys.instancesOf(s)}`);
      let record: { id?: unknown; serviceId?: unknown; healthStatus?: unknown } | undefined;
      try {
        record = JSON.parse(text) as typeof record;
      } catch {
        add(key, 'instances-json', `holds ${id} as text that is not JSON`);
        continue;
      }
      if (record?.id !== id || record?.serviceId !== s) add(key, 'instances-json', `holds ${id} with id ${JSON.stringify(record?.id)} and serviceId ${JSON.stringify(record?.serviceId)}`);
      const health = healthOf.get(`${s}\n${id}`);
      if (health && record?.healthStatus !== health) add(key, 'instances-json', `holds ${id} with healthStatus ${JSON.stringify(record?.healthStatus)}, but its instance hash has ${health}`);
    }
  }
  for (const [s, svc] of services) {
    if ((svc.instancesRevision ?? '0') !== (svc.instancesJsonRevision ?? '0')) continue;
    const entries = listed.get(s) ?? {};
    for (const id of instancesOfSvc.get(s) ?? []) {
      if (!(id in entries)) add(keys.instancesJson(s), 'instances-json', `does not hold ${id}, though instancesJsonRevision says it holds every instance (a snapshot would miss it)`);
    }
  }
}

/** `SRVID:INSTANCEID` (service ids have no `:`, instance ids may). */
function splitInstance(rest: string): [string, string] {
  const colon = rest.indexOf(':');
  return colon < 0 ? [rest, ''] : [rest.slice(0, colon), rest.slice(colon + 1)];
}

/** Entry ids of the stream must be `N-0` and consecutive (a trimmed stream keeps a consecutive tail). */
async function checkStreamIds(client: RedisClient, stream: string, add: (key: string, rule: string, message: string) => void): Promise<void> {
  let start = '-';
  let previous: number | undefined;
  for (;;) {
    const page = await client.xrange(stream, start, '+', 'COUNT', 1000);
    for (const [id] of page) {
      const match = /^(\d+)-0$/.exec(id);
      if (!match) return add(stream, 'stream-ids', `has entry ${id}, not REVISION-0`);
      const n = Number(match[1]);
      if (previous !== undefined && n !== previous + 1) return add(stream, 'stream-ids', `jumps from ${previous}-0 to ${id} (entry ids are consecutive revisions)`);
      previous = n;
    }
    if (page.length < 1000) return;
    start = `(${page[page.length - 1]![0]}`;
  }
}

/** Runs a pipeline; a WRONGTYPE reply (that key is already reported as key-type) reads as undefined. */
async function run(client: RedisClient, build: (p: ReturnType<RedisClient['pipeline']>) => unknown): Promise<unknown[]> {
  const p = client.pipeline();
  build(p);
  if (p.length === 0) return [];
  const results = (await p.exec()) ?? [];
  return results.map(([error, value]) => {
    if (!error) return value;
    if (/^WRONGTYPE/.test(error.message)) return undefined;
    throw error;
  });
}
