/**
 * A fake Kubernetes API server for tests, since no real one can run on this
 * machine. It speaks the real REST protocol over HTTP, so
 * `@kubernetes/client-node` (and kubectl-style clients) drive it unchanged,
 * and it validates requests as the real server does:
 *
 * - core/v1 Namespaces, Services, ConfigMaps, Secrets, discovery.k8s.io/v1
 *   EndpointSlices, apps/v1 Deployments (pod template included), policy/v1
 *   PodDisruptionBudgets, autoscaling/v2 HorizontalPodAutoscalers and
 *   rbac.authorization.k8s.io/v1 Roles, ClusterRoles and their bindings with
 *   their real validation (the kinds, pods and policy modules); with
 *   metadata validation only: ServiceAccounts, Pods, StatefulSets,
 *   DaemonSets, coordination.k8s.io/v1 Leases; any other kind via
 *   `registerKind` (e.g. `serviceMonitorKind()`, the prometheus-operator CRD);
 * - get, list (label and field selectors, limit/continue, resourceVersion
 *   with NotOlderThan/Exact), watch (resourceVersion, 410 Gone ERROR event
 *   for a compacted resourceVersion, BOOKMARK events, timeoutSeconds),
 *   create (generateName, uid, creationTimestamp, resourceVersion), update
 *   (409 on a stale resourceVersion), patch (merge, JSON, strategic as
 *   merge), delete (preconditions), deletecollection, dryRun=All;
 * - errors as `Status` objects: 400 BadRequest, 401, 404 NotFound, 405,
 *   409 AlreadyExists/Conflict, 410 Expired, 415, 422 Invalid with causes,
 *   504 for a resourceVersion from the future;
 * - discovery documents (/api, /api/v1, /apis, /apis/G/V) and /version.
 *
 * Known differences: no admission, RBAC, finalizers or garbage collection;
 * deleting a Namespace removes its objects at once; strategic merge patches
 * replace lists whole; no server-side apply; Service clusterIPs come from
 * 10.96.0.0/12 without collision checks.
 *
 * Tests can reach past the API: `compact()` (expire every older
 * resourceVersion), `closeWatches()`, `bookmark()`, `modify()` (a write by
 * another client), `beforeWrite` (a hook to race a client's write), and
 * `requests` (what the clients sent).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiVersionOf, builtinKinds, type KindSpec, type KubeObject } from './fake-kube-apiserver-kinds.ts';
import { parseFieldSelector, parseLabelSelector, SelectorError } from './fake-kube-apiserver-selectors.ts';
import { badRequest, deleted, expiredStatus, failure, KubeStatusError, notFound } from './fake-kube-apiserver-status.ts';
import { fieldValues, ObjectStore, storeKey, type Watcher, withType } from './fake-kube-apiserver-store.ts';
import { create, patch, remove, update, type WriteContext } from './fake-kube-apiserver-writes.ts';

/** Options of `FakeKubeApiServer.start`. */
export interface FakeKubeApiServerOptions {
  /** Require `Authorization: Bearer <token>` (401 otherwise). @default no authentication */
  token?: string;
  /** Events kept for watches and list pages; older resourceVersions get 410. @default 10000 */
  maxHistory?: number;
  /** Namespaces that exist at start. @default ['default', 'kube-system', 'kube-public'] */
  namespaces?: string[];
}

/** One request as received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

/** What `beforeWrite` is told. */
export interface WriteAttempt {
  verb: 'create' | 'update' | 'patch' | 'delete';
  resource: string;
  namespace: string | undefined;
  name: string | undefined;
}

interface Route {
  kind: KindSpec;
  namespace: string | undefined;
  name: string | undefined;
}

/** The fake API server; see the module comment. */
export class FakeKubeApiServer {
  readonly store: ObjectStore;
  readonly requests: RecordedRequest[] = [];
  /** Called before each write is applied; may write through `modify` to race it. */
  beforeWrite: ((attempt: WriteAttempt) => void) | undefined;
  #server: Server;
  #url = '';
  #nextIP = 10;

  private constructor(private readonly options: FakeKubeApiServerOptions) {
    this.store = new ObjectStore(options.maxHistory);
    for (const kind of builtinKinds()) this.store.register(kind);
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  /** Starts a server on a free 127.0.0.1 port. */
  static async start(options: FakeKubeApiServerOptions = {}): Promise<FakeKubeApiServer> {
    const server = new FakeKubeApiServer(options);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    server.#url = `http://127.0.0.1:${(server.#server.address() as AddressInfo).port}`;
    for (const ns of options.namespaces ?? ['default', 'kube-system', 'kube-public']) {
      const kind = server.store.kindOf('', 'namespaces')!;
      create(server.#context(kind, undefined, false), JSON.stringify({ metadata: { name: ns } }));
    }
    return server;
  }

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    return this.#url;
  }

  /** A KubeConfig whose current context points at this server. */
  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: this.#url, skipTLSVerify: true }],
      users: [{ name: 'fake', ...(this.options.token ? { token: this.options.token } : {}) }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'fake', namespace: 'default' }],
      currentContext: 'fake',
    });
    return kc;
  }

  /** The same as `kubeConfig()`, as the text of a kubeconfig file (JSON, which is YAML) for `--kubeconfig`. */
  kubeconfigFile(): string {
    return JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'fake',
      clusters: [{ name: 'fake', cluster: { server: this.#url, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'fake', user: this.options.token ? { token: this.options.token } : {} }],
      contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake', namespace: 'default' } }],
    });
  }

  /** Serve another kind (e.g. a custom resource). */
  registerKind(kind: KindSpec): void {
    this.store.register(kind);
  }

  /** The stored object (a copy) or undefined, without going through HTTP. */
  object(group: string, resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const kind = this.store.kindOf(group, resource);
    if (!kind) throw new Error(`unknown resource ${group}/${resource}`);
    return this.store.get(kind, namespace, name);
  }

  /** A write by another client: `mutate` changes a copy of the object, which is stored with a new resourceVersion. */
  modify(group: string, resource: string, namespace: string | undefined, name: string, mutate: (obj: KubeObject) => void): KubeObject {
    const kind = this.store.kindOf(group, resource)!;
    const obj = this.store.get(kind, namespace, name);
    if (!obj) throw new Error(`${resource} ${namespace}/${name} not found`);
    mutate(obj);
    return this.store.write(kind, storeKey(kind, namespace, name), obj);
  }

  /** Forget the event history: watches and list pages from older resourceVersions get 410 Gone. */
  compact(): void {
    this.store.compact();
  }

  /** End every open watch (as the real server does at its timeout); clients reconnect. */
  closeWatches(): void {
    for (const w of [...this.store.watchers]) w.close();
  }

  /** Send a BOOKMARK with the current resourceVersion to watches that allow bookmarks. */
  bookmark(): void {
    for (const w of this.store.watchers) {
      if (w.bookmarks) w.send({ type: 'BOOKMARK', object: { kind: w.kind.kind, apiVersion: apiVersionOf(w.kind), metadata: { resourceVersion: String(this.store.rv) } } });
    }
  }

  /** Close watches and connections and stop listening. */
  async stop(): Promise<void> {
    this.closeWatches();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #context(kind: KindSpec, namespace: string | undefined, dryRun: boolean): WriteContext {
    return { store: this.store, kind, namespace, dryRun, allocateClusterIP: () => this.#allocate() };
  }

  #allocate(): string {
    const n = this.#nextIP++;
    return `10.96.${(n >> 8) & 0xff}.${n & 0xff}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.#url);
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query });
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      if (this.options.token && req.headers.authorization !== `Bearer ${this.options.token}`) throw failure(401, 'Unauthorized', 'Unauthorized');
      const discovery = this.#discovery(url.pathname);
      if (discovery) return send(res, 200, discovery);
      const route = this.#route(url.pathname);
      const method = req.method ?? 'GET';
      const dryRun = query.dryRun === 'All';
      const ctx = this.#context(route.kind, route.namespace, dryRun);
      if (route.name === undefined) {
        if (method === 'GET' && (query.watch === 'true' || query.watch === '1')) return this.#watch(route, query, req, res);
        if (method === 'GET') return send(res, 200, this.#list(route, query));
        if (method === 'POST') {
          if (route.kind.namespaced && route.namespace === undefined) throw failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
          this.beforeWrite?.({ verb: 'create', resource: route.kind.resource, namespace: route.namespace, name: undefined });
          return send(res, ...create(ctx, body));
        }
        if (method === 'DELETE') return send(res, 200, this.#deleteCollection(route, query, ctx));
        throw failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      }
      const attempt = (verb: WriteAttempt['verb']): void => this.beforeWrite?.({ verb, resource: route.kind.resource, namespace: route.namespace, name: route.name });
      switch (method) {
        case 'GET': {
          const obj = this.store.get(route.kind, route.namespace, route.name);
          if (!obj) throw notFound(route.kind, route.name);
          return send(res, 200, withType(route.kind, obj));
        }
        case 'PUT':
          attempt('update');
          return send(res, ...update(ctx, route.name, body));
        case 'PATCH':
          attempt('patch');
          if ((req.headers['content-type'] ?? '').startsWith('application/apply-patch')) throw failure(415, 'UnsupportedMediaType', 'server-side apply is not supported by the fake API server');
          return send(res, ...patch(ctx, route.name, body, req.headers['content-type'] ?? ''));
        case 'DELETE': {
          attempt('delete');
          const [code, gone] = remove(ctx, route.name, body);
          return send(res, code, route.kind.deleteReturnsObject || dryRun ? gone : deleted(route.kind, route.name, gone.metadata.uid));
        }
        default:
          throw failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      }
    } catch (error) {
      if (error instanceof KubeStatusError) return send(res, error.code, error.body);
      if (error instanceof SelectorError) return send(res, 400, badRequest(error.message).body);
      send(res, 500, failure(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`).body);
    }
  }

  /** `/api/v1/[namespaces/NS/]RESOURCE[/NAME]` or `/apis/GROUP/VERSION/...` → kind, namespace, name. */
  #route(path: string): Route {
    const parts = path.split('/').filter(Boolean);
    let group: string;
    let rest: string[];
    if (parts[0] === 'api' && parts[1] === 'v1') [group, rest] = ['', parts.slice(2)];
    else if (parts[0] === 'apis' && parts.length >= 3) [group, rest] = [parts[1]!, parts.slice(3)];
    else throw failure(404, 'NotFound', 'the server could not find the requested resource');
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const kind = this.store.kindOf(group, rest[0] ?? '');
    const version = group ? parts[2] : 'v1';
    if (!kind || kind.version !== version || rest.length > 2) throw failure(404, 'NotFound', 'the server could not find the requested resource');
    return { kind, namespace: kind.namespaced ? namespace : undefined, name: rest[1] };
  }

  #selectors(route: Route, query: Record<string, string>): (obj: KubeObject) => boolean {
    const labels = parseLabelSelector(query.labelSelector);
    const fields = parseFieldSelector(query.fieldSelector, ['metadata.name', 'metadata.namespace', ...Object.keys(route.kind.fields ?? {})]);
    return (obj) => labels(obj.metadata.labels ?? {}) && fields(fieldValues(route.kind, obj));
  }

  #list(route: Route, query: Record<string, string>): Record<string, unknown> {
    const match = this.#selectors(route, query);
    let atRv = this.store.rv;
    let after = '';
    if (query.continue) {
      let token: { rv: number; start: string };
      try {
        token = JSON.parse(Buffer.from(query.continue, 'base64url').toString());
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data');
      }
      if (token.rv + 1 < this.store.compactedRv) throw failure(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
      [atRv, after] = [token.rv, token.start];
    } else if (query.resourceVersion && query.resourceVersion !== '0') {
      const rv = Number(query.resourceVersion);
      if (!Number.isInteger(rv)) throw badRequest(`invalid resource version: ${query.resourceVersion}`);
      if (rv > this.store.rv) throw failure(504, 'Timeout', `Too large resource version: ${rv}, current: ${this.store.rv}`, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
      if (query.resourceVersionMatch === 'Exact') {
        if (rv + 1 < this.store.compactedRv) throw failure(410, 'Expired', `too old resource version: ${rv} (${this.store.compactedRv - 1})`);
        atRv = rv;
      }
    }
    let items = this.store.list(route.kind, route.namespace, atRv).filter(([key, obj]) => key > after && match(obj));
    const limit = Number(query.limit ?? 0);
    const metadata: Record<string, unknown> = { resourceVersion: String(atRv) };
    if (limit > 0 && items.length > limit) {
      metadata.continue = Buffer.from(JSON.stringify({ rv: atRv, start: items[limit - 1]![0] })).toString('base64url');
      metadata.remainingItemCount = items.length - limit;
      items = items.slice(0, limit);
    }
    return { kind: `${route.kind.kind}List`, apiVersion: apiVersionOf(route.kind), metadata, items: items.map(([, o]) => o) };
  }

  #deleteCollection(route: Route, query: Record<string, string>, ctx: WriteContext): Record<string, unknown> {
    const match = this.#selectors(route, query);
    const gone = this.store.list(route.kind, route.namespace).filter(([, o]) => match(o)).map(([, o]) => remove({ ...ctx, namespace: o.metadata.namespace }, o.metadata.name!, '')[1]);
    return { kind: `${route.kind.kind}List`, apiVersion: apiVersionOf(route.kind), metadata: { resourceVersion: String(this.store.rv) }, items: gone };
  }

  #watch(route: Route, query: Record<string, string>, req: IncomingMessage, res: ServerResponse): void {
    const labels = parseLabelSelector(query.labelSelector);
    const fields = parseFieldSelector(query.fieldSelector, ['metadata.name', 'metadata.namespace', ...Object.keys(route.kind.fields ?? {})]);
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'cache-control': 'no-cache, private' });
    res.flushHeaders();
    let timer: NodeJS.Timeout | undefined;
    const watcher: Watcher = {
      kind: route.kind, namespace: route.namespace, labels, fields, bookmarks: query.allowWatchBookmarks === 'true',
      send: (event) => void res.write(`${JSON.stringify(event)}\n`),
      close: () => {
        this.store.watchers.delete(watcher);
        clearTimeout(timer);
        res.end();
      },
    };
    req.socket.on('close', () => watcher.close());
    if (!this.store.watch(watcher, query.resourceVersion ?? '', expiredStatus)) return;
    const timeout = Number(query.timeoutSeconds ?? 0);
    if (timeout > 0) timer = setTimeout(() => watcher.close(), timeout * 1000);
  }

  #discovery(path: string): Record<string, unknown> | undefined {
    const kinds = [...this.store.kinds.values()];
    const resources = (group: string, version: string) =>
      kinds.filter((k) => k.group === group && k.version === version).map((k) => ({
        name: k.resource, singularName: k.kind.toLowerCase(), namespaced: k.namespaced, kind: k.kind,
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      }));
    if (path === '/version') return { major: '1', minor: '33', gitVersion: 'v1.33.0-fake', platform: 'linux/amd64' };
    if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
    if (path === '/api/v1') return { kind: 'APIResourceList', groupVersion: 'v1', resources: resources('', 'v1') };
    if (path === '/apis') {
      const groups = [...new Set(kinds.filter((k) => k.group).map((k) => `${k.group}/${k.version}`))].map((gv) => {
        const [name, version] = gv.split('/') as [string, string];
        return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
      });
      return { kind: 'APIGroupList', apiVersion: 'v1', groups };
    }
    const m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (m && kinds.some((k) => k.group === m[1] && k.version === m[2])) return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${m[1]}/${m[2]}`, resources: resources(m[1]!, m[2]!) };
    return undefined;
  }
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
