/**
 * Start-up checks of a Redis URL: its shape, and that a Redis answers there
 * within a bounded time, with an error a person can act on (the URL without
 * its password, and the cause: ECONNREFUSED, ENOTFOUND, NOAUTH, no reply).
 *
 * `serve` calls `waitForRedis` before it loads the view, so a wrong or
 * unreachable Redis fails the start instead of hanging in retries. A Redis
 * lost after start is the store's and the follower's business (they retry).
 */
import { Redis } from 'ioredis';

/** A Redis URL with its password replaced by `***` (for logs and errors). Unparsable text loses everything between `://` and `@`. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/(:\/\/)[^@/]*@/, '$1***@');
  }
}

/**
 * Checks that `url` is a Redis URL ioredis connects to as meant:
 * `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS.
 * @throws Error naming `--redis-url`, the accepted forms and the (redacted) value
 */
export function checkRedisUrl(url: string): void {
  const bad = (why: string): never => {
    throw new Error(`--redis-url (or REDIS_URL) ${why}: expected redis://[[user]:password@]host[:port][/db] or rediss://… for TLS, got ${JSON.stringify(redactRedisUrl(url))}`);
  };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return bad('is not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') bad(`has scheme ${parsed.protocol.replace(/:$/, '')}`);
  if (!parsed.hostname) bad('has no host');
  if (parsed.pathname && parsed.pathname !== '/' && !/^\/\d+$/.test(parsed.pathname)) bad('has a database that is not a number');
}

/** Redis replies that no retry will fix (authentication, ACL). */
const PERMANENT = /^(NOAUTH|WRONGPASS|NOPERM|ERR invalid password|ERR AUTH|ERR Client sent AUTH)/;

/** Options of `waitForRedis`. */
export interface WaitForRedisOptions {
  /** Pause between attempts, milliseconds. @default 250 */
  retryDelayMs?: number;
  /** Called after each failed attempt that will be retried (for a log line). */
  onRetry?: (cause: string) => void;
}

/**
 * Resolves once a Redis at `url` answers PING; retries refused or failed
 * connections (Redis may be starting beside us) until `timeoutMs`
 * milliseconds have passed, and fails at once on an authentication or ACL
 * error.
 * @throws Error `cannot use Redis at <url without password>: <cause>` (the
 *   cause is the last failure, e.g. `connect ECONNREFUSED 127.0.0.1:6379`,
 *   `getaddrinfo ENOTFOUND redis`, `NOAUTH Authentication required.`, or
 *   `no reply within 10 s`)
 */
export async function waitForRedis(url: string, timeoutMs: number, options: WaitForRedisOptions = {}): Promise<void> {
  checkRedisUrl(url);
  const { retryDelayMs = 250, onRetry } = options;
  const deadline = Date.now() + timeoutMs;
  const seconds = `${timeoutMs / 1000} s`;
  let cause = `no reply within ${seconds}`;
  for (;;) {
    const left = deadline - Date.now();
    const result = await attempt(url, left);
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
  throw new Error(`cannot use Redis at ${redactRedisUrl(url)}: ${cause}`);
}

type Attempt = { ok: true } | { ok: false; cause: string; permanent: boolean };

/** One connection + PING, given up after `timeoutMs` (covers a server that accepts but never answers). */
async function attempt(url: string, timeoutMs: number): Promise<Attempt> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: Math.max(1, timeoutMs),
    connectionName: 'cloudmap-startup-check',
  });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => (lastError = error));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Attempt>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, cause: `no reply within ${Math.round(timeoutMs) / 1000} s`, permanent: false }), Math.max(1, timeoutMs));
  });
  const tried = (async (): Promise<Attempt> => {
    try {
      await redis.connect();
      await redis.ping();
      return { ok: true };
    } catch (error) {
      const e = lastError && (error as Error).message === 'Connection is closed.' ? lastError : (error as Error);
      return { ok: false, cause: e.message, permanent: PERMANENT.test(e.message) };
    }
  })();
  try {
    return await Promise.race([tried, timedOut]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
