/**
 * The view: one process's in-memory copy of the state, shaped for answering
 * DNS without touching the store.
 *
 * It is built from a `Snapshot` and kept current by applying `ChangeEvent`s
 * (see `follower.ts`). DNS lookups go zone → service → instance host label,
 * all by lowercase name, so a query costs a few map lookups (RFC 4343: DNS
 * names compare case-insensitively). Instances themselves are kept by their
 * exact, case-sensitive id, as AWS keeps them.
 */
import type { Instance, Namespace, Service } from '../model/types.ts';
import { isDnsNamespace } from '../model/types.ts';
import type { ChangeEvent } from '../store/events.ts';
import type { BatchedSnapshot, Snapshot } from '../store/store.ts';
import { compactInstance, sameInstance, type ViewInstance, withHealth } from './compact.ts';

/** Options of `View.loadInSlices`. */
export interface LoadSlicesOptions {
  /**
   * Longest stretch of synchronous work before yielding to the event loop,
   * milliseconds, so DNS keeps answering from the old state meanwhile.
   * @default 4
   */
  sliceMs?: number;
  /** Called between slices (tests use it to hold a load half-way). */
  onSlice?: () => void | Promise<void>;
}

/** Lowercase a DNS name and drop one trailing dot. */
export function canonicalName(name: string): string {
  const lowered = name.toLowerCase();
  return lowered.endsWith('.') ? lowered.slice(0, -1) : lowered;
}

/**
 * Whether an instance counts as healthy for DNS answers: anything not
 * reported UNHEALTHY (UNKNOWN is served, as Route 53 serves a record whose
 * health check has no result yet).
 */
export function servesAsHealthy(instance: Pick<Instance, 'healthStatus'>): boolean {
  return instance.healthStatus !== 'UNHEALTHY';
}

/** A service and its instances as the DNS resolver sees them. */
export class ServiceEntry {
  /**
   * Instances by id, case-sensitively: `Web-1` and `web-1` are two instances
   * (AWS instance ids are case-sensitive; DiscoverInstances lists both).
   */
  readonly instances = new Map<string, ViewInstance>();
  #healthy: ViewInstance[] | undefined;
  #unhealthy: ViewInstance[] | undefined;

  constructor(public service: Service) {}

  /** Instances serving as healthy (see `servesAsHealthy`); cached until the next change. */
  healthy(): readonly ViewInstance[] {
    this.#split();
    return this.#healthy!;
  }

  /** Instances reported UNHEALTHY; cached until the next change. */
  unhealthy(): readonly ViewInstance[] {
    this.#split();
    return this.#unhealthy!;
  }

  /**
   * Store or replace an instance (by exact id), in the view's compact form
   * (`compact.ts`); `previous`, the same instance in the view being
   * replaced, is kept as is when nothing changed.
   */
  put(instance: Instance, previous?: ViewInstance): void {
    const kept = compactInstance(instance, this.service.id, previous);
    // Keyed by the kept object's own id string, so a decoded copy of the id is not held on.
    this.instances.set(kept.id, kept);
    this.#healthy = this.#unhealthy = undefined;
  }

  /** Put every instance of `from` (the same service in the current view) that the load numbered `mark` found unchanged. */
  putMarked(from: ServiceEntry, mark: number): void {
    for (const inst of from.instances.values()) if (inst.loadMark === mark) this.put(inst);
  }

  /** Remove an instance by exact id; true when it was there. */
  remove(instanceId: string): boolean {
    if (!this.instances.delete(instanceId)) return false;
    this.#healthy = this.#unhealthy = undefined;
    return true;
  }

  /** Replace an instance's health status; false when there is no such instance or nothing changed. */
  setHealth(instanceId: string, healthStatus: Instance['healthStatus'], updateDate: number): boolean {
    const inst = this.instances.get(instanceId);
    if (!inst || inst.healthStatus === healthStatus) return false;
    this.instances.set(instanceId, withHealth(inst, healthStatus, updateDate));
    this.#healthy = this.#unhealthy = undefined;
    return true;
  }

  #split(): void {
    if (this.#healthy) return;
    this.#healthy = [];
    this.#unhealthy = [];
    for (const inst of this.instances.values()) (servesAsHealthy(inst) ? this.#healthy : this.#unhealthy).push(inst);
  }
}

/** A DNS namespace served as a zone. */
export class Zone {
  /** Services by lowercase name relative to the zone (`backend`, `_http._tcp.api`). */
  readonly services = new Map<string, ServiceEntry>();
  /** Lowercase relative names that are proper ancestors of service names (empty non-terminals). */
  #emptyNonTerminals = new Set<string>();

  constructor(public namespace: Namespace) {}

  /** Zone apex, lowercase, no trailing dot (e.g. `app.local`). */
  get name(): string {
    return canonicalName(this.namespace.name);
  }

  /** True when `relativeName` has no records of its own but service names exist below it (RFC 8020 §2). */
  isEmptyNonTerminal(relativeName: string): boolean {
    return this.#emptyNonTerminals.has(relativeName);
  }

  /** Recompute the empty non-terminals after services change. */
  reindex(): void {
    const ents = new Set<string>();
    for (const name of this.services.keys()) {
      let dot = name.indexOf('.');
      while (dot >= 0) {
        ents.add(name.slice(dot + 1));
        dot = name.indexOf('.', dot + 1);
      }
    }
    for (const name of this.services.keys()) ents.delete(name);
    this.#emptyNonTerminals = ents;
  }
}

/**
 * The whole in-memory view; see the module comment.
 *
 * A full load (`load`, `loadInSlices`) builds a new set of maps beside the
 * current ones and swaps them in at once, so a reader sees either the old
 * state or the new one, never a mix; `loadInSlices` also yields to the event
 * loop while it builds, so DNS keeps answering from the old state.
 */
export class View {
  /** Revision of the last applied event (or of the loaded snapshot). */
  revision = 0;
  #namespaces = new Map<string, Namespace>();
  #services = new Map<string, ServiceEntry>();
  #zones = new Map<string, Zone>();
  /** DNS zones by namespace id. */
  #zoneOfNamespace = new Map<string, Zone>();
  /** Namespace id by lowercase HttpName (DiscoverInstances `NamespaceName`). */
  #namespaceByHttpName = new Map<string, string>();
  /** Service entries by `<namespace id>\n<lowercase service name>`. */
  #serviceByName = new Map<string, ServiceEntry>();
  #complete = false;

  /** Namespaces by id. */
  get namespaces(): Map<string, Namespace> {
    return this.#namespaces;
  }

  /** Service entries by service id. */
  get services(): Map<string, ServiceEntry> {
    return this.#services;
  }

  /** DNS zones by apex name (lowercase, no trailing dot). */
  get zones(): Map<string, Zone> {
    return this.#zones;
  }

  /**
   * True once the view holds a whole snapshot (after the first `load` or
   * `loadInSlices`); a view built only from events is never complete.
   * Until then DNS must not answer from it (a partial view would turn
   * existing names into NXDOMAIN).
   */
  get complete(): boolean {
    return this.#complete;
  }

  /** The namespace whose HttpName is `name` (case-insensitive), as DiscoverInstances finds it. */
  namespaceByHttpName(name: string): Namespace | undefined {
    const id = this.#namespaceByHttpName.get(name.toLowerCase());
    return id === undefined ? undefined : this.namespaces.get(id);
  }

  /** The service called `name` (case-insensitive) in a namespace. */
  serviceByName(namespaceId: string, name: string): ServiceEntry | undefined {
    return this.#serviceByName.get(`${namespaceId}\n${name.toLowerCase()}`);
  }

  /** Replace everything with a snapshot, in one synchronous step (see `loadInSlices` for large snapshots). */
  load(snapshot: Snapshot): void {
    const next = new View();
    next.#fill(snapshot);
    for (const inst of snapshot.instances) next.#services.get(inst.serviceId)?.put(inst);
    this.#adopt(next, snapshot.revision);
  }

  /**
   * Replace everything with a snapshot without blocking the event loop:
   * builds the new state beside the current one, yielding every `sliceMs`
   * milliseconds, then swaps it in at once. Until the swap every reader
   * (DNS, the API) sees the previous state unchanged. Events must not be
   * applied meanwhile (the follower has no subscription while it loads).
   *
   * A `BatchedSnapshot` is consumed as its batches arrive, so the instances
   * are never held twice; an instance equal to the one the current view
   * holds is kept as that object (`compactInstance`), so a reload of
   * unchanged data leaves almost nothing for the garbage collector to copy
   * or promote (issue 11: no query stall over 50 ms during a reload).
   * @returns how many instances the snapshot held
   * @throws what the snapshot's batches reject with (the current view stays)
   */
  async loadInSlices(snapshot: Snapshot | BatchedSnapshot, options: LoadSlicesOptions = {}): Promise<number> {
    const sliceMs = options.sliceMs ?? 4;
    const next = new View();
    next.#fill(snapshot);
    const batches: AsyncIterable<readonly Instance[]> | Iterable<readonly Instance[]> = 'instanceBatches' in snapshot
      ? snapshot.instanceBatches
      : inBatches(snapshot.instances, 256);
    let count = 0;
    let sliceStarted = performance.now();
    let pending = false;
    // Unchanged instances are not put into `next` as they come: each is marked, and counted per service,
    // so a reload of unchanged data builds no instance maps (they would live, and be copied by the
    // garbage collector, until the swap only to be dropped). A service gets its own instances in `next`
    // ("built") once a changed or new instance of it comes, starting from the marked ones.
    const mark = ++loadMarks;
    const built = new Set<ServiceEntry>();
    /** Per entry of `next` not built: how many distinct instances of the current view came unchanged (and are marked). */
    const unchanged = new Map<ServiceEntry, number>();
    for await (const batch of batches) {
      for (const inst of batch) {
        const entry = next.#services.get(inst.serviceId);
        if (!entry) continue;
        const current = this.#services.get(inst.serviceId);
        const previous = current?.instances.get(inst.id);
        if (!built.has(entry)) {
          if (previous && sameInstance(previous, inst)) {
            if (previous.loadMark !== mark) {
              previous.loadMark = mark;
              unchanged.set(entry, (unchanged.get(entry) ?? 0) + 1);
            }
            continue;
          }
          built.add(entry);
          if (current) entry.putMarked(current, mark);
        }
        entry.put(inst, previous);
      }
      count += batch.length;
      pending = true;
      if (performance.now() - sliceStarted >= sliceMs) {
        await yieldSlice(options);
        pending = false;
        sliceStarted = performance.now();
      }
    }
    if (pending) await yieldSlice(options);
    next.#keepUnchangedEntries(this, built, unchanged, mark);
    this.#adopt(next, snapshot.revision);
    return count;
  }

  /**
   * After a load into this (new) view: every service none of whose
   * instances changed (`built` does not hold it) takes its instances from
   * the `current` view. When it has as many as the current entry (all of
   * them came, unchanged), it keeps the current `ServiceEntry` object instead
   * of the new one (with the new service record if that changed); otherwise
   * its new entry gets the current instances the load marked. Every
   * namespace record equal to the current one stays that object. The DNS
   * record memo is keyed by entry (`dns/record-cache.ts`), so a reload of
   * unchanged data keeps every memo and leaves little garbage.
   * @param built entries of this view that already hold their instances
   * @param unchanged per other entry, how many current instances came unchanged (marked with `mark`)
   */
  #keepUnchangedEntries(current: View, built: ReadonlySet<ServiceEntry>, unchanged: ReadonlyMap<ServiceEntry, number>, mark: number): void {
    // Namespace records too (the memo is valid for one namespace object), when equal.
    for (const [id, ns] of this.#namespaces) {
      const old = current.#namespaces.get(id);
      if (!old || old === ns || !sameRecord(old, ns)) continue;
      this.#namespaces.set(id, old);
      const zone = this.#zoneOfNamespace.get(id);
      if (zone) zone.namespace = old;
    }
    for (const [id, entry] of this.#services) {
      const old = current.#services.get(id);
      const n = unchanged.get(entry) ?? 0;
      if (!old || built.has(entry) || n === 0) continue;
      const svc = entry.service;
      if (n !== old.instances.size || old.service.namespaceId !== svc.namespaceId || old.service.name !== svc.name) {
        entry.putMarked(old, mark);
        continue;
      }
      if (!sameRecord(old.service, svc)) old.service = svc;
      const name = svc.name.toLowerCase();
      this.#services.set(id, old);
      this.#serviceByName.set(`${svc.namespaceId}\n${name}`, old);
      this.#zoneOfNamespace.get(svc.namespaceId)?.services.set(name, old);
    }
  }

  /** The namespaces and services (indexed) of a snapshot into this (empty) view. */
  #fill(snapshot: Pick<Snapshot, 'namespaces' | 'services'>): void {
    for (const ns of snapshot.namespaces) this.#putNamespace(ns);
    for (const svc of snapshot.services) this.#putService(svc);
    for (const zone of this.#zones.values()) zone.reindex();
  }

  /** Take over the state of `next` in one step. */
  #adopt(next: View, revision: number): void {
    this.#namespaces = next.#namespaces;
    this.#services = next.#services;
    this.#zones = next.#zones;
    this.#zoneOfNamespace = next.#zoneOfNamespace;
    this.#namespaceByHttpName = next.#namespaceByHttpName;
    this.#serviceByName = next.#serviceByName;
    this.revision = revision;
    this.#complete = true;
  }

  /** Apply one change event; events at or below the current revision are ignored. */
  apply(event: ChangeEvent): void {
    if (event.revision <= this.revision) return;
    this.revision = event.revision;
    switch (event.type) {
      case 'NamespaceUpserted':
        return this.#putNamespace(event.namespace);
      case 'NamespaceDeleted':
        return this.#deleteNamespace(event.namespaceId);
      case 'ServiceUpserted': {
        this.#putService(event.service);
        this.#zoneOfNamespace.get(event.service.namespaceId)?.reindex();
        return;
      }
      case 'ServiceDeleted': {
        const entry = this.services.get(event.serviceId);
        this.#services.delete(event.serviceId);
        if (entry) this.#serviceByName.delete(`${entry.service.namespaceId}\n${entry.service.name.toLowerCase()}`);
        const zone = this.#zoneOfNamespace.get(event.namespaceId);
        if (entry && zone) {
          zone.services.delete(entry.service.name.toLowerCase());
          zone.reindex();
        }
        return;
      }
      case 'InstanceUpserted': {
        const entry = this.services.get(event.instance.serviceId);
        if (!entry) return;
        entry.put(event.instance);
        entry.service.instancesRevision = event.revision;
        return;
      }
      case 'InstanceHealthChanged': {
        // Health only: instancesRevision stays (AWS DiscoverInstances).
        this.services.get(event.serviceId)?.setHealth(event.instanceId, event.healthStatus, event.updateDate);
        return;
      }
      case 'InstanceDeleted': {
        const entry = this.services.get(event.serviceId);
        if (!entry) return;
        entry.remove(event.instanceId);
        entry.service.instancesRevision = event.revision;
        return;
      }
    }
  }

  /**
   * The zone whose apex is `name` or its closest enclosing zone (longest
   * suffix match on label boundaries). `name` must be canonical
   * (`canonicalName`).
   */
  findZone(name: string): Zone | undefined {
    let candidate = name;
    for (;;) {
      const zone = this.zones.get(candidate);
      if (zone) return zone;
      const dot = candidate.indexOf('.');
      if (dot < 0) return undefined;
      candidate = candidate.slice(dot + 1);
    }
  }

  #putNamespace(ns: Namespace): void {
    const previous = this.namespaces.get(ns.id);
    if (previous) this.#namespaceByHttpName.delete(previous.httpName.toLowerCase());
    this.#namespaces.set(ns.id, ns);
    this.#namespaceByHttpName.set(ns.httpName.toLowerCase(), ns.id);
    if (!isDnsNamespace(ns)) return;
    let zone = this.#zoneOfNamespace.get(ns.id);
    if (zone) {
      if (previous && canonicalName(previous.name) !== canonicalName(ns.name)) this.zones.delete(zone.name);
      zone.namespace = ns;
    } else {
      zone = new Zone(ns);
      this.#zoneOfNamespace.set(ns.id, zone);
    }
    this.zones.set(zone.name, zone);
  }

  #deleteNamespace(id: string): void {
    const zone = this.#zoneOfNamespace.get(id);
    if (zone) this.zones.delete(zone.name);
    this.#zoneOfNamespace.delete(id);
    const ns = this.namespaces.get(id);
    if (ns) this.#namespaceByHttpName.delete(ns.httpName.toLowerCase());
    this.#namespaces.delete(id);
  }

  #putService(svc: Service): void {
    let entry = this.services.get(svc.id);
    const zone = this.#zoneOfNamespace.get(svc.namespaceId);
    if (entry) {
      if (entry.service.name.toLowerCase() !== svc.name.toLowerCase()) {
        zone?.services.delete(entry.service.name.toLowerCase());
        this.#serviceByName.delete(`${svc.namespaceId}\n${entry.service.name.toLowerCase()}`);
      }
      entry.service = svc;
    } else {
      entry = new ServiceEntry(svc);
      this.#services.set(svc.id, entry);
    }
    zone?.services.set(svc.name.toLowerCase(), entry);
    this.#serviceByName.set(`${svc.namespaceId}\n${svc.name.toLowerCase()}`, entry);
  }
}

/** `instances` as consecutive batches of at most `size` (slices: copies of the references only). */
function* inBatches(instances: readonly Instance[], size: number): Generator<readonly Instance[]> {
  for (let at = 0; at < instances.length; at += size) yield instances.slice(at, at + size);
}

/** Number of the last full load started (`ViewInstance.loadMark`); loads of one view never overlap (the follower runs one at a time). */
let loadMarks = 0;

/** Between two slices of a load: `onSlice`, then one turn of the event loop (queries waiting on sockets are answered). */
async function yieldSlice(options: LoadSlicesOptions): Promise<void> {
  await options.onSlice?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Deep equality of two records made of JSON values (plain objects, arrays, strings, numbers, booleans, null). */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameRecord((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
