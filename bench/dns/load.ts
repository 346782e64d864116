/**
 * Loads the DNS benchmark data (`data.ts`) into a running `cloudmap-dns
 * serve` through the Cloud Map API (awsJson1_1 over HTTP).
 */
import { INSTANCES, SERVICES, ZONE, address, instanceId, port as instancePort, serviceName } from './data.ts';

/** One Cloud Map API call; throws with the error body on a non-200 status. */
export async function api(httpPort: number, operation: string, body: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53AutoNaming_v20170314.${operation}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${operation}: ${JSON.stringify(json)}`);
  return json;
}

/** Registers the benchmark data through the API, 32 calls in flight; resolves with the seconds it took. */
export async function load(httpPort: number): Promise<number> {
  const started = performance.now();
  const created = await api(httpPort, 'CreatePrivateDnsNamespace', { Name: ZONE, Vpc: 'vpc-bench' });
  const namespaceId = (await api(httpPort, 'GetOperation', { OperationId: created.OperationId })).Operation.Targets.NAMESPACE;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < SERVICES; i = next++) {
      const svc = await api(httpPort, 'CreateService', {
        Name: serviceName(i), NamespaceId: namespaceId,
        DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 30 }, { Type: 'SRV', TTL: 30 }] },
      });
      for (let j = 0; j < INSTANCES; j++) {
        await api(httpPort, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: instanceId(j), Attributes: { AWS_INSTANCE_IPV4: address(i, j), AWS_INSTANCE_PORT: instancePort(j) } });
      }
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return (performance.now() - started) / 1000;
}
