/**
 * The store's scripts on a replica: Redis refuses them with READONLY before
 * they run (they declare themselves as writing scripts with a `#!lua`
 * shebang), instead of running their reads on stale replica data and
 * answering "not found" — what a client still connected to a master that a
 * Sentinel failover demoted would otherwise get (seen in `npm run soak`).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisNode, startRedisNode, until } from '../../../test/support/redis-nodes.ts';
import { defineScripts, runScript } from './scripts.ts';

let master: RedisNode;
let replica: RedisNode;
const clients: Redis[] = [];

beforeAll(async () => {
  master = await startRedisNode();
  replica = await startRedisNode({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
  await until(async () => (await client(replica.port).info('replication')).includes('master_link_status:up'), 'the replica to sync');
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await replica?.stop();
  await master?.stop();
});

function client(port: number): Redis {
  const c = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
  c.on('error', () => {});
  clients.push(c);
  return c;
}

describe('store scripts on a replica', () => {
  it('are refused with READONLY instead of answering ServiceNotFound or InstanceNotFound from replica data', async () => {
    const args = (n: number): string[] => Array.from({ length: n }, (_, i) => `scripts-test:k${i}`);
    const onReplica = client(replica.port);
    defineScripts(onReplica);
    // The service does not exist: run anywhere, the script's first check would answer {-3} (ServiceNotFound).
    await expect(runScript(onReplica, 'deregisterInstance', args(10), ['x'])).rejects.toThrow(/^READONLY/);
    await expect(runScript(onReplica, 'registerInstance', args(11), ['x'])).rejects.toThrow(/^READONLY/);
  });

  it('still run on the master', async () => {
    const onMaster = client(master.port);
    defineScripts(onMaster);
    // No such service: the script's own answer, {-3}.
    const reply = await runScript(onMaster, 'deregisterInstance', Array.from({ length: 10 }, (_, i) => `scripts-test:k${i}`), ['0', '0', '0', '0', '0', '0', '0', '0', 'i-1', 'srv-1', 'i-1']);
    expect(reply[0]).toBe(-3);
  });
});
