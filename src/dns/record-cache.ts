/**
 * Memo of encoded records per zone and per service, so the hot path encodes
 * nothing: `records.ts` builds, this module keeps the result until the view
 * replaces what it was built from.
 */
import type { Instance, Namespace, Service } from '../model/types.ts';
import type { ServiceEntry, Zone } from '../view/view.ts';
import type { ServiceRecords, ZoneNaming, ZoneRecords } from './records.ts';
import { buildServiceRecords, buildZoneRecords } from './records.ts';

interface ServiceMemo {
  service: Service;
  namespace: Namespace;
  healthy: readonly Instance[];
  unhealthy: readonly Instance[];
  records: ServiceRecords;
}

interface ZoneMemo {
  namespace: Namespace;
  records: ZoneRecords;
}

/**
 * Memo of encoded records per zone and per service, owned by one resolver.
 *
 * Entries are keyed weakly by the view's `Zone` / `ServiceEntry` objects and
 * rebuilt when the view replaces what they were built from: the namespace or
 * service object, or the instance lists (`ServiceEntry.healthy()` /
 * `unhealthy()` return new arrays after every instance change). A lookup on
 * an unchanged service costs four identity comparisons.
 */
export class RecordCache {
  readonly #zones = new WeakMap<Zone, ZoneMemo>();
  readonly #services = new WeakMap<ServiceEntry, ServiceMemo>();

  constructor(readonly naming: ZoneNaming) {}

  /** Apex records of `zone`. */
  zone(zone: Zone): ZoneRecords {
    const memo = this.#zones.get(zone);
    if (memo && memo.namespace === zone.namespace) return memo.records;
    const records = buildZoneRecords(zone.namespace, this.naming);
    this.#zones.set(zone, { namespace: zone.namespace, records });
    return records;
  }

  /** Records of the service `entry` in `zone`. */
  service(entry: ServiceEntry, zone: Zone): ServiceRecords {
    const healthy = entry.healthy();
    const unhealthy = entry.unhealthy();
    const memo = this.#services.get(entry);
    if (memo && memo.healthy === healthy && memo.unhealthy === unhealthy && memo.service === entry.service && memo.namespace === zone.namespace) {
      return memo.records;
    }
    const instances = unhealthy.length === 0 ? healthy : healthy.concat(unhealthy);
    const records = buildServiceRecords(zone.namespace, entry.service, instances);
    this.#services.set(entry, { service: entry.service, namespace: zone.namespace, healthy, unhealthy, records });
    return records;
  }
}
