/**
 * What `cloudmap-dns inspect` shows: namespaces, services and instances with
 * their health, read from Redis (the store's snapshot, plus the health
 * checker's last checks and lease shards when they exist) or, with memory
 * state, from a running server's Cloud Map API (ListNamespaces,
 * ListServices per namespace, ListInstances and GetInstancesHealthStatus per
 * service, every page).
 */
import { callCloudMap, listAllPages } from '../api/client.ts';
import type { CheckReport } from '../health/observer.ts';
import { HEALTH_LEASE_GROUP, type HealthLeases } from '../health/inspect.ts';
import { readCheckResults } from '../health/results.ts';
import type { HealthStatus, Instance, Namespace, Service } from '../model/types.ts';
import type { RedisClient } from '../store/redis/connection.ts';
import type { RedisKeys } from '../store/redis/keys.ts';
import { readShardLeases } from '../store/redis/shard-leases.ts';
import type { Store } from '../store/store.ts';

/** Everything `inspect` prints. */
export interface InspectState {
  /** Where it was read: `redis …` or `api http://…`. */
  source: string;
  /** Store revision (Redis only). */
  revision?: number;
  /** The epoch key's value, null when missing (Redis only). */
  epoch?: string | null;
  namespaces: Pick<Namespace, 'id' | 'name' | 'type' | 'description' | 'vpc'>[];
  services: Pick<Service, 'id' | 'name' | 'namespaceId' | 'type' | 'routingPolicy' | 'dnsRecords' | 'healthCheckConfig' | 'healthCheckCustom'>[];
  /** Instances; `healthStatus` absent when the API gave none. */
  instances: (Pick<Instance, 'id' | 'serviceId' | 'attributes'> & { healthStatus?: HealthStatus })[];
  /** Last active health checks, when the health role stores them (Redis). */
  lastChecks: CheckReport[];
  /** Health lease shards (Redis, while health checkers run). */
  leases?: HealthLeases;
}

/** Reads the state of `store` (a RedisStore on `client`'s Redis) with the health keys under `keys`. */
export async function readRedisState(store: Store, client: RedisClient, keys: RedisKeys, source: string): Promise<InspectState> {
  const snapshot = await store.snapshot();
  const epoch = await client.get(keys.epoch);
  const byService = new Map<string, string[]>();
  for (const i of snapshot.instances) byService.set(i.serviceId, [...(byService.get(i.serviceId) ?? []), i.id]);
  const lastChecks: CheckReport[] = [];
  for (const [serviceId, instanceIds] of byService) lastChecks.push(...(await readCheckResults(client, keys, { serviceId, instanceIds })));
  const leases = await readShardLeases(client, keys, HEALTH_LEASE_GROUP);
  return {
    source, revision: snapshot.revision, epoch,
    namespaces: snapshot.namespaces, services: snapshot.services, instances: snapshot.instances, lastChecks,
    ...((leases.holders.length > 0 || leases.shards.length > 0) && { leases }),
  };
}

type Json = Record<string, unknown>;

/** Reads the state through a running server's Cloud Map API (for memory state, which lives inside that process). */
export async function readApiState(endpoint: string): Promise<InspectState> {
  const state: InspectState = { source: `api ${endpoint}`, namespaces: [], services: [], instances: [], lastChecks: [] };
  for (const ns of await listAllPages<Json>(endpoint, 'ListNamespaces', {}, 'Namespaces')) {
    state.namespaces.push({ id: String(ns.Id), name: String(ns.Name), type: ns.Type as Namespace['type'], ...(ns.Description ? { description: String(ns.Description) } : {}) });
    const filter = { Filters: [{ Name: 'NAMESPACE_ID', Values: [ns.Id], Condition: 'EQ' }] };
    for (const svc of await listAllPages<Json>(endpoint, 'ListServices', filter, 'Services')) {
      const dns = svc.DnsConfig as { RoutingPolicy?: Service['routingPolicy']; DnsRecords?: { Type: string; TTL: number }[] } | undefined;
      const hc = svc.HealthCheckConfig as { Type: string; ResourcePath?: string; FailureThreshold?: number } | undefined;
      state.services.push({
        id: String(svc.Id), name: String(svc.Name), namespaceId: String(ns.Id), type: svc.Type as Service['type'],
        ...(dns?.RoutingPolicy && { routingPolicy: dns.RoutingPolicy }),
        ...(dns?.DnsRecords && { dnsRecords: dns.DnsRecords.map((r) => ({ type: r.Type as 'A', ttl: r.TTL })) }),
        ...(hc && { healthCheckConfig: { type: hc.Type as 'HTTP', ...(hc.ResourcePath && { resourcePath: hc.ResourcePath }), ...(hc.FailureThreshold && { failureThreshold: hc.FailureThreshold }) } }),
        ...(svc.HealthCheckCustomConfig ? { healthCheckCustom: true } : {}),
      });
      const health: Record<string, HealthStatus> = {};
      try {
        let token: string | undefined;
        do {
          const page = await callCloudMap(endpoint, 'GetInstancesHealthStatus', { ServiceId: svc.Id, ...(token && { NextToken: token }) });
          Object.assign(health, page.Status ?? {});
          token = page.NextToken as string | undefined;
        } while (token);
      } catch {
        // a service whose health the API does not report: shown without status
      }
      for (const inst of await listAllPages<Json>(endpoint, 'ListInstances', { ServiceId: svc.Id }, 'Instances')) {
        const id = String(inst.Id);
        state.instances.push({ id, serviceId: String(svc.Id), attributes: (inst.Attributes ?? {}) as Record<string, string>, ...(health[id] && { healthStatus: health[id] }) });
      }
    }
  }
  return state;
}
