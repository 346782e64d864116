/**
 * Which names exist in a zone: the difference between NODATA and NXDOMAIN.
 *
 * A name exists when it owns records or has a descendant that does (an
 * empty non-terminal, RFC 8020 §2; RFC 1034 §4.3.2): the apex, a service
 * name, an instance host name (`<instance-id>.<service>` of a service with an
 * SRV record), and the ancestors of those below the apex. A query for a type
 * such a name lacks is NODATA (NOERROR, empty answer). Every other name in the
 * zone is NXDOMAIN, including names below a service or an instance host name
 * (`_tcp.backend.app.local`, `x.i-1.backend.app.local`): nothing exists there
 * or below (RFC 8020 lets resolvers then treat the whole subtree as absent).
 * This is what Route 53, NSD and Knot answer. Both answers are authoritative and
 * carry the zone's SOA in the authority section with TTL
 * min(SOA TTL, SOA MINIMUM) (RFC 2308 §3, §5).
 *
 * Names are relative to the zone apex, lowercase, without trailing dot
 * (`backend`, `_tcp.backend`); the apex itself is `''`.
 */
import type { Service } from '../model/types.ts';
import type { Zone } from '../view/view.ts';
import type { RecordCache } from './record-cache.ts';
import type { WireRecord } from './records.ts';

/** True when the service has an SRV record template, so its instances have host names. */
export function hasSrvRecord(service: Service): boolean {
  const records = service.dnsRecords;
  if (!records) return false;
  for (let i = 0; i < records.length; i++) if (records[i]!.type === 'SRV') return true;
  return false;
}

/** What `lookupHost` found for a relative name that is not a service name. */
export type HostLookup = readonly WireRecord[] | 'empty-non-terminal' | undefined;

/**
 * Look `relative` up among instance host names: the host's A / AAAA records
 * (possibly none) when it names a registered instance of a service with an
 * SRV record, `'empty-non-terminal'` when it is a proper ancestor of such a
 * host name only (instance ids with dots), else undefined. Instance ids may
 * contain dots, so every split is tried (shortest id first); ids match
 * case-insensitively.
 */
export function lookupHost(zone: Zone, relative: string, cache: RecordCache): HostLookup {
  let ent = false;
  for (let dot = relative.indexOf('.'); dot > 0; dot = relative.indexOf('.', dot + 1)) {
    const entry = zone.services.get(relative.slice(dot + 1));
    if (!entry || !hasSrvRecord(entry.service)) continue;
    const records = cache.service(entry, zone);
    const label = relative.slice(0, dot);
    const host = records.hosts?.get(label);
    if (host) return host;
    if (records.hostEmptyNonTerminals?.has(label)) ent = true;
  }
  return ent ? 'empty-non-terminal' : undefined;
}
