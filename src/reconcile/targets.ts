/**
 * The providers and the inbound source as loop `Target`s: each pass's
 * outcome turned into printed lines and counts (`controller.ts`).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { OpsDeps } from '../ops/index.ts';
import type { Target, TargetReport } from './controller.ts';
import { CorefileProvider, type CorefileProviderOptions } from './corefile/provider.ts';
import type { KubeApplyResult } from './kubernetes/apply.ts';
import { formatInboundResult, InboundSource } from './kubernetes/inbound.ts';
import { formatKubeResult, KubernetesProvider } from './kubernetes/provider.ts';
import type { MirrorOptions } from './kubernetes/desired.ts';
import type { SourceOptions } from './kubernetes/source.ts';
import type { Changes } from './plan.ts';
import { formatZoneOutcome, Route53Provider, type Route53ProviderOptions } from './route53/provider.ts';

const count = <T>(c: Changes<T>): number => c.create.length + c.update.length + c.delete.length;

/** Route 53: one block of lines per hosted zone. */
export function route53Target(options: Route53ProviderOptions): Target {
  const provider = new Route53Provider(options);
  return {
    name: 'route53',
    run: async (state, dryRun): Promise<TargetReport> => {
      const outcomes = await provider.reconcile(state, dryRun);
      const lines = outcomes.flatMap(formatZoneOutcome);
      const summary = `route53: ${outcomes.length} hosted zone(s), ${outcomes.reduce((n, o) => n + count(o.changes), 0)} change(s)`;
      return {
        lines: [summary, ...lines.map((l) => (l.startsWith('  ') ? l : `  ${l}`))],
        changes: outcomes.reduce((n, o) => n + count(o.changes), 0),
        conflicts: outcomes.reduce((n, o) => n + o.changes.conflicts.length, 0),
        failures: outcomes.reduce((n, o) => n + o.failed.length, 0),
      };
    },
  };
}

const kubeReport = (name: string, r: KubeApplyResult): TargetReport => ({
  lines: formatKubeResult(name, r),
  changes: count(r.changes),
  conflicts: r.changes.conflicts.length,
  failures: r.failed.length,
});

/** The Kubernetes mirror, with informers that trigger a pass on drift when started. */
export function kubernetesTarget(options: MirrorOptions & { kubeConfig: KubeConfig }): Target {
  let trigger: (reason: string) => void = () => {};
  const provider = new KubernetesProvider({ ...options, onDrift: (kind, name, event) => trigger(`kubernetes ${event} ${kind} ${name}`) });
  return {
    name: 'kubernetes',
    run: async (state, dryRun) => kubeReport('kubernetes', await provider.reconcile(state, dryRun)),
    start: async (t) => {
      trigger = t;
      await provider.start();
    },
    stop: () => provider.stop(),
  };
}

/** The Corefile ConfigMap. */
export function corefileTarget(options: CorefileProviderOptions): Target {
  const provider = new CorefileProvider(options);
  return { name: 'corefile', run: async (state, dryRun) => kubeReport('corefile', await provider.reconcile(state, dryRun)) };
}

/** The inbound source (annotated Services' EndpointSlices → instances), triggering a pass on every Pod change when started. */
export function inboundTarget(options: SourceOptions & { kubeConfig: KubeConfig; namespace?: string; ops: OpsDeps }): Target {
  let trigger: (reason: string) => void = () => {};
  const source = new InboundSource({ ...options, onChange: () => trigger('kubernetes-source change') });
  return {
    name: 'kubernetes-source',
    run: async (state, dryRun) => {
      const r = await source.reconcile(state, dryRun);
      return { lines: formatInboundResult(r), changes: count(r.changes), conflicts: r.changes.conflicts.length, failures: r.failed.length };
    },
    start: async (t) => {
      trigger = t;
      await source.start();
    },
    stop: () => source.stop(),
  };
}
