/**
 * Storage of the fake Kubernetes API server: objects keyed by kind,
 * namespace and name, one resourceVersion counter for all of them (as etcd
 * has), a bounded event history for watches and consistent list pages, and
 * the open watches.
 *
 * Watch semantics follow the real server's watch cache:
 * - a watch from resourceVersion N gets every matching event after N;
 *   from '' or '0' it first gets a synthetic ADDED per current object;
 * - N older than the compaction point is answered with an ERROR event
 *   carrying a 410 Expired Status, and the stream ends;
 * - with a label or field selector, an object modified into the selection
 *   is ADDED and one modified out of it is DELETED.
 */
import type { KindSpec, KubeObject } from './fake-kube-apiserver-kinds.ts';
import type { Matcher } from './fake-kube-apiserver-selectors.ts';

/** A watch event as it goes on the wire. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

/** One change in the history. */
interface Change {
  rv: number;
  kind: KindSpec;
  key: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** State after the change (for DELETED: the object as deleted). */
  object: KubeObject;
  /** State before the change (undefined for ADDED). */
  old: KubeObject | undefined;
}

/** A client's open watch. */
export interface Watcher {
  kind: KindSpec;
  namespace: string | undefined;
  labels: Matcher;
  fields: Matcher;
  send(event: WatchEvent): void;
  close(): void;
  /** Whether the client asked for BOOKMARK events (`allowWatchBookmarks=true`). */
  bookmarks: boolean;
}

const clone = <T>(v: T): T => structuredClone(v);

/** `group/resource/namespace/name`: sorts as etcd keys do (by namespace, then name). */
export const storeKey = (kind: KindSpec, namespace: string | undefined, name: string): string => `${kind.group}/${kind.resource}/${namespace ?? ''}/${name}`;

/** Field values a field selector sees for `obj`. */
export function fieldValues(kind: KindSpec, obj: KubeObject): Record<string, string> {
  const out: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '', 'metadata.namespace': obj.metadata.namespace ?? '' };
  for (const [path, get] of Object.entries(kind.fields ?? {})) out[path] = get(obj);
  return out;
}

/** Objects, history and watches; see the module comment. */
export class ObjectStore {
  /** Last resourceVersion handed out. */
  rv = 1;
  /** Watches and list pages older than this get 410 Gone. */
  compactedRv = 1;
  readonly objects = new Map<string, KubeObject>();
  readonly watchers = new Set<Watcher>();
  /** Served kinds by `group/resource`. */
  readonly kinds = new Map<string, KindSpec>();
  #history: Change[] = [];

  constructor(private readonly maxHistory = 10_000) {}

  /** Serve `kind` (replacing a kind with the same group and resource). */
  register(kind: KindSpec): void {
    this.kinds.set(`${kind.group}/${kind.resource}`, kind);
  }

  /** The kind served at `group`/`resource`, or undefined. */
  kindOf(group: string, resource: string): KindSpec | undefined {
    return this.kinds.get(`${group}/${resource}`);
  }

  /** A copy of the stored object, or undefined. */
  get(kind: KindSpec, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.objects.get(storeKey(kind, namespace, name));
    return obj && clone(obj);
  }

  /** Objects of a kind (in one namespace or all), sorted by key, as they were at `atRv` (default: now). */
  list(kind: KindSpec, namespace: string | undefined, atRv = this.rv): [string, KubeObject][] {
    const prefix = namespace === undefined ? `${kind.group}/${kind.resource}/` : `${kind.group}/${kind.resource}/${namespace}/`;
    const state = new Map<string, KubeObject>();
    for (const [key, obj] of this.objects) if (key.startsWith(prefix)) state.set(key, obj);
    for (let i = this.#history.length - 1; i >= 0 && this.#history[i]!.rv > atRv; i--) {
      const change = this.#history[i]!;
      if (!change.key.startsWith(prefix)) continue;
      if (change.old) state.set(change.key, change.old);
      else state.delete(change.key);
    }
    return [...state.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, o]) => [k, clone(o)]);
  }

  /** Stores `obj` (created or replaced) or deletes it (`obj` undefined), stamps the next resourceVersion, records and fans out the change. */
  write(kind: KindSpec, key: string, obj: KubeObject | undefined): KubeObject {
    const old = this.objects.get(key);
    const rv = ++this.rv;
    let stored: KubeObject;
    if (obj) {
      stored = clone(obj);
      stored.metadata.resourceVersion = String(rv);
      this.objects.set(key, stored);
    } else {
      stored = clone(old!);
      stored.metadata.resourceVersion = String(rv);
      this.objects.delete(key);
    }
    const change: Change = { rv, kind, key, type: obj ? (old ? 'MODIFIED' : 'ADDED') : 'DELETED', object: stored, old };
    this.#history.push(change);
    if (this.#history.length > this.maxHistory) {
      const dropped = this.#history.splice(0, this.#history.length - this.maxHistory);
      this.compactedRv = dropped[dropped.length - 1]!.rv + 1;
    }
    for (const w of this.watchers) this.#deliver(w, change);
    return clone(stored);
  }

  /** Forget the whole history: watches and list pages from any earlier resourceVersion get 410 Gone. */
  compact(): void {
    this.#history = [];
    this.compactedRv = this.rv + 1;
  }

  /**
   * Registers a watch from `fromRv` ('' or '0': current state first), replays
   * what it missed, then streams. Returns false (after sending the 410 ERROR
   * event) when `fromRv` is compacted away.
   */
  watch(w: Watcher, fromRv: string, expired: (message: string) => unknown): boolean {
    if (fromRv === '' || fromRv === '0') {
      for (const [, obj] of this.list(w.kind, w.namespace)) {
        if (this.#matches(w, obj)) w.send({ type: 'ADDED', object: withType(w.kind, obj) });
      }
    } else {
      const n = Number(fromRv);
      if (n + 1 < this.compactedRv) {
        w.send({ type: 'ERROR', object: expired(`too old resource version: ${n} (${this.compactedRv - 1})`) });
        w.close();
        return false;
      }
      for (const change of this.#history) if (change.rv > n) this.#deliver(w, change);
    }
    this.watchers.add(w);
    return true;
  }

  #matches(w: Watcher, obj: KubeObject): boolean {
    if (w.namespace !== undefined && obj.metadata.namespace !== w.namespace) return false;
    return w.labels(obj.metadata.labels ?? {}) && w.fields(fieldValues(w.kind, obj));
  }

  #deliver(w: Watcher, change: Change): void {
    if (change.kind.group !== w.kind.group || change.kind.resource !== w.kind.resource) return;
    const now = this.#matches(w, change.object);
    const before = change.old !== undefined && this.#matches(w, change.old);
    let type: WatchEvent['type'] | undefined;
    if (change.type === 'DELETED') type = before ? 'DELETED' : undefined;
    else if (now && before) type = 'MODIFIED';
    else if (now) type = 'ADDED';
    else if (before) type = 'DELETED';
    if (type) w.send({ type, object: withType(w.kind, clone(change.object)) });
  }
}

/** The object with `apiVersion` and `kind` set, as single-object responses and watch events carry them. */
export function withType(kind: KindSpec, obj: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion: kind.group ? `${kind.group}/${kind.version}` : kind.version, kind: kind.kind, ...rest } as KubeObject;
}
