import { describe, expect, it } from 'vitest';
import { createResolver } from '../dns/resolver.ts';
import { RRType } from '../dns/constants.ts';
import type { Instance, Namespace, Service } from '../model/types.ts';
import { compactInstance, intern, MAX_INTERNED, ViewInstance } from './compact.ts';
import { View } from './view.ts';

const ns: Namespace = { id: 'ns-app', arn: 'arn:x:ns', name: 'app.local', type: 'DNS_PRIVATE', createDate: 0, httpName: 'app.local', resourceOwner: '123456789012' };
const svc: Service = {
  id: 'srv-backend', arn: 'arn:x:srv', name: 'backend', namespaceId: 'ns-app', type: 'DNS_HTTP', createdByAccount: '123456789012', resourceOwner: '123456789012',
  createDate: 0, instancesRevision: 0, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: 30 }, { type: 'SRV', ttl: 30 }],
};
/** A decoded instance: every string a fresh copy, as a store reply or change event gives it. */
const decoded = (id: string, ip: string, stage: string): Instance => JSON.parse(JSON.stringify({
  id, serviceId: 'srv-backend', creatorRequestId: `req-${id}`, createdByAccount: '123456789012', createDate: 1, updateDate: 2, healthStatus: 'HEALTHY',
  attributes: { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '8080', stage },
})) as Instance;

describe('the view\'s compact instances', () => {
  it('keep every attribute readable, with shared strings and one shape', () => {
    const view = new View();
    view.load({ revision: 1, namespaces: [ns], services: [svc], instances: [decoded('i-1', '10.0.0.1', 'blue'), decoded('I-2', '10.0.0.2', 'blue')] });
    const entry = view.services.get('srv-backend')!;
    const a = entry.instances.get('i-1')!;
    const b = entry.instances.get('I-2')!;
    expect(a).toBeInstanceOf(ViewInstance);
    expect(a).toMatchObject({ id: 'i-1', serviceId: 'srv-backend', createdByAccount: '123456789012', createDate: 1, updateDate: 2, healthStatus: 'HEALTHY' });
    expect(a.attributes).toEqual({ AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '8080', stage: 'blue' });
    expect(Object.keys(b.attributes)).toEqual(['AWS_INSTANCE_IPV4', 'AWS_INSTANCE_PORT', 'stage']);
    expect(b.attributes.AWS_INSTANCE_IPV4).toBe('10.0.0.2');
    // Interned: the same string objects (V8 compares identical strings fast; equal content is what we can observe).
    expect(a.serviceId).toBe(entry.service.id);
    expect(a.attributes.stage).toBe(b.attributes.stage);
    // Not kept in the view: GetInstance reads it from the store.
    expect('creatorRequestId' in a).toBe(false);
    // A health change makes a new object with the same attributes.
    view.apply({ type: 'InstanceHealthChanged', revision: 2, serviceId: 'srv-backend', instanceId: 'i-1', healthStatus: 'UNHEALTHY', updateDate: 9 });
    const changed = entry.instances.get('i-1')!;
    expect(changed).toMatchObject({ healthStatus: 'UNHEALTHY', updateDate: 9, createDate: 1 });
    expect(changed.attributes).toBe(a.attributes);
    expect(entry.unhealthy().map((i) => i.id)).toEqual(['i-1']);
  });

  it('answers DNS from compact instances, and deregistration removes an instance from the view and its answers', () => {
    const view = new View();
    view.load({ revision: 1, namespaces: [ns], services: [svc], instances: [decoded('i-1', '10.0.0.1', 'blue'), decoded('i-2', '10.0.0.2', 'green')] });
    const resolver = createResolver(view);
    const a = (): string[] => resolver.resolve({ name: 'backend.app.local', type: RRType.A }).answers.map((r) => r.value).sort();
    expect(a()).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(resolver.resolve({ name: 'i-1.backend.app.local', type: RRType.A }).answers.map((r) => r.value)).toEqual(['10.0.0.1']);
    view.apply({ type: 'InstanceDeleted', revision: 2, serviceId: 'srv-backend', instanceId: 'i-1' });
    const entry = view.services.get('srv-backend')!;
    expect(entry.instances.has('i-1')).toBe(false);
    expect(entry.healthy().map((i) => i.id)).toEqual(['i-2']);
    expect(a()).toEqual(['10.0.0.2']);
    expect(resolver.resolve({ name: 'i-1.backend.app.local', type: RRType.A }).rcode).toBe(3); // NXDOMAIN
  });

  it('a reload keeps the objects of unchanged instances and replaces changed ones', async () => {
    const view = new View();
    const snapshot = { revision: 1, namespaces: [ns], services: [svc], instances: [decoded('i-1', '10.0.0.1', 'blue'), decoded('i-2', '10.0.0.2', 'blue')] };
    await view.loadInSlices(snapshot);
    const entry1 = view.services.get('srv-backend')!;
    const [one, two] = [entry1.instances.get('i-1')!, entry1.instances.get('i-2')!];
    await view.loadInSlices({ ...snapshot, revision: 2, instances: [decoded('i-1', '10.0.0.1', 'blue'), decoded('i-2', '10.0.0.2', 'green')] });
    const entry2 = view.services.get('srv-backend')!;
    expect(entry2).not.toBe(entry1); // a new state was built beside the old one
    expect(entry2.instances.get('i-1')).toBe(one);
    expect(entry2.instances.get('i-2')).not.toBe(two);
    expect(entry2.instances.get('i-2')!.attributes.stage).toBe('green');
    expect(view.revision).toBe(2);
  });

  it('interns up to MAX_INTERNED strings and then keeps new ones as given', () => {
    expect(intern(['po', 'rt'].join(''))).toBe('port');
    const long = 'x'.repeat(65);
    expect(intern(long)).toBe(long);
    for (let i = 0; i < MAX_INTERNED + 10; i++) intern(`fill-${i}`);
    const fresh = `never-seen-${Math.random()}`;
    expect(intern(fresh)).toBe(fresh);
    // A compact instance is returned as is when it is already compact for that service.
    const c = compactInstance(decoded('i-9', '10.0.0.9', 'blue'), 'srv-backend');
    expect(compactInstance(c, 'srv-backend')).toBe(c);
  });
});
