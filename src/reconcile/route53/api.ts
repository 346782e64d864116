/**
 * The Route 53 calls of the provider: read every record set of a hosted
 * zone, and apply change units in batches with backoff.
 *
 * - ListResourceRecordSets pages with StartRecordName / StartRecordType /
 *   StartRecordIdentifier (Route 53 API reference).
 * - ChangeResourceRecordSets is atomic per batch. `Throttling` and
 *   `PriorRequestNotComplete` are retried with backoff (soft). When a batch
 *   of several units is rejected (`InvalidChangeBatch` or `InvalidInput`, e.g. someone changed
 *   a record set since we read it), its units are tried one by one, so one
 *   stale unit does not hold back the others; the failures are returned,
 *   not thrown.
 */
import { type Change, ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand, type ResourceRecordSet, type Route53Client } from '@aws-sdk/client-route-53';
import { isRoute53Throttle, retrySoft } from '../backoff.ts';
import { type BatchLimits, packBatches, ROUTE53_LIMITS } from './batches.ts';
import type { ChangeUnit } from './registry.ts';

/** Options for calls that may be throttled. */
export interface CallOptions {
  /** Called when a call is throttled and will be retried. */
  onThrottle?: (error: Error, attempt: number, delayMs: number) => void;
  /** Backoff tuning (tests). */
  backoff?: { attempts?: number; baseMs?: number; maxMs?: number };
}

const soft = (options: CallOptions) => ({
  ...options.backoff,
  isSoft: isRoute53Throttle,
  onRetry: (error: unknown, attempt: number, delay: number) => options.onThrottle?.(error as Error, attempt, delay),
});

/** Route 53 wants the bare id (`Z123`) in some places and accepts `/hostedzone/Z123` in others; this gives the bare id. */
export const bareZoneId = (id: string): string => id.replace(/^\/hostedzone\//, '');

/**
 * Every record set of a hosted zone (all pages), each once.
 * @throws Error when paging makes no progress (an endpoint that ignores
 *   StartRecordIdentifier with more than a page of record sets sharing one
 *   name and type, as moto 5.2.1 does), instead of looping forever
 */
export async function listRecordSets(client: Route53Client, zoneId: string, options: CallOptions = {}): Promise<ResourceRecordSet[]> {
  const out: ResourceRecordSet[] = [];
  const seen = new Set<string>();
  let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet['Type']; StartRecordIdentifier?: string } = {};
  for (;;) {
    const page = await retrySoft(() => client.send(new ListResourceRecordSetsCommand({ HostedZoneId: bareZoneId(zoneId), ...start })), soft(options));
    let fresh = 0;
    for (const r of page.ResourceRecordSets ?? []) {
      const key = `${r.Name}\t${r.Type}\t${r.SetIdentifier ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
      fresh++;
    }
    if (!page.IsTruncated) return out;
    if (fresh === 0) throw new Error(`ListResourceRecordSets of ${zoneId} made no progress at ${page.NextRecordName} ${page.NextRecordType} (StartRecordIdentifier ignored?)`);
    start = {
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
      ...(page.NextRecordIdentifier !== undefined ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
    };
  }
}

/**
 * Route 53 refused the batch's content: InvalidChangeBatch (a CREATE of an
 * existing record set, a DELETE that does not match) or InvalidInput.
 */
const rejected = (error: unknown): boolean => error instanceof Error && (error.name === 'InvalidChangeBatch' || error.name === 'InvalidInput');

/** A unit Route 53 rejected. */
export interface FailedUnit {
  unit: ChangeUnit;
  error: Error;
}

/** What `applyUnits` did. */
export interface ApplyResult {
  /** ChangeResourceRecordSets requests that succeeded. */
  batches: number;
  /** Units applied. */
  applied: number;
  /** Units rejected (already retried alone). */
  failed: FailedUnit[];
}

async function send(client: Route53Client, zoneId: string, changes: Change[], options: CallOptions): Promise<void> {
  await retrySoft(
    () => client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: bareZoneId(zoneId), ChangeBatch: { Changes: changes, Comment: 'cloudmap-dns reconcile' } })),
    soft(options),
  );
}

/**
 * Applies units in batches within `limits`.
 * @throws throttling that outlasted the backoff, and errors other than InvalidChangeBatch
 */
export async function applyUnits(client: Route53Client, zoneId: string, units: readonly ChangeUnit[], options: CallOptions & { limits?: BatchLimits } = {}): Promise<ApplyResult> {
  const result: ApplyResult = { batches: 0, applied: 0, failed: [] };
  for (const batch of packBatches(units, options.limits ?? ROUTE53_LIMITS)) {
    try {
      await send(client, zoneId, batch.flat(), options);
      result.batches++;
      result.applied += batch.length;
      continue;
    } catch (error) {
      if (!rejected(error)) throw error;
      if (batch.length === 1) {
        result.failed.push({ unit: batch[0]!, error: error as Error });
        continue;
      }
    }
    for (const unit of batch) {
      try {
        await send(client, zoneId, unit, options);
        result.batches++;
        result.applied++;
      } catch (error) {
        if (!rejected(error)) throw error;
        result.failed.push({ unit, error: error as Error });
      }
    }
  }
  return result;
}
