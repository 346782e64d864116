import { describe, expect, it } from 'vitest';
import type { Instance, Namespace, Service } from '../model/types.ts';
import { RecordCache } from '../dns/record-cache.ts';
import { DEFAULT_ZONE_NAMING } from '../dns/records.ts';
import { createResolver } from '../dns/resolver.ts';
import { RRType } from '../dns/constants.ts';
import { canonicalName, sameRecord, View } from './view.ts';

const ns = (id: string, name: string, type: Namespace['type'] = 'DNS_PRIVATE'): Namespace => ({
  id, arn: `arn:aws:servicediscovery:us-east-1:123456789012:namespace/${id}`, name, type, createDate: 0, httpName: name, resourceOwner: '123456789012',
});
const svc = (id: string, namespaceId: string, name: string): Service => ({
  id, arn: `arn:x:${id}`, name, namespaceId, type: 'DNS_HTTP', createdByAccount: '1', resourceOwner: '1', createDate: 0, instancesRevision: 0,
  dnsRecords: [{ type: 'A', ttl: 60 }],
});
const inst = (id: string, serviceId: string, healthStatus: Instance['healthStatus'] = 'UNKNOWN'): Instance => ({
  id, serviceId, attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' }, createdByAccount: '1', createDate: 0, updateDate: 0, healthStatus,
});

describe('View', () => {
  it('canonicalises names: lowercase, one trailing dot dropped', () => {
    expect(canonicalName('Backend.App.Local.')).toBe('backend.app.local');
  });

  it('loads a snapshot into zones (DNS namespaces only) and finds the closest enclosing zone', () => {
    const view = new View();
    view.load({ revision: 7, namespaces: [ns('ns-a', 'app.local'), ns('ns-b', 'eu.app.local'), ns('ns-h', 'shop', 'HTTP')], services: [], instances: [] });
    expect(view.revision).toBe(7);
    expect([...view.zones.keys()].sort()).toEqual(['app.local', 'eu.app.local']);
    expect(view.findZone('x.eu.app.local')?.namespace.id).toBe('ns-b');
    expect(view.findZone('x.app.local')?.namespace.id).toBe('ns-a');
    expect(view.findZone('app.local')?.namespace.id).toBe('ns-a');
    expect(view.findZone('local')).toBeUndefined();
    expect(view.findZone('shop')).toBeUndefined();
    expect(view.namespaceByHttpName('SHOP')?.id).toBe('ns-h');
  });

  it('applies events in order, ignores stale ones, and keeps name indexes in step', () => {
    const view = new View();
    view.apply({ type: 'NamespaceUpserted', revision: 1, namespace: ns('ns-a', 'app.local') });
    view.apply({ type: 'ServiceUpserted', revision: 2, service: svc('srv-1', 'ns-a', '_http._tcp.api') });
    view.apply({ type: 'InstanceUpserted', revision: 3, instance: inst('I-1', 'srv-1') });
    view.apply({ type: 'InstanceDeleted', revision: 2, serviceId: 'srv-1', instanceId: 'I-1' }); // stale: ignored
    const zone = view.findZone('app.local')!;
    const entry = zone.services.get('_http._tcp.api')!;
    expect(entry.instances.get('I-1')?.id).toBe('I-1');
    expect(entry.instances.get('i-1')).toBeUndefined();
    expect(entry.service.instancesRevision).toBe(3);
    expect(zone.isEmptyNonTerminal('_tcp.api')).toBe(true);
    expect(zone.isEmptyNonTerminal('api')).toBe(true);
    expect(zone.isEmptyNonTerminal('_http._tcp.api')).toBe(false);
    expect(view.serviceByName('ns-a', '_HTTP._tcp.api')).toBe(entry);

    view.apply({ type: 'InstanceDeleted', revision: 4, serviceId: 'srv-1', instanceId: 'I-1' });
    expect(entry.instances.size).toBe(0);
    view.apply({ type: 'ServiceDeleted', revision: 5, namespaceId: 'ns-a', serviceId: 'srv-1' });
    expect(zone.services.size).toBe(0);
    expect(zone.isEmptyNonTerminal('api')).toBe(false);
    expect(view.serviceByName('ns-a', '_http._tcp.api')).toBeUndefined();
    view.apply({ type: 'NamespaceDeleted', revision: 6, namespaceId: 'ns-a' });
    expect(view.findZone('app.local')).toBeUndefined();
    expect(view.namespaceByHttpName('app.local')).toBeUndefined();
    expect(view.revision).toBe(6);
  });

  it('splits instances into healthy (anything not UNHEALTHY) and unhealthy, refreshing after changes', () => {
    const view = new View();
    view.load({
      revision: 3,
      namespaces: [ns('ns-a', 'app.local')],
      services: [svc('srv-1', 'ns-a', 'api')],
      instances: [inst('a', 'srv-1', 'HEALTHY'), inst('b', 'srv-1', 'UNKNOWN'), inst('c', 'srv-1', 'UNHEALTHY')],
    });
    const entry = view.services.get('srv-1')!;
    expect(entry.healthy().map((i) => i.id).sort()).toEqual(['a', 'b']);
    expect(entry.unhealthy().map((i) => i.id)).toEqual(['c']);
    view.apply({ type: 'InstanceUpserted', revision: 4, instance: inst('c', 'srv-1', 'HEALTHY') });
    expect(entry.unhealthy()).toEqual([]);
    expect(entry.healthy()).toHaveLength(3);
  });

  it('keeps instance ids case-sensitively', () => {
    const view = new View();
    view.apply({ type: 'NamespaceUpserted', revision: 1, namespace: ns('ns-a', 'app.local') });
    view.apply({ type: 'ServiceUpserted', revision: 2, service: svc('srv-1', 'ns-a', 'web') });
    view.apply({ type: 'InstanceUpserted', revision: 3, instance: inst('Web-1', 'srv-1') });
    view.apply({ type: 'InstanceUpserted', revision: 4, instance: inst('web-1', 'srv-1') });
    const entry = view.services.get('srv-1')!;
    expect([...entry.instances.keys()].sort()).toEqual(['Web-1', 'web-1']);
    view.apply({ type: 'InstanceDeleted', revision: 5, serviceId: 'srv-1', instanceId: 'Web-1' });
    expect([...entry.instances.keys()]).toEqual(['web-1']);
  });

  it('applies a health change to that instance only; instancesRevision stays', () => {
    const view = new View();
    view.apply({ type: 'NamespaceUpserted', revision: 1, namespace: ns('ns-a', 'app.local') });
    view.apply({ type: 'ServiceUpserted', revision: 2, service: svc('srv-1', 'ns-a', 'web') });
    view.apply({ type: 'InstanceUpserted', revision: 3, instance: inst('i-1', 'srv-1') });
    const entry = view.services.get('srv-1')!;
    const before = entry.instances.get('i-1')!;
    const healthyBefore = entry.healthy();
    view.apply({ type: 'InstanceHealthChanged', revision: 4, serviceId: 'srv-1', instanceId: 'i-1', healthStatus: 'UNHEALTHY', updateDate: 99 });
    expect(entry.instances.get('i-1')).toEqual({ ...before, healthStatus: 'UNHEALTHY', updateDate: 99 });
    expect(entry.healthy()).not.toBe(healthyBefore);
    expect(entry.unhealthy().map((i) => i.id)).toEqual(['i-1']);
    expect(entry.service.instancesRevision).toBe(3);
    expect(view.revision).toBe(4);
    view.apply({ type: 'InstanceHealthChanged', revision: 5, serviceId: 'srv-1', instanceId: 'ghost', healthStatus: 'HEALTHY', updateDate: 1 });
    expect(view.revision).toBe(5);
  });

  it('a reload keeps the entry (and its DNS record memo) of every service whose instances did not change', async () => {
    const view = new View();
    const resolver = createResolver(view);
    const base = { namespaces: [ns('ns-a', 'app.local')], services: [svc('s-1', 'ns-a', 'one'), svc('s-2', 'ns-a', 'two'), svc('s-3', 'ns-a', 'three')] };
    await view.loadInSlices({ ...base, revision: 1, instances: [inst('i-1', 's-1'), inst('i-2', 's-2'), inst('i-3', 's-3')] });
    const before = ['s-1', 's-2', 's-3'].map((id) => view.services.get(id)!);
    const answer = (name: string) => resolver.resolve({ name, type: RRType.A }).answers[0];
    const memo = new RecordCache(DEFAULT_ZONE_NAMING);
    const memoOf = (id: string) => memo.service(view.services.get(id)!, view.zones.get('app.local')!);
    const memoOne = memoOf('s-1');
    const memoThree = memoOf('s-3');
    // Fresh copies of the same records, but for s-2 another instance and for s-3 a new TTL.
    const fresh = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
    const s3 = { ...svc('s-3', 'ns-a', 'three'), dnsRecords: [{ type: 'A' as const, ttl: 5 }] };
    await view.loadInSlices(fresh({ namespaces: base.namespaces, services: [base.services[0]!, base.services[1]!, s3], revision: 2,
      instances: [inst('i-1', 's-1'), inst('i-2', 's-2'), inst('i-9', 's-2'), inst('i-3', 's-3')] }));
    const after = ['s-1', 's-2', 's-3'].map((id) => view.services.get(id)!);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect([...after[1]!.instances.keys()].sort()).toEqual(['i-2', 'i-9']);
    expect(after[2]).toBe(before[2]);
    expect(after[2]!.service.dnsRecords?.[0]?.ttl).toBe(5);
    // Every index points at the kept entries: by name and through the zone.
    expect(view.serviceByName('ns-a', 'ONE')).toBe(before[0]);
    expect(view.zones.get('app.local')!.services.get('three')).toBe(before[2]);
    // The unchanged service's memo is kept (the same records); s-3's is rebuilt with the new TTL.
    expect(memoOf('s-1')).toBe(memoOne);
    expect(memoOf('s-3')).not.toBe(memoThree);
    expect(answer('one.app.local')!.ttl).toBe(60);
    expect(answer('three.app.local')!.ttl).toBe(5);
    expect(resolver.resolve({ name: 'two.app.local', type: RRType.A }).answers).toHaveLength(2);
  });

  it('a reload without changed instances drops the deleted ones, also when an instance comes twice (a repeated SSCAN id)', async () => {
    const view = new View();
    const base = { namespaces: [ns('ns-a', 'app.local')], services: [svc('s-1', 'ns-a', 'one'), svc('s-2', 'ns-a', 'two')] };
    await view.loadInSlices({ ...base, revision: 1, instances: [inst('i-1', 's-1'), inst('i-2', 's-1'), inst('i-3', 's-1'), inst('i-4', 's-2')] });
    const [one, three] = ['i-1', 'i-3'].map((id) => view.services.get('s-1')!.instances.get(id)!);
    const entryOne = view.services.get('s-1')!;
    // i-2 is gone from the store; i-1 comes twice, so the service gets as many instances as before (3).
    await view.loadInSlices({ ...base, revision: 2, instances: [inst('i-1', 's-1'), inst('i-3', 's-1'), inst('i-1', 's-1'), inst('i-4', 's-2')] });
    const after = view.services.get('s-1')!;
    expect(after).not.toBe(entryOne);
    expect([...after.instances.keys()].sort()).toEqual(['i-1', 'i-3']);
    expect(after.instances.get('i-1')).toBe(one);
    expect(after.instances.get('i-3')).toBe(three);
    expect(view.serviceByName('ns-a', 'one')).toBe(after);
    expect(view.zones.get('app.local')!.services.get('one')).toBe(after);
    // A changed instance after unchanged ones: the service holds the unchanged objects seen before it, and the new one.
    await view.loadInSlices({ ...base, revision: 3, instances: [inst('i-1', 's-1'), inst('i-3', 's-1', 'UNHEALTHY'), inst('i-4', 's-2')] });
    const third = view.services.get('s-1')!;
    expect([...third.instances.keys()].sort()).toEqual(['i-1', 'i-3']);
    expect(third.instances.get('i-1')).toBe(one);
    expect(third.instances.get('i-3')!.healthStatus).toBe('UNHEALTHY');
    // A service whose instances all went: empty, not the old entry.
    await view.loadInSlices({ ...base, revision: 4, instances: [inst('i-4', 's-2')] });
    expect(view.services.get('s-1')!.instances.size).toBe(0);
    expect(view.services.get('s-2')!.instances.size).toBe(1);
  });

  it('sameRecord compares JSON records deeply', () => {
    expect(sameRecord({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(sameRecord({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(sameRecord({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameRecord([], {})).toBe(false);
  });
});
