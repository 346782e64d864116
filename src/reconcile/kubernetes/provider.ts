/**
 * The Kubernetes provider: mirrors every Cloud Map service of a DNS
 * namespace as a headless Service, its EndpointSlices and optionally an
 * ExternalName alias (`desired.ts`), touching only objects labelled
 * `app.kubernetes.io/managed-by: cloudmap-dns` (`apply.ts`).
 *
 * `start()` runs informers (list, then watch from the list's
 * resourceVersion; relist on 410 Gone) on our Services and EndpointSlices,
 * so reconciling reads a cache, and a change to one of our objects by
 * someone else (a deletion by hand) calls `onDrift` at once. Without
 * `start()` (e.g. `reconcile --once`), each reconcile lists.
 */
import type { Informer, KubeConfig, KubernetesObject, ObjectCache } from '@kubernetes/client-node';
import { formatChanges } from '../plan.ts';
import type { CloudMapState } from '../state.ts';
import { type KubeApplyResult, planAndApply, readCurrent } from './apply.ts';
import { kindClients, type KindClient } from './client.ts';
import { desiredObjects, type MirrorOptions } from './desired.ts';
import { MANAGED_BY, MANAGER, type KubeObject, type ManagedKind, type ManagedObject } from './objects.ts';

/** Options of the Kubernetes provider. */
export interface KubernetesProviderOptions extends MirrorOptions {
  kubeConfig: KubeConfig;
  /** Called when one of our objects changes outside a reconcile (added, updated, deleted). */
  onDrift?: (kind: ManagedKind, name: string, event: 'add' | 'update' | 'delete') => void;
  /** Called when a watch fails for a reason other than 410 (it is restarted after `restartMs`). */
  onWatchError?: (kind: ManagedKind, error: unknown) => void;
  /** Delay before restarting a failed watch, ms. @default 2000 */
  restartMs?: number;
}

/** Label selector of everything we own. */
export const OWNED_SELECTOR = `${MANAGED_BY}=${MANAGER}`;

const KINDS: ManagedKind[] = ['Service', 'EndpointSlice'];

/** `+ Service default/sd-backend-api` style lines. */
export const describeObject = (o: ManagedObject): string => `${o.kind} ${o.namespace}/${o.name}`;

/** See the module comment. */
export class KubernetesProvider {
  readonly name = 'kubernetes';
  readonly #o: KubernetesProviderOptions;
  readonly #clients: Record<ManagedKind, KindClient>;
  #informers: (Informer<KubernetesObject> & ObjectCache<KubernetesObject>)[] = [];
  #stopped = false;

  constructor(options: KubernetesProviderOptions) {
    this.#o = options;
    this.#clients = kindClients(options.kubeConfig, options.namespace ?? 'default');
  }

  /** Starts the informers; resolves once each has listed. */
  async start(): Promise<void> {
    this.#stopped = false;
    this.#informers = KINDS.map((kind) => {
      const informer = this.#clients[kind].informer(OWNED_SELECTOR);
      for (const event of ['add', 'update', 'delete'] as const) {
        informer.on(event, (o: KubernetesObject) => this.#o.onDrift?.(kind, o.metadata?.name ?? '', event));
      }
      informer.on('error', (error: unknown) => {
        this.#o.onWatchError?.(kind, error);
        if (!this.#stopped) setTimeout(() => void (this.#stopped || informer.start().catch(() => {})), this.#o.restartMs ?? 2000).unref();
      });
      return informer;
    });
    await Promise.all(this.#informers.map((i) => i.start()));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#informers.map((i) => i.stop()));
    this.#informers = [];
  }

  /** Plans the mirror of `state` and, unless `dryRun`, applies it. */
  async reconcile(state: CloudMapState, dryRun: boolean): Promise<KubeApplyResult> {
    const desired = desiredObjects(state, this.#o);
    const owned: KubeObject[][] = this.#informers.length
      ? this.#informers.map((i) => i.list() as KubeObject[])
      : await Promise.all(KINDS.map((k) => this.#clients[k].list(OWNED_SELECTOR)));
    const current = await readCurrent(this.#clients, owned, KINDS, desired);
    return planAndApply(this.#clients, desired, current, dryRun);
  }
}

/** The result as printed by `reconcile`. */
export function formatKubeResult(provider: string, r: KubeApplyResult): string[] {
  const lines = formatChanges(provider, r.changes, describeObject);
  for (const f of r.failed) lines.push(`  x ${f.key}: ${f.error.message}`);
  return lines;
}
