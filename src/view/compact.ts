/**
 * How the view stores an instance compactly (issue 11: under 1 KB per
 * instance at 100k instances).
 *
 * Every instance the view keeps is rebuilt into one shape (a `ViewInstance`
 * object with fixed fields, so V8 gives all of them one hidden class and
 * in-object fields) with its strings shared where they repeat:
 * - `serviceId` is the service's own id string;
 * - `createdByAccount`, `healthStatus`, attribute keys and the values of
 *   attributes that are not per-instance addresses (`AWS_INSTANCE_PORT`,
 *   custom attributes such as `stage=blue`) are interned in one table;
 * - `creatorRequestId` is dropped: nothing answered from the view reads it
 *   (GetInstance and ListInstances read the store).
 * The attributes object is built with its keys in the order given, so
 * instances with the same keys share V8's hidden class too.
 */
import type { HealthStatus, Instance } from '../model/types.ts';
import { ReservedAttributes } from '../model/types.ts';

/** Interned strings are at most this long (longer ones are kept as given). */
const MAX_INTERNED_LENGTH = 64;
/** Most strings the table holds; past it, new strings are kept as given (the table never grows without bound). */
export const MAX_INTERNED = 65_536;

const table = new Map<string, string>();

/**
 * The canonical copy of `s` (the first one seen), so equal strings held by
 * many instances are stored once. Strings over 64 characters, and any new
 * string once the table holds `MAX_INTERNED`, come back as given.
 */
export function intern(s: string): string {
  const have = table.get(s);
  if (have !== undefined) return have;
  if (s.length > MAX_INTERNED_LENGTH || table.size >= MAX_INTERNED) return s;
  table.set(s, s);
  return s;
}

/** Attributes whose values are per instance (addresses, names, ids): never interned. */
const UNIQUE_VALUES = new Set<string>([
  ReservedAttributes.IPV4, ReservedAttributes.IPV6, ReservedAttributes.CNAME, ReservedAttributes.EC2_INSTANCE_ID, ReservedAttributes.ALIAS_DNS_NAME,
]);

const HEALTH: Record<string, HealthStatus> = { HEALTHY: 'HEALTHY', UNHEALTHY: 'UNHEALTHY', UNKNOWN: 'UNKNOWN' };

/**
 * An instance as the view keeps it: the fields of `Instance` that DNS,
 * DiscoverInstances and the health checker read, in one fixed shape.
 * Epoch milliseconds for the dates, as in `Instance`.
 */
export class ViewInstance implements Instance {
  /**
   * Number of the last full load (`View.loadInSlices`) that found this
   * instance unchanged; only that load reads it, to rebuild a service from
   * the current view's objects without collecting them as it goes.
   */
  loadMark = 0;

  constructor(
    readonly id: string,
    readonly serviceId: string,
    readonly attributes: Record<string, string>,
    readonly createdByAccount: string,
    readonly createDate: number,
    readonly updateDate: number,
    readonly healthStatus: HealthStatus,
  ) {}
}

/** `attributes` with interned keys and (except per-instance addresses) interned values, keys in the given order. */
export function compactAttributes(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in attributes) {
    const value = attributes[key]!;
    out[intern(key)] = UNIQUE_VALUES.has(key) ? value : intern(value);
  }
  return out;
}

/**
 * The view's copy of `instance` (see the module comment). `serviceId` is the
 * service's id string, shared by all its instances.
 */
export function compactInstance(instance: Instance, serviceId: string, previous?: ViewInstance): ViewInstance {
  if (instance instanceof ViewInstance && instance.serviceId === serviceId) return instance;
  if (previous && sameInstance(previous, instance)) return previous;
  return new ViewInstance(
    instance.id, serviceId, compactAttributes(instance.attributes), intern(instance.createdByAccount),
    instance.createDate, instance.updateDate, HEALTH[instance.healthStatus] ?? instance.healthStatus,
  );
}

/**
 * True when `view` holds the same data as `instance` (a reload finds most
 * instances unchanged: keeping the old object makes no garbage and keeps the
 * old copy, already in V8's old generation, instead of promoting a new one).
 */
export function sameInstance(view: ViewInstance, instance: Instance): boolean {
  if (view.id !== instance.id || view.healthStatus !== instance.healthStatus || view.updateDate !== instance.updateDate
    || view.createDate !== instance.createDate || view.createdByAccount !== instance.createdByAccount) return false;
  const a = view.attributes;
  const b = instance.attributes;
  let n = 0;
  for (const key in b) {
    if (a[key] !== b[key]) return false;
    n++;
  }
  for (const _ in a) n--;
  return n === 0;
}

/** `instance` with another health status and update date (a new object; view instances are not changed in place). */
export function withHealth(instance: ViewInstance, healthStatus: HealthStatus, updateDate: number): ViewInstance {
  return new ViewInstance(instance.id, instance.serviceId, instance.attributes, instance.createdByAccount, instance.createDate, updateDate, healthStatus);
}
