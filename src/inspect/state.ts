/**
 * What `cloudmap-dns inspect` shows: namespaces, services and instances with
 * their health, read from Redis (the store's snapshot, plus the health
 * checker's last checks and lease shards when they exist) or, with memory
 * state, from a running server's Cloud Map API (ListNamespaces,
 * ListServices per namespace, ListInstances and GetInstancesHealthStatus per
 * service, every page).
 */
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

/**
 * One Cloud Map API call (awsJson1_1) to `endpoint`.
 * @throws Error naming the operation, the endpoint and the AWS error
 */
async function call(endpoint: string, operation: string, body: Json): Promise<Json> {
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53AutoNaming_v20170314.${operation}` },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new Error(`cannot reach the Cloud Map API at ${endpoint}: ${(e as Error).message}`);
  }
  const json = (await res.json().catch(() => ({}))) as Json;
  if (res.status !== 200) throw new Error(`${operation} at ${endpoint} failed: ${res.status} ${String(json.__type ?? '')} ${String(json.Message ?? json.message ?? '')}`.trim());
  return json;
}

/** Every page of a List* call: the items under `field`. */
async function pages(endpoint: string, operation: string, body: Json, field: string): Promise<Json[]> {
  const out: Json[] = [];
  let token: string | undefined;
  do {
    const page = await call(endpoint, operation, token ? { ...body, NextToken: token } : body);
    out.push(...((page[field] as Json[] | undefined) ?? []));
    token = page.NextToken as string | undefined;
  } while (token);
  return out;
}

/** Reads the state through a running server's Cloud Map API (for memory state, which lives inside that process). */
export async function readApiState(endpoint: string): Promise<InspectState> {
  const state: InspectState = { source: `api ${endpoint}`, namespaces: [], services: [], instances: [], lastChecks: [] };
  for (const ns of await pages(endpoint, 'ListNamespaces', {}, 'Namespaces')) {
    state.namespaces.push({ id: String(ns.Id), name: String(ns.Name), type: ns.Type as Namespace['type'], ...(ns.Description ? { description: String(ns.Description) } : {}) });
    const filter = { Filters: [{ Name: 'NAMESPACE_ID', Values: [ns.Id], Condition: 'EQ' }] };
    for (const svc of await pages(endpoint, 'ListServices', filter, 'Services')) {
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
          const page = await call(endpoint, 'GetInstancesHealthStatus', { ServiceId: svc.Id, ...(token && { NextToken: token }) });
          Object.assign(health, page.Status ?? {});
          token = page.NextToken as string | undefined;
        } while (token);
      } catch {
        // a service whose health the API does not report: shown without status
      }
      for (const inst of await pages(endpoint, 'ListInstances', { ServiceId: svc.Id }, 'Instances')) {
        const id = String(inst.Id);
        state.instances.push({ id, serviceId: String(svc.Id), attributes: (inst.Attributes ?? {}) as Record<string, string>, ...(health[id] && { healthStatus: health[id] }) });
      }
    }
  }
  return state;
}
