/**
 * In-process API harness for handler tests: a real MemoryStore, a real view
 * follower and the Hono app, called with `app.request` (no sockets).
 */
import { MemoryStore } from '../store/memory/memory-store.ts';
import { ViewFollower } from '../view/follower.ts';
import { createApiApp } from './router.ts';
import { TARGET_PREFIX } from './router.ts';

/** A response from `call`. */
export interface ApiReply {
  status: number;
  json: any;
  headers: Headers;
}

/** Builds the API over a fresh memory store; `call(operation, body)` sends one awsJson1_1 request. */
export async function makeApi(options: { now?: () => number; awsStrict?: boolean } = {}) {
  const store = new MemoryStore();
  const follower = new ViewFollower(store);
  await follower.start();
  const app = createApiApp({ store, view: follower.view, awaitRevision: async (r) => void (await follower.waitFor(r)), ...options });
  const call = async (operation: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<ApiReply> => {
    const res = await app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET_PREFIX}${operation}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  /** Creates a private DNS namespace and returns its id. */
  const namespace = async (name = 'app.local', extra: Record<string, unknown> = {}): Promise<string> => {
    const created = await call('CreatePrivateDnsNamespace', { Name: name, Vpc: 'vpc-1', ...extra });
    if (created.status !== 200) throw new Error(JSON.stringify(created.json));
    const op = await call('GetOperation', { OperationId: created.json.OperationId });
    return op.json.Operation.Targets.NAMESPACE;
  };
  /** Creates a service with A + SRV records (TTL 60) and returns its id. */
  const service = async (namespaceId: string, name = 'backend', extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await call('CreateService', {
      Name: name,
      NamespaceId: namespaceId,
      DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }, { Type: 'SRV', TTL: 60 }] },
      ...extra,
    });
    if (res.status !== 200) throw new Error(JSON.stringify(res.json));
    return res.json.Service.Id;
  };
  return { app, store, follower, view: follower.view, call, namespace, service, close: () => follower.stop() };
}
