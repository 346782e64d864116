/**
 * Issue 10 item 6: Redis Cluster. A local cluster of three masters (Debian's
 * redis-server with `--cluster-enabled yes`, joined by `redis-cli --cluster
 * create`), reached through ioredis's Cluster client (`--redis-cluster-nodes`).
 *
 * - Every key name `RedisKeys` can produce (found by walking the class, so a
 *   key added later is checked too) hashes to the slot of `{cm}`, and so do
 *   all the keys a full set of writes leaves behind; they all live on one
 *   master.
 * - The whole Store contract passes on the cluster: each Lua script, MULTI and
 *   pipeline goes to one node (a key in another slot would fail with
 *   CROSSSLOT).
 * - A ViewFollower follows writes made by another client, and reloads when
 *   the node owning the slot loses its data (FLUSHALL, epoch check).
 * - The real bin serves the aws CLI and dig from the cluster.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aNamespace, anInstance, anOperation, aService, describeStoreContract } from '../src/store/contract.ts';
import { checkInvariants } from '../src/inspect/check.ts';
import { RedisLease } from '../src/reconcile/leader.ts';
import { commandConnectionOptions, createRedisClient, whenReady } from '../src/store/redis/connection.ts';
import { HASH_TAG, RedisKeys } from '../src/store/redis/keys.ts';
import { RedisStore, type RedisStoreOptions } from '../src/store/redis/redis-store.ts';
import { readShardLeases, ShardLeases } from '../src/store/redis/shard-leases.ts';
import type { RedisTarget } from '../src/store/redis/target.ts';
import { ViewFollower } from '../src/view/follower.ts';
import { confirmEveryKindOfWrite } from '../src/view/follower-fixtures.ts';
import { aws } from './support/aws-cli.ts';
import { dig } from './support/dig-cli.ts';
import { type RedisClusterHandle, startRedisCluster } from './support/redis-cluster.ts';
import { until } from './support/redis-nodes.ts';
import { uniquePrefix } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

let cluster: RedisClusterHandle;
let admin: Cluster;
beforeAll(async () => {
  cluster = await startRedisCluster(3);
  admin = new Cluster(cluster.seeds);
});
afterAll(async () => {
  admin?.disconnect();
  await cluster?.stop();
});

const target = (): RedisTarget => ({ mode: 'cluster', nodes: cluster.seeds, db: 0 });
const keyslot = async (key: string): Promise<number> => Number(await admin.call('CLUSTER', 'KEYSLOT', key));

function openStore(options: RedisStoreOptions = {}) {
  const prefix = uniquePrefix();
  const store = new RedisStore({ target: target(), prefix, blockMs: 500, ...options });
  return { store, prefix, cleanup: async () => (await store.close(), await cluster.deleteKeys(prefix)) };
}

describe('key names on a cluster', () => {
  it('every name RedisKeys makes, for any prefix without a hash tag, hashes to the slot of {cm}', async () => {
    const slot = await keyslot(HASH_TAG);
    const keys = new RedisKeys('cloudmap:');
    const names: string[] = [];
    for (const [member, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(RedisKeys.prototype))) {
      if (member === 'constructor') continue;
      if (descriptor.get) names.push(descriptor.get.call(keys) as string);
      else if (typeof descriptor.value === 'function') names.push((descriptor.value as (...a: string[]) => string).call(keys, 'id-1:{x}', 'id-2'));
    }
    names.push(keys.base);
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect({ name, slot: await keyslot(name) }).toEqual({ name, slot });
  });

  it('a prefix with its own hash tag keeps that tag for every key', async () => {
    const keys = new RedisKeys('{tenant-7}:');
    const slot = await keyslot('tenant-7');
    for (const name of [keys.revision, keys.events, keys.epoch, keys.instance('srv-1', 'i:{1}'), keys.tags('arn:x')]) expect(await keyslot(name)).toBe(slot);
  });

  it('a full set of writes leaves every key of the store on one master, in one slot', async () => {
    const { store, prefix, cleanup } = openStore();
    try {
      const ns = aNamespace('slots.local');
      await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }), { team: 'dns' });
      const svc = aService(ns, 'api');
      await store.createService(svc, { tier: 'web' });
      await store.updateServiceAttributes(svc.id, { a: '1' }, 30);
      await store.registerInstance(anInstance(svc, 'i:1', { AWS_INSTANCE_IPV4: '10.0.0.1', zone: 'a' }), anOperation('REGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: 'i:1' }));
      await store.setInstanceHealth(svc.id, 'i:1', 'UNHEALTHY', Date.now());
      await store.updateService(svc.id, { description: 'changed' }, anOperation('UPDATE_SERVICE', { SERVICE: svc.id }));
      await store.tagResource({ kind: 'service', id: svc.id, arn: svc.arn }, { more: 'x' }, 50);
      const follower = new ViewFollower(store);
      await follower.start();
      // Its snapshot read the instance through readInstances-N.lua, whose instance keys come from the set's members.
      expect(follower.view.services.get(svc.id)?.instances.get('i:1')).toMatchObject({ attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', zone: 'a' }, healthStatus: 'UNHEALTHY' });
      await until(async () => (await admin.exists(`${prefix}{cm}:epoch`)) === 1, 'the follower to set the epoch key', 5000);
      await follower.stop();

      const slot = await keyslot(HASH_TAG);
      const perNode = await Promise.all(admin.nodes('master').map(async (node) => (await node.keys(`${prefix}*`)).sort()));
      const holding = perNode.filter((keys) => keys.length > 0);
      expect(holding).toHaveLength(1);
      expect(holding[0]).toContain(`${prefix}{cm}:epoch`);
      expect(holding[0]!.length).toBeGreaterThan(12);
      for (const key of holding[0]!) expect(await keyslot(key)).toBe(slot);
      // and `inspect --check` finds every invariant of docs/redis-keys.md holding, reading through the Cluster client
      const client = createRedisClient(target(), {});
      try {
        await whenReady(client, 5000);
        const checked = await checkInvariants(client, new RedisKeys(prefix));
        expect(checked.violations).toEqual([]);
        expect(checked.keysChecked).toBe(holding[0]!.length);
      } finally {
        client.disconnect();
      }
    } finally {
      await cleanup();
    }
  });
});

describeStoreContract('RedisStore on a 3-master Redis Cluster', async (options = {}) =>
  openStore({
    ...(options.eventLogSize !== undefined && { streamMaxLength: options.eventLogSize, streamTrim: 'exact' as const }),
    ...(options.maxOperations !== undefined && { maxOperations: options.maxOperations }),
  }));

describe('change feed on a cluster', () => {
  it('a ViewFollower confirms every kind of write, and follows writes made by another client', async () => {
    const { store, prefix, cleanup } = openStore();
    const other = new RedisStore({ target: target(), prefix });
    const follower = new ViewFollower(store, undefined, { retryDelayMs: 50 });
    try {
      await follower.start();
      await confirmEveryKindOfWrite(follower.trackWrites(store), follower);
      await other.createNamespace(aNamespace('other.local'), anOperation('CREATE_NAMESPACE', {}));
      await until(() => follower.view.findZone('other.local') !== undefined, 'the write of the other client in the view', 5000);
    } finally {
      await follower.stop();
      await other.close();
      await cleanup();
    }
  });

  it('FLUSHALL on the master that owns the slot: the view reloads (epoch check) and drops what was lost', async () => {
    const { store, prefix, cleanup } = openStore();
    const follower = new ViewFollower(store, undefined, { retryDelayMs: 50 });
    try {
      await follower.start();
      await store.createNamespace(aNamespace('lost.local'), anOperation('CREATE_NAMESPACE', {}));
      await until(() => follower.view.findZone('lost.local') !== undefined, 'the namespace in the view', 5000);
      const owners = await Promise.all(admin.nodes('master').map(async (n) => ((await n.exists(`${prefix}{cm}:revision`).catch(() => 0)) === 1 ? n : undefined))); // MOVED elsewhere
      const owner = owners.find(Boolean);
      expect(owner).toBeDefined();
      await owner!.flushall();
      await until(() => follower.view.findZone('lost.local') === undefined, 'the view to drop the lost namespace', 5000);
    } finally {
      await follower.stop();
      await cleanup();
    }
  });
});

describe('the other roles\' Redis state on a cluster', () => {
  it('the reconciler lease and the health shard leases work through the Cluster client (their scripts touch one slot)', async () => {
    const prefix = uniquePrefix();
    const keys = new RedisKeys(prefix);
    const client = createRedisClient(target(), commandConnectionOptions({ connectTimeoutMs: 3000, commandTimeoutMs: 3000 }));
    try {
      await whenReady(client, 5000);
      expect(client.status).toBe('ready');
      const lease = new RedisLease(client, { key: keys.lease('reconcile'), holder: 'a', ttlMs: 5000 });
      const rival = new RedisLease(client, { key: keys.lease('reconcile'), holder: 'b', ttlMs: 5000 });
      expect(await lease.tryAcquire()).toBe(true);
      expect(await rival.tryAcquire()).toBe(false);
      const shards = new ShardLeases({ redis: client, keys, group: 'health', holder: 'h-1', shards: 8, ttlMs: 4000 });
      await shards.renew();
      const read = await readShardLeases(client, keys, 'health');
      expect(read.holders.map((h) => h.holder)).toEqual(['h-1']);
      expect(read.shards.filter((s) => s.holder === 'h-1')).toHaveLength(8);
      await shards.stop();
      await lease.stop();
    } finally {
      client.disconnect();
      await cluster.deleteKeys(prefix);
    }
  });
});

describe('serve on a Redis Cluster', () => {
  let server: ServerProcess;
  const prefix = uniquePrefix();
  afterAll(async () => {
    await server?.stop();
    await cluster.deleteKeys(prefix);
  });

  it('starts from the seed nodes and answers the aws CLI and dig', async () => {
    server = await startServerProcess(['--redis-cluster-nodes', cluster.seeds.map((s) => `${s.host}:${s.port}`).join(','), '--redis-prefix', prefix]);
    expect(server.output()).toContain(`"redis":"cluster via ${cluster.seeds.map((s) => `127.0.0.1:${s.port}`).join(',')}"`);
    const created = await aws(server.httpPort, ['create-private-dns-namespace', '--name', 'cluster.local', '--vpc', 'vpc-1']);
    expect(created.code, created.stderr).toBe(0);
    const op = await aws(server.httpPort, ['get-operation', '--operation-id', created.json.OperationId]);
    const svc = await aws(server.httpPort, ['create-service', '--name', 'api', '--namespace-id', op.json.Operation.Targets.NAMESPACE, '--dns-config', 'DnsRecords=[{Type=A,TTL=30}]']);
    expect(svc.code, svc.stderr).toBe(0);
    const reg = await aws(server.httpPort, ['register-instance', '--service-id', svc.json.Service.Id, '--instance-id', 'i-1', '--attributes', 'AWS_INSTANCE_IPV4=10.8.0.1']);
    expect(reg.code, reg.stderr).toBe(0);
    const answer = await dig(server.dnsPort, ['api.cluster.local', 'A']);
    expect(answer.answer.map((r) => r.data)).toEqual(['10.8.0.1']);
  });
});
