import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from './test-harness.ts';

describe('GetOperation and ListOperations', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  afterEach(() => api?.close());

  /** Namespaces a and b, a service in a, two instances registered and one deregistered, a service update; the clock steps 10 s per write. */
  async function setup() {
    let now = Math.floor(Date.now() / 1000) * 1000 - 3_600_000; // within the store's 7-day operation retention
    api = await makeApi({ now: () => now });
    const at: Record<string, number> = {};
    const step = (name: string) => {
      now += 10_000;
      at[name] = now / 1000;
    };
    step('nsA');
    const a = await api.namespace('a.local');
    step('nsB');
    const b = await api.namespace('b.local');
    const svc = await api.service(a, 'web');
    const ids: Record<string, string> = {};
    for (const i of [1, 2]) {
      step(`reg${i}`);
      ids[`reg${i}`] = (await api.call('RegisterInstance', { ServiceId: svc, InstanceId: `i-${i}`, Attributes: { AWS_INSTANCE_IPV4: `10.0.0.${i}`, AWS_INSTANCE_PORT: '80' } })).json.OperationId;
    }
    step('dereg');
    ids.dereg = (await api.call('DeregisterInstance', { ServiceId: svc, InstanceId: 'i-1' })).json.OperationId;
    step('update');
    ids.update = (await api.call('UpdateService', { Id: svc, Service: { DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }, { Type: 'SRV', TTL: 5 }] } } })).json.OperationId;
    return { a, b, svc, at, ids };
  }
  const list = async (Filters?: unknown, extra: Record<string, unknown> = {}) => api.call('ListOperations', { ...(Filters ? { Filters } : {}), ...extra });
  const typesOf = async (Filters: unknown) => {
    const res = await list(Filters);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const types: string[] = [];
    for (const { Id } of res.json.Operations) types.push((await api.call('GetOperation', { OperationId: Id })).json.Operation.Type);
    return types;
  };

  it('filters by NAMESPACE_ID and SERVICE_ID (EQ), STATUS and TYPE (EQ, IN) and UPDATE_DATE (BETWEEN, epoch seconds)', async () => {
    const { a, b, svc, at } = await setup();
    expect(await typesOf([{ Name: 'NAMESPACE_ID', Values: [a] }])).toEqual(['CREATE_NAMESPACE', 'REGISTER_INSTANCE', 'REGISTER_INSTANCE', 'DEREGISTER_INSTANCE', 'UPDATE_SERVICE']);
    expect(await typesOf([{ Name: 'NAMESPACE_ID', Condition: 'EQ', Values: [b] }])).toEqual(['CREATE_NAMESPACE']);
    expect(await typesOf([{ Name: 'SERVICE_ID', Values: [svc] }])).toEqual(['REGISTER_INSTANCE', 'REGISTER_INSTANCE', 'DEREGISTER_INSTANCE', 'UPDATE_SERVICE']);
    expect(await typesOf([{ Name: 'TYPE', Condition: 'IN', Values: ['DEREGISTER_INSTANCE', 'CREATE_NAMESPACE'] }])).toEqual(['CREATE_NAMESPACE', 'CREATE_NAMESPACE', 'DEREGISTER_INSTANCE']);
    expect(await typesOf([{ Name: 'TYPE', Values: ['UPDATE_SERVICE'] }])).toEqual(['UPDATE_SERVICE']);
    expect(await typesOf([{ Name: 'STATUS', Values: ['SUCCESS'] }])).toHaveLength(6);
    expect(await typesOf([{ Name: 'STATUS', Condition: 'IN', Values: ['SUBMITTED', 'PENDING', 'FAIL'] }])).toEqual([]);
    expect(await typesOf([{ Name: 'UPDATE_DATE', Condition: 'BETWEEN', Values: [String(at.reg2), String(at.dereg)] }])).toEqual(['REGISTER_INSTANCE', 'DEREGISTER_INSTANCE']);
    expect(await typesOf([
      { Name: 'UPDATE_DATE', Condition: 'BETWEEN', Values: [String(at.nsA), String(at.reg1)] },
      { Name: 'NAMESPACE_ID', Values: [a] },
      { Name: 'TYPE', Condition: 'IN', Values: ['REGISTER_INSTANCE'] },
    ])).toEqual(['REGISTER_INSTANCE']);
  });

  it.each([
    ['IN on NAMESPACE_ID', [{ Name: 'NAMESPACE_ID', Condition: 'IN', Values: ['ns-a'] }]],
    ['EQ on UPDATE_DATE (the default condition)', [{ Name: 'UPDATE_DATE', Values: ['1'] }]],
    ['BETWEEN with one value', [{ Name: 'UPDATE_DATE', Condition: 'BETWEEN', Values: ['1'] }]],
    ['BETWEEN with a non-number', [{ Name: 'UPDATE_DATE', Condition: 'BETWEEN', Values: ['1', 'later'] }]],
    ['EQ with two values', [{ Name: 'STATUS', Values: ['SUCCESS', 'FAIL'] }]],
    ['the same filter twice', [{ Name: 'TYPE', Values: ['UPDATE_SERVICE'] }, { Name: 'TYPE', Values: ['CREATE_NAMESPACE'] }]],
    ['BEGINS_WITH', [{ Name: 'TYPE', Condition: 'BEGINS_WITH', Values: ['CREATE'] }]],
    ['an unknown filter name', [{ Name: 'OWNER', Values: ['x'] }]],
  ])('refuses %s with InvalidInput', async (_name, Filters) => {
    await setup();
    const res = await list(Filters);
    expect([res.status, res.json.__type]).toEqual([400, 'InvalidInput']);
  });

  it('pages oldest first with MaxResults and NextToken, each operation once; a foreign token is InvalidInput', async () => {
    const { ids } = await setup();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await list(undefined, { MaxResults: 4, ...(token ? { NextToken: token } : {}) });
      expect(res.json.Operations.length).toBeLessThanOrEqual(4);
      seen.push(...res.json.Operations.map((o: { Id: string; Status: string }) => o.Id));
      token = res.json.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(6); // 2 × CREATE_NAMESPACE, 2 × REGISTER, DEREGISTER, UPDATE_SERVICE (CreateService records none)
    expect(new Set(seen).size).toBe(6);
    expect(seen.slice(-4)).toEqual([ids.reg1, ids.reg2, ids.dereg, ids.update]);
    const bad = await list(undefined, { NextToken: 'bm90LW91cnM=' });
    expect([bad.status, bad.json.__type]).toEqual([400, 'InvalidInput']);
  });

  it('GetOperation returns the whole record; another OwnerAccount or an unknown id is OperationNotFound', async () => {
    const { ids, svc, a, at } = await setup();
    const op = await api.call('GetOperation', { OperationId: ids.reg1 });
    expect(op.json.Operation).toEqual({
      Id: ids.reg1, OwnerAccount: '123456789012', Type: 'REGISTER_INSTANCE', Status: 'SUCCESS', CreateDate: at.reg1, UpdateDate: at.reg1,
      Targets: { NAMESPACE: a, SERVICE: svc, INSTANCE: 'i-1' },
    });
    for (const body of [{ OperationId: ids.reg1, OwnerAccount: '210987654321' }, { OperationId: 'nope' }]) {
      const res = await api.call('GetOperation', body);
      expect([res.status, res.json.__type]).toEqual([404, 'OperationNotFound']);
    }
  });
});
