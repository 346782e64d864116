/**
 * `cloudmap-dns serve` settings: flags first, then environment variables,
 * then defaults.
 */
import { type RrlConfig, type RrlFlags, resolveRrlConfig } from './dns/rrl-config.ts';
import { type ListenerConfig, type ListenerFlags, resolveListeners } from './listeners.ts';
import { type RedisFlags, type RedisTarget, resolveRedisTarget } from './store/redis/target.ts';

/** Everything `serve` needs to start. */
export interface ServeConfig {
  /** Address every listener binds. @default '127.0.0.1' */
  host: string;
  /** TCP port of the HTTP listener (Cloud Map API + DoH, HTTP/1.1 and h2c). 0 picks a free port. @default 8053 */
  httpPort: number;
  /** UDP and TCP port of the plain DNS listener. 0 picks a free port. @default 1053 */
  dnsPort: number;
  /** Every listener to start, `http` and `dns` first (`src/listeners.ts`). */
  listeners: ListenerConfig[];
  /** Redis URL (`redis://[:password@]host:port[/db]`); absent means the embedded memory store. Env `REDIS_URL`. */
  redisUrl?: string;
  /** Where the Redis state is (one server, Sentinel or Cluster; credentials, TLS), from `--redis-*` flags and env (`src/store/redis/target.ts`); absent means the embedded memory store. */
  redis?: RedisTarget;
  /** Prefix of every Redis key. Env `CLOUDMAP_REDIS_PREFIX`. @default 'cloudmap:' */
  redisPrefix: string;
  /** How long start-up waits for Redis to answer before failing, in milliseconds (flag in seconds). Env `CLOUDMAP_REDIS_CONNECT_TIMEOUT`. @default 10000 */
  redisConnectTimeoutMs: number;
  /** Region for ARNs when a request has no SigV4 scope. Env `AWS_REGION`/`AWS_DEFAULT_REGION`. @default 'us-east-1' */
  region: string;
  /** 12-digit account id owning every resource. Env `CLOUDMAP_ACCOUNT_ID`. @default '123456789012' */
  accountId: string;
  /** pino level. Env `LOG_LEVEL`. @default 'info' */
  logLevel: string;
  /** QTYPE ANY answers: `minimal` (RFC 8482, one RRset) or `full`. @default 'minimal' */
  anyResponse: 'minimal' | 'full';
  /** API authentication: `open` accepts any or no credentials (as local emulators do); `sigv4` verifies signatures. Env `CLOUDMAP_AUTH`. @default 'open' */
  auth: 'open' | 'sigv4';
  /** File of access key id → secret (`src/api/sigv4.ts` `parseCredentials`); required with `auth: 'sigv4'`. Env `CLOUDMAP_CREDENTIALS_FILE`. */
  credentialsFile?: string;
  /** The keys read from `credentialsFile` (the CLI fills this in before `serve`). */
  credentials?: ReadonlyMap<string, string>;
  /** Run the health role (active checks of HealthCheckConfig services) in this process; `--no-health-checks` turns it off. @default true */
  healthChecks: boolean;
  /** Time between two checks of one instance, milliseconds (flag in seconds). Env `CLOUDMAP_HEALTH_CHECK_INTERVAL`. @default 30000 (Route 53's) */
  healthCheckIntervalMs: number;
  /** Most health checks in flight at once. @default 64 */
  healthCheckConcurrency: number;
  /** Refuse this project's documented extensions with AWS's errors (`--aws-strict`), e.g. HealthCheckConfig in private DNS namespaces. @default false */
  awsStrict: boolean;
  /** Response-rate limiting of UDP DNS answers (`--rrl-*`, `src/dns/rrl.ts`); absent = off, the default. */
  rrl?: RrlConfig;
}

/** Raw flag values as the CLI parser hands them over (strings). */
export interface ServeFlags extends ListenerFlags, RedisFlags, RrlFlags {
  host?: string;
  httpPort?: string;
  dnsPort?: string;
  redisUrl?: string;
  redisPrefix?: string;
  redisConnectTimeout?: string;
  region?: string;
  accountId?: string;
  logLevel?: string;
  anyResponse?: string;
  auth?: string;
  credentials?: string;
  /** false with `--no-health-checks`. */
  healthChecks?: boolean;
  healthCheckInterval?: string;
  healthCheckConcurrency?: string;
  awsStrict?: boolean;
}

/** A port number 0..65535 from a flag. @throws Error naming the flag */
function port(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new Error(`${flag} must be a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  return n;
}

/** A duration in seconds (> 0, decimals allowed) from a flag, in milliseconds. @throws Error naming the flag */
function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new Error(`${flag} must be a number of seconds above 0, got ${JSON.stringify(value)}`);
  return Math.round(n * 1000);
}

/** `--any-response` value. @throws Error naming the flag */
function anyResponse(value: string): 'minimal' | 'full' {
  if (value !== 'minimal' && value !== 'full') throw new Error(`--any-response must be minimal or full, got ${JSON.stringify(value)}`);
  return value;
}

/** `--auth` value. @throws Error naming the flag */
function authMode(value: string): 'open' | 'sigv4' {
  if (value !== 'open' && value !== 'sigv4') throw new Error(`--auth must be open or sigv4, got ${JSON.stringify(value)}`);
  return value;
}

/** A whole number from `min` to `max` from a flag. @throws Error naming the flag */
function count(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Merges flags, environment and defaults.
 * @throws Error with a message naming the bad flag or variable
 */
export function resolveServeConfig(flags: ServeFlags, env: Record<string, string | undefined>): ServeConfig {
  const accountId = flags.accountId ?? env.CLOUDMAP_ACCOUNT_ID ?? '123456789012';
  if (!/^\d{12}$/.test(accountId)) throw new Error(`--account-id must be 12 digits, got ${JSON.stringify(accountId)}`);
  const redisUrl = flags.redisUrl ?? (env.REDIS_URL || undefined);
  const auth = authMode(flags.auth ?? env.CLOUDMAP_AUTH ?? 'open');
  const credentialsFile = flags.credentials ?? (env.CLOUDMAP_CREDENTIALS_FILE || undefined);
  if (auth === 'sigv4' && credentialsFile === undefined) throw new Error('--auth sigv4 needs --credentials FILE (access key id and secret per line)');
  const redis = resolveRedisTarget(flags, env);
  const rrl = resolveRrlConfig(flags);
  return {
    host: flags.host ?? '127.0.0.1',
    httpPort: port(flags.httpPort ?? '8053', '--http-port'),
    dnsPort: port(flags.dnsPort ?? '1053', '--dns-port'),
    listeners: resolveListeners(flags.host ?? '127.0.0.1', flags),
    ...(redisUrl !== undefined && { redisUrl }),
    ...(redis && { redis }),
    redisPrefix: flags.redisPrefix ?? env.CLOUDMAP_REDIS_PREFIX ?? 'cloudmap:',
    redisConnectTimeoutMs: seconds(flags.redisConnectTimeout ?? env.CLOUDMAP_REDIS_CONNECT_TIMEOUT ?? '10', '--redis-connect-timeout'),
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    accountId,
    logLevel: flags.logLevel ?? env.LOG_LEVEL ?? 'info',
    anyResponse: anyResponse(flags.anyResponse ?? 'minimal'),
    auth,
    ...(credentialsFile !== undefined && { credentialsFile }),
    healthChecks: flags.healthChecks ?? true,
    healthCheckIntervalMs: seconds(flags.healthCheckInterval ?? env.CLOUDMAP_HEALTH_CHECK_INTERVAL ?? '30', '--health-check-interval'),
    healthCheckConcurrency: count(flags.healthCheckConcurrency ?? '64', '--health-check-concurrency', 1, 10_000),
    awsStrict: flags.awsStrict ?? false,
    ...(rrl && { rrl }),
  };
}
