/**
 * Picks the state backend: Redis when a URL is configured, else the embedded
 * memory store (DESIGN §1).
 */
import type { ServeConfig } from '../config.ts';
import { MemoryStore } from './memory/memory-store.ts';
import { RedisStore } from './redis/redis-store.ts';
import type { Store } from './store.ts';

/** A `RedisStore` for `config.redisUrl`, or a `MemoryStore` when it is unset. */
export function createStore(config: Pick<ServeConfig, 'redisUrl' | 'redisPrefix'>): Store {
  return config.redisUrl ? new RedisStore({ url: config.redisUrl, prefix: config.redisPrefix }) : new MemoryStore();
}
