/**
 * The inbound source: registers and deregisters Cloud Map instances for the
 * EndpointSlices of annotated Kubernetes Services (`source.ts` decides
 * which), through the use-case layer (`src/ops/`) like any other writer.
 *
 * `start()` runs informers on Services and EndpointSlices (one Kubernetes
 * namespace, or all) and calls `onChange` on every event, so a Pod that
 * becomes ready is registered within one reconcile. Without `start()`,
 * each reconcile lists. Nothing is planned before the informers have
 * listed once, so a starting process never deregisters what it has not
 * seen yet.
 *
 * Health: a Pod that is not ready makes its instance UNHEALTHY (ops
 * `setInstanceHealth`); when it is ready again, HEALTHY. A ready Pod's new
 * instance keeps the initial status Cloud Map gives it (UNKNOWN without a
 * health check, as GetInstancesHealthStatus reports), which DNS serves.
 */
import { CoreV1Api, DiscoveryV1Api, type Informer, type KubeConfig, type KubernetesObject, makeInformer, type ObjectCache } from '@kubernetes/client-node';
import { CloudMapError } from '../../model/errors.ts';
import { deregisterInstance, type OpsDeps, registerInstance, setInstanceHealth } from '../../ops/index.ts';
import { type Changes, formatChanges, plan } from '../plan.ts';
import type { CloudMapState } from '../state.ts';
import { kubeError } from './client.ts';
import type { KubeObject } from './objects.ts';
import { currentInstances, desiredInstances, instanceKey, SOURCE_CHECKS, type SourceInstance, type SourceOptions } from './source.ts';

/** Options of the inbound source. */
export interface InboundOptions extends SourceOptions {
  kubeConfig: KubeConfig;
  /** Kubernetes namespace to watch; undefined = all namespaces. */
  namespace?: string;
  /** Use-case dependencies (store, account, region, view wait). */
  ops: OpsDeps;
  /** Called on every Service or EndpointSlice event once started. */
  onChange?: () => void;
}

/** What one pass did. */
export interface InboundResult {
  changes: Changes<SourceInstance>;
  failed: { key: string; error: Error }[];
}

type Cache = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

/** See the module comment. */
export class InboundSource {
  readonly name = 'kubernetes-source';
  readonly #o: InboundOptions;
  readonly #core: CoreV1Api;
  readonly #discovery: DiscoveryV1Api;
  #informers: Cache[] = [];

  constructor(options: InboundOptions) {
    this.#o = options;
    this.#core = options.kubeConfig.makeApiClient(CoreV1Api);
    this.#discovery = options.kubeConfig.makeApiClient(DiscoveryV1Api);
  }

  #listServices = () => (this.#o.namespace ? this.#core.listNamespacedService({ namespace: this.#o.namespace }) : this.#core.listServiceForAllNamespaces());
  #listSlices = () => (this.#o.namespace ? this.#discovery.listNamespacedEndpointSlice({ namespace: this.#o.namespace }) : this.#discovery.listEndpointSliceForAllNamespaces());

  /** Starts the informers; resolves once both have listed. */
  async start(): Promise<void> {
    const ns = this.#o.namespace;
    const services = makeInformer(this.#o.kubeConfig, ns ? `/api/v1/namespaces/${ns}/services` : '/api/v1/services', this.#listServices);
    const slices = makeInformer(this.#o.kubeConfig, ns ? `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices` : '/apis/discovery.k8s.io/v1/endpointslices', this.#listSlices);
    this.#informers = [services, slices];
    for (const informer of this.#informers) {
      for (const event of ['add', 'update', 'delete'] as const) informer.on(event, () => this.#o.onChange?.());
      informer.on('error', () => setTimeout(() => void informer.start().catch(() => {}), 2000).unref());
    }
    await Promise.all(this.#informers.map((i) => i.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.#informers.map((i) => i.stop()));
    this.#informers = [];
  }

  async #read(): Promise<[KubeObject[], KubeObject[]]> {
    if (this.#informers.length) return [this.#informers[0]!.list() as KubeObject[], this.#informers[1]!.list() as KubeObject[]];
    try {
      const [s, e] = await Promise.all([this.#listServices(), this.#listSlices()]);
      return [s.items as unknown as KubeObject[], e.items as unknown as KubeObject[]];
    } catch (error) {
      throw kubeError(error);
    }
  }

  /** Plans registrations against `state` and, unless `dryRun`, applies them through ops. */
  async reconcile(state: CloudMapState, dryRun: boolean): Promise<InboundResult> {
    const [services, slices] = await this.#read();
    const desired = desiredInstances(services, slices, state, this.#o);
    const changes = plan(desired, currentInstances(state, this.#o), { key: instanceKey, checks: SOURCE_CHECKS });
    const result: InboundResult = { changes, failed: [] };
    if (dryRun) return result;
    const deps = this.#o.ops;
    const health = (i: SourceInstance) =>
      setInstanceHealth(deps, { serviceId: i.serviceId, instanceId: i.instanceId, status: i.healthy ? 'HEALTHY' : 'UNHEALTHY', ifExists: true, reason: 'EndpointSlice conditions.ready' });
    const attempt = async (i: SourceInstance, fn: () => Promise<unknown>): Promise<void> => {
      try {
        await fn();
      } catch (error) {
        result.failed.push({ key: instanceKey(i), error: error as Error });
      }
    };
    for (const d of changes.delete) {
      await attempt(d, async () => {
        try {
          await deregisterInstance(deps, { serviceId: d.serviceId, instanceId: d.instanceId });
        } catch (error) {
          if (!(error instanceof CloudMapError && error.type === 'InstanceNotFound')) throw error;
        }
      });
    }
    for (const u of changes.update) {
      await attempt(u.desired, async () => {
        const reregister = u.reasons.includes('attributes');
        if (reregister) await registerInstance(deps, { serviceId: u.desired.serviceId, instanceId: u.desired.instanceId, attributes: u.desired.attributes });
        if (!u.desired.healthy || u.reasons.includes('health')) await health(u.desired);
      });
    }
    for (const c of changes.create) {
      await attempt(c, async () => {
        await registerInstance(deps, { serviceId: c.serviceId, instanceId: c.instanceId, attributes: c.attributes });
        if (!c.healthy) await health(c);
      });
    }
    return result;
  }
}

/** `+ srv-…/pod-1 AWS_INSTANCE_IPV4=… healthy` style lines. */
export function describeInstance(i: SourceInstance): string {
  const addr = i.attributes.AWS_INSTANCE_IPV4 ?? i.attributes.AWS_INSTANCE_IPV6 ?? '';
  return `${instanceKey(i)} ${addr}${i.attributes.AWS_INSTANCE_PORT ? `:${i.attributes.AWS_INSTANCE_PORT}` : ''} ${i.healthy ? 'healthy' : 'unhealthy'}`;
}

/** The result as printed by `reconcile`. */
export function formatInboundResult(r: InboundResult): string[] {
  const lines = formatChanges('kubernetes-source (instances from EndpointSlices)', r.changes, describeInstance);
  for (const f of r.failed) lines.push(`  x ${f.key}: ${f.error.message}`);
  return lines;
}
