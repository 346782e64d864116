/**
 * Settings of `cloudmap-dns reconcile` (and of `serve --reconcile`): flags
 * first, then environment variables, then defaults.
 */
import type { Command } from 'commander';

/** Targets `--providers` can name. */
export const PROVIDERS = ['route53', 'kubernetes', 'corefile', 'kubernetes-source'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Everything the reconciler needs besides the state store. */
export interface ReconcileConfig {
  /** Targets, in the order they run. @default ['route53'] */
  providers: ProviderName[];
  /** One pass, print the plan per provider, exit. */
  once: boolean;
  /** Plan only, change nothing. */
  dryRun: boolean;
  /** Full resync period, ms. @default 60000 */
  intervalMs: number;
  /** Least time between passes, ms. @default 1000 */
  minIntervalMs: number;
  /** TTL of the leader lease in Redis, ms. @default 15000 */
  leaseTtlMs: number;
  /** Cloud Map API of a running server, for state when there is no Redis URL. @default 'http://127.0.0.1:8053' */
  endpoint: string;
  route53: {
    /** Route 53 endpoint (moto, LocalStack); unset = AWS. Env `CLOUDMAP_ROUTE53_ENDPOINT`. */
    endpoint?: string;
    /** Owner id in TXT ownership records. @default 'cloudmap-dns' */
    ownerId: string;
    /** Region of private namespaces' VPCs. @default the --region */
    vpcRegion: string;
    /** VPC id for private zones when the state does not know it (API state). */
    vpc?: string;
  };
  kubernetes: {
    /** Kubeconfig file; unset = $KUBECONFIG, ~/.kube/config or in-cluster. */
    kubeconfig?: string;
    /** Namespace of the mirrored Services and EndpointSlices. @default 'default' */
    namespace: string;
    /** Also create ExternalName aliases `<service>`. */
    alias: boolean;
    /** Namespace the inbound source watches; unset = all. */
    sourceNamespace?: string;
    /** Cluster name in registered instances' attributes. @default 'kubernetes' */
    clusterName: string;
  };
  corefile: {
    name: string;
    namespace: string;
    key: string;
    /** cloudmap-dns gRPC address CoreDNS forwards to. @default '127.0.0.1:8054' */
    upstream: string;
  };
}

/** Raw flags as commander hands them over. */
export interface ReconcileFlags {
  providers?: string;
  once?: boolean;
  dryRun?: boolean;
  interval?: string;
  minInterval?: string;
  leaseTtl?: string;
  endpoint?: string;
  route53Endpoint?: string;
  ownerId?: string;
  route53VpcRegion?: string;
  route53Vpc?: string;
  kubeconfig?: string;
  kubeNamespace?: string;
  kubeAlias?: boolean;
  sourceNamespace?: string;
  clusterName?: string;
  corefileConfigmap?: string;
  corefileNamespace?: string;
  corefileKey?: string;
  corefileUpstream?: string;
  region?: string;
}

/** The same flags inside `serve`, prefixed `--reconcile-`. */
export interface EmbeddedFlags {
  reconcileProviders?: string;
  reconcileDryRun?: boolean;
  reconcileInterval?: string;
  reconcileMinInterval?: string;
}

/** Adds the reconciler's flags to a command (`reconcile`; or `serve`, `embedded`, where providers, dry run and intervals take a `--reconcile-` prefix). */
export function addReconcileOptions(cmd: Command, embedded = false): Command {
  if (!embedded) {
    cmd.option('--once', 'run one pass, print the plan per provider and exit (status 1 when a provider failed)')
      .option('--endpoint <url>', 'Cloud Map API of a running server, for state when there is no Redis URL', 'http://127.0.0.1:8053');
  }
  const p = embedded ? 'reconcile-' : '';
  return cmd
    .option(`--${p}providers <list>`, `reconcile targets, comma-separated: ${PROVIDERS.join(', ')} (default: route53)`)
    .option(`--${p}dry-run`, 'reconcile: plan only, print or log the changes, make none')
    .option(`--${p}interval <seconds>`, 'reconcile: full resync period', '60')
    .option(`--${p}min-interval <seconds>`, 'reconcile: least time between two passes (batches change events)', '1')
    .option('--lease-ttl <seconds>', 'reconcile: TTL of the leader lease in Redis (a dead leader is replaced within it)', '15')
    .option('--route53-endpoint <url>', 'Route 53 endpoint, e.g. moto (default: $CLOUDMAP_ROUTE53_ENDPOINT, else AWS)')
    .option('--owner-id <id>', 'owner id in the TXT ownership records', 'cloudmap-dns')
    .option('--route53-vpc-region <region>', 'region of private namespaces\' VPCs (default: --region)')
    .option('--route53-vpc <id>', 'VPC of private hosted zones when the state does not say (API state)')
    .option('--kubeconfig <file>', 'kubeconfig (default: $KUBECONFIG, ~/.kube/config or in-cluster)')
    .option('--kube-namespace <ns>', 'Kubernetes namespace of the sd-<service> Services and EndpointSlices', 'default')
    .option('--kube-alias', 'also create an ExternalName Service <service> per Cloud Map service')
    .option('--source-namespace <ns>', 'Kubernetes namespace the inbound source watches (default: all)')
    .option('--cluster-name <name>', 'cluster name in attributes of instances the inbound source registers', 'kubernetes')
    .option('--corefile-configmap <name>', 'ConfigMap the Corefile provider writes', 'coredns-custom')
    .option('--corefile-namespace <ns>', 'namespace of that ConfigMap', 'kube-system')
    .option('--corefile-key <key>', 'data key of the server blocks', 'cloudmap.server')
    .option('--corefile-upstream <host:port>', 'cloudmap-dns gRPC address the stanzas forward to', '127.0.0.1:8054');
}

function seconds(value: string, flag: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new Error(`${flag} must be a positive number of seconds, got ${JSON.stringify(value)}`);
  return Math.round(Number(value) * 1000);
}

/**
 * Merges flags, environment and defaults.
 * @throws Error naming the bad flag
 */
export function resolveReconcileConfig(flags: ReconcileFlags & EmbeddedFlags, env: Record<string, string | undefined>, region: string): ReconcileConfig {
  const list = (flags.providers ?? flags.reconcileProviders ?? 'route53').split(',').map((p) => p.trim()).filter(Boolean);
  for (const p of list) if (!(PROVIDERS as readonly string[]).includes(p)) throw new Error(`--providers: unknown provider ${JSON.stringify(p)}; choose from ${PROVIDERS.join(', ')}`);
  const route53Endpoint = flags.route53Endpoint ?? env.CLOUDMAP_ROUTE53_ENDPOINT;
  return {
    providers: [...new Set(list)] as ProviderName[],
    once: flags.once ?? false,
    dryRun: flags.dryRun ?? flags.reconcileDryRun ?? false,
    intervalMs: seconds(flags.interval ?? flags.reconcileInterval ?? '60', '--interval'),
    minIntervalMs: seconds(flags.minInterval ?? flags.reconcileMinInterval ?? '1', '--min-interval'),
    leaseTtlMs: seconds(flags.leaseTtl ?? '15', '--lease-ttl'),
    endpoint: flags.endpoint ?? 'http://127.0.0.1:8053',
    route53: {
      ...(route53Endpoint ? { endpoint: route53Endpoint } : {}),
      ownerId: flags.ownerId ?? 'cloudmap-dns',
      vpcRegion: flags.route53VpcRegion ?? region,
      ...(flags.route53Vpc ? { vpc: flags.route53Vpc } : {}),
    },
    kubernetes: {
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      namespace: flags.kubeNamespace ?? 'default',
      alias: flags.kubeAlias ?? false,
      ...(flags.sourceNamespace ? { sourceNamespace: flags.sourceNamespace } : {}),
      clusterName: flags.clusterName ?? 'kubernetes',
    },
    corefile: {
      name: flags.corefileConfigmap ?? 'coredns-custom',
      namespace: flags.corefileNamespace ?? 'kube-system',
      key: flags.corefileKey ?? 'cloudmap.server',
      upstream: flags.corefileUpstream ?? '127.0.0.1:8054',
    },
  };
}
