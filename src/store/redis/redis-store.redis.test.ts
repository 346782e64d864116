import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, startRedis, uniquePrefix, type RedisHandle } from '../../../test/support/redis-server.ts';
import { CloudMapError } from '../../model/errors.ts';
import { aNamespace, anInstance, anOperation, aService, describeStoreContract } from '../contract.ts';
import type { ChangeEvent } from '../events.ts';
import { SNAPSHOT_BATCH } from './reads.ts';
import { RedisStore, type RedisStoreOptions } from './redis-store.ts';
import { loadLua, SCRIPT_FILES } from './scripts.ts';

let server: RedisHandle;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server?.stop();
});

/** A store on the test server under a prefix of its own, and its cleanup. */
async function openStore(options: RedisStoreOptions = {}) {
  const prefix = uniquePrefix();
  const store = new RedisStore({ url: server.url, prefix, blockMs: 500, ...options });
  return {
    store,
    prefix,
    cleanup: async () => {
      await store.close();
      await deleteKeys(server.url, prefix);
    },
  };
}

describeStoreContract('RedisStore', (options = {}) =>
  openStore({
    ...(options.eventLogSize !== undefined && { streamMaxLength: options.eventLogSize, streamTrim: 'exact' as const }),
    ...(options.maxOperations !== undefined && { maxOperations: options.maxOperations }),
  }));

describe('RedisStore key layout', () => {
  it('stores records as plain hash fields and events as `<revision>-0` entries', async () => {
    const { store, prefix, cleanup } = await openStore();
    const b = `${prefix}{cm}:`;
    const cli = new Redis(server.url);
    try {
      const ns = aNamespace('app.local');
      const nsOp = anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id });
      await store.createNamespace(ns, nsOp, { team: 'dns' });
      const svc = aService(ns, 'Backend', { healthCheckCustom: true });
      await store.createService(svc);
      const op = anOperation('REGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: 'i-1' });
      await store.registerInstance(anInstance(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1' }), op);

      const keys = (await cli.keys(`${prefix}*`)).sort();
      expect(keys).toEqual([
        `${b}events`, `${b}inst-attrs:${svc.id}:i-1`, `${b}inst:${svc.id}:i-1`,
        `${b}namespace-names`, `${b}namespaces`, `${b}ns-service-names:${ns.id}`,
        `${b}ns-services:${ns.id}`, `${b}ns:${ns.id}`, `${b}op:${op.id}`, `${b}op:${nsOp.id}`,
        `${b}operations`, `${b}revision`, `${b}svc-instances:${svc.id}`, `${b}svc-instances-json:${svc.id}`,
        `${b}svc-hosts:${svc.id}`, `${b}svc:${svc.id}`, `${b}services`, `${b}tags:${ns.arn}`,
      ].sort());
      expect(await cli.hgetall(`${b}ns:${ns.id}`)).toMatchObject({ name: 'app.local', type: 'DNS_PRIVATE', soaTtl: '15', createDate: String(ns.createDate) });
      expect(await cli.hgetall(`${b}svc:${svc.id}`)).toMatchObject({
        dnsRecords: 'A:60,SRV:30', routingPolicy: 'MULTIVALUE', healthCheckType: 'HTTP', healthCheckResourcePath: '/health',
        healthCheckFailureThreshold: '3', healthCheckCustom: 'true', instancesRevision: '3', instancesJsonRevision: '3' });
      expect(await cli.hgetall(`${b}ns-service-names:${ns.id}`)).toEqual({ backend: svc.id });
      expect(await cli.hgetall(`${b}op:${op.id}`)).toMatchObject({ 'target.SERVICE': svc.id, 'target.INSTANCE': 'i-1' });
      expect(await cli.hgetall(`${b}inst-attrs:${svc.id}:i-1`)).toEqual({ AWS_INSTANCE_IPV4: '10.0.0.1' });
      expect(await cli.get(`${b}revision`)).toBe('3');
      const entries = await cli.xrange(`${b}events`, '-', '+');
      expect(entries.map(([id]) => id)).toEqual(['1-0', '2-0', '3-0']);
      const [, fields] = entries[2]!;
      expect(fields.slice(0, 6)).toEqual(['type', 'InstanceUpserted', 'serviceId', svc.id, 'instanceId', 'i-1']);
      expect(JSON.parse(fields[7]!)).toMatchObject({ id: 'i-1', createDate: anInstance(svc, 'i-1', {}).createDate });
      // The instance's JSON for snapshots: the event's data, createDate included.
      expect(await cli.hgetall(`${b}svc-instances-json:${svc.id}`)).toEqual({ 'i-1': fields[7] });
      expect(await cli.pttl(`${b}op:${op.id}`)).toBeGreaterThan(6 * 86_400_000);
    } finally {
      cli.disconnect();
      await cleanup();
    }
  });

  it('expires operations after the retention and prunes the index', async () => {
    const { store, prefix, cleanup } = await openStore({ operationRetentionMs: 300 });
    try {
      const ns = aNamespace('app.local');
      const old = anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id });
      await store.createNamespace(ns, old);
      expect((await store.listOperations()).map((o) => o.id)).toEqual([old.id]);
      await new Promise((r) => setTimeout(r, 400));
      expect(await store.getOperation(old.id)).toBeUndefined();
      expect(await store.listOperations()).toEqual([]);
      const fresh = anOperation('DELETE_NAMESPACE', { NAMESPACE: ns.id });
      await store.deleteNamespace(ns.id, fresh);
      const cli = new Redis(server.url);
      expect(await cli.zrange(`${prefix}{cm}:operations`, 0, -1)).toEqual([fresh.id]);
      cli.disconnect();
    } finally {
      await cleanup();
    }
  });

  it('expands the includes of every script', () => {
    for (const file of Object.values(SCRIPT_FILES)) {
      const lua = loadLua(file);
      expect(lua).not.toContain('@include');
      expect(lua).toContain('local function appendEvent');
    }
  });
});

/**
 * The two ways a snapshot reads instances: from the services' JSON hashes
 * (what this build writes), or from the instance hashes when those are not
 * complete (data written before they existed: `forgetJson` makes it so).
 */
const LAYOUTS = [
  { layout: 'the services\' JSON hashes', legacy: false },
  { layout: 'the instance hashes (data written before the JSON hashes)', legacy: true },
];

/** Makes the services' instances look written by a build before the JSON hashes: no hash, no instancesJsonRevision. */
async function forgetJson(store: RedisStore, serviceIds: string[]): Promise<void> {
  const cli = new Redis(server.url);
  try {
    for (const id of serviceIds) await cli.multi().del(store.keys.instancesJson(id)).hdel(store.keys.service(id), 'instancesJsonRevision').exec();
  } finally {
    cli.disconnect();
  }
}

describe.each(LAYOUTS)('RedisStore.snapshotInBatches from $layout', ({ legacy }) => {
  it('reads every record of many services in bounded batches, the same records as snapshot()', async () => {
    const { store, cleanup } = await openStore();
    try {
      const ns = aNamespace('batches.local');
      await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
      // More services than one pipeline of the read carries, and one service with more instances than one script batch.
      const services = [];
      for (let i = 0; i < 130; i++) {
        const svc = aService(ns, `svc-${i}`);
        await store.createService(svc);
        services.push(svc);
      }
      const big = services[0]!;
      await Promise.all(Array.from({ length: SNAPSHOT_BATCH * 2 + 7 }, (_, j) =>
        store.registerInstance(anInstance(big, `i-${j}`, { AWS_INSTANCE_IPV4: `10.0.${j >> 8}.${j & 255}`, stage: 'blue' }), anOperation('REGISTER_INSTANCE', { SERVICE: big.id }))));
      for (const svc of services.slice(1)) {
        await store.registerInstance(anInstance(svc, 'only', { AWS_INSTANCE_IPV4: '10.1.0.1' }), anOperation('REGISTER_INSTANCE', { SERVICE: svc.id }));
      }
      // A service with no instances (its SMEMBERS comes out of cjson as {}), with text cjson must carry unchanged.
      const empty = aService(ns, 'empty', { description: 'café ☕ a/b "quoted" \\ back\nline' });
      await store.createService(empty);
      if (legacy) await forgetJson(store, services.map((svc) => svc.id));
      const batched = await store.snapshotInBatches();
      expect(batched.namespaces.map((n) => n.id)).toEqual([ns.id]);
      expect(batched.services).toHaveLength(131);
      // The services as the snapshot's script read them, the same as HGETALL in a pipeline reads them.
      const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(batched.services)).toEqual(byId((await store.listServices()).map(({ instanceCount: _, ...svc }) => svc)));
      expect(batched.services.find((svc) => svc.id === empty.id)?.description).toBe(empty.description);
      const batches: { serviceId: string; id: string }[][] = [];
      const instances = [];
      for await (const batch of batched.instanceBatches) {
        batches.push([...batch]);
        instances.push(...batch);
      }
      expect(instances).toHaveLength(SNAPSHOT_BATCH * 2 + 7 + 129);
      // The big service in HSCAN or SSCAN steps of its own (COUNT is a hint, so their sizes vary), at least two;
      // the small services grouped, at most SNAPSHOT_BATCH instances per call.
      const ofBig = batches.filter((b) => b.some((i) => i.serviceId === big.id));
      expect(ofBig.length).toBeGreaterThanOrEqual(2);
      expect(ofBig.every((b) => b.every((i) => i.serviceId === big.id))).toBe(true);
      const small = batches.filter((b) => !ofBig.includes(b));
      expect(small.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...small.map((b) => b.length))).toBeLessThanOrEqual(SNAPSHOT_BATCH);
      const byKey = (list: { serviceId: string; id: string }[]) => [...list].sort((a, b) => `${a.serviceId}/${a.id}`.localeCompare(`${b.serviceId}/${b.id}`));
      const whole = await store.snapshot();
      expect(whole.revision).toBe(batched.revision);
      expect(byKey(whole.instances)).toEqual(byKey(instances));
      expect(byKey(instances).find((i) => i.serviceId === big.id && i.id === 'i-150')).toMatchObject({ attributes: { AWS_INSTANCE_IPV4: '10.0.0.150', stage: 'blue' }, creatorRequestId: 'req-i-150', healthStatus: 'HEALTHY' });
    } finally {
      await cleanup();
    }
  });
});

describe.each(LAYOUTS)('RedisStore.snapshotInBatches from $layout while the data changes', ({ legacy }) => {
  it('reads every instance present for the whole read, also of a service scanned in steps while it changes', async () => {
    const { store, cleanup } = await openStore();
    try {
      const ns = aNamespace('changing.local');
      await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
      const svc = aService(ns, 'big');
      await store.createService(svc);
      const register = (id: string) => store.registerInstance(anInstance(svc, id, { AWS_INSTANCE_IPV4: '10.2.0.1' }), anOperation('REGISTER_INSTANCE', { SERVICE: svc.id }));
      const stable = Array.from({ length: SNAPSHOT_BATCH * 4 }, (_, j) => `stable-${j}`);
      const leaving = Array.from({ length: 50 }, (_, j) => `leaving-${j}`);
      for (const id of [...stable, ...leaving]) await register(id);
      if (legacy) await forgetJson(store, [svc.id]);
      const batched = await store.snapshotInBatches();
      const seen = new Set<string>();
      let step = 0;
      for await (const batch of batched.instanceBatches) {
        for (const inst of batch) seen.add(inst.id);
        // Between scan steps: the set and the JSON hash grow (they may rehash) and lose members.
        if (step++ === 0) {
          for (let j = 0; j < 300; j++) await register(`joined-${j}`);
          for (const id of leaving) await store.deregisterInstance(svc.id, id, anOperation('DEREGISTER_INSTANCE', { SERVICE: svc.id }));
        }
      }
      expect(step).toBeGreaterThanOrEqual(2);
      expect(stable.filter((id) => !seen.has(id))).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

describe('RedisStore while Redis is unreachable', () => {
  let own: RedisHandle;
  beforeAll(async () => {
    own = await startRedis({ throwaway: true });
  });
  afterAll(async () => {
    await own?.stop();
  });

  it('fails writes fast with ServiceUnavailable and resumes the subscription afterwards', async () => {
    const store = new RedisStore({ url: own.url, prefix: uniquePrefix(), blockMs: 500, retryDelayMs: { min: 50, max: 500 } });
    const events: ChangeEvent[] = [];
    const failures: Error[] = [];
    const sub = store.subscribe(0, { onEvents: (e) => events.push(...e), onGap: () => failures.push(new Error('gap')), onError: (e) => failures.push(e) });
    try {
      const ns = aNamespace('app.local');
      await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
      await expect.poll(() => events.length).toBe(1);

      own.pause();
      const started = Date.now();
      const error = await store.createService(aService(ns, 'backend')).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(CloudMapError);
      expect((error as CloudMapError).type).toBe('ServiceUnavailable');
      expect((error as CloudMapError).status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5000);
      await expect.poll(() => failures.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(failures.every((e) => e instanceof CloudMapError && e.type === 'ServiceUnavailable')).toBe(true);

      own.resume();
      // The timed-out createService may have been applied once Redis thawed: write until one succeeds.
      const svc = aService(ns, 'frontend');
      await expect.poll(async () => store.createService(svc).then(() => true, () => false), { timeout: 10_000 }).toBe(true);
      const revision = await store.revision();
      await expect.poll(() => events.map((e) => e.revision), { timeout: 15_000 }).toEqual(
        Array.from({ length: revision }, (_, i) => i + 1));
      expect(events.at(-1)).toMatchObject({ type: 'ServiceUpserted', service: { id: svc.id } });
    } finally {
      own.resume();
      await sub.close();
      await store.close();
    }
  });

  it('fails fast while the server is down, works again once it is back, and reports lost data as a gap', async () => {
    const store = new RedisStore({ url: own.url, prefix: uniquePrefix(), blockMs: 500, retryDelayMs: { min: 50, max: 500 } });
    let gaps = 0;
    const events: ChangeEvent[] = [];
    const sub = store.subscribe(0, { onEvents: (e) => events.push(...e), onGap: () => gaps++ });
    try {
      const first = aNamespace('first.local');
      await store.createNamespace(first, anOperation('CREATE_NAMESPACE', {}));
      await expect.poll(() => events.length).toBe(1);
      await own.kill();
      const started = Date.now();
      const ns = aNamespace('app.local');
      const error = await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', {})).then(() => undefined, (e: unknown) => e);
      expect((error as CloudMapError).type).toBe('ServiceUnavailable');
      expect(Date.now() - started).toBeLessThan(5000);
      await own.start(); // empty: the revision went back from 1 to 0
      await expect.poll(() => store.revision().catch(() => -1), { timeout: 10_000 }).toBe(0);
      expect((await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', {}))).revision).toBe(1);
      await expect.poll(() => gaps, { timeout: 10_000 }).toBe(1);
      expect(events).toHaveLength(1);
    } finally {
      await sub.close();
      await store.close();
    }
  });
});
