/**
 * The Route 53 provider: keeps one hosted zone per DNS namespace holding
 * the record sets Cloud Map would write there, and nothing else of ours.
 *
 * Per DNS namespace: find or create its zone (`zones.ts`), read every record
 * set (`api.ts`) in normal form, split by TXT ownership (`registry.ts`),
 * plan desired (`records.ts`, from the RRset layer) against current
 * (`../plan.ts`), turn the plan into change units with ownership records,
 * and apply them in batches within Route 53's limits with backoff.
 * A dry run reads and plans but writes nothing (and creates no zone).
 *
 * Zones we created (CallerReference `cloudmap-dns:<namespace id>:<ms>:<owner id>`,
 * with our owner id) for namespaces that are gone are emptied of our record sets and deleted, as
 * DeleteNamespace deletes Cloud Map's zone; a zone that still holds record
 * sets of others is kept. Zones made elsewhere (found by tag) are never
 * deleted.
 */
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { Namespace } from '../../model/types.ts';
import { type Changes, formatChanges, plan } from '../plan.ts';
import { type CloudMapState, dnsNamespaces } from '../state.ts';
import { applyUnits, type CallOptions, type FailedUnit, listRecordSets } from './api.ts';
import type { BatchLimits } from './batches.ts';
import { changeUnits, readOwnership } from './registry.ts';
import { describeRecord, desiredRecordSets, fromRoute53, RECORD_CHECKS, type RecordSet, recordKey } from './records.ts';
import { deleteZone, ensureZone, ownZones, type ZoneResult } from './zones.ts';

/** Options of the Route 53 provider. */
export interface Route53ProviderOptions extends CallOptions {
  client: Route53Client;
  /** Change batch limits. @default ROUTE53_LIMITS */
  limits?: BatchLimits;
  /** Owner id written into ownership TXT records; only records with it are changed. @default 'cloudmap-dns' */
  ownerId?: string;
  /** Region of private namespaces' VPCs. @default 'us-east-1' */
  vpcRegion?: string;
  /**
   * Told the hosted zone id of a namespace when it differs from the
   * namespace's `hostedZoneId` (to record it as `DnsProperties.HostedZoneId`). Not called in dry runs.
   */
  onZone?: (namespace: Namespace, zoneId: string) => Promise<void>;
}

/** The outcome for one namespace's zone. */
export interface ZoneOutcome {
  namespace: Namespace;
  /** The zone, or undefined in a dry run before it exists. */
  zone: ZoneResult | undefined;
  changes: Changes<RecordSet>;
  /** ChangeResourceRecordSets requests that succeeded. */
  batches: number;
  /** Units Route 53 rejected (after retrying each alone). */
  failed: FailedUnit[];
  /** The zone holds record sets we do not own (besides SOA and NS). */
  others?: boolean;
  /** The zone of a deleted namespace was deleted in this pass. */
  zoneDeleted?: boolean;
}

/** See the module comment. */
export class Route53Provider {
  readonly name = 'route53';
  readonly #o: Route53ProviderOptions & { ownerId: string };

  constructor(options: Route53ProviderOptions) {
    this.#o = { ownerId: 'cloudmap-dns', ...options };
  }

  /**
   * Plans every DNS namespace and, unless `dryRun`, applies the plans. Then
   * the zones we created for namespaces that no longer exist (Cloud Map
   * deletes a namespace's zone with it): our record sets there are deleted,
   * and the zone too once only Route 53's SOA and NS remain.
   */
  async reconcile(state: CloudMapState, dryRun: boolean): Promise<ZoneOutcome[]> {
    const out: ZoneOutcome[] = [];
    for (const namespace of dnsNamespaces(state)) out.push(await this.#zone(state, namespace, dryRun));
    const live = new Set(state.namespaces.map((n) => n.id));
    for (const z of await ownZones(this.#o.client)) {
      if (live.has(z.namespaceId) || z.ownerId !== this.#o.ownerId) continue;
      const gone: Namespace = { id: z.namespaceId, arn: '', name: z.name, type: z.private ? 'DNS_PRIVATE' : 'DNS_PUBLIC', createDate: 0, httpName: z.name, resourceOwner: '' };
      const outcome = await this.#sync({ id: z.id, how: 'orphan' }, gone, [], new Map(), dryRun);
      if (!dryRun && outcome.failed.length === 0 && !outcome.others) {
        await deleteZone(this.#o.client, z.id);
        outcome.zoneDeleted = true;
      }
      out.push(outcome);
    }
    return out;
  }

  async #zone(state: CloudMapState, namespace: Namespace, dryRun: boolean): Promise<ZoneOutcome> {
    const zone = await ensureZone(this.#o.client, namespace, { dryRun, vpcRegion: this.#o.vpcRegion ?? 'us-east-1', ownerId: this.#o.ownerId });
    if (zone && !dryRun && zone.id !== namespace.hostedZoneId) await this.#o.onZone?.(namespace, zone.id);
    const resource = new Map<string, string>();
    const desired: RecordSet[] = [];
    for (const { service, instances } of state.services.get(namespace.id) ?? []) {
      for (const r of desiredRecordSets(namespace, service, instances)) {
        desired.push(r);
        resource.set(recordKey(r), `service/${service.id}`);
      }
    }
    return this.#sync(zone, namespace, desired, resource, dryRun);
  }

  /** Reads a zone, plans `desired` against it and applies the plan unless `dryRun`. */
  async #sync(zone: ZoneResult | undefined, namespace: Namespace, desired: RecordSet[], resource: Map<string, string>, dryRun: boolean): Promise<ZoneOutcome> {
    const { client, ownerId } = this.#o;
    const read = zone ? await listRecordSets(client, zone.id, this.#o) : [];
    const current = read.map(fromRoute53).filter((r): r is RecordSet => r !== undefined);
    const ownership = readOwnership(current, ownerId);
    const changes = plan(desired, ownership.current, { key: recordKey, checks: RECORD_CHECKS });
    const units = changeUnits(changes, ownership, ownerId, (r) => resource.get(recordKey(r)));
    const others = ownership.current.some((c) => !c.owned);
    if (dryRun || !zone || units.length === 0) return { namespace, zone, changes, batches: 0, failed: [], others };
    const result = await applyUnits(client, zone.id, units, this.#o);
    return { namespace, zone, changes, batches: result.batches, failed: result.failed, others };
  }
}

/** The outcome as printed by `reconcile` (one block per zone). */
export function formatZoneOutcome(o: ZoneOutcome): string[] {
  const note = o.zone?.how === 'created' ? ' (created)' : o.zone?.how === 'orphan' ? `, namespace ${o.namespace.id} is gone${o.zoneDeleted ? ': zone deleted' : ''}` : '';
  const where = o.zone ? `hosted zone ${o.zone.id}${note}` : 'no hosted zone yet (would be created)';
  const lines = formatChanges(`route53 ${o.namespace.name} (${where})`, o.changes, describeRecord);
  for (const f of o.failed) lines.push(`  x rejected by Route 53: ${f.unit.map((c) => `${c.Action} ${c.ResourceRecordSet?.Name} ${c.ResourceRecordSet?.Type}`).join(', ')}: ${f.error.message}`);
  return lines;
}

