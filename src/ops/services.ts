/**
 * Service use cases: CreateService, UpdateService and DeleteService.
 * Source: AWS Cloud Map API reference (CreateService, UpdateService,
 * ServiceChange, DnsConfig, DnsRecord, HealthCheckConfig,
 * HealthCheckCustomConfig, DeleteService).
 */
import { hasHealthCheck, initialHealthStatus } from '../model/attributes.ts';
import { errors } from '../model/errors.ts';
import { arn, idFromIdOrArn, newServiceId } from '../model/ids.ts';
import type { DnsRecordTemplate, HealthCheckConfig, Namespace, RoutingPolicy, Service } from '../model/types.ts';
import type { Tags } from '../store/store.ts';
import { completedOperation, namespaceOrThrow, nowOf, type OpsDeps, serviceOrThrow, visible } from './deps.ts';
import { setInstanceHealth } from './health.ts';
import { idempotently, requestRecord } from './idempotency.ts';
import { checkTagCount } from './tags.ts';

/** A service's DNS settings (AWS `DnsConfig` without the deprecated NamespaceId). */
export interface DnsConfigInput {
  /** @default 'MULTIVALUE' */
  routingPolicy?: RoutingPolicy;
  dnsRecords: DnsRecordTemplate[];
}

/** Input of `createService`. */
export interface CreateServiceInput {
  name: string;
  /** Namespace id or ARN. */
  namespaceId: string;
  /** Idempotency token (AWS `CreatorRequestId`). */
  creatorRequestId?: string;
  description?: string;
  /** DNS records to create per instance; only in DNS namespaces. */
  dnsConfig?: DnsConfigInput;
  /** Route 53 health check per instance; public DNS and HTTP namespaces only. */
  healthCheckConfig?: HealthCheckConfig;
  /** Custom health checks (UpdateInstanceCustomHealthStatus); exclusive with `healthCheckConfig`. */
  healthCheckCustom?: boolean;
  /** AWS `Type: HTTP`: a DNS-namespace service reachable through DiscoverInstances only (no DnsConfig). */
  httpOnly?: boolean;
  /** At most 50. */
  tags?: Tags;
}

/** AWS's message for a DnsConfig on an HTTP service (CreateService InvalidInput). */
export const HTTP_SERVICE_DNS_CONFIG = "When you specify an HTTP service, you can't include a DnsConfig element.";

/**
 * The DNS records of a service, checked against the combinations Cloud Map
 * allows (model doc of DnsRecord.Type and RoutingPolicy): at least one, each
 * type at most once, CNAME alone, with WEIGHTED routing and without
 * HealthCheckConfig.
 * @throws InvalidInput
 */
export function checkDnsConfig(config: DnsConfigInput, hasHealthCheck: boolean): { routingPolicy: RoutingPolicy; dnsRecords: DnsRecordTemplate[] } {
  const types = config.dnsRecords.map((r) => r.type);
  if (types.length === 0) throw errors.invalidInput('DnsConfig.DnsRecords must contain at least one record');
  if (new Set(types).size !== types.length) throw errors.invalidInput('DnsConfig.DnsRecords contains a record type more than once');
  const routingPolicy = config.routingPolicy ?? 'MULTIVALUE';
  if (types.includes('CNAME')) {
    if (types.length > 1) throw errors.invalidInput('A CNAME record cannot be combined with other record types');
    if (routingPolicy !== 'WEIGHTED') throw errors.invalidInput('CNAME records require the WEIGHTED routing policy');
    if (hasHealthCheck) throw errors.invalidInput('CNAME records cannot be used with HealthCheckConfig');
  }
  return { routingPolicy, dnsRecords: config.dnsRecords.map((r) => ({ type: r.type, ttl: r.ttl })) };
}

/**
 * Checks where a Route 53 health check may go. AWS allows HealthCheckConfig
 * in public DNS and HTTP namespaces only (model doc of HealthCheckConfig).
 * Extension (issue 7, README "Extensions"): private DNS namespaces take it
 * too, and `src/health/` checks their instances actively, as the KECS
 * guide's `create-service --health-check-config` expects; `awsStrict`
 * (`--aws-strict`) restores AWS's InvalidInput.
 * @throws InvalidInput
 */
export function checkHealthCheckPlacement(ns: Namespace, healthCheckConfig: HealthCheckConfig | undefined, custom: boolean, awsStrict = false): void {
  if (!healthCheckConfig) return;
  if (custom) throw errors.invalidInput('Specify either HealthCheckConfig or HealthCheckCustomConfig, not both');
  if (ns.type === 'DNS_PRIVATE' && awsStrict) throw errors.invalidInput(HEALTH_CHECK_IN_PRIVATE_NAMESPACE);
}

/** AWS's rule, enforced with `--aws-strict` (private DNS namespaces take HealthCheckConfig otherwise). */
export const HEALTH_CHECK_IN_PRIVATE_NAMESPACE = 'HealthCheckConfig is supported in public DNS and HTTP namespaces only (cloudmap-dns runs with --aws-strict)';

/**
 * Creates a service and waits until the view has it. A retry with the
 * same `creatorRequestId` and content returns the service it created.
 * @returns the service as stored (`instanceCount` set, `instancesRevision` set)
 * @throws NamespaceNotFound, InvalidInput (DnsConfig in an HTTP namespace or
 *   on an HTTP service, bad record combinations, health check placement;
 *   the token used by another request, CreateService has no
 *   DuplicateRequest), TooManyTagsException, ServiceAlreadyExists,
 *   ServiceUnavailable
 */
export async function createService(deps: OpsDeps, input: CreateServiceInput): Promise<Service> {
  const ns = await namespaceOrThrow(deps.store, input.namespaceId);
  const custom = input.healthCheckCustom === true;
  checkHealthCheckPlacement(ns, input.healthCheckConfig, custom, deps.awsStrict);
  if (input.dnsConfig && (input.httpOnly || ns.type === 'HTTP')) throw errors.invalidInput(HTTP_SERVICE_DNS_CONFIG);
  const dns = input.dnsConfig ? checkDnsConfig(input.dnsConfig, input.healthCheckConfig !== undefined) : undefined;
  checkTagCount(input.tags, input.name);
  const id = newServiceId();
  const hc = input.healthCheckConfig;
  const service: Service = {
    id,
    arn: arn(deps.region, deps.accountId, 'service', id),
    name: input.name,
    namespaceId: ns.id,
    type: dns ? 'DNS_HTTP' : 'HTTP',
    createdByAccount: deps.accountId,
    resourceOwner: deps.accountId,
    createDate: nowOf(deps),
    instancesRevision: 0,
    ...(input.description !== undefined && { description: input.description }),
    ...(input.creatorRequestId !== undefined && { creatorRequestId: input.creatorRequestId }),
    ...(dns && { routingPolicy: dns.routingPolicy, dnsRecords: dns.dnsRecords }),
    ...(hc && {
      healthCheckConfig: {
        type: hc.type,
        ...(hc.resourcePath !== undefined && { resourcePath: hc.resourcePath }),
        ...(hc.failureThreshold !== undefined && { failureThreshold: hc.failureThreshold }),
      },
    }),
    ...(custom && { healthCheckCustom: true }),
  };
  const content = {
    namespaceId: ns.id, name: input.name, description: input.description, dns, healthCheckConfig: service.healthCheckConfig,
    custom, httpOnly: input.httpOnly === true, tags: input.tags,
  };
  const request = requestRecord('CreateService', input.creatorRequestId, content, { resourceId: id });
  return idempotently(request, async () => {
    const event = await deps.store.createService(service, input.tags, request);
    await visible(deps, event.revision);
    return { ...event.service, instanceCount: 0 };
  }, async (original) => {
    await visible(deps, await deps.store.revision());
    const created = await deps.store.getService(original.resourceId);
    if (!created) throw errors.invalidInput(`CreatorRequestId ${input.creatorRequestId} created service ${original.resourceId}, which has since been deleted`);
    return created;
  }, () => errors.invalidInput(`CreatorRequestId ${input.creatorRequestId} was already used by a different CreateService request`));
}

/**
 * Deletes a service that has no instances.
 * @param input.serviceId service id or ARN
 * @throws ServiceNotFound, ResourceInUse (instances remain), ServiceUnavailable
 */
export async function deleteService(deps: OpsDeps, input: { serviceId: string }): Promise<void> {
  const event = await deps.store.deleteService(idFromIdOrArn(input.serviceId));
  await visible(deps, event.revision);
}

/** Input of `updateService` (AWS UpdateServiceRequest / ServiceChange). */
export interface UpdateServiceInput {
  /** Service id or ARN. */
  serviceId: string;
  /** New description; undefined keeps it. */
  description?: string;
  /** New TTLs: exactly the record types the service has (types cannot change); undefined keeps them. */
  dnsRecords?: DnsRecordTemplate[];
  /**
   * The Route 53 health check after the update; `null` removes it (AWS:
   * "If you omit any existing ... HealthCheckConfig configurations from an
   * UpdateService request, the configurations are deleted"); undefined keeps it.
   */
  healthCheckConfig?: HealthCheckConfig | null;
}

/**
 * @throws InvalidInput unless `records` has exactly the record types of `service`, once each
 */
function checkSameRecordTypes(service: Service, records: readonly DnsRecordTemplate[]): void {
  if (!service.dnsRecords) throw errors.invalidInput(`Service ${service.id} has no DnsConfig; it has no DNS records to change`);
  const have = service.dnsRecords.map((r) => r.type).sort();
  const want = records.map((r) => r.type).sort();
  if (new Set(want).size !== want.length) throw errors.invalidInput('DnsConfig.DnsRecords contains a record type more than once');
  if (have.join(',') !== want.join(',')) {
    throw errors.invalidInput(`The record types of a service cannot change: service ${service.id} has ${have.join(', ')}; got ${want.join(', ') || 'none'}`);
  }
}

/**
 * UpdateService: changes the description, the TTLs of the existing DNS
 * records and/or the Route 53 health check, records UPDATE_SERVICE (already
 * SUCCESS) and waits until the view has it, so DNS answers carry the new
 * TTLs at once. When health checking is added or removed, the instances'
 * health statuses are reset to what a new registration would get (HEALTHY
 * with a health check, UNKNOWN without), so no instance stays out of DNS
 * because of a check that no longer exists.
 * @throws ServiceNotFound, InvalidInput (record types changed, DNS records on
 *   a service without DnsConfig, health check placement, CNAME with a health
 *   check), ServiceUnavailable
 */
export async function updateService(deps: OpsDeps, input: UpdateServiceInput): Promise<{ operationId: string; service: Service }> {
  const service = await serviceOrThrow(deps.store, input.serviceId);
  if (input.dnsRecords) checkSameRecordTypes(service, input.dnsRecords);
  if (input.healthCheckConfig) {
    const ns = await namespaceOrThrow(deps.store, service.namespaceId);
    checkHealthCheckPlacement(ns, input.healthCheckConfig, service.healthCheckCustom === true, deps.awsStrict);
    if (service.dnsRecords?.some((r) => r.type === 'CNAME')) throw errors.invalidInput('CNAME records cannot be used with HealthCheckConfig');
  }
  const operation = completedOperation(deps, 'UPDATE_SERVICE', { NAMESPACE: service.namespaceId, SERVICE: service.id });
  const change = {
    ...(input.description !== undefined && { description: input.description }),
    // The service's record order stays; only the TTLs change.
    ...(input.dnsRecords !== undefined && {
      dnsRecords: service.dnsRecords!.map((r) => ({ type: r.type, ttl: input.dnsRecords!.find((n) => n.type === r.type)!.ttl })),
    }),
    ...(input.healthCheckConfig !== undefined && { healthCheckConfig: input.healthCheckConfig }),
  };
  const event = await deps.store.updateService(service.id, change, operation);
  await visible(deps, event.revision);
  if (hasHealthCheck(service) !== hasHealthCheck(event.service)) await resetHealth(deps, event.service);
  return { operationId: operation.id, service: event.service };
}

/** Sets every instance of `service` to the status a new registration would get (see `updateService`). */
async function resetHealth(deps: OpsDeps, service: Service): Promise<void> {
  for (const inst of await deps.store.listInstances(service.id)) {
    const status = initialHealthStatus(service, inst.attributes);
    await setInstanceHealth(deps, { serviceId: service.id, instanceId: inst.id, status, reason: 'health checking changed', ifExists: true });
  }
}
