/**
 * Create, update, patch and delete in the fake Kubernetes API server, with
 * the real server's order of checks: decode → namespace and name checks →
 * server-set metadata → defaults → validation (422) → storage
 * preconditions (404, 409 AlreadyExists, 409 Conflict on a stale
 * resourceVersion or uid).
 *
 * An update that changes nothing is not written: the object keeps its
 * resourceVersion and no watch event is sent, as with the real server.
 */
import { randomUUID } from 'node:crypto';
import { builtinKinds, type KindSpec, type KubeObject, validateMeta } from './fake-kube-apiserver-kinds.ts';
import { jsonPatch, mergePatch, PatchError } from './fake-kube-apiserver-patch.ts';
import { alreadyExists, badRequest, conflict, failure, invalidObject, notFound } from './fake-kube-apiserver-status.ts';
import { type ObjectStore, storeKey, withType } from './fake-kube-apiserver-store.ts';

const NAMESPACES = builtinKinds()[0]!;
const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** What a write needs besides the body. */
export interface WriteContext {
  store: ObjectStore;
  kind: KindSpec;
  /** Namespace from the URL (namespaced kinds). */
  namespace: string | undefined;
  dryRun: boolean;
  allocateClusterIP(): string;
}

/** Decodes a request body into an object of `kind`; 400 when it is not JSON or names another kind. */
export function decode(kind: KindSpec, body: string): KubeObject {
  let obj: unknown;
  try {
    obj = JSON.parse(body);
  } catch (error) {
    throw badRequest(`error decoding body: ${(error as Error).message}`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw badRequest('the body must be a JSON object');
  const o = obj as KubeObject;
  const expected = kind.group ? `${kind.group}/${kind.version}` : kind.version;
  if (o.apiVersion !== undefined && o.apiVersion !== expected) throw badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${expected})`);
  if (o.kind !== undefined && o.kind !== kind.kind) throw badRequest(`the kind in the data (${o.kind}) does not match the expected kind (${kind.kind})`);
  o.metadata ??= {};
  return o;
}

function checkNamespace(ctx: WriteContext, obj: KubeObject): void {
  if (!ctx.kind.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  if (obj.metadata.namespace && obj.metadata.namespace !== ctx.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  obj.metadata.namespace = ctx.namespace;
}

function validate(ctx: WriteContext, obj: KubeObject, old: KubeObject | undefined): void {
  const causes = [...validateMeta(ctx.kind, obj.metadata), ...(ctx.kind.validate?.(obj, old) ?? [])];
  if (causes.length) throw invalidObject(ctx.kind, obj.metadata.name ?? obj.metadata.generateName ?? '', causes);
}

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Everything except `metadata.resourceVersion`, to tell a real change from a no-op. */
function content(obj: KubeObject): string {
  const { resourceVersion: _rv, ...meta } = obj.metadata;
  return JSON.stringify({ ...obj, apiVersion: undefined, kind: undefined, metadata: meta });
}

/** Everything except metadata and status: what bumps `metadata.generation`. */
function specOf(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(rest);
}

/** POST to a collection. @returns [HTTP status, body] */
export function create(ctx: WriteContext, body: string): [number, KubeObject] {
  const obj = decode(ctx.kind, body);
  checkNamespace(ctx, obj);
  if (ctx.kind.namespaced && !ctx.store.get(NAMESPACES, undefined, ctx.namespace!)) throw notFound(NAMESPACES, ctx.namespace!);
  const meta = obj.metadata;
  if (meta.resourceVersion) throw failure(500, 'InternalError', 'resourceVersion should not be set on objects to be created');
  if (!meta.name && meta.generateName) {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
    meta.name = `${meta.generateName}${suffix}`;
  }
  meta.uid = randomUUID();
  meta.creationTimestamp = now();
  delete meta.deletionTimestamp;
  if (ctx.kind.generation) meta.generation = 1;
  ctx.kind.defaults?.(obj, undefined, ctx);
  validate(ctx, obj, undefined);
  const key = storeKey(ctx.kind, ctx.namespace, meta.name!);
  if (ctx.store.objects.has(key)) throw alreadyExists(ctx.kind, meta.name!);
  if (ctx.dryRun) return [201, withType(ctx.kind, obj)];
  return [201, withType(ctx.kind, ctx.store.write(ctx.kind, key, obj))];
}

/** Replaces `old` by `next` after the checks every update gets. */
function replace(ctx: WriteContext, name: string, old: KubeObject, next: KubeObject): [number, KubeObject] {
  if (next.metadata.name !== name) throw badRequest(`the name of the object (${next.metadata.name ?? ''}) does not match the name on the URL (${name})`);
  checkNamespace(ctx, next);
  const meta = next.metadata;
  if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) throw conflict(ctx.kind, name);
  if (meta.uid && meta.uid !== old.metadata.uid) {
    throw conflict(ctx.kind, name, `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${old.metadata.uid}`);
  }
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  meta.resourceVersion = old.metadata.resourceVersion;
  if ('status' in old && (ctx.kind.kind === 'Service' || ctx.kind.kind === 'Namespace')) next.status = old.status;
  ctx.kind.defaults?.(next, old, ctx);
  if (ctx.kind.generation) meta.generation = (old.metadata.generation ?? 1) + (specOf(next) === specOf(old) ? 0 : 1);
  validate(ctx, next, old);
  if (content(next) === content(old) || ctx.dryRun) return [200, withType(ctx.kind, ctx.dryRun ? next : old)];
  return [200, withType(ctx.kind, ctx.store.write(ctx.kind, storeKey(ctx.kind, ctx.namespace, name), next))];
}

function existing(ctx: WriteContext, name: string): KubeObject {
  const old = ctx.store.get(ctx.kind, ctx.namespace, name);
  if (!old) throw notFound(ctx.kind, name);
  return old;
}

/** PUT to an object. Unconditional when the body has no resourceVersion. */
export function update(ctx: WriteContext, name: string, body: string): [number, KubeObject] {
  const next = decode(ctx.kind, body);
  return replace(ctx, name, existing(ctx, name), next);
}

/** PATCH with a JSON merge patch, a JSON patch, or a strategic merge patch (applied as a merge patch). */
export function patch(ctx: WriteContext, name: string, body: string, contentType: string): [number, KubeObject] {
  const old = existing(ctx, name);
  let patchDoc: unknown;
  try {
    patchDoc = JSON.parse(body);
  } catch (error) {
    throw badRequest(`error decoding patch: ${(error as Error).message}`);
  }
  let next: unknown;
  try {
    if (contentType.startsWith('application/json-patch+json')) next = jsonPatch(withType(ctx.kind, old), patchDoc);
    else if (contentType.startsWith('application/merge-patch+json') || contentType.startsWith('application/strategic-merge-patch+json')) next = mergePatch(withType(ctx.kind, old), patchDoc);
    else throw failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
  } catch (error) {
    if (error instanceof PatchError) throw failure(422, 'Invalid', error.message);
    throw error;
  }
  const obj = decode(ctx.kind, JSON.stringify(next));
  return replace(ctx, name, old, obj);
}

/** DELETE of one object, honouring `DeleteOptions.preconditions` and `dryRun`. */
export function remove(ctx: WriteContext, name: string, body: string): [number, KubeObject] {
  const old = existing(ctx, name);
  let options: { preconditions?: { resourceVersion?: string; uid?: string } } = {};
  if (body.trim()) {
    try {
      options = JSON.parse(body);
    } catch (error) {
      throw badRequest(`error decoding DeleteOptions: ${(error as Error).message}`);
    }
  }
  const pre = options.preconditions ?? {};
  if (pre.uid && pre.uid !== old.metadata.uid) {
    throw conflict(ctx.kind, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
  }
  if (pre.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(ctx.kind, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
  }
  if (ctx.dryRun) return [200, withType(ctx.kind, old)];
  if (ctx.kind.kind === 'Namespace') {
    for (const key of [...ctx.store.objects.keys()]) {
      const [group, resource, ns] = key.split('/');
      if (ns !== name) continue;
      const kind = ctx.store.kindOf(group!, resource!);
      if (kind?.namespaced) ctx.store.write(kind, key, undefined);
    }
  }
  const gone = ctx.store.write(ctx.kind, storeKey(ctx.kind, ctx.namespace, name), undefined);
  return [200, withType(ctx.kind, gone)];
}
