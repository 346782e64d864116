/**
 * RegisterInstance attribute rules and the initial health status.
 *
 * Source: AWS Cloud Map API reference, RegisterInstance `Attributes` (the
 * reserved `AWS_*` keys, which ones each record type requires, up to 30
 * custom attributes, keys + values at most 5,000 characters in total) and
 * HealthCheckCustomConfig (`AWS_INIT_HEALTH_STATUS`, default HEALTHY).
 * Per-key length and character rules come from the model (AttrKey,
 * AttrValue) and are checked by `validate.ts` before this runs.
 */
import { errors } from './errors.ts';
import type { HealthStatus, Service } from './types.ts';
import { ReservedAttributes as R } from './types.ts';

const RESERVED = new Set<string>(Object.values(R));
/** Most custom (non-reserved) attributes one instance may have. */
export const MAX_CUSTOM_ATTRIBUTES = 30;
/** Most characters of all keys plus all values of one instance. */
export const MAX_ATTRIBUTES_SIZE = 5000;

/** True for a dotted-quad IPv4 address (RFC 791 text form, no leading zeros). */
export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for an IPv6 address in RFC 4291 §2.2 text form (no zone id, no brackets). */
export function isIPv6(value: string): boolean {
  if (!value.includes(':') || /[^0-9a-fA-F:.]/.test(value)) return false;
  try {
    return new URL(`http://[${value}]/`).hostname.startsWith('[');
  } catch {
    return false;
  }
}

/**
 * Checks an instance's attributes against its service's DNS records and
 * health check settings.
 * @throws InvalidInput naming the attribute at fault
 */
export function checkInstanceAttributes(service: Service, attributes: Record<string, string>): void {
  const keys = Object.keys(attributes);
  const custom = keys.filter((k) => !RESERVED.has(k));
  if (custom.length > MAX_CUSTOM_ATTRIBUTES) {
    throw errors.invalidInput(`An instance can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes; got ${custom.length}`);
  }
  const size = keys.reduce((n, k) => n + k.length + attributes[k]!.length, 0);
  if (size > MAX_ATTRIBUTES_SIZE) {
    throw errors.invalidInput(`The attributes total ${size} characters; the limit is ${MAX_ATTRIBUTES_SIZE}`);
  }
  const has = (key: string): boolean => attributes[key] !== undefined && attributes[key] !== '';
  const ipv4 = attributes[R.IPV4];
  const ipv6 = attributes[R.IPV6];
  const port = attributes[R.PORT];
  if (ipv4 !== undefined && !isIPv4(ipv4)) throw errors.invalidInput(`${R.IPV4} is not a valid IPv4 address: ${ipv4}`);
  if (ipv6 !== undefined && !isIPv6(ipv6)) throw errors.invalidInput(`${R.IPV6} is not a valid IPv6 address: ${ipv6}`);
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) {
    throw errors.invalidInput(`${R.PORT} must be an integer from 0 to 65535: ${port}`);
  }
  const init = attributes[R.INIT_HEALTH_STATUS];
  if (init !== undefined && init !== 'HEALTHY' && init !== 'UNHEALTHY') {
    throw errors.invalidInput(`${R.INIT_HEALTH_STATUS} must be HEALTHY or UNHEALTHY: ${init}`);
  }

  const types = new Set(service.dnsRecords?.map((r) => r.type) ?? []);
  if (has(R.ALIAS_DNS_NAME)) {
    if (!types.has('A') && !types.has('AAAA')) throw errors.invalidInput(`${R.ALIAS_DNS_NAME} requires a service with an A or AAAA record`);
    if (service.routingPolicy !== 'WEIGHTED') throw errors.invalidInput(`${R.ALIAS_DNS_NAME} requires the WEIGHTED routing policy`);
    const instanceKeys = keys.filter((k) => k.startsWith('AWS_INSTANCE_'));
    if (instanceKeys.length > 0) throw errors.invalidInput(`${R.ALIAS_DNS_NAME} cannot be combined with ${instanceKeys.join(', ')}`);
    return;
  }
  if (types.has('A') && !has(R.IPV4)) throw errors.invalidInput(`${R.IPV4} is required: the service has an A record`);
  if (types.has('AAAA') && !has(R.IPV6)) throw errors.invalidInput(`${R.IPV6} is required: the service has an AAAA record`);
  if (types.has('CNAME') && !has(R.CNAME)) throw errors.invalidInput(`${R.CNAME} is required: the service has a CNAME record`);
  if (types.has('SRV')) {
    if (!has(R.PORT)) throw errors.invalidInput(`${R.PORT} is required: the service has an SRV record`);
    if (!has(R.IPV4) && !has(R.IPV6)) throw errors.invalidInput(`${R.IPV4} or ${R.IPV6} is required: the service has an SRV record`);
  }
  if (service.healthCheckConfig && !has(R.PORT)) throw errors.invalidInput(`${R.PORT} is required: the service has a health check`);
}

/** Longest DNS label in octets (RFC 1035 §2.3.4). */
export const MAX_LABEL_OCTETS = 63;

/**
 * For services with an SRV record the instance id becomes the first label of
 * the SRV target `<instance-id>.<service>.<namespace>` (model doc of
 * DnsRecord.Type), so it must fit in one DNS label.
 * @throws InvalidInput
 */
export function checkInstanceIdForDns(service: Service, instanceId: string): void {
  if (!service.dnsRecords?.some((r) => r.type === 'SRV')) return;
  const octets = new TextEncoder().encode(instanceId).length;
  if (octets > MAX_LABEL_OCTETS) {
    throw errors.invalidInput(
      `InstanceId ${instanceId} is ${octets} characters; the service has an SRV record, so it must be a DNS label of at most ${MAX_LABEL_OCTETS}`,
    );
  }
}

/**
 * Health status of a newly registered instance: AWS_INIT_HEALTH_STATUS (or
 * HEALTHY) with a custom health check, HEALTHY with a Route 53 health check
 * until the checker reports, UNKNOWN for services without health checking
 * (as DiscoverInstances reports them).
 */
export function initialHealthStatus(service: Service, attributes: Record<string, string>): HealthStatus {
  if (service.healthCheckCustom) return (attributes[R.INIT_HEALTH_STATUS] as HealthStatus | undefined) ?? 'HEALTHY';
  if (service.healthCheckConfig) return 'HEALTHY';
  return 'UNKNOWN';
}

/** True when the service has any health checking (Route 53 or custom). */
export function hasHealthCheck(service: Service): boolean {
  return service.healthCheckConfig !== undefined || service.healthCheckCustom === true;
}
