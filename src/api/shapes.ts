/**
 * Domain records → AWS Cloud Map output shapes (awsJson1_1 wire form, types
 * from the model in `shapes.generated.ts`).
 *
 * Timestamps become epoch seconds as JSON numbers with millisecond
 * fractions (Smithy `timestamp` in awsJson1_1 is `epoch-seconds`). Absent
 * optional members are omitted, never sent as null.
 * Source: model shapes Namespace, NamespaceSummary, Service, ServiceSummary,
 * Instance, InstanceSummary, HttpInstanceSummary, Operation, and the
 * examples of GetNamespace/ListNamespaces (every namespace carries both
 * `DnsProperties` and `HttpProperties`; an HTTP namespace has
 * `DnsProperties: {}`).
 */
import type * as Wire from '../model/shapes.generated.ts';
import type { Instance, Namespace, Operation, Service } from '../model/types.ts';
import { isDnsNamespace } from '../model/types.ts';

/** Epoch milliseconds → epoch seconds (JSON number). */
export const epochSeconds = (ms: number): number => ms / 1000;

/** Drops keys whose value is undefined. */
function compact<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) if (obj[key] === undefined) delete obj[key];
  return obj;
}

/** AWS `NamespaceProperties`: both members always; DNS ones only for DNS namespaces. */
function namespaceProperties(ns: Namespace): Wire.NamespaceProperties {
  const dns: Wire.DnsProperties = isDnsNamespace(ns)
    ? compact({ HostedZoneId: ns.hostedZoneId, SOA: ns.soaTtl === undefined ? undefined : { TTL: ns.soaTtl } })
    : {};
  return { DnsProperties: dns, HttpProperties: { HttpName: ns.httpName } };
}

/** AWS `NamespaceSummary` (ListNamespaces). */
export function namespaceSummaryShape(ns: Namespace): Wire.NamespaceSummary {
  return compact({
    Id: ns.id,
    Arn: ns.arn,
    ResourceOwner: ns.resourceOwner,
    Name: ns.name,
    Type: ns.type,
    Description: ns.description,
    ServiceCount: ns.serviceCount ?? 0,
    Properties: namespaceProperties(ns),
    CreateDate: epochSeconds(ns.createDate),
  });
}

/** AWS `Namespace` (GetNamespace). */
export function namespaceShape(ns: Namespace): Wire.Namespace {
  return compact({ ...namespaceSummaryShape(ns), CreatorRequestId: ns.creatorRequestId });
}

/** AWS `DnsConfig` of a service, or undefined when it has none. */
function dnsConfigShape(svc: Service, withNamespaceId: boolean): Wire.DnsConfig | undefined {
  if (!svc.dnsRecords) return undefined;
  return compact({
    NamespaceId: withNamespaceId ? svc.namespaceId : undefined,
    RoutingPolicy: svc.routingPolicy ?? 'MULTIVALUE',
    DnsRecords: svc.dnsRecords.map((r) => ({ Type: r.type, TTL: r.ttl })),
  });
}

/** AWS `ServiceSummary` (ListServices). Its DnsConfig has no NamespaceId (ListServices example). */
export function serviceSummaryShape(svc: Service, withNamespaceId = false): Wire.ServiceSummary {
  return compact({
    Id: svc.id,
    Arn: svc.arn,
    ResourceOwner: svc.resourceOwner,
    Name: svc.name,
    Type: svc.type,
    Description: svc.description,
    InstanceCount: svc.instanceCount ?? 0,
    DnsConfig: dnsConfigShape(svc, withNamespaceId),
    HealthCheckConfig: svc.healthCheckConfig
      ? compact({
          Type: svc.healthCheckConfig.type,
          ResourcePath: svc.healthCheckConfig.resourcePath,
          FailureThreshold: svc.healthCheckConfig.failureThreshold,
        })
      : undefined,
    HealthCheckCustomConfig: svc.healthCheckCustom ? { FailureThreshold: 1 } : undefined,
    CreateDate: epochSeconds(svc.createDate),
    CreatedByAccount: svc.createdByAccount,
  });
}

/** AWS `Service` (CreateService, GetService); its DnsConfig repeats the NamespaceId (CreateService example). */
export function serviceShape(svc: Service): Wire.Service {
  return compact({ ...serviceSummaryShape(svc, true), NamespaceId: svc.namespaceId, CreatorRequestId: svc.creatorRequestId });
}

/** AWS `Instance` (GetInstance). */
export function instanceShape(inst: Instance): Wire.Instance {
  return compact({
    Id: inst.id,
    CreatorRequestId: inst.creatorRequestId,
    Attributes: { ...inst.attributes },
    CreatedByAccount: inst.createdByAccount,
  });
}

/** AWS `InstanceSummary` (ListInstances). */
export function instanceSummaryShape(inst: Instance): Wire.InstanceSummary {
  return { Id: inst.id, Attributes: { ...inst.attributes }, CreatedByAccount: inst.createdByAccount };
}

/** AWS `HttpInstanceSummary` (DiscoverInstances). */
export function httpInstanceSummaryShape(inst: Instance, namespaceName: string, serviceName: string): Wire.HttpInstanceSummary {
  return {
    InstanceId: inst.id,
    NamespaceName: namespaceName,
    ServiceName: serviceName,
    HealthStatus: inst.healthStatus,
    Attributes: { ...inst.attributes },
  };
}

/** AWS `Operation` (GetOperation). */
export function operationShape(op: Operation): Wire.Operation {
  return compact({
    Id: op.id,
    OwnerAccount: op.ownerAccount,
    Type: op.type,
    Status: op.status,
    ErrorMessage: op.errorMessage,
    ErrorCode: op.errorCode,
    CreateDate: epochSeconds(op.createDate),
    UpdateDate: epochSeconds(op.updateDate),
    Targets: { ...op.targets },
  });
}

/** AWS `Tag` list from a tag map. */
export function tagListShape(tags: Record<string, string>): Wire.Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
