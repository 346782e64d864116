/**
 * What the active health checker checks: which services, which address
 * and port of each instance, how, and which shard an instance falls in.
 *
 * Source: AWS Cloud Map API reference, HealthCheckConfig (Type, ResourcePath
 * default `/`, FailureThreshold 1–10; with A and AAAA records the IPv4
 * address is checked; instances registered with AWS_ALIAS_DNS_NAME get no
 * health check) and RegisterInstance Attributes (AWS_INSTANCE_IPV4 /
 * AWS_INSTANCE_IPV6 and AWS_INSTANCE_PORT are where Route 53 sends health
 * checks). Route 53 Developer Guide: the default failure threshold is 3.
 */
import type { HealthCheckType, Instance, Service } from '../model/types.ts';
import { ReservedAttributes as R } from '../model/types.ts';

/** Route 53's FailureThreshold when a HealthCheckConfig gives none. */
export const DEFAULT_FAILURE_THRESHOLD = 3;

/** Number of lease shards the checked instances are split into (every replica must agree). */
export const HEALTH_SHARDS = 32;

/** One instance's health check, derived from its service and attributes. */
export interface CheckTarget {
  type: HealthCheckType;
  /** IPv4 or IPv6 address (no brackets). Empty when the instance has none (see `problem`). */
  host: string;
  /** TCP port. */
  port: number;
  /** Request path of HTTP and HTTPS checks (AWS ResourcePath, default `/`). */
  path: string;
  /** Consecutive failures (successes) that make the instance UNHEALTHY (HEALTHY again), 1–10. */
  threshold: number;
  /** The check as a URL for logs: `http://10.0.0.1:8080/health`, `https://[fd00::1]:443/`, `tcp://10.0.0.1:5432`. */
  url: string;
  /** Set when the instance cannot be checked (no address, no port for TCP): every check fails with this text. */
  problem?: string;
}

/**
 * True when the service's instances are checked actively: it has a
 * HealthCheckConfig and no HealthCheckCustomConfig (custom health is set
 * by UpdateInstanceCustomHealthStatus only, never by a check).
 */
export function isActivelyChecked(service: Service): boolean {
  return service.healthCheckConfig !== undefined && service.healthCheckCustom !== true;
}

/**
 * The health check of `instance`, or undefined when it gets none (its
 * service is not actively checked, or it is an alias instance). Port
 * defaults: 80 (HTTP), 443 (HTTPS); TCP needs AWS_INSTANCE_PORT.
 */
export function checkTarget(service: Service, instance: Instance): CheckTarget | undefined {
  const hc = service.healthCheckConfig;
  if (!hc || service.healthCheckCustom === true) return undefined;
  const a = instance.attributes;
  if (a[R.ALIAS_DNS_NAME]) return undefined;
  const threshold = hc.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const path = hc.type === 'TCP' ? '' : hc.resourcePath ? (hc.resourcePath.startsWith('/') ? hc.resourcePath : `/${hc.resourcePath}`) : '/';
  const host = a[R.IPV4] || a[R.IPV6] || '';
  const rawPort = a[R.PORT];
  const port = rawPort ? Number(rawPort) : hc.type === 'HTTP' ? 80 : hc.type === 'HTTPS' ? 443 : 0;
  const shown = host.includes(':') ? `[${host}]` : host || '(no address)';
  const url = `${hc.type.toLowerCase()}://${shown}:${port}${path}`;
  const target: CheckTarget = { type: hc.type, host, port, path, threshold, url };
  if (!host) target.problem = `instance has no ${R.IPV4} or ${R.IPV6} attribute to check`;
  else if (!(port > 0 && port <= 65535)) target.problem = `instance has no usable ${R.PORT} for a ${hc.type} check`;
  return target;
}

/** True when two targets check the same thing the same way (else the counters start over). */
export function sameTarget(a: CheckTarget, b: CheckTarget): boolean {
  return a.url === b.url && a.threshold === b.threshold && a.problem === b.problem;
}

/**
 * The lease shard of an instance: FNV-1a (32 bit) of `serviceId \n
 * instanceId`, modulo `shards`. Stable across processes and restarts.
 */
export function shardOf(serviceId: string, instanceId: string, shards = HEALTH_SHARDS): number {
  let h = 0x811c9dc5;
  const text = `${serviceId}\n${instanceId}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}
