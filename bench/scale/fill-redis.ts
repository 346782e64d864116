/**
 * Writes the scale data set (`data.ts`) straight into a Redis store, keys
 * as the store writes them, in pipelines of 5,000 instances: seconds for
 * 100k instances instead of the minute the API takes. The namespace and
 * services go through the store itself (their scripts keep the indexes and
 * events); instances are written as hashes, set members and JSON hash
 * entries only (no change event, no host-name index), which is what a
 * snapshot reads. `BENCH_FILL_JSON=0` leaves the JSON hashes out, as data
 * written before they existed (a snapshot then reads the instance hashes).
 */
import { Redis } from 'ioredis';
import { instanceFields } from '../../src/store/redis/codec.ts';
import { RedisStore } from '../../src/store/redis/redis-store.ts';
import { attributes, instanceId, instancesOf, model } from './data.ts';

/**
 * Fills the store at `url` under `prefix` (e.g. `scale:`) with the data set.
 * @returns how many instances were written
 */
export async function fillRedis(url: string, prefix: string): Promise<number> {
  const raw = new Redis(url, { retryStrategy: () => 50 });
  await raw.ping();
  const store = new RedisStore({ url, prefix, commandTimeoutMs: 60_000 });
  try {
    const m = model();
    const op = { id: 'op-1', type: 'CREATE_NAMESPACE' as const, status: 'SUCCESS' as const, ownerAccount: '1', createDate: 0, updateDate: 0, targets: {} };
    await store.createNamespace(m.namespace, op);
    for (const svc of m.services) await store.createService(svc);
    const k = store.keys;
    const json = process.env.BENCH_FILL_JSON !== '0';
    let p = raw.pipeline();
    const sent: Promise<unknown>[] = [];
    let n = 0;
    m.services.forEach((svc, i) => {
      for (let j = 0; j < instancesOf(i); j++) {
        const inst = { id: instanceId(j), serviceId: svc.id, attributes: attributes(i, j), createdByAccount: '123456789012', createDate: 1, updateDate: 1, healthStatus: 'HEALTHY' as const };
        p.hset(k.instance(svc.id, inst.id), ...instanceFields(inst), 'createDate', '1');
        p.hset(k.attributes(svc.id, inst.id), inst.attributes);
        p.sadd(k.instancesOf(svc.id), inst.id);
        if (json) p.hset(k.instancesJson(svc.id), inst.id, JSON.stringify(inst));
        if (++n % 5000 === 0) {
          sent.push(p.exec());
          p = raw.pipeline();
        }
      }
    });
    sent.push(p.exec());
    await Promise.all(sent);
    // As registerInstance-11.lua leaves them: the JSON hashes are complete (codec.jsonComplete).
    if (!json) for (const svc of m.services) await raw.hdel(k.service(svc.id), 'instancesJsonRevision');
    return n;
  } finally {
    raw.disconnect();
    await store.close();
  }
}
