/**
 * Picks the state backend: Redis when a URL is configured, else the embedded
 * memory store (DESIGN §1).
 */
import type { ServeConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { MemoryStore } from './memory/memory-store.ts';
import { RedisStore } from './redis/redis-store.ts';
import { RedisKeys } from './redis/keys.ts';
import { waitForRedis } from './redis/startup.ts';
import { describeRedisTarget, type RedisTarget, targetFromUrl } from './redis/target.ts';
import type { Store } from './store.ts';

/** The Redis target of `config`: `config.redis`, else one made from `config.redisUrl`, else undefined (memory state). */
export function redisTargetOf(config: { redis?: RedisTarget; redisUrl?: string }): RedisTarget | undefined {
  return config.redis ?? (config.redisUrl ? targetFromUrl(config.redisUrl) : undefined);
}

/** A `RedisStore` for `config.redis` (or `config.redisUrl`), or a `MemoryStore` when neither is set. */
export function createStore(config: Pick<ServeConfig, 'redisUrl' | 'redisPrefix'> & { redis?: RedisTarget }): Store {
  const target = redisTargetOf(config);
  return target ? new RedisStore({ target, prefix: config.redisPrefix }) : new MemoryStore();
}

/**
 * `createStore` for `serve`: with Redis state, first checks the URL and waits
 * (at most `redisConnectTimeoutMs`) until a Redis answers there, logging
 * each failed attempt at debug.
 * @throws Error naming the URL without its password and the cause (see `waitForRedis`)
 */
export async function openStore(config: Pick<ServeConfig, 'redisUrl' | 'redisPrefix' | 'redisConnectTimeoutMs' | 'redis'>, logger: Logger): Promise<Store> {
  const target = redisTargetOf(config);
  if (target) {
    const redis = describeRedisTarget(target);
    await waitForRedis(target, config.redisConnectTimeoutMs, {
      probeKey: new RedisKeys(config.redisPrefix).revision,
      onRetry: (cause) => logger.debug({ redis, err: cause }, 'Redis not reachable yet; retrying'),
    });
  }
  return createStore({ ...config, ...(target && { redis: target }) });
}
