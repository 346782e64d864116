/**
 * The heavy half of `reconcile` (AWS SDK, Kubernetes client), loaded only
 * when a reconcile runs, so other commands start as fast as before: targets,
 * leadership and the two ways to run the loop. `command.ts` has the flags.
 */
import { Route53Client } from '@aws-sdk/client-route-53';
import { KubeConfig } from '@kubernetes/client-node';
import { resolveServeConfig, type ServeFlags } from '../config.ts';
import type { Logger } from '../log.ts';
import { createLogger } from '../logger.ts';
import { type OpsDeps, setNamespaceHostedZone } from '../ops/index.ts';
import { redisTargetOf } from '../store/create.ts';
import { createRedisClient, reconnectWhenReadOnly } from '../store/redis/connection.ts';
import { RedisKeys } from '../store/redis/keys.ts';
import { RedisStore } from '../store/redis/redis-store.ts';
import type { RedisTarget } from '../store/redis/target.ts';
import type { Store } from '../store/store.ts';
import { type EmbeddedFlags, type ReconcileConfig, type ReconcileFlags, resolveReconcileConfig } from './config.ts';
import { Controller, type ControllerObserver, exitCode, type PassResult, type Target } from './controller.ts';
import { AlwaysLeader, type Leadership, RedisLease } from './leader.ts';
import { apiSource, type StateSource, storeSource } from './sources.ts';
import { corefileTarget, inboundTarget, kubernetesTarget, route53Target } from './targets.ts';
import type { ReconcileDeps, ReconcilerHandle } from './command.ts';

function kubeConfig(config: ReconcileConfig): KubeConfig {
  const kc = new KubeConfig();
  if (config.kubernetes.kubeconfig) kc.loadFromFile(config.kubernetes.kubeconfig);
  else kc.loadFromDefault();
  return kc;
}

/**
 * The targets `config.providers` names, in order.
 * @param ops use-case deps for writes into Cloud Map state; undefined = read-only state (API)
 * @throws Error when a target needs writes and `ops` is undefined, or the kubeconfig cannot be loaded
 */
export function buildTargets(config: ReconcileConfig, ops: OpsDeps | undefined, logger: Logger): Target[] {
  let kc: KubeConfig | undefined;
  const kube = (): KubeConfig => (kc ??= kubeConfig(config));
  return config.providers.map((name): Target => {
    switch (name) {
      case 'route53': {
        const client = new Route53Client({ region: 'us-east-1', maxAttempts: 1, ...(config.route53.endpoint ? { endpoint: config.route53.endpoint } : {}) });
        return route53Target({
          client, ownerId: config.route53.ownerId, vpcRegion: config.route53.vpcRegion,
          onThrottle: (error, attempt, delayMs) => logger.warn({ target: 'route53', err: error.name, attempt, delayMs }, 'Route 53 throttled; backing off'),
          ...(ops ? { onZone: async (ns, zoneId) => void (await setNamespaceHostedZone(ops, { namespaceId: ns.id, hostedZoneId: zoneId })) } : {}),
        });
      }
      case 'kubernetes':
        return kubernetesTarget({ kubeConfig: kube(), namespace: config.kubernetes.namespace, alias: config.kubernetes.alias });
      case 'corefile':
        return corefileTarget({ kubeConfig: kube(), name: config.corefile.name, namespace: config.corefile.namespace, key: config.corefile.key, render: { upstream: config.corefile.upstream } });
      case 'kubernetes-source':
        if (!ops) throw new Error('--providers kubernetes-source writes Cloud Map state: give --redis-url (or REDIS_URL), or run it inside serve with --reconcile');
        return inboundTarget({
          kubeConfig: kube(), ops, clusterName: config.kubernetes.clusterName, region: ops.region,
          ...(config.kubernetes.sourceNamespace ? { namespace: config.kubernetes.sourceNamespace } : {}),
        });
    }
  });
}

const holderId = (): string => `${(globalThis as { process?: { env?: Record<string, string> } }).process?.env?.HOSTNAME ?? 'cloudmap-dns'}-${crypto.randomUUID().slice(0, 8)}`;

/** Leadership for `store`: a Redis lease, or always (memory state, API state). */
function leadership(store: Store | undefined, target: RedisTarget | undefined, prefix: string, ttlMs: number): { leadership: Leadership; close(): Promise<void> } {
  if (store?.kind !== 'redis' || !target) return { leadership: new AlwaysLeader(), close: async () => {} };
  const redis = createRedisClient(target, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, reconnectOnError: reconnectWhenReadOnly });
  redis.on('error', () => {});
  return {
    leadership: new RedisLease(redis, { key: new RedisKeys(prefix).lease('reconcile'), holder: holderId(), ttlMs }),
    close: async () => void redis.disconnect(),
  };
}

/** The per-provider plan as printed by `--once`. */
export function formatResults(results: PassResult[]): string[] {
  return results.flatMap((r) => (r.error ? [`${r.target}: FAILED: ${r.error.message}`] : r.report!.lines));
}

/** The action of `reconcile` (see `command.ts`). */
export async function runReconcile(flags: ReconcileFlags & ServeFlags & { once?: boolean }, deps: ReconcileDeps): Promise<void> {
      const serveConfig = resolveServeConfig({ ...flags, httpPort: '0', dnsPort: '0' }, deps.env);
      const config = resolveReconcileConfig(flags, deps.env, serveConfig.region);
      const logger = createLogger(config.once ? (flags.logLevel ?? deps.env.LOG_LEVEL ?? 'warn') : serveConfig.logLevel);
      const store: Store | undefined = serveConfig.redis ? new RedisStore({ target: serveConfig.redis, prefix: serveConfig.redisPrefix }) : undefined;
      const ops: OpsDeps | undefined = store && { store, region: serveConfig.region, accountId: serveConfig.accountId };
      const source: StateSource = store ? storeSource(store) : apiSource(config.endpoint, { accountId: serveConfig.accountId, ...(config.route53.vpc ? { vpc: config.route53.vpc } : {}) });
      const lead = leadership(store, serveConfig.redis, serveConfig.redisPrefix, config.leaseTtlMs);
      const cleanup = async (): Promise<void> => {
        await lead.close();
        await store?.close();
      };
      let controller: Controller;
      try {
        controller = new Controller({ source, targets: buildTargets(config, ops, logger), leadership: lead.leadership, logger, dryRun: config.dryRun, intervalMs: config.intervalMs, minIntervalMs: config.minIntervalMs });
      } catch (error) {
        await cleanup();
        throw error;
      }
      if (config.once) {
        try {
          const results = await controller.runOnce();
          (deps.writeOut ?? ((t: string) => console.log(t)))(formatResults(results).join('\n'));
          deps.setExitCode?.(exitCode(results));
        } finally {
          await cleanup();
        }
        return;
      }
      logger.info({ providers: config.providers, state: source.kind, dryRun: config.dryRun, intervalMs: config.intervalMs }, 'reconcile: starting');
      await controller.start();
      deps.onRunning?.({ controller, stop: async () => (await controller.stop(), await cleanup()) }, logger);
    }

/**
 * `serve --reconcile [--reconcile-providers LIST]`: the loop inside
 * `serve`, on the server's own store. Returns undefined when not asked for.
 */
export async function createEmbeddedReconciler(flags: ReconcileFlags & EmbeddedFlags & { reconcile?: boolean }, env: Record<string, string | undefined>,
  store: Store, serve: { region: string; accountId: string; redisUrl?: string; redis?: RedisTarget; redisPrefix: string }, logger: Logger,
  observer?: ControllerObserver): Promise<ReconcilerHandle> {
  const config = resolveReconcileConfig({ ...flags, providers: undefined, dryRun: undefined }, env, serve.region);
  const ops: OpsDeps = { store, region: serve.region, accountId: serve.accountId };
  const lead = leadership(store, redisTargetOf(serve), serve.redisPrefix, config.leaseTtlMs);
  const controller = new Controller({
    source: storeSource(store), targets: buildTargets(config, ops, logger), leadership: lead.leadership, logger, dryRun: config.dryRun, intervalMs: config.intervalMs, minIntervalMs: config.minIntervalMs,
    ...(observer && { observer }),
  });
  logger.info({ providers: config.providers, state: store.kind, dryRun: config.dryRun }, 'reconcile: starting inside serve');
  await controller.start();
  return { controller, stop: async () => (await controller.stop(), await lead.close()) };
}

