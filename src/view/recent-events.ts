/**
 * Which change event a revision stood for, for the last few thousand
 * revisions: what the view applied, and what this process's own writes
 * committed. When the two differ at one revision, the view's history is not
 * the store's any more (Redis lost its data and counts from 1 again, or was
 * replaced by one holding other data), so a write must not be confirmed
 * from the view as it is (`ViewFollower.confirm`).
 */
import type { ChangeEvent } from '../store/events.ts';
import type { Store } from '../store/store.ts';

/**
 * The identity of a change event: its type and the ids of what it changed,
 * e.g. `InstanceUpserted srv-abc/i-1`. The same event has the same key
 * whether a write returned it or the change feed delivered it.
 */
export function eventKey(event: ChangeEvent): string {
  switch (event.type) {
    case 'NamespaceUpserted': return `${event.type} ${event.namespace.id}`;
    case 'NamespaceDeleted': return `${event.type} ${event.namespaceId}`;
    case 'ServiceUpserted': return `${event.type} ${event.service.id}`;
    case 'ServiceDeleted': return `${event.type} ${event.serviceId}`;
    case 'InstanceUpserted': return `${event.type} ${event.instance.serviceId}/${event.instance.id}`;
    case 'InstanceHealthChanged': return `${event.type} ${event.serviceId}/${event.instanceId} ${event.healthStatus}`;
    case 'InstanceDeleted': return `${event.type} ${event.serviceId}/${event.instanceId}`;
    default: return (event as { type: string }).type;
  }
}

/** Event keys of the last `size` revisions (a ring indexed by revision). */
export class RecentEvents {
  readonly #revisions: Float64Array;
  readonly #keys: (string | undefined)[];

  /** @param size how many revisions to remember @default 4096 */
  constructor(readonly size = 4096) {
    this.#revisions = new Float64Array(size).fill(-1);
    this.#keys = new Array<string | undefined>(size);
  }

  /** Remembers `event` at its revision. */
  add(event: ChangeEvent): void {
    const slot = event.revision % this.size;
    this.#revisions[slot] = event.revision;
    this.#keys[slot] = eventKey(event);
  }

  /** The key remembered for `revision`, or undefined (never seen, or overwritten since). */
  get(revision: number): string | undefined {
    const slot = revision % this.size;
    return this.#revisions[slot] === revision ? this.#keys[slot] : undefined;
  }

  /** Forgets everything (the view was reloaded from a snapshot). */
  clear(): void {
    this.#revisions.fill(-1);
    this.#keys.fill(undefined);
  }
}

/** True for a value shaped like a `ChangeEvent` (what every store write resolves with). */
function isChangeEvent(value: unknown): value is ChangeEvent {
  return typeof value === 'object' && value !== null && typeof (value as ChangeEvent).type === 'string' && typeof (value as ChangeEvent).revision === 'number';
}

/**
 * `store`, with every change event its methods resolve with (the writes)
 * passed to `record`. Methods run on the store itself, so private fields and
 * getters behave as before; other properties pass through.
 */
export function recordingWrites<S extends Store>(store: S, record: (event: ChangeEvent) => void): S {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then((resolved: unknown) => {
          if (isChangeEvent(resolved)) record(resolved);
          return resolved;
        });
      };
    },
  });
}
