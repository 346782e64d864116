/**
 * The Lua scripts of the Redis store: loading, registering with ioredis, and
 * turning their replies into results or `CloudMapError`s.
 *
 * The `.lua` files in `./lua/` are the source of truth, one per atomic write,
 * named `<command>-<number of keys>.lua` with a header listing KEYS, ARGV,
 * return codes and the event appended. A line `--- @include "<name>"` is
 * replaced by `./lua/includes/<name>.lua`. Files are read once, when this
 * module is imported, relative to `import.meta.url`, so the same code works
 * under tsx and vitest (from `src/`) and from `dist/` (`npm run build` copies
 * `src/store/redis/lua` to `dist/store/redis/lua`, since tsc copies only
 * TypeScript output).
 *
 * Every script replies with an array: `{revision, …}` on success (revision
 * > 0), `{0}` when a conditional write found nothing to change (scripts
 * listed in `ZERO_IS_NO_CHANGE`), or `{negative code, …details}` on a
 * refused write; `scriptError` is the one place that maps codes to errors.
 */
import { readFileSync } from 'node:fs';
import { CloudMapError, errors } from '../../model/errors.ts';
import { RequestAlreadyApplied } from '../store.ts';
import type { RedisClient } from './connection.ts';

/** The scripts, by command name; each maps to `lua/<name>-<numberOfKeys>.lua`. */
export const SCRIPT_FILES = {
  createNamespace: 'createNamespace-9.lua',
  deleteNamespace: 'deleteNamespace-10.lua',
  createService: 'createService-9.lua',
  deleteService: 'deleteService-9.lua',
  registerInstance: 'registerInstance-11.lua',
  deregisterInstance: 'deregisterInstance-10.lua',
  setInstanceHealth: 'setInstanceHealth-5.lua',
  updateRecord: 'updateRecord-6.lua',
  tagResource: 'tagResource-2.lua',
  untagResource: 'untagResource-2.lua',
  updateServiceAttributes: 'updateServiceAttributes-2.lua',
  deleteServiceAttributes: 'deleteServiceAttributes-2.lua',
} as const;

/** Name of one of the store's scripts. */
export type ScriptName = keyof typeof SCRIPT_FILES;

/** Negative reply codes of the scripts (see each script's header). */
export const ScriptCode = {
  NamespaceNotFound: -1,
  NamespaceAlreadyExists: -2,
  ServiceNotFound: -3,
  ServiceAlreadyExists: -4,
  InstanceNotFound: -5,
  NamespaceInUse: -6,
  ServiceInUse: -7,
  /** A compare-and-set found the record changed since it was read; the caller retries. */
  Conflict: -9,
  ResourceNotFound: -10,
  TooManyTags: -11,
  ServiceAttributesLimit: -12,
  /** Another instance id equals this one but for case, in a service with an SRV record. */
  HostNameTaken: -13,
  /** The request key already holds a record (`RequestAlreadyApplied`). */
  RequestAlreadyApplied: -20,
} as const;

const INCLUDE = /^--- @include "([\w-]+)"$/gm;

/**
 * First line of every script: the Redis 7 shebang without flags, which
 * declares a script that may write. Redis then refuses it up front on a
 * read-only replica (`READONLY`, which the client treats as retryable and
 * reconnects on), under OOM and without enough replicas, instead of running
 * its reads there: a client still connected to a master that a Sentinel
 * failover demoted got "not found" answers from the replica's data (seen in
 * `npm run soak`). Needs Redis 7.0 or newer (EVAL scripts flags).
 */
export const SCRIPT_SHEBANG = '#!lua';

/** Reads `lua/<file>`, expands its includes and puts `SCRIPT_SHEBANG` first. */
export function loadLua(file: string): string {
  const read = (path: string): string => readFileSync(new URL(`./lua/${path}`, import.meta.url), 'utf8');
  return `${SCRIPT_SHEBANG}\n${read(file).replace(INCLUDE, (_line, name: string) => read(`includes/${name}.lua`))}`;
}

/** The number of KEYS a script takes, from its file name. */
export function numberOfKeys(file: string): number {
  const match = /-(\d+)\.lua$/.exec(file);
  if (!match) throw new Error(`script file ${file} is not named <command>-<numkeys>.lua`);
  return Number(match[1]);
}

const SOURCES = Object.fromEntries(
  Object.entries(SCRIPT_FILES).map(([name, file]) => [name, { lua: loadLua(file), numberOfKeys: numberOfKeys(file) }]),
) as Record<ScriptName, { lua: string; numberOfKeys: number }>;

const COMMAND_PREFIX = 'cloudmap_';

/**
 * Registers every script on `redis` as command `cloudmap_<name>` (ioredis
 * sends EVALSHA and falls back to EVAL on NOSCRIPT). Safe to call twice.
 */
export function defineScripts(redis: RedisClient): void {
  for (const [name, { lua, numberOfKeys }] of Object.entries(SOURCES)) {
    redis.defineCommand(`${COMMAND_PREFIX}${name}`, { lua, numberOfKeys });
  }
}

/**
 * Runs a script registered by `defineScripts`.
 * @param keys exactly the script's number of keys
 * @returns the raw reply array (see `scriptError` for negative codes)
 */
export async function runScript(
  redis: RedisClient,
  name: ScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<(string | number)[]> {
  const expected = SOURCES[name].numberOfKeys;
  if (keys.length !== expected) throw new Error(`script ${name} takes ${expected} keys, got ${keys.length}`);
  const command = (redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>)[
    `${COMMAND_PREFIX}${name}`
  ];
  if (!command) throw new Error(`script ${name} is not defined on this connection`);
  const reply = await command.call(redis, ...keys, ...args);
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') {
    throw new Error(`script ${name} replied ${JSON.stringify(reply)}`);
  }
  return reply as (string | number)[];
}

/** What the caller knows about the write, for error messages. */
export interface ScriptContext {
  namespaceId?: string;
  serviceId?: string;
  instanceId?: string;
  /** The name being created, for *AlreadyExists messages. */
  name?: string;
  /** The resource ARN of a tag write. */
  resourceArn?: string;
  /** The limit a limit error names. */
  max?: number;
  /** The request key of a write with an idempotency token. */
  requestKey?: string;
}

/**
 * The one mapping from a script's negative reply code to a `CloudMapError`
 * (errors.ts shorthands). AlreadyExists replies carry the existing record's
 * id (and ARN) and creatorRequestId, which the errors expose as fields
 * (AWS `NamespaceAlreadyExists.NamespaceId`, `ServiceAlreadyExists.ServiceId`
 * / `ServiceArn`, `CreatorRequestId`).
 */
export function scriptError(reply: readonly (string | number)[], ctx: ScriptContext): CloudMapError {
  const [code, ...details] = reply;
  const detail = (i: number): string => String(details[i] ?? '');
  const optional = (i: number): string | undefined => detail(i) || undefined;
  switch (code) {
    case ScriptCode.NamespaceNotFound:
      return errors.namespaceNotFound(ctx.namespaceId ?? '');
    case ScriptCode.NamespaceAlreadyExists:
      return errors.namespaceAlreadyExists(ctx.name ?? '', detail(0), optional(1));
    case ScriptCode.ServiceNotFound:
      return errors.serviceNotFound(ctx.serviceId ?? '');
    case ScriptCode.ServiceAlreadyExists:
      return errors.serviceAlreadyExists(ctx.name ?? '', detail(0), detail(1), optional(2));
    case ScriptCode.InstanceNotFound:
      return errors.instanceNotFound(ctx.serviceId ?? '', ctx.instanceId ?? '');
    case ScriptCode.NamespaceInUse:
      return errors.resourceInUse(`Namespace ${ctx.namespaceId ?? ''} has services; delete them first`);
    case ScriptCode.ServiceInUse:
      return errors.resourceInUse(`Service ${ctx.serviceId ?? ''} has registered instances; deregister them first`);
    case ScriptCode.HostNameTaken:
      return errors.hostNameTaken(ctx.instanceId ?? '', detail(0));
    case ScriptCode.RequestAlreadyApplied:
      return new RequestAlreadyApplied({
        key: ctx.requestKey ?? '', fingerprint: detail(0), resourceId: detail(1), ...(optional(2) && { operationId: detail(2) }),
      });
    case ScriptCode.Conflict:
      return new CloudMapError('RequestLimitExceeded', 'The resource is being changed by another request; retry');
    case ScriptCode.ResourceNotFound:
      return errors.resourceNotFound(ctx.resourceArn ?? '');
    case ScriptCode.TooManyTags:
      return errors.tooManyTags(ctx.resourceArn ?? '', Number(details[0]), ctx.max ?? 0);
    case ScriptCode.ServiceAttributesLimit:
      return errors.serviceAttributesLimit(ctx.serviceId ?? '', Number(details[0]), ctx.max ?? 0);
    default:
      return new CloudMapError('InternalFailure', `Unexpected store script reply code ${String(code)}`);
  }
}

/**
 * Runs a script and returns its success reply, or throws the mapped error.
 * @returns the reply; element 0 is the new revision (0: nothing changed, for `ZERO_IS_NO_CHANGE` scripts)
 * @throws CloudMapError from `scriptError`; ioredis errors pass through
 */
export async function runWrite(
  redis: RedisClient,
  name: ScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
  ctx: ScriptContext,
): Promise<(string | number)[]> {
  const reply = await runScript(redis, name, keys, args);
  if ((reply[0] as number) < 0 || (reply[0] === 0 && !ZERO_IS_NO_CHANGE.has(name))) throw scriptError(reply, ctx);
  return reply;
}

/** Scripts whose `{0}` reply means "nothing to change" (no write, no event) rather than an error. */
const ZERO_IS_NO_CHANGE: ReadonlySet<ScriptName> = new Set(['setInstanceHealth']);
