/**
 * Service operations: CreateService, GetService, ListServices, DeleteService.
 * Source: AWS Cloud Map API reference (CreateService, DnsConfig, DnsRecord,
 * HealthCheckConfig, HealthCheckCustomConfig).
 */
import { errors } from '../model/errors.ts';
import { arn, idFromIdOrArn, newServiceId } from '../model/ids.ts';
import type { DnsRecordTemplate, HealthCheckConfig, Namespace, RecordType, RoutingPolicy, Service, ServiceType } from '../model/types.ts';
import type { RequestContext } from './context.ts';
import { compileFilters, type FilterInput, type FilterTable } from './filters.ts';
import { byCreateDate, DEFAULT_MAX_RESULTS, type Handler, namespaceOrThrow, serviceOrThrow, tagMap } from './handler.ts';
import { paginate } from './pagination.ts';
import { serviceShape, serviceSummaryShape } from './shapes.ts';

interface DnsConfigInput {
  NamespaceId?: string;
  RoutingPolicy?: RoutingPolicy;
  DnsRecords: { Type: RecordType; TTL: number }[];
}

interface CreateServiceInput {
  Name: string;
  NamespaceId?: string;
  CreatorRequestId?: string;
  Description?: string;
  DnsConfig?: DnsConfigInput;
  HealthCheckConfig?: { Type: HealthCheckConfig['type']; ResourcePath?: string; FailureThreshold?: number };
  HealthCheckCustomConfig?: { FailureThreshold?: number };
  Tags?: unknown;
  Type?: 'HTTP';
}

/**
 * The DNS records of a service, checked against the combinations Cloud Map
 * allows (model doc of DnsRecord.Type and RoutingPolicy): each type at most
 * once, CNAME alone, with WEIGHTED routing and without HealthCheckConfig.
 * @throws InvalidInput
 */
export function checkDnsConfig(config: DnsConfigInput, hasHealthCheck: boolean): { routingPolicy: RoutingPolicy; dnsRecords: DnsRecordTemplate[] } {
  const types = config.DnsRecords.map((r) => r.Type);
  if (types.length === 0) throw errors.invalidInput('DnsConfig.DnsRecords must contain at least one record');
  if (new Set(types).size !== types.length) throw errors.invalidInput('DnsConfig.DnsRecords contains a record type more than once');
  const routingPolicy = config.RoutingPolicy ?? 'MULTIVALUE';
  if (types.includes('CNAME')) {
    if (types.length > 1) throw errors.invalidInput('A CNAME record cannot be combined with other record types');
    if (routingPolicy !== 'WEIGHTED') throw errors.invalidInput('CNAME records require the WEIGHTED routing policy');
    if (hasHealthCheck) throw errors.invalidInput('CNAME records cannot be used with HealthCheckConfig');
  }
  return { routingPolicy, dnsRecords: config.DnsRecords.map((r) => ({ type: r.Type, ttl: r.TTL })) };
}

/** Service type for a new service: DNS_HTTP when it has DNS records, else HTTP. */
function serviceType(ns: Namespace, input: CreateServiceInput): ServiceType {
  if (input.DnsConfig && (input.Type === 'HTTP' || ns.type === 'HTTP')) {
    throw errors.invalidInput(
      input.Type === 'HTTP' ? 'DnsConfig cannot be specified for a service of type HTTP' : 'DnsConfig cannot be specified for a service in an HTTP namespace',
    );
  }
  return input.DnsConfig ? 'DNS_HTTP' : 'HTTP';
}

/** CreateService → `{Service}`; throws NamespaceNotFound, ServiceAlreadyExists, InvalidInput. */
export const createService: Handler = async (raw, ctx) => {
  const input = raw as unknown as CreateServiceInput;
  const namespaceRef = input.NamespaceId ?? input.DnsConfig?.NamespaceId;
  if (!namespaceRef) throw errors.invalidInput('NamespaceId is required');
  const ns = await namespaceOrThrow(ctx, namespaceRef);
  if (input.HealthCheckConfig && input.HealthCheckCustomConfig) {
    throw errors.invalidInput('Specify either HealthCheckConfig or HealthCheckCustomConfig, not both');
  }
  if (input.HealthCheckConfig && ns.type === 'DNS_PRIVATE') {
    throw errors.invalidInput('HealthCheckConfig is supported in public DNS and HTTP namespaces only');
  }
  const type = serviceType(ns, input);
  const dns = input.DnsConfig ? checkDnsConfig(input.DnsConfig, input.HealthCheckConfig !== undefined) : undefined;
  const id = newServiceId();
  const service: Service = {
    id,
    arn: arn(ctx.region, ctx.accountId, 'service', id),
    name: input.Name,
    namespaceId: ns.id,
    type,
    createdByAccount: ctx.accountId,
    resourceOwner: ctx.accountId,
    createDate: ctx.now,
    instancesRevision: 0,
    ...(input.Description !== undefined && { description: input.Description }),
    ...(input.CreatorRequestId !== undefined && { creatorRequestId: input.CreatorRequestId }),
    ...(dns && { routingPolicy: dns.routingPolicy, dnsRecords: dns.dnsRecords }),
    ...(input.HealthCheckConfig && {
      healthCheckConfig: {
        type: input.HealthCheckConfig.Type,
        ...(input.HealthCheckConfig.ResourcePath !== undefined && { resourcePath: input.HealthCheckConfig.ResourcePath }),
        ...(input.HealthCheckConfig.FailureThreshold !== undefined && { failureThreshold: input.HealthCheckConfig.FailureThreshold }),
      },
    }),
    ...(input.HealthCheckCustomConfig && { healthCheckCustom: true }),
  };
  const event = await ctx.store.createService(service, tagMap(input.Tags));
  await ctx.awaitRevision(event.revision);
  return { Service: serviceShape({ ...event.service, instanceCount: 0 }) };
};

/** GetService → `{Service}`; throws ServiceNotFound. */
export const getService: Handler = async (input, ctx) => ({ Service: serviceShape(await serviceOrThrow(ctx, input.Id as string)) });

/** ServiceFilter names: NAMESPACE_ID (id or ARN) and RESOURCE_OWNER, EQ only. */
const serviceFilters = (ctx: RequestContext): FilterTable<Service> => ({
  NAMESPACE_ID: { conditions: ['EQ'], value: (svc) => svc.namespaceId },
  RESOURCE_OWNER: { conditions: ['EQ'], value: (svc) => (svc.resourceOwner === ctx.accountId ? 'SELF' : 'OTHER_ACCOUNTS') },
});

/** ListServices → `{Services, NextToken?}`, oldest first. */
export const listServices: Handler = async (input, ctx) => {
  const filters = (input.Filters as FilterInput[] | undefined)?.map((f) =>
    f.Name === 'NAMESPACE_ID' ? { ...f, Values: f.Values.map(idFromIdOrArn) } : f,
  );
  const matches = compileFilters(filters, serviceFilters(ctx));
  const all = (await ctx.store.listServices()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken as string | undefined, (input.MaxResults as number) ?? DEFAULT_MAX_RESULTS);
  return { Services: page.items.map(serviceSummaryShape), NextToken: page.nextToken };
};

/** DeleteService → `{}`; throws ServiceNotFound, ResourceInUse (instances remain). */
export const deleteService: Handler = async (input, ctx) => {
  const event = await ctx.store.deleteService(idFromIdOrArn(input.Id as string));
  await ctx.awaitRevision(event.revision);
  return {};
};
