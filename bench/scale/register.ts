/**
 * Loads the scale data set (`data.ts`) into a server through the Cloud Map
 * API: one namespace, the services, then every instance with RegisterInstance,
 * `inFlight` calls at a time over keep-alive connections.
 */
import { attributes, instanceId, serviceName, ZONE } from './data.ts';

async function api(httpPort: number, operation: string, body: unknown): Promise<any> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`http://127.0.0.1:${httpPort}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53AutoNaming_v20170314.${operation}` },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    if (res.status === 200) return json;
    if (res.status >= 500 && attempt < 5) continue; // retryable (e.g. a view reload under way)
    throw new Error(`${operation}: ${res.status} ${JSON.stringify(json)}`);
  }
}

/** What `register` did. */
export interface Registered {
  namespaceId: string;
  serviceIds: string[];
  /** RegisterInstance calls per second (services excluded). */
  perSecond: number;
  seconds: number;
}

/**
 * Creates `scale.local` with `services` services (A + SRV, MULTIVALUE, TTL
 * 30) and registers `instances` instances spread evenly over them.
 */
export async function register(httpPort: number, services: number, instances: number, inFlight = 64): Promise<Registered> {
  const created = await api(httpPort, 'CreatePrivateDnsNamespace', { Name: ZONE, Vpc: 'vpc-scale' });
  const namespaceId = (await api(httpPort, 'GetOperation', { OperationId: created.OperationId })).Operation.Targets.NAMESPACE as string;
  const serviceIds: string[] = new Array(services);
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    for (let i = next++; i < services; i = next++) {
      const svc = await api(httpPort, 'CreateService', {
        Name: serviceName(i), NamespaceId: namespaceId,
        DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 30 }, { Type: 'SRV', TTL: 30 }] },
      });
      serviceIds[i] = svc.Service.Id as string;
    }
  }));
  const per = Math.floor(instances / services);
  const extra = instances % services;
  next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    for (let k = next++; k < instances; k = next++) {
      // Round-robin over services so every service grows alike.
      const i = k % services;
      const j = Math.floor(k / services);
      if (j >= per + (i < extra ? 1 : 0)) continue;
      await api(httpPort, 'RegisterInstance', { ServiceId: serviceIds[i], InstanceId: instanceId(j), Attributes: attributes(i, j) });
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { namespaceId, serviceIds, perSecond: instances / seconds, seconds };
}

/** One more registration (e.g. to wake a change feed). */
export function registerOne(httpPort: number, serviceId: string, id: string): Promise<unknown> {
  return api(httpPort, 'RegisterInstance', { ServiceId: serviceId, InstanceId: id, Attributes: { AWS_INSTANCE_IPV4: '10.255.255.1', AWS_INSTANCE_PORT: '80', stage: 'blue' } });
}
