/**
 * The scale benchmark's data: N instances in S services of one private DNS
 * namespace `scale.local`, A + SRV (MULTIVALUE, TTL 30), 3 attributes each
 * (`AWS_INSTANCE_IPV4`, `AWS_INSTANCE_PORT` and a custom `stage`), as the
 * Cloud Map API takes them and as our model holds them (for the in-process
 * anatomy of `bench/scale-anatomy.ts`).
 */
import type { Instance, Namespace, Service } from '../../src/model/types.ts';
import { benchNamespace, benchService } from '../dns/data.ts';

export const ZONE = 'scale.local';
/** Instances in all (`BENCH_INSTANCES`, default 100,000). */
export const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 100_000);
/** Services (`BENCH_SERVICES`, default 1,000); instances are spread evenly. */
export const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);

export const serviceName = (i: number): string => `svc-${String(i).padStart(4, '0')}`;
export const instanceId = (j: number): string => `i-${String(j).padStart(6, '0')}`;
/** A distinct IPv4 per (service, instance). */
export const address = (i: number, j: number): string => `10.${(i >> 8) & 255}.${i & 255}.${j % 250 + 1}`;
export const port = (j: number): string => String(8080 + (j % 4));
/** The three attributes of instance `j` of service `i`. */
export const attributes = (i: number, j: number): Record<string, string> =>
  ({ AWS_INSTANCE_IPV4: address(i, j), AWS_INSTANCE_PORT: port(j), stage: j % 2 === 0 ? 'blue' : 'green' });
/** Instances of service `i` (the first `INSTANCES % SERVICES` services get one more). */
export const instancesOf = (i: number): number => Math.floor(INSTANCES / SERVICES) + (i < INSTANCES % SERVICES ? 1 : 0);

/** The same data as our model holds it, with fresh strings as a store would decode them (no sharing). */
export function model(): { namespace: Namespace; services: Service[]; instances: Instance[] } {
  const namespace = benchNamespace('ns-scale', ZONE);
  const services: Service[] = [];
  const instances: Instance[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const service = benchService(i, namespace.id, 30);
    services.push(service);
    const { id } = service;
    for (let j = 0; j < instancesOf(i); j++) {
      // JSON round trip: every string is a fresh heap string, as Redis replies and change events give them.
      instances.push(JSON.parse(JSON.stringify({
        id: instanceId(j), serviceId: id, attributes: attributes(i, j), createdByAccount: '123456789012',
        createDate: 1_763_800_000_000 + j, updateDate: 1_763_800_000_000 + j, healthStatus: 'HEALTHY',
      })) as Instance);
    }
  }
  return { namespace, services, instances };
}
