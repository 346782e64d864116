/**
 * The `Store` contract as one vitest suite, run against every
 * implementation (`memory/memory-store.test.ts`,
 * `redis/redis-store.redis.test.ts`). Each rule of `store.ts` has a test
 * here; an implementation is correct when this suite passes.
 *
 * `makeStore` is called once per test and must return an empty store. With
 * `{eventLogSize: n}` it must return a store that keeps only about the last
 * `n` change events for late subscribers (MemoryStore `eventLogSize`, Redis
 * exact `MAXLEN`), which the gap tests need.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloudMapError, type ErrorType } from '../model/errors.ts';
import { arn, newNamespaceId, newOperationId, newServiceId } from '../model/ids.ts';
import type { Instance, Namespace, Operation, OperationType, Service } from '../model/types.ts';
import type { ChangeEvent } from './events.ts';
import { RequestAlreadyApplied, type ChangeListener, type Snapshot, type Store } from './store.ts';

/** What `makeStore` returns: an empty store and how to dispose of it. */
export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

/** Options a contract test may ask `makeStore` for. */
export interface MakeStoreOptions {
  /** Keep only the last `eventLogSize` change events for late subscribers. */
  eventLogSize?: number;
  /** Keep at most this many operations (the store's `maxOperations`). */
  maxOperations?: number;
}

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const T0 = 1_732_000_000_000;

/** A DNS namespace record with every optional field set. */
export function aNamespace(name: string, extra: Partial<Namespace> = {}): Namespace {
  const id = newNamespaceId();
  return {
    id, arn: arn(REGION, ACCOUNT, 'namespace', id), name, type: 'DNS_PRIVATE', description: `zone ${name}`,
    creatorRequestId: `req-${id}`, createDate: T0, httpName: name, vpc: 'vpc-0abc', soaTtl: 15,
    hostedZoneId: 'ZABCDEFGHIJKLMNOPQRSTU', resourceOwner: ACCOUNT, ...extra,
  };
}

/** A DNS service record in `ns` with DNS records and a health check. */
export function aService(ns: Namespace, name: string, extra: Partial<Service> = {}): Service {
  const id = newServiceId();
  return {
    id, arn: arn(REGION, ACCOUNT, 'service', id), name, namespaceId: ns.id, type: 'DNS_HTTP',
    description: `service ${name}`, creatorRequestId: `req-${id}`, createdByAccount: ACCOUNT, resourceOwner: ACCOUNT,
    createDate: T0 + 1000, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: 60 }, { type: 'SRV', ttl: 30 }],
    healthCheckConfig: { type: 'HTTP', resourcePath: '/health', failureThreshold: 3 }, instancesRevision: 0, ...extra,
  };
}

/** An instance record of `svc`. */
export function anInstance(svc: Service, id: string, attributes: Record<string, string>, extra: Partial<Instance> = {}): Instance {
  return {
    id, serviceId: svc.id, attributes, creatorRequestId: `req-${id}`, createdByAccount: ACCOUNT,
    createDate: T0 + 2000, updateDate: T0 + 2000, healthStatus: 'HEALTHY', ...extra,
  };
}

/** An operation record of `type` on `targets`. */
export function anOperation(type: OperationType, targets: Operation['targets'], extra: Partial<Operation> = {}): Operation {
  const now = Date.now();
  return { id: newOperationId(), type, status: 'SUCCESS', ownerAccount: ACCOUNT, createDate: now, updateDate: now, targets, ...extra };
}

/** The rejection of `promise`, asserted to be a CloudMapError of `type`. */
async function rejection(promise: Promise<unknown>, type: ErrorType): Promise<CloudMapError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error, `expected ${type}`).toBeInstanceOf(CloudMapError);
  expect((error as CloudMapError).type).toBe(type);
  return error as CloudMapError;
}

/** Polls `check` until it stops throwing, at most `timeoutMs`. */
async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** A listener that records what it is given. */
function recorder(): ChangeListener & { events: ChangeEvent[]; gaps: number; batches: number } {
  const rec = {
    events: [] as ChangeEvent[], gaps: 0, batches: 0,
    onEvents(events: ChangeEvent[]) { rec.batches++; rec.events.push(...events); },
    onGap() { rec.gaps++; },
    onError() {},
  };
  return rec;
}

const revisions = (events: readonly ChangeEvent[]): number[] => events.map((e) => e.revision);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const byId = <T extends { id: string }>(list: T[]): T[] => [...list].sort((a, b) => a.id.localeCompare(b.id));
/** A snapshot with its lists in a fixed order (stores return them in no particular order). */
const sorted = (snap: Snapshot): Snapshot => ({
  revision: snap.revision, namespaces: byId(snap.namespaces), services: byId(snap.services),
  instances: [...snap.instances].sort((a, b) => `${a.serviceId}/${a.id}`.localeCompare(`${b.serviceId}/${b.id}`)),
});

/**
 * Registers the contract suite for one `Store` implementation.
 * @param makeStore returns a new, empty store per call (see the module comment for its options)
 */
export function describeStoreContract(
  name: string,
  makeStore: (options?: MakeStoreOptions) => Promise<StoreFixture>,
): void {
  describe(`Store contract: ${name}`, () => {
    const fixtures: StoreFixture[] = [];
    const open = async (options?: MakeStoreOptions): Promise<Store> => {
      const fixture = await makeStore(options);
      fixtures.push(fixture);
      return fixture.store;
    };
    afterEach(async () => {
      for (const fixture of fixtures.splice(0)) await fixture.cleanup();
    });

    /** A store with one namespace and one service in it. */
    const withService = async () => {
      const store = await open();
      const ns = aNamespace('app.local');
      await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
      const svc = aService(ns, 'backend');
      const created = await store.createService(svc);
      return { store, ns, svc: created.service };
    };

    describe('namespaces', () => {
      it('creates, reads and lists a namespace with every field; serviceCount is derived', async () => {
        const store = await open();
        expect(await store.revision()).toBe(0);
        const ns = aNamespace('app.local');
        const event = await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }), { team: 'dns', env: 'dev' });
        expect(event).toEqual({ type: 'NamespaceUpserted', revision: 1, namespace: ns });
        expect(await store.getNamespace(ns.id)).toEqual({ ...ns, serviceCount: 0 });
        expect(await store.listNamespaces()).toEqual([{ ...ns, serviceCount: 0 }]);
        expect(await store.getTags(ns.arn)).toEqual({ team: 'dns', env: 'dev' });
        expect(await store.getNamespace('ns-doesnotexist0000')).toBeUndefined();
      });

      it('keeps a minimal HTTP namespace without optional fields', async () => {
        const store = await open();
        const ns: Namespace = { id: newNamespaceId(), arn: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/x',
          name: 'http-ns', type: 'HTTP', createDate: T0, httpName: 'http-ns', resourceOwner: ACCOUNT };
        await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
        expect(await store.getNamespace(ns.id)).toEqual({ ...ns, serviceCount: 0 });
        expect(await store.getTags(ns.arn)).toEqual({});
      });

      it('rejects a second namespace with the same name in any case, naming the existing one', async () => {
        const store = await open();
        const ns = aNamespace('App.Local');
        await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
        const error = await rejection(
          store.createNamespace(aNamespace('app.LOCAL'), anOperation('CREATE_NAMESPACE', {})), 'NamespaceAlreadyExists');
        expect(error.fields).toEqual({ NamespaceId: ns.id, CreatorRequestId: ns.creatorRequestId });
        expect(await store.listNamespaces()).toHaveLength(1);
      });

      it('deletes an empty namespace, its name index and tags; records the operation', async () => {
        const store = await open();
        const ns = aNamespace('app.local');
        await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }), { a: '1' });
        const op = anOperation('DELETE_NAMESPACE', { NAMESPACE: ns.id });
        expect(await store.deleteNamespace(ns.id, op)).toEqual({ type: 'NamespaceDeleted', revision: 2, namespaceId: ns.id });
        expect(await store.getNamespace(ns.id)).toBeUndefined();
        expect(await store.listNamespaces()).toEqual([]);
        expect(await store.getTags(ns.arn)).toEqual({});
        expect(await store.getOperation(op.id)).toEqual(op);
        const again = aNamespace('APP.local');
        await store.createNamespace(again, anOperation('CREATE_NAMESPACE', { NAMESPACE: again.id }));
        expect((await store.listNamespaces()).map((n) => n.id)).toEqual([again.id]);
      });

      it('refuses to delete a missing namespace (NamespaceNotFound) or one with services (ResourceInUse)', async () => {
        const { store, ns } = await withService();
        await rejection(store.deleteNamespace('ns-doesnotexist0000', anOperation('DELETE_NAMESPACE', {})), 'NamespaceNotFound');
        await rejection(store.deleteNamespace(ns.id, anOperation('DELETE_NAMESPACE', { NAMESPACE: ns.id })), 'ResourceInUse');
        expect(await store.getNamespace(ns.id)).toEqual({ ...ns, serviceCount: 1 });
      });
    });

    describe('services', () => {
      it('creates a service whose instancesRevision is the event revision; instanceCount is derived', async () => {
        const store = await open();
        const ns = aNamespace('app.local');
        await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
        const svc = aService(ns, 'backend', { healthCheckCustom: false });
        const event = await store.createService(svc, { owner: 'me' });
        expect(event.type).toBe('ServiceUpserted');
        expect(event.revision).toBe(2);
        expect(event.service).toEqual({ ...svc, instancesRevision: 2 });
        expect(await store.getService(svc.id)).toEqual({ ...svc, instancesRevision: 2, instanceCount: 0 });
        expect(await store.listServices()).toEqual([{ ...svc, instancesRevision: 2, instanceCount: 0 }]);
        expect(await store.getTags(svc.arn)).toEqual({ owner: 'me' });
        expect((await store.getNamespace(ns.id))?.serviceCount).toBe(1);
        expect(await store.getService('srv-doesnotexist000')).toBeUndefined();
      });

      it('keeps HTTP and custom-health services field for field', async () => {
        const store = await open();
        const ns = aNamespace('http-ns', { type: 'HTTP' });
        await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
        const plain: Service = { id: newServiceId(), arn: 'arn:x', name: 'plain', namespaceId: ns.id, type: 'HTTP',
          createdByAccount: ACCOUNT, resourceOwner: ACCOUNT, createDate: T0, instancesRevision: 0 };
        const custom = aService(ns, 'custom', { healthCheckConfig: undefined, healthCheckCustom: true, dnsRecords: [], routingPolicy: 'WEIGHTED' });
        const a = await store.createService(plain);
        const b = await store.createService(custom);
        expect(await store.getService(plain.id)).toEqual({ ...plain, instancesRevision: a.revision, instanceCount: 0 });
        expect(await store.getService(custom.id)).toEqual({ ...custom, instancesRevision: b.revision, instanceCount: 0 });
      });

      it('needs an existing namespace (NamespaceNotFound)', async () => {
        const store = await open();
        const ghost = aNamespace('ghost.local');
        await rejection(store.createService(aService(ghost, 'backend')), 'NamespaceNotFound');
        expect(await store.listServices()).toEqual([]);
      });

      it('makes names unique per namespace, case-insensitively, naming the existing service', async () => {
        const { store, ns, svc } = await withService();
        const error = await rejection(store.createService(aService(ns, 'BackEnd')), 'ServiceAlreadyExists');
        expect(error.fields).toEqual({ ServiceId: svc.id, ServiceArn: svc.arn, CreatorRequestId: svc.creatorRequestId });
        const other = aNamespace('other.local');
        await store.createNamespace(other, anOperation('CREATE_NAMESPACE', { NAMESPACE: other.id }));
        await store.createService(aService(other, 'backend'));
        expect(await store.listServices()).toHaveLength(2);
      });

      it('deletes an empty service with its name index and tags', async () => {
        const store = await open();
        const ns = aNamespace('app.local');
        await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
        const svc = aService(ns, 'backend');
        await store.createService(svc, { k: 'v' });
        expect(await store.deleteService(svc.id)).toEqual({ type: 'ServiceDeleted', revision: 3, namespaceId: ns.id, serviceId: svc.id });
        expect(await store.getService(svc.id)).toBeUndefined();
        expect(await store.listServices()).toEqual([]);
        expect(await store.getTags(svc.arn)).toEqual({});
        expect((await store.getNamespace(ns.id))?.serviceCount).toBe(0);
        await store.createService(aService(ns, 'BACKEND'));
        await store.deleteService((await store.listServices())[0]!.id);
        await store.deleteNamespace(ns.id, anOperation('DELETE_NAMESPACE', { NAMESPACE: ns.id }));
      });

      it('refuses to delete a missing service (ServiceNotFound) or one with instances (ResourceInUse)', async () => {
        const { store, svc } = await withService();
        await rejection(store.deleteService('srv-doesnotexist000'), 'ServiceNotFound');
        await store.registerInstance(anInstance(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1' }), anOperation('REGISTER_INSTANCE', {}));
        await rejection(store.deleteService(svc.id), 'ResourceInUse');
        expect((await store.getService(svc.id))?.instanceCount).toBe(1);
      });
    });

    describe('instances', () => {
      it('registers an instance; the service instancesRevision becomes the event revision', async () => {
        const { store, svc } = await withService();
        const inst = anInstance(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '8080', zone: 'é ü 🚀' });
        const op = anOperation('REGISTER_INSTANCE', { NAMESPACE: svc.namespaceId, SERVICE: svc.id, INSTANCE: 'i-1' });
        const event = await store.registerInstance(inst, op);
        expect(event).toEqual({ type: 'InstanceUpserted', revision: 3, instance: inst });
        expect(await store.getInstance(svc.id, 'i-1')).toEqual(inst);
        expect(await store.listInstances(svc.id)).toEqual([inst]);
        expect(await store.getService(svc.id)).toMatchObject({ instancesRevision: 3, instanceCount: 1 });
        expect(await store.getOperation(op.id)).toEqual(op);
        expect(await store.getInstance(svc.id, 'i-2')).toBeUndefined();
      });

      it('accepts every character AWS allows in instance ids', async () => {
        const { store, svc } = await withService();
        const ids = ['a:b', 'a:b:attrs', 'x/y@z.w_v-u', 'A'];
        for (const id of ids) await store.registerInstance(anInstance(svc, id, { k: id }), anOperation('REGISTER_INSTANCE', {}));
        expect(byId(await store.listInstances(svc.id)).map((i) => [i.id, i.attributes.k])).toEqual(
          [...ids].sort((a, b) => a.localeCompare(b)).map((id) => [id, id]));
      });

      it('re-registering replaces the attributes and keeps createDate', async () => {
        const { store, svc } = await withService();
        const first = anInstance(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1', old: 'x' });
        await store.registerInstance(first, anOperation('REGISTER_INSTANCE', {}));
        const second = anInstance(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.2' }, {
          createDate: T0 + 9000, updateDate: T0 + 9000, creatorRequestId: undefined, healthStatus: 'UNKNOWN' });
        const event = await store.registerInstance(second, anOperation('REGISTER_INSTANCE', {}));
        const expected = { ...second, createDate: first.createDate };
        expect(event.instance).toEqual(expected);
        expect(await store.getInstance(svc.id, 'i-1')).toEqual(expected);
        expect((await store.getInstance(svc.id, 'i-1'))?.creatorRequestId).toBeUndefined();
        expect((await store.getInstance(svc.id, 'i-1'))?.attributes).toEqual({ AWS_INSTANCE_IPV4: '10.0.0.2' });
        expect(await store.getService(svc.id)).toMatchObject({ instancesRevision: event.revision, instanceCount: 1 });
      });

      it('keeps ids case-sensitive; refuses ids equal but for case only where they are DNS host names (SRV)', async () => {
        const { store, ns, svc } = await withService(); // A + SRV records
        await store.registerInstance(anInstance(svc, 'Web-1', { v: '1' }), anOperation('REGISTER_INSTANCE', {}));
        const before = sorted(await store.snapshot());
        const error = await rejection(store.registerInstance(anInstance(svc, 'web-1', {}), anOperation('REGISTER_INSTANCE', {})), 'InvalidInput');
        expect(error.message).toContain('Web-1');
        expect(sorted(await store.snapshot())).toEqual(before);
        await store.registerInstance(anInstance(svc, 'Web-1', { v: '2' }), anOperation('REGISTER_INSTANCE', {}));
        await store.deregisterInstance(svc.id, 'Web-1', anOperation('DEREGISTER_INSTANCE', {}));
        await store.registerInstance(anInstance(svc, 'web-1', {}), anOperation('REGISTER_INSTANCE', {}));
        const plain = (await store.createService(aService(ns, 'plain', { dnsRecords: [{ type: 'A', ttl: 60 }] }))).service;
        await store.registerInstance(anInstance(plain, 'Web-1', {}), anOperation('REGISTER_INSTANCE', {}));
        await store.registerInstance(anInstance(plain, 'web-1', {}), anOperation('REGISTER_INSTANCE', {}));
        expect((await store.listInstances(plain.id)).map((i) => i.id).sort()).toEqual(['Web-1', 'web-1']);
      });

      it('needs an existing service (ServiceNotFound)', async () => {
        const { store, ns } = await withService();
        const ghost = aService(ns, 'ghost');
        await rejection(store.registerInstance(anInstance(ghost, 'i-1', {}), anOperation('REGISTER_INSTANCE', {})), 'ServiceNotFound');
        await rejection(store.listInstances(ghost.id), 'ServiceNotFound');
        await rejection(store.deregisterInstance(ghost.id, 'i-1', anOperation('DEREGISTER_INSTANCE', {})), 'ServiceNotFound');
      });

      it('deregisters an instance (InstanceNotFound when absent); instancesRevision follows', async () => {
        const { store, svc } = await withService();
        await store.registerInstance(anInstance(svc, 'i-1', { a: '1' }), anOperation('REGISTER_INSTANCE', {}));
        await rejection(store.deregisterInstance(svc.id, 'i-2', anOperation('DEREGISTER_INSTANCE', {})), 'InstanceNotFound');
        const op = anOperation('DEREGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: 'i-1' }, { status: 'FAIL', errorCode: 'X', errorMessage: 'm' });
        const event = await store.deregisterInstance(svc.id, 'i-1', op);
        expect(event).toEqual({ type: 'InstanceDeleted', revision: 4, serviceId: svc.id, instanceId: 'i-1' });
        expect(await store.getInstance(svc.id, 'i-1')).toBeUndefined();
        expect(await store.listInstances(svc.id)).toEqual([]);
        expect(await store.getService(svc.id)).toMatchObject({ instancesRevision: 4, instanceCount: 0 });
        expect(await store.getOperation(op.id)).toEqual(op);
        await store.registerInstance(anInstance(svc, 'i-1', { b: '2' }), anOperation('REGISTER_INSTANCE', {}));
        expect((await store.getInstance(svc.id, 'i-1'))?.attributes).toEqual({ b: '2' });
      });
    });

    describe('health writes', () => {
      it('sets only the health status and updateDate; instancesRevision stays; one event', async () => {
        const { store, svc } = await withService();
        const inst = anInstance(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1', k: 'v' });
        const registered = await store.registerInstance(inst, anOperation('REGISTER_INSTANCE', {}));
        const opsBefore = (await store.listOperations()).length;
        const event = await store.setInstanceHealth(svc.id, 'i-1', 'UNHEALTHY', T0 + 7000);
        expect(event).toEqual({
          type: 'InstanceHealthChanged', revision: registered.revision + 1, serviceId: svc.id, instanceId: 'i-1',
          healthStatus: 'UNHEALTHY', updateDate: T0 + 7000,
        });
        expect(await store.getInstance(svc.id, 'i-1')).toEqual({ ...inst, healthStatus: 'UNHEALTHY', updateDate: T0 + 7000 });
        expect((await store.getService(svc.id))?.instancesRevision).toBe(registered.revision);
        expect(await store.revision()).toBe(registered.revision + 1);
        expect((await store.listOperations()).length).toBe(opsBefore);
        const rec = recorder();
        const sub = store.subscribe(registered.revision, rec);
        await eventually(() => expect(rec.events).toEqual([event]));
        await sub.close();
      });

      it('writes nothing and emits no event when the status is unchanged', async () => {
        const { store, svc } = await withService();
        await store.registerInstance(anInstance(svc, 'i-1', {}, { healthStatus: 'HEALTHY' }), anOperation('REGISTER_INSTANCE', {}));
        const before = sorted(await store.snapshot());
        expect(await store.setInstanceHealth(svc.id, 'i-1', 'HEALTHY', T0 + 9000)).toBeUndefined();
        expect(sorted(await store.snapshot())).toEqual(before);
        expect(await store.revision()).toBe(before.revision);
      });

      it('never creates an instance: ServiceNotFound, InstanceNotFound (ids are case-sensitive)', async () => {
        const { store, svc } = await withService();
        await store.registerInstance(anInstance(svc, 'Web-1', {}), anOperation('REGISTER_INSTANCE', {}));
        const before = sorted(await store.snapshot());
        await rejection(store.setInstanceHealth('srv-doesnotexist000', 'Web-1', 'UNHEALTHY', T0), 'ServiceNotFound');
        await rejection(store.setInstanceHealth(svc.id, 'web-1', 'UNHEALTHY', T0), 'InstanceNotFound');
        await store.deregisterInstance(svc.id, 'Web-1', anOperation('DEREGISTER_INSTANCE', {}));
        await rejection(store.setInstanceHealth(svc.id, 'Web-1', 'UNHEALTHY', T0), 'InstanceNotFound');
        expect(await store.listInstances(svc.id)).toEqual([]);
        expect((await store.snapshot()).revision).toBe(before.revision + 1);
      });

      it('never overwrites attributes of a concurrent re-registration; the event stream replays to the stored state', async () => {
        const { store, svc } = await withService();
        await store.registerInstance(anInstance(svc, 'i-1', { v: '0' }), anOperation('REGISTER_INSTANCE', {}));
        const start = await store.revision();
        const writes: Promise<unknown>[] = [];
        for (let i = 1; i <= 40; i++) {
          writes.push(store.registerInstance(anInstance(svc, 'i-1', { v: String(i) }), anOperation('REGISTER_INSTANCE', {})));
          writes.push(store.setInstanceHealth(svc.id, 'i-1', i % 2 ? 'UNHEALTHY' : 'HEALTHY', T0 + i));
        }
        await Promise.all(writes);
        const rec = recorder();
        const sub = store.subscribe(start, rec);
        const end = await store.revision();
        await eventually(() => expect(rec.events.at(-1)?.revision).toBe(end));
        await sub.close();
        // Fold the events the way a view does, then compare with the store.
        let folded: Instance | undefined;
        for (const e of rec.events) {
          if (e.type === 'InstanceUpserted') folded = e.instance;
          else if (e.type === 'InstanceHealthChanged' && folded) folded = { ...folded, healthStatus: e.healthStatus, updateDate: e.updateDate };
        }
        const stored = await store.getInstance(svc.id, 'i-1');
        expect(stored).toEqual(folded);
        const lastRegistration = rec.events.filter((e) => e.type === 'InstanceUpserted').at(-1);
        expect(stored?.attributes).toEqual(lastRegistration?.type === 'InstanceUpserted' && lastRegistration.instance.attributes);
        expect((await store.getService(svc.id))?.instancesRevision).toBe(lastRegistration?.revision);
      });
    });

    describe('updates', () => {
      it('updates a namespace description and SOA TTL, recording UPDATE_NAMESPACE; one event with the whole record', async () => {
        const { store, ns } = await withService();
        const op = anOperation('UPDATE_NAMESPACE', { NAMESPACE: ns.id });
        const event = await store.updateNamespace(ns.id, { soaTtl: 300 }, op);
        expect(event).toEqual({ type: 'NamespaceUpserted', revision: 3, namespace: { ...ns, soaTtl: 300 } });
        const again = await store.updateNamespace(ns.id, { description: 'new' }, anOperation('UPDATE_NAMESPACE', { NAMESPACE: ns.id }));
        expect(again.namespace).toEqual({ ...ns, soaTtl: 300, description: 'new' });
        expect(await store.getNamespace(ns.id)).toEqual({ ...ns, soaTtl: 300, description: 'new', serviceCount: 1 });
        expect(await store.getOperation(op.id)).toEqual(op);
        await rejection(store.updateNamespace('ns-doesnotexist0000', { description: 'x' }, anOperation('UPDATE_NAMESPACE', {})), 'NamespaceNotFound');
        expect(await store.revision()).toBe(4);
      });

      it('updates a service description, TTLs and health check, keeping instancesRevision', async () => {
        const { store, svc } = await withService();
        const reg = await store.registerInstance(anInstance(svc, 'i-1', {}), anOperation('REGISTER_INSTANCE', {}));
        const op = anOperation('UPDATE_SERVICE', { SERVICE: svc.id });
        const change = { description: 'd2', dnsRecords: [{ type: 'A' as const, ttl: 5 }, { type: 'SRV' as const, ttl: 6 }], healthCheckConfig: null };
        const event = await store.updateService(svc.id, change, op);
        const expected: Service = { ...svc, description: 'd2', dnsRecords: change.dnsRecords, instancesRevision: reg.revision };
        delete expected.healthCheckConfig;
        expect(event).toEqual({ type: 'ServiceUpserted', revision: reg.revision + 1, service: expected });
        expect(await store.getService(svc.id)).toEqual({ ...expected, instanceCount: 1 });
        expect(await store.getOperation(op.id)).toEqual(op);
        const hc = { type: 'TCP' as const, failureThreshold: 2 };
        const third = await store.updateService(svc.id, { healthCheckConfig: hc }, anOperation('UPDATE_SERVICE', {}));
        expect(third.service).toEqual({ ...expected, healthCheckConfig: hc });
        await rejection(store.updateService('srv-doesnotexist000', {}, anOperation('UPDATE_SERVICE', {})), 'ServiceNotFound');
        const rec = recorder();
        const sub = store.subscribe(reg.revision, rec);
        await eventually(() => expect(rec.events).toEqual([event, third]));
        await sub.close();
      });

      it('applies concurrent updates of different fields and registrations without losing any', async () => {
        const { store, svc } = await withService();
        await Promise.all([
          store.updateService(svc.id, { description: 'x' }, anOperation('UPDATE_SERVICE', {})),
          store.updateService(svc.id, { dnsRecords: [{ type: 'A', ttl: 1 }, { type: 'SRV', ttl: 2 }] }, anOperation('UPDATE_SERVICE', {})),
          store.registerInstance(anInstance(svc, 'i-1', {}), anOperation('REGISTER_INSTANCE', {})),
          store.updateService(svc.id, { healthCheckConfig: null }, anOperation('UPDATE_SERVICE', {})),
        ]);
        const stored = (await store.getService(svc.id))!;
        expect(stored).toMatchObject({ description: 'x', dnsRecords: [{ type: 'A', ttl: 1 }, { type: 'SRV', ttl: 2 }] });
        expect(stored.healthCheckConfig).toBeUndefined();
        const rec = recorder();
        const sub = store.subscribe(0, rec);
        const end = await store.revision();
        await eventually(() => expect(rec.events.at(-1)?.revision).toBe(end));
        await sub.close();
        const last = rec.events.filter((e) => e.type === 'ServiceUpserted').at(-1);
        expect(last?.type === 'ServiceUpserted' && last.service).toEqual({ ...stored, instanceCount: undefined, instancesRevision: stored.instancesRevision });
      });
    });

    describe('service attributes', () => {
      it('adds, replaces, lists and deletes service attributes; the service keeps them until deleted', async () => {
        const { store, ns, svc } = await withService();
        expect(await store.getServiceAttributes(svc.id)).toEqual({});
        const revision = await store.revision();
        await store.updateServiceAttributes(svc.id, { a: '1', b: '2' }, 30);
        await store.updateServiceAttributes(svc.id, { b: '3', c: '' }, 30);
        expect(await store.getServiceAttributes(svc.id)).toEqual({ a: '1', b: '3', c: '' });
        await store.deleteServiceAttributes(svc.id, ['a', 'nope']);
        expect(await store.getServiceAttributes(svc.id)).toEqual({ b: '3', c: '' });
        expect(await store.revision()).toBe(revision);
        await store.deleteService(svc.id);
        const again = await store.createService({ ...aService(ns, 'backend'), id: svc.id });
        expect(await store.getServiceAttributes(again.service.id)).toEqual({});
      });

      it('refuses more than the limit as a whole (ServiceAttributesLimitExceededException) and unknown services', async () => {
        const { store, svc } = await withService();
        const many = (from: number, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${from + i}`, 'v']));
        await store.updateServiceAttributes(svc.id, many(0, 29), 30);
        await rejection(store.updateServiceAttributes(svc.id, many(29, 2), 30), 'ServiceAttributesLimitExceededException');
        expect(Object.keys(await store.getServiceAttributes(svc.id))).toHaveLength(29);
        await store.updateServiceAttributes(svc.id, { ...many(0, 5), k29: 'v' }, 30);
        expect(Object.keys(await store.getServiceAttributes(svc.id))).toHaveLength(30);
        await rejection(store.getServiceAttributes('srv-doesnotexist000'), 'ServiceNotFound');
        await rejection(store.updateServiceAttributes('srv-doesnotexist000', { a: 'b' }, 30), 'ServiceNotFound');
        await rejection(store.deleteServiceAttributes('srv-doesnotexist000', ['a']), 'ServiceNotFound');
      });
    });

    describe('tags', () => {
      it('tags and untags namespaces and services by ARN, without events', async () => {
        const { store, ns, svc } = await withService();
        const revision = await store.revision();
        await store.tagResource({ kind: 'namespace', id: ns.id, arn: ns.arn }, { a: '1', b: '2' }, 50);
        await store.tagResource({ kind: 'namespace', id: ns.id, arn: ns.arn }, { b: '3' }, 50);
        await store.tagResource({ kind: 'service', id: svc.id, arn: svc.arn }, { s: 'x' }, 50);
        expect(await store.getTags(ns.arn)).toEqual({ a: '1', b: '3' });
        expect(await store.getTags(svc.arn)).toEqual({ s: 'x' });
        await store.untagResource({ kind: 'namespace', id: ns.id, arn: ns.arn }, ['a', 'zz']);
        expect(await store.getTags(ns.arn)).toEqual({ b: '3' });
        expect(await store.revision()).toBe(revision);
      });

      it('refuses unknown resources (ResourceNotFoundException) and more than the limit (TooManyTagsException)', async () => {
        const { store, ns, svc } = await withService();
        const nsRef = { kind: 'namespace' as const, id: ns.id, arn: ns.arn };
        await rejection(store.tagResource({ kind: 'service', id: ns.id, arn: ns.arn }, { a: '1' }, 50), 'ResourceNotFoundException');
        await rejection(store.tagResource({ ...nsRef, arn: `${ns.arn}x` }, { a: '1' }, 50), 'ResourceNotFoundException');
        await rejection(store.untagResource({ kind: 'service', id: 'srv-doesnotexist000', arn: svc.arn }, ['a']), 'ResourceNotFoundException');
        const tags = (from: number, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${from + i}`, 'v']));
        await store.tagResource(nsRef, tags(0, 49), 50);
        const error = await rejection(store.tagResource(nsRef, tags(49, 2), 50), 'TooManyTagsException');
        expect(error.fields).toEqual({ ResourceName: ns.arn });
        expect(Object.keys(await store.getTags(ns.arn))).toHaveLength(49);
        await store.tagResource(nsRef, { ...tags(0, 3), t49: 'v' }, 50);
        expect(Object.keys(await store.getTags(ns.arn))).toHaveLength(50);
      });
    });

    describe('idempotency records', () => {
      it('stores a request record with each write that takes one, and refuses the key again without writing', async () => {
        const store = await open();
        const ns = aNamespace('app.local');
        const nsOp = anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id });
        const nsReq = { key: 'CreateNamespace:t1', fingerprint: 'f1', resourceId: ns.id, operationId: nsOp.id };
        await store.createNamespace(ns, nsOp, undefined, nsReq);
        const svc = aService(ns, 'backend');
        const svcReq = { key: 'CreateService:t2', fingerprint: 'f2', resourceId: svc.id };
        await store.createService(svc, undefined, svcReq);
        const regOp = anOperation('REGISTER_INSTANCE', {});
        const regReq = { key: 'RegisterInstance:t3', fingerprint: 'f3', resourceId: 'i-1', operationId: regOp.id };
        await store.registerInstance(anInstance(svc, 'i-1', { a: '1' }), regOp, regReq);
        const updOp = anOperation('UPDATE_NAMESPACE', {});
        const updReq = { key: 'UpdateNamespace:t4', fingerprint: 'f4', resourceId: ns.id, operationId: updOp.id };
        await store.updateNamespace(ns.id, { description: 'd' }, updOp, updReq);

        const before = sorted(await store.snapshot());
        const opsBefore = (await store.listOperations()).length;
        const refused = async (write: Promise<unknown>, original: object) => {
          const error = await write.then(() => undefined, (e: unknown) => e);
          expect(error).toBeInstanceOf(RequestAlreadyApplied);
          expect((error as RequestAlreadyApplied).record).toEqual(original);
        };
        // Same keys again, even with other content (another name, another instance): nothing is written.
        await refused(store.createNamespace(aNamespace('other.local'), anOperation('CREATE_NAMESPACE', {}), undefined, { ...nsReq, fingerprint: 'x' }), nsReq);
        await refused(store.createService(aService(ns, 'other'), undefined, { ...svcReq, resourceId: 'srv-x' }), svcReq);
        await refused(store.registerInstance(anInstance(svc, 'i-2', {}), anOperation('REGISTER_INSTANCE', {}), { ...regReq, resourceId: 'i-2' }), regReq);
        await refused(store.updateNamespace(ns.id, { description: 'e' }, anOperation('UPDATE_NAMESPACE', {}), updReq), updReq);
        // The request is checked before anything else: a replayed create of a taken name is still a replay.
        await refused(store.createNamespace(aNamespace('app.local'), anOperation('CREATE_NAMESPACE', {}), undefined, nsReq), nsReq);
        expect(sorted(await store.snapshot())).toEqual(before);
        expect((await store.listOperations()).length).toBe(opsBefore);
        // Other keys still write.
        await store.registerInstance(anInstance(svc, 'i-2', {}), anOperation('REGISTER_INSTANCE', {}), { ...regReq, key: 'RegisterInstance:t5' });
        expect(await store.revision()).toBe(before.revision + 1);
      });
    });

    describe('operations, tags and copies', () => {
      it('gets and lists the operations of every write that records one', async () => {
        const { store, ns, svc } = await withService();
        const reg = anOperation('REGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: 'i-1' }, { status: 'PENDING' });
        await store.registerInstance(anInstance(svc, 'i-1', {}), reg);
        expect(await store.getOperation(reg.id)).toEqual(reg);
        expect(await store.getOperation('nosuchoperation')).toBeUndefined();
        const types = (await store.listOperations()).map((o) => o.type).sort();
        expect(types).toEqual(['CREATE_NAMESPACE', 'REGISTER_INSTANCE']);
        expect((await store.listOperations()).find((o) => o.type === 'CREATE_NAMESPACE')?.targets).toEqual({ NAMESPACE: ns.id });
      });

      it('keeps at most maxOperations operations, dropping the oldest', async () => {
        const store = await open({ maxOperations: 3 });
        const ns = aNamespace('app.local');
        await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }, { createDate: Date.now() - 10 }));
        const svc = (await store.createService(aService(ns, 'backend'))).service;
        const ops = [];
        for (let i = 1; i <= 4; i++) {
          const op = anOperation('REGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: `i-${i}` }, { createDate: Date.now() - 5 + i });
          ops.push(op);
          await store.registerInstance(anInstance(svc, `i-${i}`, {}), op);
        }
        expect((await store.listOperations()).map((o) => o.id).sort()).toEqual(ops.slice(1).map((o) => o.id).sort());
        expect(await store.getOperation(ops[0]!.id)).toBeUndefined();
        expect(await store.getOperation(ops[3]!.id)).toEqual(ops[3]);
      });

      it('returns copies: mutating a returned record does not change the store', async () => {
        const { store, svc } = await withService();
        const inst = anInstance(svc, 'i-1', { a: '1' });
        const event = await store.registerInstance(inst, anOperation('REGISTER_INSTANCE', {}));
        inst.attributes.a = 'changed';
        event.instance.attributes.b = 'added';
        (await store.getInstance(svc.id, 'i-1'))!.attributes.c = 'added';
        (await store.getService(svc.id))!.name = 'changed';
        expect((await store.getInstance(svc.id, 'i-1'))?.attributes).toEqual({ a: '1' });
        expect((await store.getService(svc.id))?.name).toBe('backend');
        const tags = await store.getTags(svc.arn);
        tags.x = 'y';
        expect(await store.getTags(svc.arn)).toEqual({});
      });
    });

    describe('revisions and atomicity', () => {
      it('advances the revision by exactly 1 per successful write and not at all on a failed one', async () => {
        const store = await open();
        const ns = aNamespace('app.local');
        const svc = aService(ns, 'backend');
        const writes: [string, () => Promise<unknown>, ErrorType?][] = [
          ['service before namespace', () => store.createService(svc), 'NamespaceNotFound'],
          ['namespace', () => store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }))],
          ['duplicate namespace', () => store.createNamespace(aNamespace('APP.local'), anOperation('CREATE_NAMESPACE', {})), 'NamespaceAlreadyExists'],
          ['service', () => store.createService(svc)],
          ['duplicate service', () => store.createService(aService(ns, 'backend')), 'ServiceAlreadyExists'],
          ['instance', () => store.registerInstance(anInstance(svc, 'i-1', {}), anOperation('REGISTER_INSTANCE', {}))],
          ['delete busy service', () => store.deleteService(svc.id), 'ResourceInUse'],
          ['delete busy namespace', () => store.deleteNamespace(ns.id, anOperation('DELETE_NAMESPACE', {})), 'ResourceInUse'],
          ['deregister missing', () => store.deregisterInstance(svc.id, 'nope', anOperation('DEREGISTER_INSTANCE', {})), 'InstanceNotFound'],
          ['re-register', () => store.registerInstance(anInstance(svc, 'i-1', {}), anOperation('REGISTER_INSTANCE', {}))],
          ['deregister', () => store.deregisterInstance(svc.id, 'i-1', anOperation('DEREGISTER_INSTANCE', {}))],
          ['delete service', () => store.deleteService(svc.id)],
          ['delete namespace', () => store.deleteNamespace(ns.id, anOperation('DELETE_NAMESPACE', {}))],
        ];
        let expected = 0;
        for (const [label, write, error] of writes) {
          const before = sorted(await store.snapshot());
          const opsBefore = (await store.listOperations()).length;
          if (error) {
            await rejection(write(), error);
            expect(sorted(await store.snapshot()), label).toEqual(before);
            expect((await store.listOperations()).length, label).toBe(opsBefore);
          } else {
            expect(((await write()) as ChangeEvent).revision, label).toBe(++expected);
          }
          expect(await store.revision(), label).toBe(expected);
        }
        const rec = recorder();
        const sub = store.subscribe(0, rec);
        await eventually(() => expect(revisions(rec.events)).toEqual(range(1, expected)));
        expect(rec.events.map((e) => e.type)).toEqual(['NamespaceUpserted', 'ServiceUpserted', 'InstanceUpserted',
          'InstanceUpserted', 'InstanceDeleted', 'ServiceDeleted', 'NamespaceDeleted']);
        await sub.close();
      });

      it('snapshot holds every record at its revision', async () => {
        const { store, ns, svc } = await withService();
        const other = aService(ns, 'frontend');
        await store.createService(other);
        const a = anInstance(svc, 'i-1', { x: '1' });
        const b = anInstance(other, 'i-1', { y: '2' });
        await store.registerInstance(a, anOperation('REGISTER_INSTANCE', {}));
        await store.registerInstance(b, anOperation('REGISTER_INSTANCE', {}));
        const snap = await store.snapshot();
        expect(snap.revision).toBe(5);
        expect(snap.namespaces).toEqual([ns]);
        expect(byId(snap.services)).toEqual(byId([{ ...svc, instancesRevision: 4 }, { ...other, instancesRevision: 5 }]));
        expect(snap.instances.sort((p, q) => p.serviceId.localeCompare(q.serviceId))).toEqual(
          [a, b].sort((p, q) => p.serviceId.localeCompare(q.serviceId)));
      });
    });

    describe('subscribe', () => {
      it('delivers the backlog after a revision, then live events, in order and exactly once', async () => {
        const { store, svc } = await withService();
        for (let i = 1; i <= 3; i++) await store.registerInstance(anInstance(svc, `i-${i}`, {}), anOperation('REGISTER_INSTANCE', {}));
        const rec = recorder();
        const sub = store.subscribe(2, rec);
        await eventually(() => expect(revisions(rec.events)).toEqual([3, 4, 5]));
        const live = await store.registerInstance(anInstance(svc, 'i-4', { k: 'v' }), anOperation('REGISTER_INSTANCE', {}));
        await store.deregisterInstance(svc.id, 'i-1', anOperation('DEREGISTER_INSTANCE', {}));
        await eventually(() => expect(revisions(rec.events)).toEqual([3, 4, 5, 6, 7]));
        expect(rec.events[3]).toEqual(live);
        expect(rec.events[4]).toEqual({ type: 'InstanceDeleted', revision: 7, serviceId: svc.id, instanceId: 'i-1' });
        await new Promise((r) => setTimeout(r, 50));
        expect(revisions(rec.events)).toEqual([3, 4, 5, 6, 7]);
        expect(rec.gaps).toBe(0);
        await sub.close();
      });

      it('events carry the records as stored, so a replay rebuilds the snapshot', async () => {
        const { store, ns, svc } = await withService();
        await store.registerInstance(anInstance(svc, 'i-1', { a: '1' }), anOperation('REGISTER_INSTANCE', {}));
        await store.registerInstance(anInstance(svc, 'i-1', { b: '2' }, { createDate: T0 + 5 }), anOperation('REGISTER_INSTANCE', {}));
        const rec = recorder();
        const sub = store.subscribe(0, rec);
        await eventually(() => expect(rec.events).toHaveLength(4));
        await sub.close();
        const snap = await store.snapshot();
        expect(rec.events[0]).toEqual({ type: 'NamespaceUpserted', revision: 1, namespace: ns });
        expect(rec.events[1]).toEqual({ type: 'ServiceUpserted', revision: 2, service: svc });
        expect(rec.events[3]).toEqual({ type: 'InstanceUpserted', revision: 4, instance: snap.instances[0] });
      });

      it('delivers live events to a subscriber from the current revision, and to several at once', async () => {
        const { store, svc } = await withService();
        const [a, b] = [recorder(), recorder()];
        const subs = [store.subscribe(2, a), store.subscribe(0, b)];
        await eventually(() => expect(b.events).toHaveLength(2));
        for (let i = 1; i <= 20; i++) await store.registerInstance(anInstance(svc, `i-${i}`, {}), anOperation('REGISTER_INSTANCE', {}));
        await eventually(() => expect(revisions(a.events)).toEqual(range(3, 22)));
        await eventually(() => expect(revisions(b.events)).toEqual(range(1, 22)));
        await Promise.all(subs.map((s) => s.close()));
      });

      it('stops delivering once closed', async () => {
        const { store, svc } = await withService();
        const rec = recorder();
        const sub = store.subscribe(0, rec);
        await eventually(() => expect(rec.events).toHaveLength(2));
        await sub.close();
        await store.registerInstance(anInstance(svc, 'i-1', {}), anOperation('REGISTER_INSTANCE', {}));
        await new Promise((r) => setTimeout(r, 100));
        expect(rec.events).toHaveLength(2);
      });

      it('reports a gap when events after the position were dropped, and only then', async () => {
        const store = await open({ eventLogSize: 3 });
        const ns = aNamespace('app.local');
        await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
        const svc = (await store.createService(aService(ns, 'backend'))).service;
        for (let i = 1; i <= 6; i++) await store.registerInstance(anInstance(svc, `i-${i}`, {}), anOperation('REGISTER_INSTANCE', {}));
        expect(await store.revision()).toBe(8);
        const behind = recorder();
        const subBehind = store.subscribe(1, behind);
        await eventually(() => expect(behind.gaps).toBe(1));
        expect(behind.events).toEqual([]);
        const inside = recorder();
        const subInside = store.subscribe(5, inside);
        await eventually(() => expect(revisions(inside.events)).toEqual([6, 7, 8]));
        const current = recorder();
        const subCurrent = store.subscribe(8, current);
        await store.registerInstance(anInstance(svc, 'i-7', {}), anOperation('REGISTER_INSTANCE', {}));
        await eventually(() => expect(revisions(current.events)).toEqual([9]));
        await eventually(() => expect(revisions(inside.events)).toEqual([6, 7, 8, 9]));
        expect(inside.gaps + current.gaps).toBe(0);
        await Promise.all([subBehind, subInside, subCurrent].map((s) => s.close()));
      });
    });
  });
}
