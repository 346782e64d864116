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
import { Redis, type RedisOptions } from 'ioredis';
import { CloudMapError, errors } from '../../model/errors.ts';

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
  };
}

/**
 * A dedicated connection for one blocking XREAD loop: it never reconnects on
 * its own (the follower opens a new one after a failure) and its commands
 * time out `blockMs + graceMs` after they are sent, so a frozen server
 * (SIGSTOP, dead network path) surfaces as an error instead of a hang.
 */
export function followerConnection(base: Redis, blockMs: number, connectTimeoutMs: number): Redis {
  const conn = base.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: connectTimeoutMs,
    commandTimeout: blockMs + Math.max(1000, connectTimeoutMs),
    lazyConnect: false,
    connectionName: 'cloudmap-follower',
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
export async function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
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
