/**
 * Registration-to-view latency across replicas: `npx tsx bench/propagation.bench.ts`.
 *
 * Two RedisStores on one throwaway redis-server (as two `serve` replicas
 * share one Redis). Replica A registers an instance (Lua script + XADD);
 * replica B's ViewFollower (XREAD BLOCK on its own connection) applies the
 * event. Measures, per registration, the milliseconds from A's write
 * resolving to B's view holding the instance: the delay before B's DNS
 * answers it. Also reports A's write latency. Prints p50/p90/p99/max.
 */
import { performance } from 'node:perf_hooks';
import type { Instance, Namespace, Operation, Service } from '../src/model/types.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import { ViewFollower } from '../src/view/follower.ts';
import { startRedis } from '../test/support/redis-server.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1000);

const op = (id: string, type: Operation['type']): Operation => ({ id, type, status: 'SUCCESS', ownerAccount: '123456789012', createDate: Date.now(), updateDate: Date.now(), targets: {} });

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): string => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3);
  return `p50 ${at(50)} ms  p90 ${at(90)} ms  p99 ${at(99)} ms  max ${sorted[sorted.length - 1]!.toFixed(3)} ms`;
}

const redis = await startRedis({ throwaway: true });
const a = new RedisStore({ url: redis.url });
const b = new RedisStore({ url: redis.url });
const follower = new ViewFollower(b);
try {
  await follower.start();
  const ns: Namespace = { id: 'ns-bench', arn: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-bench', name: 'bench.local', type: 'DNS_PRIVATE', createDate: Date.now(), httpName: 'bench.local', resourceOwner: '123456789012' };
  await a.createNamespace(ns, op('op-ns', 'CREATE_NAMESPACE'));
  const svc: Service = {
    id: 'srv-bench', arn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-bench', name: 'api', namespaceId: ns.id, type: 'DNS_HTTP',
    createdByAccount: '123456789012', resourceOwner: '123456789012', createDate: Date.now(), instancesRevision: 0, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: 10 }],
  };
  await a.createService(svc);

  const writes: number[] = [];
  const visible: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const inst: Instance = {
      id: `i-${i}`, serviceId: svc.id, attributes: { AWS_INSTANCE_IPV4: `10.1.${i >> 8 & 255}.${i & 255}` }, createdByAccount: '123456789012',
      createDate: Date.now(), updateDate: Date.now(), healthStatus: 'UNKNOWN',
    };
    const t0 = performance.now();
    const event = await a.registerInstance(inst, op(`op-${i}`, 'REGISTER_INSTANCE'));
    const t1 = performance.now();
    await follower.waitFor(event.revision);
    const t2 = performance.now();
    if (!follower.view.services.get(svc.id)?.instances.has(inst.id)) throw new Error(`instance ${inst.id} not in replica B's view`);
    writes.push(t1 - t0);
    visible.push(t2 - t1);
  }
  console.log(`propagation over Redis, ${ROUNDS} registrations, one at a time (node ${process.version})`);
  console.log(`  write on replica A (RegisterInstance Lua + XADD): ${percentiles(writes)}`);
  console.log(`  then visible in replica B's view:                 ${percentiles(visible)}`);
} finally {
  await follower.stop();
  await a.close();
  await b.close();
  await redis.stop();
}
