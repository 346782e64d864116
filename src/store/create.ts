/**
 * Picks the state backend: Redis when a URL is configured, else the embedded
 * memory store (DESIGN §1).
 */
import type { ServeConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { MemoryStore } from './memory/memory-store.ts';
import { RedisStore } from './redis/redis-store.ts';
import { redactRedisUrl, waitForRedis } from './redis/startup.ts';
import type { Store } from './store.ts';

/** A `RedisStore` for `config.redisUrl`, or a `MemoryStore` when it is unset. */
export function createStore(config: Pick<ServeConfig, 'redisUrl' | 'redisPrefix'>): Store {
  return config.redisUrl ? new RedisStore({ url: config.redisUrl, prefix: config.redisPrefix }) : new MemoryStore();
}

/**
 * `createStore` for `serve`: with a Redis URL, first checks the URL and waits
 * (at most `redisConnectTimeoutMs`) until a Redis answers there, logging
 * each failed attempt at debug.
 * @throws Error naming the URL without its password and the cause (see `waitForRedis`)
 */
export async function openStore(config: Pick<ServeConfig, 'redisUrl' | 'redisPrefix' | 'redisConnectTimeoutMs'>, logger: Logger): Promise<Store> {
  if (config.redisUrl) {
    const redis = redactRedisUrl(config.redisUrl);
    await waitForRedis(config.redisUrl, config.redisConnectTimeoutMs, {
      onRetry: (cause) => logger.debug({ redis, err: cause }, 'Redis not reachable yet; retrying'),
    });
  }
  return createStore(config);
}
