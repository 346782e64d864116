/**
 * A local Redis Cluster for tests: three masters (no replicas) started from
 * Debian's redis-server with `--cluster-enabled yes`, joined with
 * `redis-cli --cluster create … --cluster-yes`, ready once every node says
 * `cluster_state:ok`.
 */
import { Cluster } from 'ioredis';
import type { HostPort } from '../../src/store/redis/target.ts';
import { freePort } from './free-port.ts';
import { type RedisNode, redisCli, startRedisNode, until } from './redis-nodes.ts';

/** A running cluster. */
export interface RedisClusterHandle {
  nodes: RedisNode[];
  /** `127.0.0.1:port` of every node, the seeds for `--redis-cluster-nodes`. */
  seeds: HostPort[];
  /** Deletes every key starting with `prefix` on every master (SCAN + UNLINK). */
  deleteKeys(prefix: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `masters` cluster nodes and creates the cluster (slots spread
 * evenly by redis-cli).
 * @throws when a node does not start or the cluster is not ok within 20 s
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
  const nodes: RedisNode[] = [];
  try {
    for (let i = 0; i < masters; i++) {
      const clusterPort = await freePort();
      nodes.push(await startRedisNode({
        args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(clusterPort), '--cluster-node-timeout', '2000', '--protected-mode', 'no'],
      }));
    }
    await redisCli(['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    await until(async () => {
      const infos = await Promise.all(nodes.map((n) => redisCli(['-p', String(n.port), 'cluster', 'info'])));
      return infos.every((info) => info.includes('cluster_state:ok'));
    }, 'cluster_state:ok on every node');
  } catch (error) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw error;
  }
  const seeds = nodes.map((n) => ({ host: '127.0.0.1', port: n.port }));
  return {
    nodes,
    seeds,
    deleteKeys: async (prefix) => {
      const cluster = new Cluster(seeds);
      try {
        await new Promise<void>((resolve, reject) => {
          cluster.once('ready', () => resolve());
          cluster.once('end', () => reject(new Error('cluster connection ended before it was ready')));
        });
        for (const node of cluster.nodes('master')) {
          let cursor = '0';
          do {
            const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000);
            for (const key of keys) await cluster.unlink(key);
            cursor = next;
          } while (cursor !== '0');
        }
      } finally {
        cluster.disconnect();
      }
    },
    stop: async () => {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
