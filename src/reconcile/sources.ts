/**
 * Where the reconciler reads Cloud Map state (the desired side) and hears
 * that it changed:
 * - `storeSource`: the state store itself (Redis, or the memory store inside
 *   `serve`): a snapshot per pass, and the change stream as the trigger;
 * - `apiSource`: a running server's Cloud Map API (awsJson1_1: ListNamespaces,
 *   ListServices, ListInstances, GetInstancesHealthStatus, every page), for
 *   `reconcile` beside a `serve` that keeps memory state. No change stream:
 *   the periodic resync is the trigger. Private namespaces' VPCs are not in
 *   the API's answers; `vpc` stands in for them.
 */
import { callCloudMap, listAllPages } from '../api/client.ts';
import type { HealthStatus, Instance, Namespace, NamespaceType, RecordType, RoutingPolicy, Service } from '../model/types.ts';
import type { Store } from '../store/store.ts';
import { type CloudMapState, groupState } from './state.ts';

/** A source of Cloud Map state. */
export interface StateSource {
  /** `store` (with the store's kind) or `api`. */
  readonly kind: string;
  read(): Promise<CloudMapState>;
  /** Calls `onChange` after state changes; resolves with a stop function. Absent: no trigger but the resync. */
  watch?(onChange: () => void): Promise<() => Promise<void>>;
}

/** State from a `Store`; see the module comment. */
export function storeSource(store: Store): StateSource {
  return {
    kind: `store (${store.kind})`,
    read: async () => groupState(await store.snapshot()),
    watch: async (onChange) => {
      const sub = store.subscribe(await store.revision(), { onEvents: () => onChange(), onGap: () => onChange() });
      return () => sub.close();
    },
  };
}

interface NamespaceSummary { Id: string; Arn: string; Name: string; Type: NamespaceType; CreateDate?: number; Properties?: { DnsProperties?: { HostedZoneId?: string; SOA?: { TTL?: number } } } }
interface ServiceSummary { Id: string; Arn: string; Name: string; Type?: Service['type']; CreateDate?: number; DnsConfig?: { RoutingPolicy?: RoutingPolicy; DnsRecords?: { Type: RecordType; TTL: number }[] } }
interface InstanceSummary { Id: string; Attributes?: Record<string, string> }

/** State through a server's Cloud Map API; see the module comment. */
export function apiSource(endpoint: string, options: { vpc?: string; accountId?: string } = {}): StateSource {
  const account = options.accountId ?? '123456789012';
  return {
    kind: `api (${endpoint})`,
    read: async () => {
      const namespaces: Namespace[] = (await listAllPages<NamespaceSummary>(endpoint, 'ListNamespaces', {}, 'Namespaces')).map((n) => ({
        id: n.Id, arn: n.Arn, name: n.Name, type: n.Type, createDate: (n.CreateDate ?? 0) * 1000, httpName: n.Name, resourceOwner: account,
        ...(n.Properties?.DnsProperties?.HostedZoneId ? { hostedZoneId: n.Properties.DnsProperties.HostedZoneId } : {}),
        ...(n.Properties?.DnsProperties?.SOA?.TTL !== undefined ? { soaTtl: n.Properties.DnsProperties.SOA.TTL } : {}),
        ...(n.Type === 'DNS_PRIVATE' && options.vpc ? { vpc: options.vpc } : {}),
      }));
      const services: Service[] = [];
      const instances: Instance[] = [];
      for (const ns of namespaces) {
        const summaries = await listAllPages<ServiceSummary>(endpoint, 'ListServices', { Filters: [{ Name: 'NAMESPACE_ID', Values: [ns.id], Condition: 'EQ' }] }, 'Services');
        for (const s of summaries) {
          services.push({
            id: s.Id, arn: s.Arn, name: s.Name, namespaceId: ns.id, type: s.Type ?? 'DNS_HTTP', createdByAccount: account, resourceOwner: account,
            createDate: (s.CreateDate ?? 0) * 1000, instancesRevision: 0,
            ...(s.DnsConfig?.DnsRecords ? { dnsRecords: s.DnsConfig.DnsRecords.map((r) => ({ type: r.Type, ttl: r.TTL })), routingPolicy: s.DnsConfig.RoutingPolicy ?? 'MULTIVALUE' } : {}),
          });
          const list = await listAllPages<InstanceSummary>(endpoint, 'ListInstances', { ServiceId: s.Id }, 'Instances');
          const health: Record<string, HealthStatus> = {};
          let token: string | undefined;
          while (list.length) {
            const page = await callCloudMap<{ Status?: Record<string, HealthStatus>; NextToken?: string }>(endpoint, 'GetInstancesHealthStatus', { ServiceId: s.Id, ...(token ? { NextToken: token } : {}) });
            Object.assign(health, page.Status);
            if (!(token = page.NextToken)) break;
          }
          for (const i of list) {
            instances.push({ id: i.Id, serviceId: s.Id, attributes: i.Attributes ?? {}, createdByAccount: account, createDate: 0, updateDate: 0, healthStatus: health[i.Id] ?? 'UNKNOWN' });
          }
        }
      }
      return groupState({ revision: 0, namespaces, services, instances });
    },
  };
}
