import { afterEach, describe, expect, it } from 'vitest';
import { makeApi } from './test-harness.ts';

describe('awsJson1_1 protocol', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  afterEach(() => api?.close());

  it('answers an unknown X-Amz-Target with UnknownOperationException (400)', async () => {
    api = await makeApi();
    const res = await api.call('FlyToTheMoon');
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('UnknownOperationException');
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('answers a missing X-Amz-Target with UnknownOperationException', async () => {
    api = await makeApi();
    const res = await api.app.request('/', { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    expect((await res.json()).__type).toBe('UnknownOperationException');
  });

  it.each([['{not json'], ['[1,2]'], ['"text"']])('answers body %s with SerializationException (400)', async (body) => {
    api = await makeApi();
    const res = await api.call('ListNamespaces', body);
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('SerializationException');
  });

  it('treats an empty body as {} (ListNamespaces works)', async () => {
    api = await makeApi();
    const res = await api.call('ListNamespaces', '');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ Namespaces: [] });
  });

  it('validates input from the model before the handler runs (missing Vpc → InvalidInput)', async () => {
    api = await makeApi();
    const res = await api.call('CreatePrivateDnsNamespace', { Name: 'app.local' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ __type: 'InvalidInput' });
    expect(res.json.Message).toContain("Value null at 'vpc' failed to satisfy constraint: Member must not be null");
    expect((await api.store.listNamespaces()).length).toBe(0);
  });

  it('answers an operation not implemented yet with NotImplemented (501), after validating it', async () => {
    api = await makeApi();
    const res = await api.call('UpdateServiceAttributes', { ServiceId: 'srv-x', Attributes: { a: 'b' } });
    expect(res.status).toBe(501);
    expect(res.json.__type).toBe('NotImplemented');
  });

  it('rejects a body over 1 MiB with InvalidInput', async () => {
    api = await makeApi();
    const res = await api.call('ListNamespaces', JSON.stringify({ NextToken: 'x'.repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('InvalidInput');
  });

  it('takes the region of ARNs from the SigV4 credential scope', async () => {
    api = await makeApi();
    const auth = 'AWS4-HMAC-SHA256 Credential=AKID/20261122/eu-central-1/servicediscovery/aws4_request, SignedHeaders=host, Signature=abc';
    const res = await api.call('CreateHttpNamespace', { Name: 'shop' }, { authorization: auth });
    expect(res.status).toBe(200);
    const list = await api.call('ListNamespaces');
    expect(list.json.Namespaces[0].Arn).toMatch(/^arn:aws:servicediscovery:eu-central-1:123456789012:namespace\/ns-[a-z2-7]{16}$/);
  });

  it('sends epoch-second timestamps and x-amzn-requestid', async () => {
    const now = 1_700_000_000_123;
    api = await makeApi({ now: () => now });
    const id = await api.namespace();
    const res = await api.call('GetNamespace', { Id: id });
    expect(res.json.Namespace.CreateDate).toBe(1_700_000_000.123);
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
