/**
 * The services' `svc-instances-json:` hashes (docs/redis-keys.md): what the
 * scripts write into them, and when a snapshot reads instances from them or
 * from the instance hashes. Against a real redis-server.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deleteKeys, startRedis, uniquePrefix, type RedisHandle } from '../../../test/support/redis-server.ts';
import type { Instance, Namespace, Service } from '../../model/types.ts';
import { aNamespace, anInstance, anOperation, aService } from '../contract.ts';
import { RedisStore } from './redis-store.ts';

let server: RedisHandle;
let store: RedisStore;
let cli: Redis;
let prefix: string;
let ns: Namespace;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(async () => {
  prefix = uniquePrefix();
  store = new RedisStore({ url: server.url, prefix, blockMs: 500 });
  cli = new Redis(server.url);
  ns = aNamespace('json.local');
  await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
});
afterEach(async () => {
  cli.disconnect();
  await store.close();
  await deleteKeys(server.url, prefix);
});

async function newService(name: string): Promise<Service> {
  const svc = aService(ns, name);
  await store.createService(svc);
  return svc;
}

const register = (svc: Service, id: string, attributes: Record<string, string> = { AWS_INSTANCE_IPV4: '10.0.0.1' }, extra: Partial<Instance> = {}) =>
  store.registerInstance(anInstance(svc, id, attributes, extra), anOperation('REGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: id }));

/** The parsed JSON entries of a service's hash, by instance id. */
async function jsonEntries(svc: Service): Promise<Record<string, unknown>> {
  const raw = await cli.hgetall(store.keys.instancesJson(svc.id));
  return Object.fromEntries(Object.entries(raw).map(([id, text]) => [id, JSON.parse(text)]));
}

/** Every instance of a snapshot, sorted by service and id. */
async function snapshotInstances(): Promise<Instance[]> {
  const { instances } = await store.snapshot();
  return instances.sort((a, b) => `${a.serviceId}/${a.id}`.localeCompare(`${b.serviceId}/${b.id}`));
}

/** Every instance as the per-key reads (GetInstance/ListInstances) see it, in the same order. */
async function listedInstances(services: Service[]): Promise<Instance[]> {
  const all = (await Promise.all(services.map((svc) => store.listInstances(svc.id)))).flat();
  return all.sort((a, b) => `${a.serviceId}/${a.id}`.localeCompare(`${b.serviceId}/${b.id}`));
}

describe('the scripts keep svc-instances-json: equal to the instance hashes', () => {
  it('register, health change and deregister write the same instance the per-key reads return', async () => {
    const svc = await newService('api');
    // Text cjson re-encodes on a health change: non-ASCII, slash, quotes, backslash, newline; an instance without attributes.
    await register(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1', note: 'café ☕ a/b "q" \\ x\nnext' });
    await register(svc, 'i-2', {}, { creatorRequestId: undefined });
    expect(await jsonEntries(svc)).toEqual({ 'i-1': await store.getInstance(svc.id, 'i-1'), 'i-2': await store.getInstance(svc.id, 'i-2') });

    expect(await store.setInstanceHealth(svc.id, 'i-1', 'UNHEALTHY', 1_796_688_171_901)).toMatchObject({ healthStatus: 'UNHEALTHY' });
    await store.setInstanceHealth(svc.id, 'i-2', 'UNHEALTHY', 1_796_688_171_902);
    const afterHealth = await jsonEntries(svc);
    expect(afterHealth['i-1']).toEqual(await store.getInstance(svc.id, 'i-1'));
    expect(afterHealth['i-1']).toMatchObject({ healthStatus: 'UNHEALTHY', updateDate: 1_796_688_171_901 });
    expect(afterHealth['i-2']).toEqual(await store.getInstance(svc.id, 'i-2'));
    expect(afterHealth['i-2']).toMatchObject({ attributes: {} });

    // Re-registration replaces the entry (attributes as a whole, createDate kept).
    await register(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.9' }, { createDate: 1 });
    expect((await jsonEntries(svc))['i-1']).toEqual(await store.getInstance(svc.id, 'i-1'));
    expect((await jsonEntries(svc))['i-1']).toMatchObject({ attributes: { AWS_INSTANCE_IPV4: '10.0.0.9' }, createDate: anInstance(svc, 'x', {}).createDate });

    await store.deregisterInstance(svc.id, 'i-1', anOperation('DEREGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: 'i-1' }));
    expect(Object.keys(await jsonEntries(svc))).toEqual(['i-2']);
    const hash = await cli.hgetall(store.keys.service(svc.id));
    expect(hash.instancesJsonRevision).toBe(hash.instancesRevision);
  });

  it('a health status an earlier build wrote to the instance hash only is copied into the JSON at the next write of that status', async () => {
    const svc = await newService('api');
    await register(svc, 'i-1');
    // What a build before the JSON hashes did: the instance hash only.
    await cli.hset(store.keys.instance(svc.id, 'i-1'), 'healthStatus', 'UNHEALTHY', 'updateDate', '1796688171000');
    const revision = await store.revision();
    expect(await store.setInstanceHealth(svc.id, 'i-1', 'UNHEALTHY', 1_796_688_179_999)).toBeUndefined();
    expect(await store.revision()).toBe(revision); // no event: the view already has it
    expect((await jsonEntries(svc))['i-1']).toMatchObject({ healthStatus: 'UNHEALTHY', updateDate: 1_796_688_171_000 });
    expect((await jsonEntries(svc))['i-1']).toEqual(await store.getInstance(svc.id, 'i-1'));
  });

  it('a health change drops an entry that is not JSON (written by hand), and the snapshot reads that service from the instance hashes', async () => {
    const svc = await newService('api');
    await register(svc, 'i-1');
    await register(svc, 'i-2');
    await cli.hset(store.keys.instancesJson(svc.id), 'i-1', '{not json');
    expect(await store.setInstanceHealth(svc.id, 'i-1', 'UNHEALTHY', 1_796_688_171_901)).toMatchObject({ healthStatus: 'UNHEALTHY' });
    expect(Object.keys(await jsonEntries(svc))).toEqual(['i-2']);
    expect(await snapshotInstances()).toEqual(await listedInstances([svc]));
    expect((await snapshotInstances()).find((i) => i.id === 'i-1')).toMatchObject({ healthStatus: 'UNHEALTHY' });
  });
});

describe('a snapshot reads each service from its JSON hash only when that hash is complete', () => {
  it('reads a complete JSON hash without the instance hashes', async () => {
    const svc = await newService('api');
    await register(svc, 'i-1');
    const expected = await listedInstances([svc]);
    // Without the instance hashes, only the JSON can give the instance.
    await cli.del(store.keys.instance(svc.id, 'i-1'), store.keys.attributes(svc.id, 'i-1'));
    expect(await snapshotInstances()).toEqual(expected);
  });

  it('reads the instance hashes of services whose JSON an earlier build left incomplete, and mixes both in one snapshot', async () => {
    const complete = await newService('complete');
    const before = await newService('before'); // every instance written before the JSON hashes
    const partly = await newService('partly'); // one instance written before, one after
    const lagging = await newService('lagging'); // an earlier build deregistered an instance after this build registered it
    for (const svc of [complete, before, partly, lagging]) await register(svc, 'i-1');
    for (const svc of [before, partly]) {
      await cli.del(store.keys.instancesJson(svc.id));
      await cli.hdel(store.keys.service(svc.id), 'instancesJsonRevision');
    }
    await register(partly, 'i-2');
    await register(lagging, 'i-2');
    // The earlier build's deregistration: the set and the hashes lose i-2, the JSON keeps it, instancesRevision moves on.
    await cli.srem(store.keys.instancesOf(lagging.id), 'i-2');
    await cli.del(store.keys.instance(lagging.id, 'i-2'), store.keys.attributes(lagging.id, 'i-2'));
    await register(lagging, 'i-3');
    await cli.hdel(store.keys.instancesJson(lagging.id), 'i-3'); // the earlier build registered i-3: no JSON for it…
    await cli.hset(store.keys.service(lagging.id), 'instancesRevision', String(await store.revision() + 1)); // …and moved the revision
    expect(await cli.hlen(store.keys.instancesJson(lagging.id))).toBe(await cli.scard(store.keys.instancesOf(lagging.id)));

    const snapshot = await snapshotInstances();
    expect(snapshot).toEqual(await listedInstances([complete, before, partly, lagging]));
    expect(snapshot.filter((i) => i.serviceId === lagging.id).map((i) => i.id)).toEqual(['i-1', 'i-3']);
    expect(snapshot.filter((i) => i.serviceId === partly.id).map((i) => i.id)).toEqual(['i-1', 'i-2']);
  });
});
