/**
 * Packs Route 53 changes into change batches within Route 53's limits
 * (Route 53 quotas, "ChangeResourceRecordSets"): at most 1,000 changes and
 * 1,000 ResourceRecord elements per request, and at most 32,000 characters
 * in all Value elements; an UPSERT counts twice. A unit (a record set and
 * its ownership record, or the DELETE + CREATE of an update) never spans
 * two batches, so Route 53 applies it whole or not at all.
 */
import type { Change } from '@aws-sdk/client-route-53';
import type { ChangeUnit } from './registry.ts';

/** Route 53's per-request limits. */
export interface BatchLimits {
  /** Change elements. @default 1000 */
  changes: number;
  /** ResourceRecord elements (UPSERT counts twice). @default 1000 */
  records: number;
  /** Characters in Value elements (UPSERT counts twice). @default 32000 */
  valueChars: number;
}

/** Route 53's limits. */
export const ROUTE53_LIMITS: BatchLimits = { changes: 1000, records: 1000, valueChars: 32000 };

/** A unit too large for one batch even alone. */
export class ChangeUnitTooLarge extends Error {}

/** Size of one change against the limits: [changes, records, value characters]. */
export function changeSize(change: Change): [number, number, number] {
  const factor = change.Action === 'UPSERT' ? 2 : 1;
  const records = change.ResourceRecordSet?.ResourceRecords ?? [];
  const chars = records.reduce((sum, r) => sum + (r.Value?.length ?? 0), 0);
  return [1, records.length * factor, chars * factor];
}

/**
 * Packs units, in order, into as few batches as fit the limits (greedy,
 * order kept: deletions planned first stay first). Each batch is a list of
 * whole units; its changes are `batch.flat()`.
 * @throws ChangeUnitTooLarge when one unit alone exceeds a limit
 */
export function packBatches(units: readonly ChangeUnit[], limits: BatchLimits = ROUTE53_LIMITS): ChangeUnit[][] {
  const batches: ChangeUnit[][] = [];
  let batch: ChangeUnit[] = [];
  let used = [0, 0, 0];
  const max = [limits.changes, limits.records, limits.valueChars];
  for (const unit of units) {
    const size = [0, 0, 0];
    for (const change of unit) changeSize(change).forEach((n, i) => (size[i]! += n));
    if (size.some((n, i) => n > max[i]!)) {
      throw new ChangeUnitTooLarge(`a change unit (${size[0]} changes, ${size[1]} records, ${size[2]} value characters) exceeds Route 53's limits on its own`);
    }
    if (used.some((n, i) => n + size[i]! > max[i]!)) {
      batches.push(batch);
      batch = [];
      used = [0, 0, 0];
    }
    batch.push(unit);
    used = used.map((n, i) => n + size[i]!);
  }
  if (batch.length) batches.push(batch);
  return batches;
}
