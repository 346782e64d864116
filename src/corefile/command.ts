/**
 * `cloudmap-dns corefile`: print the CoreDNS server blocks (`render.ts`) for
 * the DNS namespaces that exist now.
 *
 * Namespaces come from the state store when a Redis URL is given
 * (`--redis-url` or `REDIS_URL`), else from a running server's Cloud Map API
 * (`ListNamespaces` at `--endpoint`, every page) — the embedded memory store
 * lives inside the server process, so the API is the way to reach it.
 */
import type { Command } from 'commander';
import { listAllPages } from '../api/client.ts';
import type { Namespace } from '../model/types.ts';
import { createStore } from '../store/create.ts';
import { corefileZones, renderCorefile, type CorefileOptions } from './render.ts';

/** Flags of `cloudmap-dns corefile` (strings as commander hands them over). */
export interface CorefileFlags {
  endpoint: string;
  redisUrl?: string;
  redisPrefix?: string;
  upstream: string;
  port: string;
  cache: string;
  prometheus: string;
  health: string;
  ready: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsServername?: string;
  grpcTls?: boolean;
  template?: string;
}

/** What the command needs from its runtime. */
export interface CorefileDeps {
  env: Record<string, string | undefined>;
  /** Where the Corefile text goes. @default console.log */
  writeOut?: (text: string) => void;
  /** Reads a template file (`--template`); the runtime provides it (Node `fs.readFileSync`). */
  readFile?: (path: string) => string;
}

type NamespaceLike = Pick<Namespace, 'name' | 'type'>;

/**
 * Every namespace through the API's `ListNamespaces` (awsJson1_1), following `NextToken`.
 * @throws Error naming the endpoint and the AWS error when a call fails
 */
export async function listNamespacesViaApi(endpoint: string): Promise<NamespaceLike[]> {
  const namespaces = await listAllPages<{ Name: string; Type: Namespace['type'] }>(endpoint, 'ListNamespaces', {}, 'Namespaces');
  return namespaces.map((ns) => ({ name: ns.Name, type: ns.Type }));
}

const address = (value: string): string | false => (value === '' || value === 'off' ? false : value);

/** Turn flags into render options. @throws Error naming the flag */
export function corefileOptions(flags: CorefileFlags, readFile?: (path: string) => string): CorefileOptions {
  const int = (value: string, flag: string): number => {
    if (!/^\d+$/.test(value)) throw new Error(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  const tlsWanted = flags.grpcTls || flags.tlsCa !== undefined || flags.tlsCert !== undefined || flags.tlsKey !== undefined || flags.tlsServername !== undefined;
  return {
    upstream: flags.upstream,
    port: int(flags.port, '--port'),
    cacheSeconds: int(flags.cache, '--cache'),
    prometheus: address(flags.prometheus),
    health: address(flags.health),
    ready: address(flags.ready),
    ...(tlsWanted && {
      tls: {
        ...(flags.tlsCert !== undefined && { cert: flags.tlsCert }),
        ...(flags.tlsKey !== undefined && { key: flags.tlsKey }),
        ...(flags.tlsCa !== undefined && { ca: flags.tlsCa }),
        ...(flags.tlsServername !== undefined && { serverName: flags.tlsServername }),
      },
    }),
    ...(flags.template !== undefined && { template: readFile ? readFile(flags.template) : (() => { throw new Error('--template is not supported in this runtime'); })() }),
  };
}

/** Add the `corefile` command to `program`. */
export function addCorefileCommand(program: Command, deps: CorefileDeps): void {
  program
    .command('corefile')
    .description('print a CoreDNS server block per Cloud Map DNS namespace, forwarding it to cloudmap-dns over gRPC')
    .option('--endpoint <url>', 'Cloud Map API to list namespaces from (when no Redis URL is given)', 'http://127.0.0.1:8053/')
    .option('--redis-url <url>', 'read namespaces from this Redis instead (default: $REDIS_URL)')
    .option('--redis-prefix <prefix>', 'prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)')
    .option('--upstream <host:port>', 'the cloudmap-dns gRPC listener CoreDNS forwards to', '127.0.0.1:8054')
    .option('--port <port>', 'port of the CoreDNS server blocks', '53')
    .option('--cache <seconds>', 'most seconds CoreDNS caches an answer', '5')
    .option('--prometheus <address>', 'prometheus plugin address, or off', ':9153')
    .option('--health <address>', 'health plugin address (first block only), or off when the Corefile has health elsewhere', ':8080')
    .option('--ready <address>', 'ready plugin address, or off', ':8181')
    .option('--grpc-tls', 'reach the sidecar over TLS (system CAs unless --tls-ca)')
    .option('--tls-ca <file>', 'CA bundle CoreDNS trusts for the sidecar (implies TLS)')
    .option('--tls-cert <file>', 'client certificate CoreDNS presents (with --tls-key)')
    .option('--tls-key <file>', 'client key')
    .option('--tls-servername <name>', 'TLS server name to verify')
    .option('--template <file>', 'a server block template of your own (Go text/template subset, see corefile-templates/)')
    .action(async (flags: CorefileFlags) => {
      const options = corefileOptions(flags, deps.readFile);
      const redisUrl = flags.redisUrl ?? (deps.env.REDIS_URL || undefined);
      let namespaces: NamespaceLike[];
      if (redisUrl) {
        const store = createStore({ redisUrl, redisPrefix: flags.redisPrefix ?? deps.env.CLOUDMAP_REDIS_PREFIX ?? 'cloudmap:' });
        try {
          namespaces = await store.listNamespaces();
        } finally {
          await store.close();
        }
      } else {
        namespaces = await listNamespacesViaApi(flags.endpoint);
      }
      (deps.writeOut ?? ((t: string) => console.log(t.replace(/\n$/, ''))))(renderCorefile(corefileZones(namespaces), options));
    });
}
