import { describe, expect, it } from 'vitest';
import { CloudMapError } from '../model/errors.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import { View } from '../view/view.ts';
import { createApiApp, TARGET_PREFIX } from './router.ts';

type Line = { level: string; fields: Record<string, unknown>; msg: string | undefined };

/** The API over a store whose listNamespaces throws `failure` (when given), logging into `lines`. */
function appWith(failure?: unknown) {
  const lines: Line[] = [];
  const log = (level: string) => (fields: object | string, msg?: string) =>
    lines.push(typeof fields === 'string' ? { level, fields: {}, msg: fields } : { level, fields: fields as Record<string, unknown>, msg });
  const store = new MemoryStore();
  if (failure !== undefined) store.listNamespaces = async () => { throw failure; };
  const app = createApiApp({ store, view: new View(), logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } });
  const call = (operation: string, body: unknown = {}) =>
    app.request('/', { method: 'POST', headers: { 'x-amz-target': `${TARGET_PREFIX}${operation}` }, body: JSON.stringify(body) });
  return { lines, call };
}

describe('API request log lines', () => {
  it('logs exactly one info line per successful request: operation, status, ms, requestId = x-amzn-RequestId', async () => {
    const { lines, call } = appWith();
    const res = await call('ListNamespaces');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'api request', fields: { operation: 'ListNamespaces', status: 200, requestId: res.headers.get('x-amzn-requestid') } });
    expect(typeof lines[0]!.fields.ms).toBe('number');
  });

  it('logs an operation error as one info line with its error code, without a stack', async () => {
    const { lines, call } = appWith();
    const res = await call('GetNamespace', { Id: 'ns-aaaaaaaaaaaaaaaa' });
    expect(res.status).toBe(404);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', fields: { operation: 'GetNamespace', status: 404, errorCode: 'NamespaceNotFound' } });
    expect(lines[0]!.fields).not.toHaveProperty('stack');
    await call('Nope');
    expect(lines[1]).toMatchObject({ level: 'info', fields: { operation: null, status: 400, errorCode: 'UnknownOperationException' } });
  });

  it('logs a retryable backend failure (503) at warn, without a stack', async () => {
    const { lines, call } = appWith(new CloudMapError('ServiceUnavailable', 'State store (Redis) unavailable'));
    expect((await call('ListNamespaces')).status).toBe(503);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', fields: { status: 503, errorCode: 'ServiceUnavailable' } });
    expect(lines[0]!.fields).not.toHaveProperty('stack');
  });

  it('logs only an unexpected failure at error, with its stack, and answers InternalFailure without details', async () => {
    const { lines, call } = appWith(new TypeError('boom'));
    const res = await call('ListNamespaces');
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ __type: 'InternalFailure', Message: 'An internal error occurred' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', fields: { operation: 'ListNamespaces', status: 500, errorCode: 'InternalFailure', error: 'boom' } });
    expect(String(lines[0]!.fields.stack)).toContain('TypeError: boom');
  });
});
