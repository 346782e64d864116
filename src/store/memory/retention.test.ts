import { describe, expect, it } from 'vitest';
import type { Namespace, Operation } from '../../model/types.ts';
import { MemoryStore } from './memory-store.ts';

const ns = (id: string): Namespace => ({ id, arn: `arn:aws:servicediscovery:us-east-1:1:namespace/${id}`, name: `${id}.local`, type: 'DNS_PRIVATE', createDate: 0, httpName: `${id}.local`, resourceOwner: '1' });
const op = (id: string, createDate: number): Operation => ({ id, type: 'CREATE_NAMESPACE', status: 'SUCCESS', ownerAccount: '1', createDate, updateDate: createDate, targets: {} });

describe('MemoryStore operation retention', () => {
  it('drops operations older than the retention window when new ones are recorded', async () => {
    let now = 1_000_000;
    const store = new MemoryStore({ operationRetentionMs: 10_000, now: () => now });
    await store.createNamespace(ns('a'), op('old', now));
    now += 5_000;
    await store.createNamespace(ns('b'), op('mid', now));
    now += 6_000; // 'old' is now 11 s old
    await store.createNamespace(ns('c'), op('new', now));
    expect((await store.listOperations()).map((o) => o.id)).toEqual(['mid', 'new']);
    expect(await store.getOperation('old')).toBeUndefined();
  });
});
