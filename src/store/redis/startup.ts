/**
 * Start-up checks of a Redis URL: its shape, and that a Redis answers there
 * within a bounded time, with an error a person can act on (the URL without
 * its password, and the cause: ECONNREFUSED, ENOTFOUND, NOAUTH, no reply).
 *
 * `serve` calls `waitForRedis` before it loads the view, so a wrong or
 * unreachable Redis fails the start instead of hanging in retries. A Redis
 * lost after start is the store's and the follower's business (they retry).
 */
import { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from './connection.ts';
import { describeRedisTarget, parseRedisUrl, redactRedisUrl, type RedisTarget, targetFromUrl } from './target.ts';

export { redactRedisUrl };

/**
 * Checks that `url` is a Redis URL ioredis connects to as meant:
 * `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS.
 * @throws Error naming `--redis-url`, the accepted forms and the (redacted) value
 */
export function checkRedisUrl(url: string): void {
  parseRedisUrl(url);
}

/** Redis replies that no retry will fix (authentication, ACL). */
const PERMANENT = /^(NOAUTH|WRONGPASS|NOPERM|ERR invalid password|ERR AUTH|ERR Client sent AUTH)/;
/** Node TLS errors that no retry will fix (a certificate the CA did not sign, a name it does not carry, an expired one). */
const PERMANENT_TLS = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|CERT_SIGNATURE_FAILURE|ERR_SSL_)/;

/** The cause of a failed attempt as one line, with a hint for TLS failures whose OpenSSL text names no flag. */
function describeCause(error: Error): string {
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  if (/ALERT_CERTIFICATE_REQUIRED/.test(code) || /alert certificate required/.test(error.message)) {
    return 'TLS: the Redis server requires a client certificate (--redis-tls-cert and --redis-tls-key)';
  }
  if (/ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN)/.test(code)) return `TLS: the Redis server refused our client certificate (${code})`;
  if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG/.test(code)) return `TLS: no TLS server at this address (a plain Redis port? use redis:// there) (${code})`;
  if (PERMANENT_TLS.test(code) && !code.startsWith('ERR_SSL_')) {
    return `TLS: ${error.message} (the Redis server certificate does not verify against --redis-tls-ca or the system CAs)`;
  }
  return error.message;
}

/** True for a failure that retrying cannot fix. */
function isPermanent(error: Error): boolean {
  return PERMANENT.test(error.message) || PERMANENT_TLS.test(String((error as NodeJS.ErrnoException).code ?? ''));
}

/** Options of `waitForRedis`. */
export interface WaitForRedisOptions {
  /** Pause between attempts, milliseconds. @default 250 */
  retryDelayMs?: number;
  /** Called after each failed attempt that will be retried (for a log line). */
  onRetry?: (cause: string) => void;
  /**
   * A key the store will use (e.g. its revision key), read with EXISTS after
   * PING, so an ACL user without access to the store's keys fails the start
   * with NOPERM instead of failing every read later.
   */
  probeKey?: string;
}

/**
 * Resolves once the Redis of `target` (a URL, or a Sentinel or Cluster
 * target) answers PING; retries refused or failed
 * connections (Redis may be starting beside us) until `timeoutMs`
 * milliseconds have passed, and fails at once on an authentication or ACL
 * error.
 * @throws Error `cannot use Redis at <url without password>: <cause>` (the
 *   cause is the last failure, e.g. `connect ECONNREFUSED 127.0.0.1:6379`,
 *   `getaddrinfo ENOTFOUND redis`, `NOAUTH Authentication required.`, or
 *   `no reply within 10 s`)
 */
export async function waitForRedis(targetOrUrl: RedisTarget | string, timeoutMs: number, options: WaitForRedisOptions = {}): Promise<void> {
  const target = typeof targetOrUrl === 'string' ? targetFromUrl(targetOrUrl) : targetOrUrl;
  const { retryDelayMs = 250, onRetry } = options;
  const deadline = Date.now() + timeoutMs;
  const seconds = `${timeoutMs / 1000} s`;
  let cause = `no reply within ${seconds}`;
  for (;;) {
    const left = deadline - Date.now();
    const result = await attempt(target, left, options.probeKey);
    if (result.ok) return;
    cause = result.cause;
    if (result.permanent) break;
    if (Date.now() + retryDelayMs >= deadline) {
      cause = `${cause} (still failing after ${seconds}, --redis-connect-timeout)`;
      break;
    }
    onRetry?.(cause);
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
  }
  throw new Error(`cannot use Redis at ${describeRedisTarget(target)}: ${cause}`);
}

type Attempt = { ok: true } | { ok: false; cause: string; permanent: boolean };

/** One connection (or cluster client) + PING, given up after `timeoutMs` (covers a server that accepts but never answers). */
async function attempt(target: RedisTarget, timeoutMs: number, probeKey: string | undefined): Promise<Attempt> {
  let redis: RedisClient;
  try {
    redis = createRedisClient(target, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: Math.max(1, timeoutMs),
      connectionName: 'cloudmap-startup-check',
    }, { sentinelRetryStrategy: () => null });
  } catch (error) {
    return { ok: false, cause: (error as Error).message, permanent: true }; // an unreadable TLS file
  }
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => (lastError = error));
  // A Cluster reports each node's failure here and only "None of startup nodes is available" as its error.
  if (redis instanceof Cluster) redis.on('node error', (error: Error, node: string) => (lastError = new Error(`${node}: ${error.message}`, { cause: error })));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Attempt>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, cause: lastError?.message ?? `no reply within ${Math.round(timeoutMs) / 1000} s`, permanent: false }), Math.max(1, timeoutMs));
  });
  const tried = (async (): Promise<Attempt> => {
    try {
      await redis.connect();
      await redis.ping();
      if (probeKey !== undefined) {
        try {
          await redis.exists(probeKey);
        } catch (error) {
          const message = (error as Error).message;
          if (/^NOPERM/.test(message)) return { ok: false, cause: `${message} (the ACL user needs read and write access to keys ${JSON.stringify(probeKey.replace(/[^:]*$/, '*'))})`, permanent: true };
          throw error;
        }
      }
      return { ok: true };
    } catch (error) {
      const e = lastError && /^(Connection is closed\.|None of startup nodes is available)/.test((error as Error).message) ? lastError : (error as Error);
      const root = e.cause instanceof Error ? e.cause : e;
      if (target.mode === 'sentinel') {
        if (/No such master with that name/.test(e.message)) {
          return { ok: false, cause: `no Sentinel knows a master named ${JSON.stringify(target.masterName)} (--redis-master-name; SENTINEL MASTERS lists the names)`, permanent: true };
        }
        const last = /Last error: (.*)$/.exec(e.message)?.[1];
        if (/^All sentinels are unreachable/.test(e.message)) return { ok: false, cause: `no Sentinel answered${last && last !== 'Connection is closed.' ? ` (last error: ${last})` : ''}`, permanent: false };
      }
      return { ok: false, cause: root === e ? describeCause(e) : e.message, permanent: isPermanent(root) };
    }
  })();
  try {
    return await Promise.race([tried, timedOut]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
