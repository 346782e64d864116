/**
 * The keys of one store as `inspect --check` sees them: every key under
 * `PREFIX{cm}:` (SCAN, on every master of a Cluster), sorted into the kinds
 * docs/redis-keys.md lists, with the Redis type each kind must have.
 */
import { Cluster } from 'ioredis';
import type { RedisClient } from '../store/redis/connection.ts';
import type { RedisKeys } from '../store/redis/keys.ts';

/** A kind of key and its Redis type (`TYPE` reply), as documented in docs/redis-keys.md. */
export const KEY_KINDS = {
  revision: 'string', epoch: 'string', events: 'stream', namespaces: 'set', 'namespace-names': 'hash', services: 'set',
  operations: 'zset', ns: 'hash', 'ns-services': 'set', 'ns-service-names': 'hash', svc: 'hash', 'svc-instances': 'set',
  'svc-instances-json': 'hash', 'svc-attrs': 'hash', 'svc-hosts': 'hash', inst: 'hash', 'inst-attrs': 'hash', op: 'hash', req: 'hash', tags: 'hash',
  lease: 'string', 'lease-shards': 'hash', 'lease-holders': 'zset', health: 'hash',
} as const;

/** A key kind name. */
export type KeyKind = keyof typeof KEY_KINDS;

/** Kinds that are one key per store (no id after them). */
const SINGLE = new Set<KeyKind>(['revision', 'epoch', 'events', 'namespaces', 'namespace-names', 'services', 'operations']);

/** One key, split into its kind and the id(s) after it. */
export interface ClassifiedKey {
  key: string;
  /** Undefined for a key of no documented kind. */
  kind?: KeyKind;
  /** What follows `kind:` (e.g. `srv-1:i-1` for `inst`); empty for single keys. */
  rest: string;
}

/** Sorts a key of the store (it starts with `keys.base`) into its kind. */
export function classifyKey(keys: RedisKeys, key: string): ClassifiedKey {
  const suffix = key.slice(keys.base.length);
  const colon = suffix.indexOf(':');
  const head = colon < 0 ? suffix : suffix.slice(0, colon);
  const rest = colon < 0 ? '' : suffix.slice(colon + 1);
  if (!(head in KEY_KINDS)) return { key, rest: suffix };
  const kind = head as KeyKind;
  if (SINGLE.has(kind) !== (colon < 0)) return { key, rest: suffix };
  return { key, kind, rest };
}

/** `text` with Redis glob characters escaped, for SCAN MATCH. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Every key matching `pattern`: SCAN on a single server, on each master of a
 * Cluster (a store's keys share one slot, so they are on one of them).
 */
export async function scanKeys(client: RedisClient, pattern: string): Promise<string[]> {
  const nodes = client instanceof Cluster ? await clusterMasters(client) : [client];
  const found = new Set<string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      for (const key of keys) found.add(key);
      cursor = next;
    } while (cursor !== '0');
  }
  return [...found].sort();
}

/** The master connections of a Cluster client, once it is ready. */
async function clusterMasters(cluster: Cluster): Promise<ReturnType<Cluster['nodes']>> {
  if (cluster.status !== 'ready') {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the Redis Cluster was not ready within 10 s')), 10_000);
      cluster.once('ready', () => (clearTimeout(timer), resolve()));
      if (cluster.status === 'wait') cluster.connect().catch(() => {});
    });
  }
  return cluster.nodes('master');
}
