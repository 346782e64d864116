import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from '../../test/support/redis-server.ts';
import { CloudMapError } from '../model/errors.ts';
import { RedisStore } from '../store/redis/redis-store.ts';
import { registerInstance } from './instances.ts';
import { createNamespace } from './namespaces.ts';
import { createService } from './services.ts';

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis({ throwaway: true });
});
afterAll(async () => {
  await redis?.stop();
});

describe('idempotency with Redis state: a write that timed out but was applied later', () => {
  it('is safe to retry with the same CreatorRequestId: the original OperationId, one registration, one event', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStore({ url: redis.url, prefix, commandTimeoutMs: 300, connectTimeoutMs: 1000 });
    const deps = { store, region: 'us-east-1', accountId: '123456789012' };
    try {
      const { namespace } = await createNamespace(deps, { type: 'HTTP', name: 'shop' });
      const svc = await createService(deps, { name: 'cart', namespaceId: namespace!.id });
      const input = { serviceId: svc.id, instanceId: 'i-1', attributes: { url: 'http://10.0.0.1' }, creatorRequestId: 'tok-1' };

      // Redis freezes right before the registration script is sent: it is sent but not run before the client gives up.
      const freezing = Object.create(store, {
        registerInstance: { value: (...args: Parameters<RedisStore['registerInstance']>) => (redis.pause(), store.registerInstance(...args)) },
      }) as RedisStore;
      const first = await registerInstance({ ...deps, store: freezing }, input).then(() => undefined, (e: unknown) => e);
      expect(first).toBeInstanceOf(CloudMapError);
      expect((first as CloudMapError).type).toBe('ServiceUnavailable');
      redis.resume(); // ... and runs it now
      for (let i = 0; i < 100 && (await store.listInstances(svc.id).catch(() => [])).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await store.listInstances(svc.id)).toHaveLength(1);
      const revision = await store.revision();

      const retry = await registerInstance(deps, input);
      const ops = (await store.listOperations()).filter((o) => o.type === 'REGISTER_INSTANCE');
      expect(ops).toHaveLength(1);
      expect(retry.operationId).toBe(ops[0]!.id);
      expect(retry.instance?.attributes).toEqual({ url: 'http://10.0.0.1' });
      expect(await store.revision()).toBe(revision);
    } finally {
      redis.resume();
      await store.close();
      await deleteKeys(redis.url, prefix);
    }
  });
});
