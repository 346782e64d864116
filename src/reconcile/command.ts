/**
 * `cloudmap-dns reconcile [--once] [--dry-run] [--providers route53,kubernetes,corefile,kubernetes-source]`
 * and `serve --reconcile`: wires a state source, the targets, leadership and
 * the loop (`controller.ts`).
 *
 * State: Redis when a URL is given (`--redis-url` / `REDIS_URL`): snapshot,
 * change stream, writes through ops, and a Redis lease so one of several
 * replicas leads. Else a running server's Cloud Map API (`--endpoint`): the
 * memory store lives inside `serve`, so this is how `reconcile` reaches it
 * (read only: the inbound source and HostedZoneId recording need Redis, or
 * `serve --reconcile`). Inside `serve` the loop uses the server's own store.
 */
import type { Command } from 'commander';
import type { ServeFlags } from '../config.ts';
import type { Logger } from '../log.ts';
import type { RedisTarget } from '../store/redis/target.ts';
import type { Store } from '../store/store.ts';
import { addReconcileOptions, type EmbeddedFlags, type ReconcileFlags } from './config.ts';
import type { Controller, ControllerObserver } from './controller.ts';

/** A running reconcile loop. */
export interface ReconcilerHandle {
  controller: Controller;
  stop(): Promise<void>;
}

/** What `reconcile` needs from its runtime. */
export interface ReconcileDeps {
  env: Record<string, string | undefined>;
  /** Where `--once` prints the plan. @default console.log */
  writeOut?: (text: string) => void;
  /** Told about a running loop so the runtime can stop it on signals. */
  onRunning?: (handle: ReconcilerHandle, logger: Logger) => void;
  /** Receives the exit status of `--once`. */
  setExitCode?: (code: number) => void;
}

/** Adds `reconcile` to the program. */
export function addReconcileCommand(program: Command, deps: ReconcileDeps): void {
  const cmd = program.command('reconcile').description('mirror Cloud Map state into Route 53, Kubernetes and a CoreDNS Corefile ConfigMap; register annotated Pods');
  addReconcileOptions(cmd)
    .option('--redis-url <url>', 'Redis state (default: $REDIS_URL; unset = read state through --endpoint)')
    .option('--redis-prefix <prefix>', 'prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)')
    .option('--region <region>', 'region of ARNs and of REGION attributes (default: $AWS_REGION or us-east-1)')
    .option('--account-id <id>', '12-digit account id (default: $CLOUDMAP_ACCOUNT_ID or 123456789012)')
    .option('--log-level <level>', 'log level (default: $LOG_LEVEL or info)')
    .action(async (flags: ReconcileFlags & ServeFlags & { once?: boolean }) => {
      const { runReconcile } = await import('./wiring.ts');
      await runReconcile(flags, deps);
    });
}

/**
 * `serve --reconcile [--reconcile-providers LIST]`: the loop inside `serve`,
 * on the server's own store. Returns undefined when not asked for.
 */
export async function startEmbeddedReconciler(flags: ReconcileFlags & EmbeddedFlags & { reconcile?: boolean }, env: Record<string, string | undefined>,
  store: Store, serve: { region: string; accountId: string; redisUrl?: string; redis?: RedisTarget; redisPrefix: string }, logger: Logger,
  observer?: ControllerObserver): Promise<ReconcilerHandle | undefined> {
  if (!flags.reconcile) return undefined;
  const { createEmbeddedReconciler } = await import('./wiring.ts');
  return createEmbeddedReconciler(flags, env, store, serve, logger, observer);
}

/** Adds `--reconcile` and the reconciler's flags to `serve`. */
export function addServeReconcileOptions(serve: Command): void {
  serve.option('--reconcile', 'also run the reconcile loop inside this process (providers: --reconcile-providers, default route53)');
  addReconcileOptions(serve, true);
}
