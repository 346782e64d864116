/**
 * A local Redis Sentinel group for tests: a master, one replica and three
 * Sentinels (`redis-server --sentinel`, quorum 2, down-after 1 s), all from
 * Debian's redis-server on free 127.0.0.1 ports. The replica may replicate
 * through a TCP relay that a test can cut, so the master takes writes the
 * replica never gets (a failover then loses them, as asynchronous
 * replication does).
 */
import { Redis } from 'ioredis';
import type { HostPort } from '../../src/store/redis/target.ts';
import { type RedisNode, redisCli, startRedisNode, until } from './redis-nodes.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

/** The Sentinel master group name the tests use. */
export const MASTER_NAME = 'cloudmap-test';

/** A running group. */
export interface SentinelGroup {
  /** The two data nodes, by role at start. */
  master: RedisNode;
  replica: RedisNode;
  sentinels: RedisNode[];
  /** `127.0.0.1:port` of each Sentinel. */
  sentinelAddresses: HostPort[];
  /** `--redis-sentinels` value. */
  sentinelsFlag: string;
  /** The port the Sentinels now name as master. */
  masterPort(): Promise<number>;
  /** Waits until every Sentinel names `port` as master and that node says role:master. */
  waitForMaster(port: number, timeoutMs?: number): Promise<void>;
  /** Waits until the master at `port` has a replica in sync (same replication offset). */
  waitForReplicaInSync(port: number, timeoutMs?: number): Promise<void>;
  /** Cuts the replica's link to the master (only with `relay`): the master goes on alone. */
  cutReplication(): void;
  stop(): Promise<void>;
}

/** Options of `startSentinelGroup`. */
export interface SentinelGroupOptions {
  /** Replicate through a TCP relay that `cutReplication` can cut. */
  relay?: boolean;
  /** Sentinel `down-after-milliseconds`: how long the master may not answer before a failover. @default 1000 */
  downAfterMs?: number;
  /** Extra arguments of both data nodes (e.g. `--appendonly yes`). */
  dataArgs?: string[];
}

/**
 * Starts master, replica and three Sentinels, and resolves once the replica
 * is in sync and every Sentinel knows the replica and the other Sentinels.
 */
export async function startSentinelGroup(options: SentinelGroupOptions = {}): Promise<SentinelGroup> {
  const started: RedisNode[] = [];
  let relay: TcpProxy | undefined;
  try {
    const master = await startRedisNode({ args: options.dataArgs ?? [] });
    started.push(master);
    relay = options.relay ? await startTcpProxy(master.port) : undefined;
    const replica = await startRedisNode({ args: [...(options.dataArgs ?? []), '--replicaof', '127.0.0.1', String(relay?.port ?? master.port)] });
    started.push(replica);
    await until(async () => (await info(replica.port, 'replication')).includes('master_link_status:up'), 'the replica to sync');
    const sentinels: RedisNode[] = [];
    for (let i = 0; i < 3; i++) {
      const config = [
        `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${master.port} 2`,
        `sentinel down-after-milliseconds ${MASTER_NAME} ${options.downAfterMs ?? 1000}`,
        `sentinel failover-timeout ${MASTER_NAME} 4000`,
        `sentinel parallel-syncs ${MASTER_NAME} 1`,
        '',
      ].join('\n');
      const sentinel = await startRedisNode({ sentinel: true, config, args: ['--protected-mode', 'no'] });
      started.push(sentinel);
      sentinels.push(sentinel);
    }
    await until(async () => {
      for (const s of sentinels) {
        const replicas = await redisCli(['-p', String(s.port), 'sentinel', 'replicas', MASTER_NAME]);
        const others = await redisCli(['-p', String(s.port), 'sentinel', 'sentinels', MASTER_NAME]);
        if (!replicas.includes(String(replica.port)) || (others.match(/^runid$/gm) ?? []).length !== 2) return false;
      }
      return true;
    }, 'every Sentinel to know the replica and the two other Sentinels', 30_000);
    const sentinelAddresses = sentinels.map((s) => ({ host: '127.0.0.1', port: s.port }));
    const masterPort = async (): Promise<number> => {
      const reply = await redisCli(['-p', String(sentinels[0]!.port), 'sentinel', 'get-master-addr-by-name', MASTER_NAME]);
      return Number(reply.trim().split('\n')[1]);
    };
    return {
      master, replica, sentinels, sentinelAddresses,
      sentinelsFlag: sentinelAddresses.map((a) => `${a.host}:${a.port}`).join(','),
      masterPort,
      waitForMaster: async (port, timeoutMs = 30_000) => {
        await until(async () => {
          for (const s of sentinels) {
            const reply = await redisCli(['-p', String(s.port), 'sentinel', 'get-master-addr-by-name', MASTER_NAME]);
            if (Number(reply.trim().split('\n')[1]) !== port) return false;
          }
          return (await info(port, 'replication')).includes('role:master');
        }, `every Sentinel to name 127.0.0.1:${port} as master`, timeoutMs);
      },
      waitForReplicaInSync: async (port, timeoutMs = 20_000) => {
        await until(async () => {
          const text = await info(port, 'replication');
          const offset = /master_repl_offset:(\d+)/.exec(text)?.[1];
          const replicaOffset = /slave0:[^\n]*state=online[^\n]*offset=(\d+)/.exec(text)?.[1];
          return offset !== undefined && offset === replicaOffset;
        }, `a replica of 127.0.0.1:${port} in sync`, timeoutMs);
      },
      cutReplication: () => {
        if (!relay) throw new Error('startSentinelGroup({relay: true}) is needed to cut replication');
        relay.cut();
      },
      stop: async () => {
        await relay?.close();
        await Promise.all(started.map((n) => n.stop()));
      },
    };
  } catch (error) {
    await relay?.close();
    await Promise.all(started.map((n) => n.stop()));
    throw error;
  }
}

/** `INFO section` of the Redis at 127.0.0.1:`port`. */
export async function info(port: number, section: string): Promise<string> {
  const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await redis.info(section);
  } finally {
    redis.disconnect();
  }
}
