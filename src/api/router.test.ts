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

  it('has a handler for every operation of the model', async () => {
    const { OPERATION_NAMES } = await import('../model/validate.ts');
    const { HANDLERS } = await import('./router.ts');
    expect(Object.keys(HANDLERS).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(OPERATION_NAMES).toHaveLength(30);
  });

  it('rejects a chunked body (no Content-Length) over 1 MiB with InvalidInput, and reads a small one', async () => {
    api = await makeApi();
    const stream = (text: string) => new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(text)); c.close(); } });
    const send = (text: string) => api.app.request('/', {
      method: 'POST', headers: { 'x-amz-target': 'Route53AutoNaming_v20170314.ListNamespaces' }, body: stream(text), duplex: 'half',
    } as RequestInit);
    const big = await send(JSON.stringify({ NextToken: 'x'.repeat(1024 * 1024 + 10) }));
    expect(big.status).toBe(400);
    expect((await big.json()).Message).toContain('exceeds 1048576 bytes');
    const small = await send('{"MaxResults": 5}');
    expect(small.status).toBe(200);
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

  it('falls back to the configured region when the SigV4 scope region is not an AWS region name', async () => {
    api = await makeApi();
    for (const region of ['evil-region-1', 'us-east-1x', 'localhost']) {
      const auth = `AWS4-HMAC-SHA256 Credential=AKID/20261122/${region}/servicediscovery/aws4_request, SignedHeaders=host, Signature=abc`;
      expect((await api.call('CreateHttpNamespace', { Name: `ns-${region}` }, { authorization: auth })).status).toBe(200);
    }
    const arns = (await api.call('ListNamespaces')).json.Namespaces.map((n: { Arn: string }) => n.Arn.split(':')[3]);
    expect(arns).toEqual(['us-east-1', 'us-east-1', 'us-east-1']);
  });

  it.each([
    ['4,100 levels in a typed member', 4100],
    ['100,000 levels', 100_000],
  ])('answers deeply nested JSON (%s) with SerializationException (400), never 500', async (_name, depth) => {
    api = await makeApi();
    for (const operation of ['CreateHttpNamespace', 'RegisterInstance', 'ListNamespaces']) {
      const body = `{"Name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const res = await api.call(operation, body);
      expect(res.status).toBe(400);
      expect(res.json.__type).toBe('SerializationException');
    }
  });

  it('keeps validation messages bounded for nested or huge values within the nesting limit', async () => {
    api = await makeApi();
    const nested = `{"Name":${'['.repeat(30)}"${'x'.repeat(100_000)}"${']'.repeat(30)}}`;
    const res = await api.call('CreateHttpNamespace', nested);
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('InvalidInput');
    expect(res.json.Message.length).toBeLessThan(1000);
    const manyBad = await api.call('RegisterInstance', {
      ServiceId: 'srv-1', InstanceId: 'i-1', Attributes: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, ' bad '])),
    });
    expect(manyBad.status).toBe(400);
    expect(manyBad.json.Message).toMatch(/^At least 50 validation errors detected: /);
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
