/**
 * The Prometheus registry of one process and the `/metrics` route.
 *
 * Names follow CoreDNS: `cloudmap_dns_<component>_<name>`, where the
 * component is the source folder that declares the metric in its own
 * `metrics.ts` (`src/dns/metrics.ts` → `cloudmap_dns_dns_requests_total`),
 * as CoreDNS plugins declare theirs in `plugin/<name>/metrics.go`. Units
 * are base units (seconds, bytes) named in the suffix (Prometheus naming
 * practices). Besides ours, prom-client's process and Node.js metrics
 * (`process_*`, `nodejs_*`) are exported, as Go programs export `process_*`
 * and `go_*`. The list is in docs/metrics.md.
 */
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** Prefix of every metric of ours. */
export const METRIC_NAMESPACE = 'cloudmap_dns';

/** `cloudmap_dns_<component>_<name>`. */
export function metricName(component: string, name: string): string {
  return `${METRIC_NAMESPACE}_${component}_${name}`;
}

/** Options of `createRegistry`. */
export interface RegistryOptions {
  /**
   * Export prom-client's default process and Node.js metrics (CPU, memory,
   * event loop lag, GC, handles).
   * @default true
   */
  processMetrics?: boolean;
}

/**
 * A new registry with `cloudmap_dns_build_info` (and, by default, the
 * process metrics). One per server, so several servers in one process
 * (tests) do not share counters.
 */
export function createRegistry(options: RegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.processMetrics ?? true) {
    try {
      collectDefaultMetrics({ register: registry });
      // Gauges named like counters (`promtool check metrics` rejects them); the per-type gauges without `_total` stay.
      for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
    } catch {
      // a runtime without perf_hooks' event loop monitor: our own metrics still work
    }
  }
  const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
  const info = new Gauge({
    name: `${METRIC_NAMESPACE}_build_info`,
    help: 'A metric with a constant 1 value labelled by the runtime running cloudmap-dns (CoreDNS: coredns_build_info).',
    labelNames: ['runtime', 'runtime_version'],
    registers: [registry],
  });
  info.set(deno ? { runtime: 'deno', runtime_version: deno.version.deno } : { runtime: 'node', runtime_version: globalThis.process?.version ?? 'unknown' }, 1);
  return registry;
}

/**
 * `GET /metrics`: the registry in the Prometheus text format (0.0.4), as
 * a web Response. A collector that fails makes it a 500 naming the error.
 */
export async function metricsResponse(registry: Registry): Promise<Response> {
  try {
    return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
  } catch (error) {
    return new Response(`cannot collect metrics: ${(error as Error).message}\n`, { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}
