/**
 * ioredis connections of the Redis store, set up to fail fast, and the
 * mapping of Redis failures to `ServiceUnavailable`.
 *
 * An API request must never wait for Redis indefinitely (DESIGN.md §1: "the
 * API returns a clear retryable error"): commands are not queued while the
 * connection is down (`enableOfflineQueue: false`), are retried at most once
 * after a reconnect, and time out after `commandTimeoutMs`. A timed-out write
 * may still have been applied once Redis answers again; callers retry with
 * the same creatorRequestId / operation (AWS semantics).
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { CloudMapError, errors } from '../../model/errors.ts';
import type { RedisTarget } from './target.ts';

/**
 * A Redis client of the store: one connection (standalone, or the master
 * found through Sentinel) or a Redis Cluster client. Both take the same
 * commands; every key of a store shares one hash slot (`keys.ts`), so each
 * pipeline, MULTI and script goes to one cluster node.
 */
export type RedisClient = Redis | Cluster;

/** Timeouts of the store's connections, in milliseconds. */
export interface ConnectionTimeouts {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** ioredis options of the store's main (command) connection. */
export function commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs }: ConnectionTimeouts): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    reconnectOnError: reconnectWhenReadOnly,
  };
}

/**
 * `READONLY` means the server we reached was turned into a replica (a
 * Sentinel failover, a DNS name that now points at a replica): reconnect,
 * which asks the Sentinels for the master again, and resend the command (it
 * was refused, so it ran nowhere).
 */
export function reconnectWhenReadOnly(error: Error): boolean | 2 {
  return error.message.startsWith('READONLY') ? 2 : false;
}

/** Extra knobs of `createRedisClient` beyond the per-connection ioredis options. */
export interface ClientExtras {
  /** Retry delay while every Sentinel is unreachable (null: fail the connect at once). @default ioredis's (up to 1 s, forever) */
  sentinelRetryStrategy?: ((times: number) => number | null) | undefined;
}

/**
 * Node TLS options for the target's PEM files, or undefined without TLS.
 * @throws Error naming the flag and file that cannot be read
 */
export function tlsOptions(target: RedisTarget): ConnectionOptions | undefined {
  if (!target.tls) return undefined;
  const read = (file: string, flag: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read ${flag} ${file}: ${(error as Error).message}`);
    }
  };
  const { caFile, certFile, keyFile } = target.tls;
  return {
    ...(caFile && { ca: read(caFile, '--redis-tls-ca') }),
    ...(certFile && { cert: read(certFile, '--redis-tls-cert') }),
    ...(keyFile && { key: read(keyFile, '--redis-tls-key') }),
  };
}

/**
 * A client for `target` with `options` applied to each connection it opens
 * (for a Cluster: to each node connection; `retryStrategy` becomes the
 * cluster's `clusterRetryStrategy`, `enableOfflineQueue` and `lazyConnect`
 * the cluster's own). Sentinel clients also watch the Sentinels for a
 * master switch (`failoverDetector`) and use TLS towards the Sentinels when
 * the target uses TLS.
 * @throws Error when a TLS file cannot be read
 */
export function createRedisClient(target: RedisTarget, options: RedisOptions = {}, extras: ClientExtras = {}): RedisClient {
  const tls = tlsOptions(target);
  const access = {
    ...(target.username && { username: target.username }),
    ...(target.password && { password: target.password }),
    ...(tls && { tls }),
  };
  switch (target.mode) {
    case 'standalone':
      return new Redis({ ...options, host: target.host, port: target.port, db: target.db, ...access });
    case 'sentinel':
      return new Redis({
        ...options, ...access, db: target.db,
        sentinels: target.sentinels, name: target.masterName, role: 'master', failoverDetector: true,
        ...(target.sentinelUsername && { sentinelUsername: target.sentinelUsername }),
        ...(target.sentinelPassword && { sentinelPassword: target.sentinelPassword }),
        ...(tls && { enableTLSForSentinelMode: true, sentinelTLS: tls }),
        ...('sentinelRetryStrategy' in extras && { sentinelRetryStrategy: extras.sentinelRetryStrategy }),
      });
    case 'cluster': {
      const { retryStrategy, enableOfflineQueue, lazyConnect, ...perNode } = options;
      const clusterOptions: ClusterOptions = {
        redisOptions: { ...perNode, ...access },
        ...(retryStrategy !== undefined && { clusterRetryStrategy: retryStrategy }),
        ...(enableOfflineQueue !== undefined && { enableOfflineQueue }),
        ...(lazyConnect !== undefined && { lazyConnect }),
      };
      return new Cluster(target.nodes, clusterOptions);
    }
  }
}

/**
 * A dedicated connection for one blocking XREAD loop: it never reconnects on
 * its own (the follower opens a new one after a failure) and its commands
 * time out `blockMs + graceMs` after they are sent, so a frozen server
 * (SIGSTOP, dead network path) surfaces as an error instead of a hang.
 */
export function followerConnection(base: RedisClient, blockMs: number, connectTimeoutMs: number): RedisClient {
  const perConnection = {
    maxRetriesPerRequest: 0,
    connectTimeout: connectTimeoutMs,
    commandTimeout: blockMs + Math.max(1000, connectTimeoutMs),
    connectionName: 'cloudmap-follower',
  };
  const conn = base instanceof Cluster
    ? base.duplicate([], {
      enableOfflineQueue: true, lazyConnect: false, clusterRetryStrategy: () => null,
      redisOptions: { ...base.options.redisOptions, ...perConnection },
    })
    : base.duplicate({
      ...perConnection,
      enableOfflineQueue: true,
      retryStrategy: () => null,
      lazyConnect: false,
      // With Sentinel: one pass over the Sentinels per connection; the follower's own backoff retries.
      sentinelRetryStrategy: () => null,
    });
  conn.on('error', () => {}); // failures surface through the pending XREAD
  return conn;
}

/**
 * Waits while `redis` is connecting (at start, or a reconnect attempt in
 * progress), at most `timeoutMs`, so a command issued right after start
 * does not fail; returns at once when it is ready, closed, or waiting to
 * retry after losing Redis (the command then fails fast).
 */
export async function whenReady(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status !== 'wait' && redis.status !== 'connecting' && redis.status !== 'connect') return;
  if (redis.status === 'wait') redis.connect().catch(() => {});
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}

/** Redis error replies that mean "try again later" rather than a bug. */
const RETRYABLE_REPLY = /^(LOADING|BUSY|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|OOM|NOREPLICAS)\b/;

/**
 * Maps anything a Redis call threw to a `CloudMapError`: CloudMapErrors pass
 * through; connection failures, timeouts and retryable error replies become
 * `ServiceUnavailable` (HTTP 503, retryable); other error replies (a script
 * bug) become `InternalFailure`.
 */
export function toStoreError(error: unknown): CloudMapError {
  if (error instanceof CloudMapError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const isReply = error instanceof Error && error.name === 'ReplyError';
  if (isReply && !RETRYABLE_REPLY.test(message)) {
    return new CloudMapError('InternalFailure', `Redis error: ${message}`);
  }
  return errors.unavailable(`State store (Redis) unavailable: ${message}`);
}
