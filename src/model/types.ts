/**
 * Cloud Map domain types: what the store keeps and the view serves.
 *
 * These are our internal records, not the AWS wire shapes (those are built in
 * `src/api/shapes.ts`). Field names are camelCase versions of the AWS members;
 * every scalar field maps 1:1 onto a field of the Redis hash that stores the
 * record (see docs/redis-keys.md). Times are epoch milliseconds here; the API
 * turns them into epoch seconds on the wire.
 *
 * Source: AWS Cloud Map API reference, shapes Namespace, Service, Instance,
 * Operation (model `servicediscovery-2017-03-14`).
 */

/** AWS `NamespaceType`. */
export type NamespaceType = 'DNS_PUBLIC' | 'DNS_PRIVATE' | 'HTTP';

/** AWS `ServiceType`: DNS_HTTP for services in DNS namespaces, HTTP otherwise. */
export type ServiceType = 'HTTP' | 'DNS_HTTP' | 'DNS';

/** AWS `RecordType`. */
export type RecordType = 'A' | 'AAAA' | 'SRV' | 'CNAME';

/** AWS `RoutingPolicy`. */
export type RoutingPolicy = 'MULTIVALUE' | 'WEIGHTED';

/** AWS `HealthStatus` of one instance. */
export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

/** AWS `HealthCheckType` (Route 53 health checks). */
export type HealthCheckType = 'HTTP' | 'HTTPS' | 'TCP';

/** AWS `OperationType`. */
export type OperationType =
  | 'CREATE_NAMESPACE'
  | 'DELETE_NAMESPACE'
  | 'UPDATE_NAMESPACE'
  | 'UPDATE_SERVICE'
  | 'REGISTER_INSTANCE'
  | 'DEREGISTER_INSTANCE';

/** AWS `OperationStatus`. */
export type OperationStatus = 'SUBMITTED' | 'PENDING' | 'SUCCESS' | 'FAIL';

/** A namespace (AWS `Namespace`). */
export interface Namespace {
  /** `ns-` followed by 16 lowercase base-32 characters. */
  id: string;
  arn: string;
  /** Name as created; for DNS namespaces the zone name without trailing dot. */
  name: string;
  type: NamespaceType;
  description?: string;
  creatorRequestId?: string;
  /** Epoch milliseconds. */
  createDate: number;
  /** Name used by DiscoverInstances (AWS `HttpProperties.HttpName`); equals `name`. */
  httpName: string;
  /** VPC id given to CreatePrivateDnsNamespace. */
  vpc?: string;
  /** TTL of the zone's SOA record in seconds (AWS `SOA.TTL`), also the negative-caching TTL. DNS namespaces only. */
  soaTtl?: number;
  /** Route 53 hosted zone id (`Z` + 13 to 32 characters); DNS namespaces only. */
  hostedZoneId?: string;
  /** AWS account that owns it (12 digits). */
  resourceOwner: string;
  /** Number of services in the namespace. Derived on read, never stored. */
  serviceCount?: number;
}

/** One entry of a service's `DnsConfig.DnsRecords`. */
export interface DnsRecordTemplate {
  type: RecordType;
  /** Seconds, 0..2147483647. */
  ttl: number;
}

/** AWS `HealthCheckConfig`: a Route 53 health check on each instance. */
export interface HealthCheckConfig {
  type: HealthCheckType;
  resourcePath?: string;
  /** Consecutive checks (1..10) that must fail or pass to change the status. */
  failureThreshold?: number;
}

/** A service (AWS `Service`). */
export interface Service {
  /** `srv-` followed by 16 lowercase base-32 characters. */
  id: string;
  arn: string;
  /** Service name; in DNS namespaces the leftmost label(s) of the record name. */
  name: string;
  namespaceId: string;
  type: ServiceType;
  description?: string;
  creatorRequestId?: string;
  createdByAccount: string;
  resourceOwner: string;
  /** Epoch milliseconds. */
  createDate: number;
  /** Present only for services in DNS namespaces that have DNS records. */
  routingPolicy?: RoutingPolicy;
  dnsRecords?: DnsRecordTemplate[];
  healthCheckConfig?: HealthCheckConfig;
  /** AWS `HealthCheckCustomConfig`; `true` when the service uses custom health checks. */
  healthCheckCustom?: boolean;
  /**
   * Store revision of the last instance change in this service (AWS
   * `InstancesRevision`, DiscoverInstancesRevision). Shared by all replicas.
   */
  instancesRevision: number;
  /** Number of instances. Derived on read, never stored. */
  instanceCount?: number;
}

/** An instance registered in a service (AWS `Instance`). */
export interface Instance {
  /** Caller-chosen id, pattern `^[0-9a-zA-Z_/:.@-]+$`, up to 64 characters. */
  id: string;
  serviceId: string;
  /** AWS attributes, including the reserved `AWS_INSTANCE_*` keys. */
  attributes: Record<string, string>;
  creatorRequestId?: string;
  createdByAccount: string;
  /** Epoch milliseconds of the first registration. */
  createDate: number;
  /** Epoch milliseconds of the last registration or health change. */
  updateDate: number;
  /** Current health status; HEALTHY for services without health checking. */
  healthStatus: HealthStatus;
}

/** Targets of an operation (AWS `OperationTargetsMap`). */
export interface OperationTargets {
  NAMESPACE?: string;
  SERVICE?: string;
  INSTANCE?: string;
}

/** An asynchronous operation record (AWS `Operation`). */
export interface Operation {
  id: string;
  type: OperationType;
  status: OperationStatus;
  ownerAccount: string;
  /** Epoch milliseconds. */
  createDate: number;
  /** Epoch milliseconds. */
  updateDate: number;
  targets: OperationTargets;
  errorCode?: string;
  errorMessage?: string;
}

/** Reserved instance attribute names (AWS RegisterInstance `Attributes`). */
export const ReservedAttributes = {
  IPV4: 'AWS_INSTANCE_IPV4',
  IPV6: 'AWS_INSTANCE_IPV6',
  PORT: 'AWS_INSTANCE_PORT',
  CNAME: 'AWS_INSTANCE_CNAME',
  INIT_HEALTH_STATUS: 'AWS_INIT_HEALTH_STATUS',
  ALIAS_DNS_NAME: 'AWS_ALIAS_DNS_NAME',
  EC2_INSTANCE_ID: 'AWS_EC2_INSTANCE_ID',
} as const;

/** True when the namespace is served in DNS (private or public DNS namespace). */
export function isDnsNamespace(ns: Pick<Namespace, 'type'>): boolean {
  return ns.type === 'DNS_PRIVATE' || ns.type === 'DNS_PUBLIC';
}
