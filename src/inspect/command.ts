/**
 * `cloudmap-dns inspect`: the state as a person using redis-cli wants to
 * see it.
 *
 *   cloudmap-dns inspect [--namespace N] [--service S] [--keys] [--json]
 *   cloudmap-dns inspect --follow [--from REVISION] [--count N] [--json]
 *   cloudmap-dns inspect --check [--json]
 *
 * With Redis state (`--redis-url`/`REDIS_URL`, Sentinel or Cluster flags)
 * it reads Redis directly: namespaces, services and instances with their
 * health, the health checker's last check of each instance and its lease
 * shards; `--follow` prints the change stream live; `--check` verifies the
 * key invariants of docs/redis-keys.md and exits 1 naming each violation.
 * Without Redis (memory state, which lives inside the server process) the
 * tree comes from a running server's Cloud Map API at `--endpoint`;
 * `--follow`, `--check` and `--keys` then refuse, saying they need Redis.
 */
import type { Command } from 'commander';
import { commandConnectionOptions, createRedisClient, whenReady } from '../store/redis/connection.ts';
import { RedisKeys } from '../store/redis/keys.ts';
import { RedisStore } from '../store/redis/redis-store.ts';
import { waitForRedis } from '../store/redis/startup.ts';
import { describeRedisTarget, REDIS_OPTIONS, type RedisFlags, resolveRedisTarget } from '../store/redis/target.ts';
import { checkInvariants } from './check.ts';
import { followChanges } from './follow.ts';
import { renderJson, renderState, selectState } from './render.ts';
import { type InspectState, readApiState, readRedisState } from './state.ts';

/** Flags of `inspect` as commander hands them over. */
export interface InspectFlags extends RedisFlags {
  redisPrefix?: string;
  redisConnectTimeout?: string;
  endpoint: string;
  namespace?: string;
  service?: string;
  keys?: boolean;
  json?: boolean;
  follow?: boolean;
  from?: string;
  count?: string;
  check?: boolean;
}

/** What `inspect` needs from its runtime. */
export interface InspectDeps {
  env: Record<string, string | undefined>;
  /** Where output goes, one call per line or block. @default console.log */
  writeOut?: (text: string) => void;
  /** `--follow` runs until stopped: the runtime calls `stop` on SIGINT/SIGTERM and exits 0 after it. */
  onRunning?: (stop: () => Promise<void>) => void;
}

const NEEDS_REDIS = 'needs Redis state (--redis-url or REDIS_URL, --redis-sentinels or --redis-cluster-nodes): with memory state the data lives inside the server process, and only its Cloud Map API is readable (inspect without this flag)';

/** A whole number from a flag. @throws Error naming the flag */
function count(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** The `--namespace` / `--service` filters of `flags`. */
function filters(flags: InspectFlags): { namespace?: string; service?: string } {
  return { ...(flags.namespace !== undefined && { namespace: flags.namespace }), ...(flags.service !== undefined && { service: flags.service }) };
}

/** Adds `inspect` to `program`. */
export function addInspectCommand(program: Command, deps: InspectDeps): void {
  const command = program
    .command('inspect')
    .description('show namespaces, services and instances with health; --follow the change stream; --check the Redis key invariants')
    .option('--redis-prefix <prefix>', 'prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)')
    .option('--redis-connect-timeout <seconds>', 'give up when Redis does not answer within this time (default: 10)')
    .option('--endpoint <url>', 'Cloud Map API to read from when no Redis is given (memory state)', 'http://127.0.0.1:8053/')
    .option('--namespace <name|id>', 'only this namespace')
    .option('--service <name|id>', 'only this service')
    .option('--keys', 'print the Redis key of each record (for redis-cli HGETALL)')
    .option('--json', 'print JSON instead of text')
    .option('--follow', 'print the change stream live, one event per line (Ctrl-C stops)')
    .option('--from <revision>', 'with --follow: start after this revision (0: everything the stream still holds; default: only new events)')
    .option('--count <n>', 'with --follow: stop after this many events')
    .option('--check', 'verify the key invariants of docs/redis-keys.md; exit 1 naming each violation');
  for (const [flags, description] of REDIS_OPTIONS) command.option(flags, description);
  command.action((flags: InspectFlags) => inspect(flags, deps));
}

/** The action of `inspect`; see the module comment. @throws Error (exit 1) on bad flags, an unusable Redis or violations found by --check */
export async function inspect(flags: InspectFlags, deps: InspectDeps): Promise<void> {
  const out = deps.writeOut ?? ((text: string) => console.log(text.replace(/\n$/, '')));
  if ([flags.follow, flags.check].filter(Boolean).length > 1) throw new Error('--follow and --check exclude each other');
  if ((flags.from !== undefined || flags.count !== undefined) && !flags.follow) throw new Error('--from and --count go with --follow');
  const target = resolveRedisTarget(flags, deps.env);
  if (!target) {
    if (flags.follow) throw new Error(`--follow ${NEEDS_REDIS}`);
    if (flags.check) throw new Error(`--check ${NEEDS_REDIS}`);
    if (flags.keys) throw new Error(`--keys ${NEEDS_REDIS}`);
    const state = selectState(await readApiState(flags.endpoint), filters(flags));
    out(flags.json ? renderJson(state) : renderState(state));
    return;
  }
  const prefix = flags.redisPrefix ?? deps.env.CLOUDMAP_REDIS_PREFIX ?? 'cloudmap:';
  const keys = new RedisKeys(prefix);
  const timeoutMs = Math.round(Number(flags.redisConnectTimeout ?? deps.env.CLOUDMAP_REDIS_CONNECT_TIMEOUT ?? '10') * 1000);
  if (!(timeoutMs > 0)) throw new Error(`--redis-connect-timeout must be a number of seconds above 0, got ${JSON.stringify(flags.redisConnectTimeout)}`);
  await waitForRedis(target, timeoutMs, { probeKey: keys.revision });
  const store = new RedisStore({ target, prefix });
  const client = createRedisClient(target, { ...commandConnectionOptions({ connectTimeoutMs: timeoutMs, commandTimeoutMs: 30_000 }), connectionName: 'cloudmap-inspect' });
  client.on('error', () => {});
  try {
    await whenReady(client, timeoutMs);
    if (flags.follow) {
      const following = await followChanges(store, {
        ...(flags.from !== undefined && { from: count(flags.from, '--from') }),
        ...(flags.count !== undefined && { count: count(flags.count, '--count') }),
        ...(flags.json && { json: true }),
        write: out,
      });
      deps.onRunning?.(following.stop);
      await following.done;
      return;
    }
    if (flags.check) {
      const result = await checkInvariants(client, keys);
      if (flags.json) out(`${JSON.stringify(result, null, 2)}\n`);
      else {
        for (const v of result.violations) out(`${v.key}: ${v.message} [${v.rule}]`);
        out(`checked ${result.keysChecked} keys under ${keys.base} at revision ${result.revision}: ${result.violations.length === 0 ? 'no violations' : `${result.violations.length} violation${result.violations.length === 1 ? '' : 's'}`}`);
      }
      if (result.violations.length > 0) throw new Error(`--check found ${result.violations.length} violation${result.violations.length === 1 ? '' : 's'} of docs/redis-keys.md`);
      return;
    }
    const state: InspectState = selectState(await readRedisState(store, client, keys, `${describeRedisTarget(target)} prefix ${prefix}`), filters(flags));
    out(flags.json ? renderJson(state) : renderState(state, flags.keys ? { keys } : {}));
  } finally {
    client.disconnect();
    await store.close();
  }
}
