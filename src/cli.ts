/**
 * The `cloudmap-dns` command line and composition root (commander).
 *
 *   cloudmap-dns serve [--host 127.0.0.1] [--http-port 8053] [--dns-port 1053]
 *                      [--grpc-port 8054] [--https-port N --tls-cert F --tls-key F]
 *                      [--grpc-tls] [--max-connections N] [--tcp-idle-timeout S] [--any-response minimal|full]
 *                      [--redis-url URL] [--redis-prefix P] [--redis-connect-timeout S]
 *                      [--redis-sentinels H:P,… --redis-master-name N | --redis-cluster-nodes H:P,…]
 *                      [--redis-tls-ca F] [--redis-tls-cert F --redis-tls-key F]
 *                      [--region R] [--account-id ID] [--log-level L]
 *                      [--auth open|sigv4 --credentials FILE]
 *                      [--health-check-interval S] [--health-check-concurrency N] [--no-health-checks]
 *                      [--aws-strict]
 *                      [--rrl-responses-per-second N [--rrl-errors-per-second N] [--rrl-nxdomains-per-second N]
 *                       [--rrl-nodata-per-second N] [--rrl-slip N] [--rrl-window S]
 *                       [--rrl-ipv4-prefix-length B] [--rrl-ipv6-prefix-length B] [--rrl-table-size N]]
 *   cloudmap-dns health [--redis-url URL] [--redis-prefix P] [--health-check-interval S] ...
 *
 * `serve` hosts every role by default (API + DNS listeners, health checks);
 * `health` runs only the health checks (src/health/), e.g. as a separate
 * deployment beside `serve --no-health-checks` replicas.
 *
 * `REDIS_URL` selects Redis state; without it state is the embedded memory
 * store. Runtime entry points (`src/runtime/node/main.ts`,
 * `src/runtime/deno/main.ts`) call `main` with their sockets.
 */
import { Command, CommanderError } from 'commander';
import { parseCredentials } from './api/sigv4.ts';
import { resolveServeConfig, type ServeFlags } from './config.ts';
import { RRL_OPTIONS } from './dns/rrl-config.ts';
import { addCorefileCommand } from './corefile/command.ts';
import { addInspectCommand } from './inspect/command.ts';
import { countingRuntime, InFlight } from './lifecycle.ts';
import type { Logger } from './log.ts';
import { createLogger } from './logger.ts';
import { type RunningServer, serve, type ServeRuntime } from './server.ts';
import { openStore } from './store/create.ts';
import { addReconcileCommand, addServeReconcileOptions, startEmbeddedReconciler } from './reconcile/command.ts';
import { describeRedisTarget, REDIS_OPTIONS } from './store/redis/target.ts';

/** What the runtime hands to `main`. */
export interface CliDeps {
  runtime: ServeRuntime;
  env: Record<string, string | undefined>;
  /** Called once `serve` is listening (the runtime wires signals to a drain and `close`, see `lifecycle.ts`). */
  onServing?: (server: RunningServer, context: { logger: Logger; inFlight: InFlight }) => void;
  /** Fields for the start-up log line: process id, runtime version, which build runs (`entry`: `dist` or `src`). */
  about?: { pid?: number; node?: string; entry?: string };
  /** Where usage and errors go. @default console.error */
  writeErr?: (text: string) => void;
  /** A command that runs until stopped (`inspect --follow`): the runtime calls `stop` on SIGTERM/SIGINT, then exits 0. */
  onRunning?: (stop: () => Promise<void>) => void;
  /** Reads a text file (`corefile --template`). */
  readFile?: (path: string) => string;
}

/**
 * Parses `argv` (without the runtime and script, e.g. `['serve', '--dns-port', '0']`)
 * and runs the command. Resolves with the process exit code for errors in
 * arguments; `serve` keeps running after its promise resolves with 0.
 */
export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const writeErr = deps.writeErr ?? ((text: string) => console.error(text.trimEnd()));
  const program = new Command('cloudmap-dns')
    .description('AWS Cloud Map compatible control plane answered in DNS')
    .exitOverride()
    .configureOutput({ writeErr, outputError: (text, write) => write(text) });
  const serveCommand = program
    .command('serve')
    .description('run the Cloud Map API, DNS-over-HTTPS and plain DNS listeners')
    .option('--host <address>', 'address every listener binds', '127.0.0.1')
    .option('--http-port <port>', 'Cloud Map API and DoH port (HTTP/1.1 and h2c)', '8053')
    .option('--dns-port <port>', 'plain DNS port (UDP and TCP)', '1053')
    .option('--grpc-port <port>', 'CoreDNS grpc plugin port (coredns.dns.DnsService); 0 = off', '8054')
    .option('--https-port <port>', 'Cloud Map API and DoH over TLS (ALPN h2, http/1.1); needs --tls-cert/--tls-key; 0 = off', '0')
    .option('--tls-cert <file>', 'TLS certificate chain (PEM) for HTTPS, and for gRPC when given')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--grpc-tls', 'accept only TLS on the gRPC port (default: cleartext h2c, plus TLS when --tls-cert is given)')
    .option('--max-connections <n>', 'most open TCP connections per listener; more are closed at once', '1000')
    .option('--tcp-idle-timeout <seconds>', 'close DNS-over-TCP connections idle this long (RFC 7766)', '10')
    .option('--any-response <mode>', 'answer QTYPE ANY with one RRset (minimal, RFC 8482) or every RRset (full)', 'minimal')
    .option('--redis-prefix <prefix>', 'prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)')
    .option('--redis-connect-timeout <seconds>', 'give up starting when Redis does not answer within this time (default: $CLOUDMAP_REDIS_CONNECT_TIMEOUT or 10)')
    .option('--region <region>', 'region in ARNs when a request has no SigV4 scope (default: $AWS_REGION or us-east-1)')
    .option('--account-id <id>', '12-digit account id (default: $CLOUDMAP_ACCOUNT_ID or 123456789012)')
    .option('--log-level <level>', 'log level: trace, debug, info, warn, error, fatal or silent (default: $LOG_LEVEL or info)')
    .option('--auth <mode>', 'API authentication: open (any credentials, the default) or sigv4 (verify signatures; needs --credentials) (default: $CLOUDMAP_AUTH or open)')
    .option('--credentials <file>', 'access key ids and secrets for --auth sigv4: "KEY SECRET" per line, or an AWS credentials file (default: $CLOUDMAP_CREDENTIALS_FILE)')
    .option('--health-check-interval <seconds>', 'time between two health checks of one instance (default: $CLOUDMAP_HEALTH_CHECK_INTERVAL or 30, as Route 53)')
    .option('--health-check-concurrency <n>', 'most health checks in flight at once', '64')
    .option('--no-health-checks', 'do not run the health role (active checks of services with HealthCheckConfig) in this process')
    .option('--aws-strict', 'refuse documented extensions with AWS\'s errors (e.g. HealthCheckConfig in private DNS namespaces)');
  for (const [flags, description] of REDIS_OPTIONS) serveCommand.option(flags, description);
  for (const [flags, description] of RRL_OPTIONS) serveCommand.option(flags, description);
  serveCommand.action((flags: ServeFlags) => run(flags, true));
  const healthCommand = program
    .command('health')
    .description('run only the health role: active HTTP/HTTPS/TCP checks of services with HealthCheckConfig, no listeners');
  const healthFlags = [...REDIS_OPTIONS.map(([flags]) => flags.split(' ')[0]), '--redis-prefix', '--redis-connect-timeout', '--region', '--account-id', '--log-level', '--health-check-interval', '--health-check-concurrency'];
  for (const option of serveCommand.options) if (healthFlags.includes(option.long ?? '')) healthCommand.addOption(option);
  healthCommand.action((flags: ServeFlags) => run({ ...flags, healthChecks: true }, false));

  /** Runs `serve`, or with `listeners` false the `health` role alone. */
  async function run(flags: ServeFlags, listeners: boolean): Promise<void> {
      const resolved = resolveServeConfig(flags, deps.env);
      const config = listeners ? resolved : { ...resolved, listeners: [], auth: 'open' as const };
      if (config.auth === 'sigv4') {
        if (!deps.readFile) throw new Error('--auth sigv4: this runtime cannot read files');
        const credentials = parseCredentials(deps.readFile(config.credentialsFile!));
        if (credentials.size === 0) throw new Error(`--credentials ${config.credentialsFile} holds no access key`);
        config.credentials = credentials;
      }
      const logger = createLogger(config.logLevel);
      const state = config.redis ? { state: 'redis', redis: describeRedisTarget(config.redis) } : { state: 'memory' };
      const auth = !listeners ? { role: 'health' } : config.auth === 'sigv4'
        ? { auth: 'sigv4', accessKeys: config.credentials!.size }
        : { auth: 'open: API signatures are not verified, any or no credentials are accepted (--auth sigv4 to verify)' };
      logger.info({ ...deps.about, ...state, ...auth }, 'cloudmap-dns starting');
      const store = await openStore(config, logger);
      const inFlight = new InFlight();
      try {
        const server = await serve(config, store, countingRuntime(deps.runtime, inFlight), logger);
        const observer = (flags as { reconcile?: boolean }).reconcile ? server.metrics.reconcile() : undefined;
        const reconciler = await startEmbeddedReconciler(flags, deps.env, store, config, logger, observer).catch(async (error) => {
          await server.close();
          throw error;
        });
        if (reconciler) {
          const closeServer = server.close;
          server.close = async () => (await reconciler.stop(), await closeServer());
        }
        deps.onServing?.(server, { logger, inFlight });
      } catch (error) {
        await store.close();
        throw error;
      }
  }
  addServeReconcileOptions(serveCommand);
  addInspectCommand(program, { env: deps.env, ...(deps.onRunning && { onRunning: deps.onRunning }) });
  addCorefileCommand(program, { env: deps.env, ...(deps.readFile && { readFile: deps.readFile }) });
  let exit = 0;
  addReconcileCommand(program, {
    env: deps.env,
    setExitCode: (code) => (exit = code),
    // The loop runs until a signal: the runtime stops it as it stops `serve`.
    onRunning: (handle, logger) => deps.onServing?.({ close: handle.stop } as unknown as RunningServer, { logger, inFlight: new InFlight() }),
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    writeErr(`cloudmap-dns: ${(error as Error).message}\n`);
    return 1;
  }
}
