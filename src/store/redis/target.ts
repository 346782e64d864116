/**
 * Where the Redis state lives and how to reach it: one server, a master
 * found through Sentinel, or a Redis Cluster; with ACL credentials and TLS.
 *
 * Flags and environment (every command that reads Redis state takes them):
 *
 * | flag | env | meaning |
 * | --- | --- | --- |
 * | `--redis-url URL` | `REDIS_URL` | `redis://[[user]:password@]host[:port][/db]`, `rediss://` for TLS |
 * | `--redis-sentinels H:P,…` | `CLOUDMAP_REDIS_SENTINELS` | Sentinels to ask for the master (needs `--redis-master-name`) |
 * | `--redis-master-name NAME` | `CLOUDMAP_REDIS_MASTER_NAME` | the Sentinel master group (`sentinel monitor NAME …`) |
 * | `--redis-cluster-nodes H:P,…` | `CLOUDMAP_REDIS_CLUSTER_NODES` | seed nodes of a Redis Cluster (any reachable one is enough) |
 * | `--redis-tls-ca FILE` | `CLOUDMAP_REDIS_TLS_CA` | PEM CA bundle that signed the Redis server certificates (turns TLS on) |
 * | `--redis-tls-cert FILE`, `--redis-tls-key FILE` | `CLOUDMAP_REDIS_TLS_CERT`, `…_KEY` | client certificate, for `tls-auth-clients yes` |
 * | — | `CLOUDMAP_REDIS_SENTINEL_USERNAME`, `…_PASSWORD` | ACL user of the Sentinels themselves (`requirepass`/`user` in sentinel.conf) |
 *
 * With Sentinel or Cluster the URL is optional and only its user, password,
 * database (Sentinel; a Cluster has only database 0) and scheme (`rediss`:
 * TLS) are used; its host and port are not. TLS is on with `rediss://` or any
 * `--redis-tls-*` file; a `redis://` URL with a TLS file is refused as a
 * contradiction. Passwords never go on a command line here: put them in
 * `REDIS_URL` (from a Secret) or the environment.
 */

/** A `host:port` pair. */
export interface HostPort {
  host: string;
  port: number;
}

/** Credentials, database and TLS of a Redis target (from the URL and the TLS flags). */
export interface RedisAccess {
  username?: string;
  password?: string;
  /** SELECT index; 0 for a Cluster. */
  db: number;
  /** TLS on, with these PEM files (paths); an empty object means Node's default roots and no client certificate. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

/** Where the Redis state is; see the module comment. */
export type RedisTarget =
  | ({ mode: 'standalone'; url: string; host: string; port: number } & RedisAccess)
  | ({ mode: 'sentinel'; url?: string; sentinels: HostPort[]; masterName: string; sentinelUsername?: string; sentinelPassword?: string } & RedisAccess)
  | ({ mode: 'cluster'; url?: string; nodes: HostPort[] } & RedisAccess);

/** Raw flag values (strings, as commander hands them over). */
export interface RedisFlags {
  redisUrl?: string;
  redisSentinels?: string;
  redisMasterName?: string;
  redisClusterNodes?: string;
  redisTlsCa?: string;
  redisTlsCert?: string;
  redisTlsKey?: string;
}

/** The commander options behind `RedisFlags` (`[flags, description]`), for every command that reads Redis state. */
export const REDIS_OPTIONS: readonly (readonly [string, string])[] = [
  ['--redis-url <url>', 'Redis URL redis://[[user]:password@]host[:port][/db], rediss:// for TLS (default: $REDIS_URL; unset = embedded memory store)'],
  ['--redis-sentinels <host:port,…>', 'find the Redis master through these Sentinels (default: $CLOUDMAP_REDIS_SENTINELS); needs --redis-master-name'],
  ['--redis-master-name <name>', 'Sentinel master group name (default: $CLOUDMAP_REDIS_MASTER_NAME)'],
  ['--redis-cluster-nodes <host:port,…>', 'use a Redis Cluster, starting from these nodes (default: $CLOUDMAP_REDIS_CLUSTER_NODES)'],
  ['--redis-tls-ca <file>', 'PEM CA certificates that signed the Redis server certificate; turns TLS on (default: $CLOUDMAP_REDIS_TLS_CA)'],
  ['--redis-tls-cert <file>', 'PEM client certificate for Redis TLS (default: $CLOUDMAP_REDIS_TLS_CERT)'],
  ['--redis-tls-key <file>', 'PEM private key of --redis-tls-cert (default: $CLOUDMAP_REDIS_TLS_KEY)'],
];

/** A redis URL with its password replaced by `***` (for logs and errors). Unparsable text loses everything between `://` and `@`. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/(:\/\/)[^@/]*@/, '$1***@');
  }
}

const URL_FORMS = 'expected redis://[[user]:password@]host[:port][/db] or rediss://… for TLS';

/**
 * Parses and checks a Redis URL.
 * @throws Error naming `--redis-url`, the accepted forms and the (redacted) value
 */
export function parseRedisUrl(url: string): { host: string; port: number; tls: boolean; username?: string; password?: string; db: number } {
  const bad = (why: string): never => {
    throw new Error(`--redis-url (or REDIS_URL) ${why}: ${URL_FORMS}, got ${JSON.stringify(redactRedisUrl(url))}`);
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
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port: parsed.port ? Number(parsed.port) : 6379,
    tls: parsed.protocol === 'rediss:',
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    db: Number(parsed.pathname.slice(1) || 0),
  };
}

/**
 * `host:port,host:port` as a list.
 * @throws Error naming `flag` and the bad item
 */
export function parseHostPorts(value: string, flag: string): HostPort[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error(`${flag} needs at least one host:port, got ${JSON.stringify(value)}`);
  return items.map((item) => {
    const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(item);
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65535) throw new Error(`${flag}: ${JSON.stringify(item)} is not host:port (port 1 to 65535)`);
    return { host: match[1] ?? match[2]!, port };
  });
}

/**
 * Merges Redis flags and environment into a target, or `undefined` when no
 * Redis is configured (memory state).
 * @throws Error naming the flag (or variable) that is wrong or contradicts another
 */
export function resolveRedisTarget(flags: RedisFlags, env: Record<string, string | undefined>): RedisTarget | undefined {
  const pick = (flag: string | undefined, name: string): string | undefined => flag ?? (env[name] || undefined);
  const url = pick(flags.redisUrl, 'REDIS_URL');
  const sentinels = pick(flags.redisSentinels, 'CLOUDMAP_REDIS_SENTINELS');
  const masterName = pick(flags.redisMasterName, 'CLOUDMAP_REDIS_MASTER_NAME');
  const clusterNodes = pick(flags.redisClusterNodes, 'CLOUDMAP_REDIS_CLUSTER_NODES');
  const caFile = pick(flags.redisTlsCa, 'CLOUDMAP_REDIS_TLS_CA');
  const certFile = pick(flags.redisTlsCert, 'CLOUDMAP_REDIS_TLS_CERT');
  const keyFile = pick(flags.redisTlsKey, 'CLOUDMAP_REDIS_TLS_KEY');
  const tlsFiles = { ...(caFile && { caFile }), ...(certFile && { certFile }), ...(keyFile && { keyFile }) };
  const anyTlsFile = Object.keys(tlsFiles).length > 0;

  if (!url && !sentinels && !clusterNodes) {
    if (masterName) throw new Error('--redis-master-name needs --redis-sentinels');
    if (anyTlsFile) throw new Error('--redis-tls-ca/--redis-tls-cert/--redis-tls-key need Redis state (--redis-url, --redis-sentinels or --redis-cluster-nodes)');
    return undefined;
  }
  if (sentinels && clusterNodes) throw new Error('--redis-sentinels and --redis-cluster-nodes exclude each other: Sentinel manages one master, a Cluster many');
  if (!!certFile !== !!keyFile) throw new Error('--redis-tls-cert and --redis-tls-key go together');
  const fromUrl = url ? parseRedisUrl(url) : undefined;
  if (fromUrl && !fromUrl.tls && anyTlsFile) throw new Error(`--redis-url ${redactRedisUrl(url!)} is plain redis:// but a --redis-tls-* file is given: use rediss:// for TLS`);
  const access: RedisAccess = {
    ...(fromUrl?.username && { username: fromUrl.username }),
    ...(fromUrl?.password && { password: fromUrl.password }),
    db: fromUrl?.db ?? 0,
    ...((fromUrl?.tls || anyTlsFile) && { tls: tlsFiles }),
  };
  if (sentinels) {
    if (!masterName) throw new Error('--redis-sentinels needs --redis-master-name (the name in `sentinel monitor NAME host port quorum`)');
    const sentinelUsername = env.CLOUDMAP_REDIS_SENTINEL_USERNAME || undefined;
    const sentinelPassword = env.CLOUDMAP_REDIS_SENTINEL_PASSWORD || undefined;
    return {
      mode: 'sentinel', ...(url && { url }), sentinels: parseHostPorts(sentinels, '--redis-sentinels'), masterName, ...access,
      ...(sentinelUsername && { sentinelUsername }), ...(sentinelPassword && { sentinelPassword }),
    };
  }
  if (masterName) throw new Error('--redis-master-name needs --redis-sentinels');
  if (clusterNodes) {
    if (access.db !== 0) throw new Error(`--redis-url selects database ${access.db}, but a Redis Cluster has only database 0`);
    return { mode: 'cluster', ...(url && { url }), nodes: parseHostPorts(clusterNodes, '--redis-cluster-nodes'), ...access };
  }
  return { mode: 'standalone', url: url!, host: fromUrl!.host, port: fromUrl!.port, ...access };
}

/** The target for a plain URL (tests, benchmarks, `RedisStore({url})`). @throws Error like `parseRedisUrl` */
export function targetFromUrl(url: string): RedisTarget {
  return resolveRedisTarget({ redisUrl: url }, {})!;
}

/**
 * The target in one line for logs and errors, without passwords:
 * `redis://:***@10.0.0.5:6379/0`, `sentinel master "mymaster" via 10.0.0.1:26379,10.0.0.2:26379 (TLS)`,
 * `cluster via 10.0.0.1:7000,10.0.0.2:7000`.
 */
export function describeRedisTarget(target: RedisTarget): string {
  const list = (nodes: HostPort[]): string => nodes.map((n) => `${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.port}`).join(',');
  const extras = [target.username && `user ${target.username}`, target.db !== 0 && `db ${target.db}`, target.tls && 'TLS'].filter(Boolean);
  const suffix = extras.length > 0 ? ` (${extras.join(', ')})` : '';
  switch (target.mode) {
    case 'standalone':
      return redactRedisUrl(target.url);
    case 'sentinel':
      return `sentinel master ${JSON.stringify(target.masterName)} via ${list(target.sentinels)}${suffix}`;
    case 'cluster':
      return `cluster via ${list(target.nodes)}${suffix}`;
  }
}
