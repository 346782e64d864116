/**
 * The plan: a pure function from desired and current state to the changes
 * that make current equal desired, touching only what we own
 * (external-dns `plan/plan.go` is the model).
 *
 * Items are anything with a key: Route 53 record sets (name, type, set
 * identifier), Kubernetes objects (kind, namespace, name), the Corefile
 * ConfigMap. Each current item says whether we own it (our TXT ownership
 * record in Route 53; the `app.kubernetes.io/managed-by: cloudmap-dns`
 * label in Kubernetes).
 *
 * | key                  | desired          | current                 | result                          |
 * |----------------------|------------------|-------------------------|---------------------------------|
 * | web.app.local A i-1  | 10.0.0.1 TTL 60  | —                       | create                          |
 * | web.app.local A i-1  | 10.0.0.1 TTL 60  | owned 10.0.0.1 TTL 60   | no action                       |
 * | web.app.local A i-1  | 10.0.0.1 TTL 30  | owned 10.0.0.1 TTL 60   | update (reasons: ttl)           |
 * | web.app.local A i-2  | —                | owned 10.0.0.2          | delete                          |
 * | web.app.local A i-3  | 10.0.0.3         | not owned 10.0.0.9      | left alone, reported (conflict) |
 * | www.app.local A      | —                | not owned               | no action (not ours)            |
 *
 * "Changed" is a list of named checks; an update lists the names that fired,
 * so `--dry-run` can say why. Providers normalise what they read back (case,
 * trailing dots, defaults the server fills in) before planning, so a re-read
 * is not a change.
 */

/** An item read from a provider, with whether we own it. */
export interface Current<T> {
  value: T;
  /** True when ownership is proven (TXT record or managed-by label); never delete or change otherwise. */
  owned: boolean;
}

/** A named "changed" check (external-dns `shouldUpdateTTL`, `targetChanged`, ...). */
export interface ChangeCheck<T> {
  /** Short name shown in plans, e.g. `ttl`, `values`, `endpoints`. */
  readonly name: string;
  /** True when `desired` differs from `current` in what this check looks at. */
  changed(current: T, desired: T): boolean;
}

/** One update: what is there, what it becomes, and which checks fired. */
export interface Update<T> {
  current: T;
  desired: T;
  /** Names of the checks that fired, in check order. */
  reasons: string[];
}

/** What the plan asks a provider to do; every list is sorted by key. */
export interface Changes<T> {
  create: T[];
  update: Update<T>[];
  delete: T[];
  /** Desired items whose key is held by an item we do not own: left alone and reported. */
  conflicts: { desired: T; current: T }[];
}

/** Options of `plan`. */
export interface PlanOptions<T> {
  /** Identity of an item (unique within one provider). */
  key: (item: T) => string;
  /** The named checks that decide whether an owned item needs an update. */
  checks: readonly ChangeCheck<T>[];
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T): number => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/**
 * Diffs `desired` against `current` (see the module table). Pure: the same
 * input always gives the same, key-sorted output. When two desired items
 * share a key, the first wins; when two current items do, an owned one is
 * preferred (the others are left alone).
 */
export function plan<T>(desired: Iterable<T>, current: Iterable<Current<T>>, options: PlanOptions<T>): Changes<T> {
  const { key, checks } = options;
  const want = new Map<string, T>();
  for (const d of desired) {
    const k = key(d);
    if (!want.has(k)) want.set(k, d);
  }
  const have = new Map<string, Current<T>>();
  for (const c of current) {
    const k = key(c.value);
    const prior = have.get(k);
    if (!prior || (!prior.owned && c.owned)) have.set(k, c);
  }
  const changes: Changes<T> = { create: [], update: [], delete: [], conflicts: [] };
  for (const [k, d] of want) {
    const c = have.get(k);
    if (!c) {
      changes.create.push(d);
    } else if (!c.owned) {
      changes.conflicts.push({ desired: d, current: c.value });
    } else {
      const reasons = checks.filter((check) => check.changed(c.value, d)).map((check) => check.name);
      if (reasons.length) changes.update.push({ current: c.value, desired: d, reasons });
    }
  }
  for (const [k, c] of have) if (c.owned && !want.has(k)) changes.delete.push(c.value);
  const sort = byKey(key);
  changes.create.sort(sort);
  changes.delete.sort(sort);
  changes.update.sort((a, b) => sort(a.desired, b.desired));
  changes.conflicts.sort((a, b) => sort(a.desired, b.desired));
  return changes;
}

/** True when the plan asks for no write (conflicts alone change nothing). */
export function isEmpty<T>(changes: Changes<T>): boolean {
  return changes.create.length === 0 && changes.update.length === 0 && changes.delete.length === 0;
}

/**
 * The plan as text, one line per change, for `reconcile --dry-run` and
 * logs: `+` create, `~` update (with reasons, and the old form when it reads
 * differently), `-` delete, `!` conflict.
 * @param describe one-line description of an item
 */
export function formatChanges<T>(provider: string, changes: Changes<T>, describe: (item: T) => string): string[] {
  const head = `${provider}: ${changes.create.length} to create, ${changes.update.length} to update, ${changes.delete.length} to delete, ${changes.conflicts.length} not owned (left alone)`;
  return [
    head,
    ...changes.create.map((c) => `  + ${describe(c)}`),
    ...changes.update.map((u) => {
      const was = describe(u.current);
      return `  ~ ${describe(u.desired)} (${u.reasons.join(', ')}${was === describe(u.desired) ? '' : `; was ${was}`})`;
    }),
    ...changes.delete.map((d) => `  - ${describe(d)}`),
    ...changes.conflicts.map((c) => `  ! ${describe(c.desired)}: held by an object cloudmap-dns does not own, left alone`),
  ];
}
