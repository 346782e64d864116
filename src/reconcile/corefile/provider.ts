/**
 * The Corefile provider: keeps the CoreDNS server blocks of the current DNS
 * namespaces (`src/corefile/render.ts`, the `corefile-templates` stanzas) in
 * a ConfigMap in the `coredns-custom` style (AKS, k3s and others import
 * `*.server` keys from it), written only when the text changes. CoreDNS's
 * `reload` plugin picks the change up, so no Pod restarts are needed.
 *
 * The ConfigMap carries `app.kubernetes.io/managed-by: cloudmap-dns`; one
 * of the same name without it is someone else's: left alone and reported.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { type CorefileOptions, corefileZones, renderCorefile } from '../../corefile/render.ts';
import type { CloudMapState } from '../state.ts';
import { type KubeApplyResult, planAndApply, readCurrent } from '../kubernetes/apply.ts';
import { kindClients, type KindClient } from '../kubernetes/client.ts';
import { MANAGED_BY, MANAGER, type ManagedKind, type ManagedObject } from '../kubernetes/objects.ts';

/** Options of the Corefile provider. */
export interface CorefileProviderOptions {
  kubeConfig: KubeConfig;
  /** ConfigMap name. @default 'coredns-custom' */
  name?: string;
  /** Its Kubernetes namespace. @default 'kube-system' */
  namespace?: string;
  /** Data key holding the server blocks. @default 'cloudmap.server' */
  key?: string;
  /** Render options; `health` defaults to false here (the main Corefile has it). */
  render?: CorefileOptions;
}

/** See the module comment. */
export class CorefileProvider {
  readonly name = 'corefile';
  readonly #o: Required<Omit<CorefileProviderOptions, 'render'>> & { render: CorefileOptions };
  readonly #clients: Record<ManagedKind, KindClient>;

  constructor(options: CorefileProviderOptions) {
    this.#o = { name: 'coredns-custom', namespace: 'kube-system', key: 'cloudmap.server', ...options, render: { health: false, ...options.render } };
    this.#clients = kindClients(options.kubeConfig, this.#o.namespace);
  }

  /** The ConfigMap the state asks for. Pure apart from the options. */
  desired(state: CloudMapState): ManagedObject {
    const text = renderCorefile(corefileZones(state.namespaces), this.#o.render);
    return {
      kind: 'ConfigMap', namespace: this.#o.namespace, name: this.#o.name,
      labels: { [MANAGED_BY]: MANAGER }, annotations: {},
      fields: { data: { [this.#o.key]: text } },
    };
  }

  /** Plans the ConfigMap and, unless `dryRun`, writes it when its text differs. */
  async reconcile(state: CloudMapState, dryRun: boolean): Promise<KubeApplyResult> {
    const want = this.desired(state);
    const current = await readCurrent(this.#clients, [], [], [want]);
    const result = await planAndApply(this.#clients, [want], current, dryRun);
    return result;
  }
}
