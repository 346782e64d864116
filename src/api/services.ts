/**
 * Service operations: CreateService, GetService, ListServices, DeleteService,
 * UpdateService, and the service attributes (GetServiceAttributes,
 * UpdateServiceAttributes, DeleteServiceAttributes).
 * Wire shapes ↔ `src/ops/services.ts`. Source: AWS Cloud Map API reference
 * (CreateService, DnsConfig, DnsRecord, HealthCheckConfig,
 * HealthCheckCustomConfig).
 */
import { errors } from '../model/errors.ts';
import { idFromIdOrArn } from '../model/ids.ts';
import type * as Wire from '../model/shapes.generated.ts';
import type { HealthCheckConfig, Service } from '../model/types.ts';
import { serviceOrThrow } from '../ops/deps.ts';
import { deleteServiceAttributes as deleteAttributes, updateServiceAttributes as updateAttributes } from '../ops/service-attributes.ts';
import * as ops from '../ops/services.ts';
import type { RequestContext } from './context.ts';
import { compileFilters, type FilterTable } from './filters.ts';
import { byCreateDate, DEFAULT_MAX_RESULTS, type Handler, tagMap } from './handler.ts';
import { paginate } from './pagination.ts';
import { serviceShape, serviceSummaryShape } from './shapes.ts';

/** Wire `HealthCheckConfig` → model. */
export function healthCheckConfigOf(hc: Wire.HealthCheckConfig | undefined): HealthCheckConfig | undefined {
  if (!hc) return undefined;
  return {
    type: hc.Type,
    ...(hc.ResourcePath !== undefined && { resourcePath: hc.ResourcePath }),
    ...(hc.FailureThreshold !== undefined && { failureThreshold: hc.FailureThreshold }),
  };
}

/** Wire `DnsRecord` list → model. */
export const dnsRecordsOf = (records: readonly Wire.DnsRecord[]) => records.map((r) => ({ type: r.Type, ttl: r.TTL }));

/** CreateService → `{Service}`; throws NamespaceNotFound, ServiceAlreadyExists, InvalidInput. */
export const createService: Handler<'CreateService'> = async (input, ctx) => {
  const namespaceId = input.NamespaceId ?? input.DnsConfig?.NamespaceId;
  if (!namespaceId) throw errors.invalidInput('NamespaceId is required');
  const service = await ops.createService(ctx, {
    name: input.Name,
    namespaceId,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    dnsConfig: input.DnsConfig && { routingPolicy: input.DnsConfig.RoutingPolicy, dnsRecords: dnsRecordsOf(input.DnsConfig.DnsRecords) },
    healthCheckConfig: healthCheckConfigOf(input.HealthCheckConfig),
    healthCheckCustom: input.HealthCheckCustomConfig !== undefined,
    httpOnly: input.Type === 'HTTP',
    tags: tagMap(input.Tags),
  });
  return { Service: serviceShape(service) };
};

/** GetService → `{Service}`; throws ServiceNotFound. */
export const getService: Handler<'GetService'> = async (input, ctx) => ({ Service: serviceShape(await serviceOrThrow(ctx.store, input.Id)) });

/** ServiceFilter names: NAMESPACE_ID (id or ARN) and RESOURCE_OWNER, EQ only. */
const serviceFilters = (ctx: RequestContext): FilterTable<Service> => ({
  NAMESPACE_ID: { conditions: ['EQ'], value: (svc) => svc.namespaceId },
  RESOURCE_OWNER: { conditions: ['EQ'], value: (svc) => (svc.resourceOwner === ctx.accountId ? 'SELF' : 'OTHER_ACCOUNTS') },
});

/** ListServices → `{Services, NextToken?}`, oldest first. */
export const listServices: Handler<'ListServices'> = async (input, ctx) => {
  const filters = input.Filters?.map((f) => (f.Name === 'NAMESPACE_ID' ? { ...f, Values: f.Values.map(idFromIdOrArn) } : f));
  const matches = compileFilters(filters, serviceFilters(ctx));
  const all = (await ctx.store.listServices()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Services: page.items.map((s) => serviceSummaryShape(s)), NextToken: page.nextToken };
};

/** DeleteService → `{}`; throws ServiceNotFound, ResourceInUse (instances remain). */
export const deleteService: Handler<'DeleteService'> = async (input, ctx) => {
  await ops.deleteService(ctx, { serviceId: input.Id });
  return {};
};

/**
 * UpdateService → `{OperationId}`. DnsConfig changes TTLs only (types must
 * stay); an omitted HealthCheckConfig removes the service's health check
 * (AWS semantics); an omitted Description keeps it.
 */
export const updateService: Handler<'UpdateService'> = async (input, ctx) => {
  const change = input.Service;
  const { operationId } = await ops.updateService(ctx, {
    serviceId: input.Id,
    description: change.Description,
    dnsRecords: change.DnsConfig && dnsRecordsOf(change.DnsConfig.DnsRecords),
    healthCheckConfig: healthCheckConfigOf(change.HealthCheckConfig) ?? null,
  });
  return { OperationId: operationId };
};

/** GetServiceAttributes → `{ServiceAttributes: {ServiceArn, ResourceOwner, Attributes}}`; throws ServiceNotFound. */
export const getServiceAttributes: Handler<'GetServiceAttributes'> = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const attributes = await ctx.store.getServiceAttributes(service.id);
  return { ServiceAttributes: { ServiceArn: service.arn, ResourceOwner: service.resourceOwner, Attributes: attributes } };
};

/** UpdateServiceAttributes → `{}`; throws ServiceNotFound, ServiceAttributesLimitExceededException. */
export const updateServiceAttributes: Handler<'UpdateServiceAttributes'> = async (input, ctx) => {
  await updateAttributes(ctx, { serviceId: input.ServiceId, attributes: input.Attributes });
  return {};
};

/** DeleteServiceAttributes → `{}`; throws ServiceNotFound. */
export const deleteServiceAttributes: Handler<'DeleteServiceAttributes'> = async (input, ctx) => {
  await deleteAttributes(ctx, { serviceId: input.ServiceId, keys: input.Attributes });
  return {};
};
