/**
 * Names without the asked records: NODATA or NXDOMAIN.
 *
 * Within a zone a name exists, and a query for a type it lacks is NODATA
 * (NOERROR, empty answer), when it is:
 * - the apex, a service name, or an instance host name
 *   (`<instance-id>.<service>` in a service with an SRV record);
 * - an empty non-terminal, an ancestor of a service name (RFC 8020 §2);
 * - any name below a service name or instance host name, e.g.
 *   `_tcp.backend.app.local` (DESIGN §3: not NXDOMAIN).
 * Every other name in the zone is NXDOMAIN. Both answers are authoritative
 * and carry the zone's SOA in the authority section with TTL
 * min(SOA TTL, SOA MINIMUM) (RFC 2308 §3, §5).
 *
 * Names are relative to the zone apex, lowercase, without trailing dot
 * (`backend`, `_tcp.backend`); the apex itself is `''`.
 */
import type { Service } from '../model/types.ts';
import type { Zone } from '../view/view.ts';

/** True when the service has an SRV record template, so its instances have host names. */
export function hasSrvRecord(service: Service): boolean {
  const records = service.dnsRecords;
  if (!records) return false;
  for (let i = 0; i < records.length; i++) if (records[i]!.type === 'SRV') return true;
  return false;
}

/**
 * Where `relative` splits into `<instance-id>.<service>` naming a registered
 * instance of a service with an SRV record: the index of the dot after the
 * instance id, or -1. Instance ids may contain dots, so every split is tried
 * (shortest id first). Ids match case-insensitively.
 */
export function instanceHostSplit(zone: Zone, relative: string): number {
  for (let dot = relative.indexOf('.'); dot > 0; dot = relative.indexOf('.', dot + 1)) {
    const entry = zone.services.get(relative.slice(dot + 1));
    if (entry && hasSrvRecord(entry.service) && entry.instances.has(relative.slice(0, dot))) return dot;
  }
  return -1;
}

/** True when a proper ancestor of `relative` within the zone is a service name or an instance host name. */
export function isBelowExistingName(zone: Zone, relative: string): boolean {
  for (let dot = relative.indexOf('.'); dot >= 0; dot = relative.indexOf('.', dot + 1)) {
    const ancestor = relative.slice(dot + 1);
    if (zone.services.has(ancestor) || instanceHostSplit(zone, ancestor) > 0) return true;
  }
  return false;
}

/**
 * Whether a name that is neither the apex, a service name nor an instance
 * host name still exists (→ NODATA) rather than not (→ NXDOMAIN).
 */
export function existsWithoutRecords(zone: Zone, relative: string): boolean {
  return zone.isEmptyNonTerminal(relative) || isBelowExistingName(zone, relative);
}
