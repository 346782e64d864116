/**
 * Corefile stanzas for Cloud Map DNS namespaces: one CoreDNS server block per
 * zone that hands it to the cloudmap-dns sidecar with the `grpc` plugin
 * (`coredns.dns.DnsService/Query`), with `errors`, `cache`, `prometheus`,
 * `ready` and (in the first block only) `health`, optionally with `lameduck`.
 *
 * Pure: namespaces and options in, text out. Used by `cloudmap-dns corefile`
 * and by the reconciler's Corefile provider (a ConfigMap in the
 * `coredns-custom` style, one `<zone>.server` key per stanza or all in one).
 *
 * CoreDNS rules followed (plugin READMEs): `health` is process-wide and may
 * be enabled in one server block only (so it goes in the first block, or in
 * none when the main Corefile has it); `ready` and `prometheus` may repeat
 * with the same address; `grpc FROM TO` with `tls [CERT] [KEY] [CA]` and
 * `tls_servername NAME` for TLS to the sidecar.
 */
import type { Namespace } from '../model/types.ts';
import { isDnsNamespace } from '../model/types.ts';
import { isEncodableName } from '../dns/rdata.ts';
import { canonicalName } from '../view/view.ts';
import { NAMESPACE_TEMPLATE, renderTemplate } from './template.ts';

/** Options of `renderCorefile`. */
export interface CorefileOptions {
  /**
   * The cloudmap-dns gRPC listener CoreDNS forwards to, `host:port`.
   * @default '127.0.0.1:8054'
   */
  upstream?: string;
  /** Port of the CoreDNS server blocks. @default 53 */
  port?: number;
  /**
   * Most seconds CoreDNS caches an answer (`cache TTL`); also bounds how long a
   * deregistration can stay visible through CoreDNS. 0 leaves `cache` out.
   * @default 5
   */
  cacheSeconds?: number;
  /** `prometheus` address, or false for none. @default ':9153' */
  prometheus?: string | false;
  /** `health` address for the first block, or false when the main Corefile already has `health`. @default ':8080' */
  health?: string | false;
  /**
   * `lameduck DURATION` inside `health` (CoreDNS health plugin): on SIGTERM,
   * keep answering (with /health failing) this long before stopping, e.g.
   * `'5s'`, so a Pod leaves its Service's endpoints before it stops. False
   * for none. @default false
   */
  lameduck?: string | false;
  /** `ready` address, or false for none. @default ':8181' */
  ready?: string | false;
  /** TLS to the sidecar: `tls [CERT KEY] [CA]` arguments and server name; omitted for plaintext. */
  tls?: { cert?: string; key?: string; ca?: string; serverName?: string };
  /** Template text (Go text/template subset, `template.ts`). @default NAMESPACE_TEMPLATE */
  template?: string;
}

/**
 * The zones to serve: the names of the DNS namespaces (private and public),
 * lowercase without trailing dot, sorted, without duplicates. HTTP namespaces
 * have no zone.
 */
export function corefileZones(namespaces: readonly Pick<Namespace, 'name' | 'type'>[]): string[] {
  return [...new Set(namespaces.filter(isDnsNamespace).map((ns) => canonicalName(ns.name)))].sort();
}

const SAFE = /^[A-Za-z0-9._:[\]/-]+$/;

function word(value: string, what: string): string {
  if (!SAFE.test(value)) throw new Error(`${what} ${JSON.stringify(value)} cannot be written into a Corefile`);
  return value;
}

/**
 * Render one server block per zone, separated by a blank line; '' for no zones.
 * @throws Error for a zone that is not a DNS name, an option value with
 *   characters a Corefile token cannot hold, TLS with only one of cert/key,
 *   or a template error
 */
export function renderCorefile(zones: readonly string[], options: CorefileOptions = {}): string {
  const { upstream = '127.0.0.1:8054', port = 53, cacheSeconds = 5, prometheus = ':9153', health = ':8080', lameduck = false, ready = ':8181', tls, template = NAMESPACE_TEMPLATE } = options;
  if (lameduck !== false && !/^\d+(\.\d+)?(ms|s|m|h)$/.test(lameduck)) throw new Error(`lameduck must be a Go duration such as 5s, got ${JSON.stringify(lameduck)}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`port must be 1..65535, got ${port}`);
  if (!Number.isInteger(cacheSeconds) || cacheSeconds < 0) throw new Error(`cacheSeconds must be a whole number of seconds, got ${cacheSeconds}`);
  if (tls && (tls.cert === undefined) !== (tls.key === undefined)) throw new Error('TLS client certificate and key must be given together');
  const tlsArgs = tls ? [tls.cert, tls.key, tls.ca].filter((v): v is string => v !== undefined).map((v) => word(v, 'TLS file')).join(' ') : '';
  return zones
    .map((zone, i) => {
      if (!isEncodableName(zone) || zone === '' || zone.startsWith('.')) throw new Error(`not a DNS zone name: ${JSON.stringify(zone)}`);
      return renderTemplate(template, {
        Zone: word(canonicalName(zone), 'zone'),
        Port: port,
        CacheSeconds: cacheSeconds,
        Prometheus: prometheus === false ? '' : word(prometheus, 'prometheus address'),
        Health: health === false || i > 0 ? '' : word(health, 'health address'),
        Lameduck: health === false || i > 0 || lameduck === false ? '' : lameduck,
        Ready: ready === false ? '' : word(ready, 'ready address'),
        Upstream: word(upstream, 'upstream'),
        Tls: tls !== undefined,
        TlsArgs: tlsArgs,
        TlsServerName: tls?.serverName ? word(tls.serverName, 'TLS server name') : '',
      });
    })
    .join('\n');
}
