/**
 * `inspect` output: a tree of namespaces, services and instances (text for
 * people, `--json` for programs), optionally narrowed to one namespace or
 * service, with each record's Redis key when asked (`--keys`) so it can be
 * pasted into `redis-cli HGETALL`.
 */
import type { RedisKeys } from '../store/redis/keys.ts';
import type { InspectState } from './state.ts';

/** Options of `renderState` / `selectState`. */
export interface RenderOptions {
  /** Only this namespace (name, case-insensitive, or id). */
  namespace?: string;
  /** Only this service (name, case-insensitive, or id). */
  service?: string;
  /** Print each record's Redis key (Redis state only). */
  keys?: RedisKeys;
  /** Epoch ms for "ago" figures. @default Date.now() */
  now?: number;
}

/**
 * `state` narrowed to `--namespace` / `--service`.
 * @throws Error naming the filter that matches nothing
 */
export function selectState(state: InspectState, o: RenderOptions): InspectState {
  const matches = (filter: string | undefined, r: { id: string; name: string }): boolean =>
    filter === undefined || r.id === filter || r.name.toLowerCase() === filter.toLowerCase();
  let namespaces = state.namespaces.filter((ns) => matches(o.namespace, ns));
  if (o.namespace !== undefined && namespaces.length === 0) throw new Error(`--namespace ${JSON.stringify(o.namespace)}: no namespace has this name or id`);
  const nsIds = new Set(namespaces.map((ns) => ns.id));
  const services = state.services.filter((svc) => nsIds.has(svc.namespaceId) && matches(o.service, svc));
  if (o.service !== undefined) {
    if (services.length === 0) throw new Error(`--service ${JSON.stringify(o.service)}: no service has this name or id${o.namespace ? ' in that namespace' : ''}`);
    const keep = new Set(services.map((s) => s.namespaceId));
    namespaces = namespaces.filter((ns) => keep.has(ns.id));
  }
  const svcIds = new Set(services.map((s) => s.id));
  return {
    ...state, namespaces, services,
    instances: state.instances.filter((i) => svcIds.has(i.serviceId)),
    lastChecks: state.lastChecks.filter((c) => svcIds.has(c.serviceId)),
  };
}

const ago = (ms: number): string => (ms < 1000 ? `${Math.max(0, Math.round(ms))} ms ago` : `${Math.round(ms / 1000)} s ago`);

/** The text form; see the module comment. */
export function renderState(state: InspectState, o: RenderOptions = {}): string {
  const now = o.now ?? Date.now();
  const k = o.keys;
  const key = (name: string | undefined): string => (k && name ? `  [${name}]` : '');
  const lines: string[] = [];
  const head = [`source ${state.source}`];
  if (state.revision !== undefined) head.push(`revision ${state.revision}`);
  if (state.epoch !== undefined) head.push(state.epoch === null ? 'epoch MISSING' : `epoch ${state.epoch}`);
  lines.push(head.join('  '));
  if (state.leases) {
    const counts = new Map<string, number>();
    for (const s of state.leases.shards) if (s.expiresAt > now) counts.set(s.holder, (counts.get(s.holder) ?? 0) + 1);
    const holders = state.leases.holders.filter((h) => h.expiresAt > now);
    lines.push(`health checkers: ${holders.length} live (${holders.map((h) => `${h.holder} holds ${counts.get(h.holder) ?? 0} shards`).join(', ') || 'none'})`);
  }
  if (state.namespaces.length === 0) lines.push('', '(no namespaces)');
  const checks = new Map(state.lastChecks.map((c) => [`${c.serviceId}\n${c.instanceId}`, c]));
  for (const ns of [...state.namespaces].sort((a, b) => a.name.localeCompare(b.name))) {
    const services = state.services.filter((s) => s.namespaceId === ns.id).sort((a, b) => a.name.localeCompare(b.name));
    lines.push('', `namespace ${ns.name}  ${ns.id}  ${ns.type}${ns.vpc ? `  ${ns.vpc}` : ''}  services ${services.length}${key(k?.namespace(ns.id))}`);
    for (const svc of services) {
      const instances = state.instances.filter((i) => i.serviceId === svc.id).sort((a, b) => a.id.localeCompare(b.id));
      const parts = [`service ${svc.name}`, svc.id, svc.type];
      if (svc.routingPolicy) parts.push(svc.routingPolicy);
      if (svc.dnsRecords?.length) parts.push(svc.dnsRecords.map((r) => `${r.type}:${r.ttl}`).join(','));
      const hc = svc.healthCheckConfig;
      if (hc) parts.push(`health-check ${hc.type}${hc.resourcePath ? ` ${hc.resourcePath}` : ''} x${hc.failureThreshold ?? 1}`);
      if (svc.healthCheckCustom) parts.push('health-check custom');
      parts.push(`instances ${instances.length}`);
      lines.push(`  ${parts.join('  ')}${key(k?.service(svc.id))}`);
      for (const inst of instances) {
        const attrs = Object.entries(inst.attributes).sort(([a], [b]) => a.localeCompare(b)).map(([a, v]) => `${a}=${v}`).join(' ');
        lines.push(`    instance ${inst.id}  ${inst.healthStatus ?? '-'}  ${attrs}${key(k?.instance(svc.id, inst.id))}`);
        const c = checks.get(`${svc.id}\n${inst.id}`);
        if (c) {
          const streak = c.outcome === 'success' ? `${c.consecutiveSuccesses} ok in a row` : `${c.consecutiveFailures} failed in a row`;
          lines.push(`      last check ${ago(now - c.time)}  ${c.outcome}  ${c.detail}  ${c.latencyMs} ms  ${c.target}  ${streak}  by ${c.checkedBy}`);
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The `--json` form: the state as one JSON document. */
export function renderJson(state: InspectState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}
