/**
 * The few Kubernetes API calls the providers make, per kind, through
 * `@kubernetes/client-node`: list (label selector), get, create, replace
 * (optimistic concurrency on metadata.resourceVersion), delete (uid
 * precondition), and an informer (list + watch from the list's
 * resourceVersion; the library relists when the server answers 410 Gone).
 *
 * Failures are `KubeError`s carrying the HTTP status and the `Status`
 * reason (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`).
 */
import { ApiException, CoreV1Api, DiscoveryV1Api, type Informer, type KubeConfig, type KubernetesObject, makeInformer, type ObjectCache } from '@kubernetes/client-node';
import type { KubeObject, ManagedKind } from './objects.ts';

/** A failed call: HTTP status and Status reason. */
export class KubeError extends Error {
  constructor(readonly code: number, readonly reason: string, message: string) {
    super(message);
    this.name = 'KubeError';
  }
}

/** Maps client-node's ApiException (body: the Status JSON text) to a `KubeError`; other errors pass through. */
export function kubeError(error: unknown): unknown {
  if (!(error instanceof ApiException)) return error;
  let reason = '';
  let message = `HTTP ${error.code}`;
  try {
    const status = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
    reason = status?.reason ?? '';
    message = status?.message ?? message;
  } catch {
    // not a Status body
  }
  return new KubeError(error.code, reason, message);
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw kubeError(error);
  }
}

/** Calls for one kind in one namespace. */
export interface KindClient {
  kind: ManagedKind;
  list(labelSelector: string): Promise<KubeObject[]>;
  /** The object, or undefined when it does not exist. */
  get(name: string): Promise<KubeObject | undefined>;
  create(body: KubeObject): Promise<KubeObject>;
  /** PUT; 409 Conflict when `body.metadata.resourceVersion` is stale. */
  replace(name: string, body: KubeObject): Promise<KubeObject>;
  /** DELETE with a uid precondition (409 when the name now holds another object); resolves false on 404. */
  delete(name: string, uid: string | undefined): Promise<boolean>;
  /** An informer (list + watch) over objects matching `labelSelector`. */
  informer(labelSelector: string): Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
}

/** `KindClient`s for Services, EndpointSlices and ConfigMaps in `namespace`. */
export function kindClients(kc: KubeConfig, namespace: string): Record<ManagedKind, KindClient> {
  const core = kc.makeApiClient(CoreV1Api);
  const discovery = kc.makeApiClient(DiscoveryV1Api);
  const any = (o: unknown) => o as any;
  const ifFound = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call(fn);
    } catch (error) {
      if (error instanceof KubeError && error.code === 404) return undefined;
      throw error;
    }
  };
  const deleteWith = async (fn: () => Promise<unknown>): Promise<boolean> => (await ifFound(fn)) !== undefined;
  const pre = (uid: string | undefined) => ({ body: uid ? { preconditions: { uid } } : {} });
  return {
    Service: {
      kind: 'Service',
      list: async (labelSelector) => any((await call(() => core.listNamespacedService({ namespace, labelSelector }))).items),
      get: (name) => ifFound(() => core.readNamespacedService({ name, namespace })) as Promise<unknown> as Promise<KubeObject | undefined>,
      create: (body) => call(() => core.createNamespacedService({ namespace, body: any(body) })) as Promise<unknown> as Promise<KubeObject>,
      replace: (name, body) => call(() => core.replaceNamespacedService({ name, namespace, body: any(body) })) as Promise<unknown> as Promise<KubeObject>,
      delete: (name, uid) => deleteWith(() => core.deleteNamespacedService({ name, namespace, ...pre(uid) })),
      informer: (labelSelector) => makeInformer(kc, `/api/v1/namespaces/${namespace}/services`, () => core.listNamespacedService({ namespace, labelSelector }), labelSelector),
    },
    EndpointSlice: {
      kind: 'EndpointSlice',
      list: async (labelSelector) => any((await call(() => discovery.listNamespacedEndpointSlice({ namespace, labelSelector }))).items),
      get: (name) => ifFound(() => discovery.readNamespacedEndpointSlice({ name, namespace })) as Promise<unknown> as Promise<KubeObject | undefined>,
      create: (body) => call(() => discovery.createNamespacedEndpointSlice({ namespace, body: any(body) })) as Promise<unknown> as Promise<KubeObject>,
      replace: (name, body) => call(() => discovery.replaceNamespacedEndpointSlice({ name, namespace, body: any(body) })) as Promise<unknown> as Promise<KubeObject>,
      delete: (name, uid) => deleteWith(() => discovery.deleteNamespacedEndpointSlice({ name, namespace, ...pre(uid) })),
      informer: (labelSelector) =>
        makeInformer(kc, `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`, () => discovery.listNamespacedEndpointSlice({ namespace, labelSelector }), labelSelector),
    },
    ConfigMap: {
      kind: 'ConfigMap',
      list: async (labelSelector) => any((await call(() => core.listNamespacedConfigMap({ namespace, labelSelector }))).items),
      get: (name) => ifFound(() => core.readNamespacedConfigMap({ name, namespace })) as Promise<unknown> as Promise<KubeObject | undefined>,
      create: (body) => call(() => core.createNamespacedConfigMap({ namespace, body: any(body) })) as Promise<unknown> as Promise<KubeObject>,
      replace: (name, body) => call(() => core.replaceNamespacedConfigMap({ name, namespace, body: any(body) })) as Promise<unknown> as Promise<KubeObject>,
      delete: (name, uid) => deleteWith(() => core.deleteNamespacedConfigMap({ name, namespace, ...pre(uid) })),
      informer: (labelSelector) => makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => core.listNamespacedConfigMap({ namespace, labelSelector }), labelSelector),
    },
  };
}
