/**
 * Reads current objects and applies a plan to the Kubernetes API, shared by
 * the Kubernetes and Corefile providers.
 *
 * - Current = our objects (by the managed-by label: from informer caches or
 *   a list) plus, for each desired object not among them, a GET by name, so
 *   an object someone else holds under that name shows up as not owned (a
 *   conflict: left alone, reported).
 * - create: POST; 409 AlreadyExists (created meanwhile) → read it and, if
 *   ours, update it, else report the conflict.
 * - update: PUT of the object as read with our fields merged in, carrying its
 *   resourceVersion; 409 Conflict (changed meanwhile) → read again and retry
 *   with backoff while it is still ours; 404 → create; 422 on a Service
 *   (e.g. an immutable clusterIP someone changed) → delete and create.
 * - delete: DELETE with a uid precondition, so a new object that took the
 *   name meanwhile is never deleted; 404 counts as done.
 * Failures of single objects are collected, not thrown, so one bad object
 * does not hold back the rest.
 */
import { retrySoft } from '../backoff.ts';
import { type Changes, type Current, plan } from '../plan.ts';
import { type KindClient, KubeError } from './client.ts';
import { fromKube, isOwned, type KubeObject, type ManagedKind, type ManagedObject, mergeInto, OBJECT_CHECKS, objectKey, toKube } from './objects.ts';

/** An object the API server refused. */
export interface FailedObject {
  key: string;
  error: Error;
}

/** What one plan did. */
export interface KubeApplyResult {
  changes: Changes<ManagedObject>;
  failed: FailedObject[];
  /** 409 Conflicts retried. */
  conflictRetries: number;
}

/** Reads current state for `desired`: `owned` objects (from a cache or a list) plus a GET per missing desired name. */
export async function readCurrent(clients: Record<ManagedKind, KindClient>, owned: KubeObject[][], kinds: ManagedKind[], desired: ManagedObject[]): Promise<Current<ManagedObject>[]> {
  const current: Current<ManagedObject>[] = [];
  const seen = new Set<string>();
  kinds.forEach((kind, i) => {
    for (const raw of owned[i] ?? []) {
      if (!isOwned(raw)) continue;
      const m = fromKube(kind, raw);
      seen.add(objectKey(m));
      current.push({ value: m, owned: true });
    }
  });
  for (const d of desired) {
    if (seen.has(objectKey(d))) continue;
    const raw = await clients[d.kind].get(d.name);
    if (raw) current.push({ value: fromKube(d.kind, raw), owned: isOwned(raw) });
  }
  return current;
}

const isCode = (error: unknown, code: number): boolean => error instanceof KubeError && error.code === code;

/** Plans `desired` against `current` and, unless `dryRun`, applies the plan (see the module comment). */
export async function planAndApply(clients: Record<ManagedKind, KindClient>, desired: ManagedObject[], current: Current<ManagedObject>[], dryRun: boolean): Promise<KubeApplyResult> {
  const changes = plan(desired, current, { key: objectKey, checks: OBJECT_CHECKS });
  const result: KubeApplyResult = { changes, failed: [], conflictRetries: 0 };
  if (dryRun) return result;
  const fail = (o: ManagedObject, error: unknown): void => void result.failed.push({ key: objectKey(o), error: error as Error });

  const update = async (desiredObject: ManagedObject, base: KubeObject): Promise<void> => {
    const client = clients[desiredObject.kind];
    let latest = base;
    await retrySoft(async (attempt) => {
      if (attempt > 0) {
        result.conflictRetries++;
        const fresh = await client.get(desiredObject.name);
        if (!fresh) {
          await client.create(toKube(desiredObject));
          return;
        }
        if (!isOwned(fresh)) throw new KubeError(409, 'Conflict', `${objectKey(desiredObject)} is no longer owned by cloudmap-dns; left alone`);
        latest = fresh;
      }
      await client.replace(desiredObject.name, mergeInto(latest, desiredObject));
    }, { isSoft: (e) => isCode(e, 409) && (e as KubeError).reason === 'Conflict' && !(e as Error).message.includes('no longer owned'), baseMs: 50, maxMs: 1000, attempts: 5 });
  };

  for (const d of changes.delete) {
    try {
      await clients[d.kind].delete(d.name, d.raw?.metadata?.uid);
    } catch (error) {
      fail(d, error);
    }
  }
  for (const u of changes.update) {
    try {
      await update(u.desired, u.current.raw!);
    } catch (error) {
      if (isCode(error, 404)) {
        await clients[u.desired.kind].create(toKube(u.desired)).catch((e) => fail(u.desired, e));
      } else if (isCode(error, 422) && u.desired.kind === 'Service') {
        try {
          await clients.Service.delete(u.desired.name, u.current.raw?.metadata?.uid);
          await clients.Service.create(toKube(u.desired));
        } catch (e) {
          fail(u.desired, e);
        }
      } else {
        fail(u.desired, error);
      }
    }
  }
  for (const c of changes.create) {
    try {
      await clients[c.kind].create(toKube(c));
    } catch (error) {
      if (!isCode(error, 409)) {
        fail(c, error);
        continue;
      }
      const raw = await clients[c.kind].get(c.name).catch(() => undefined);
      if (raw && isOwned(raw)) await update(c, raw).catch((e) => fail(c, e));
      else if (raw) changes.conflicts.push({ desired: c, current: fromKube(c.kind, raw) });
      else fail(c, error);
    }
  }
  return result;
}
