/**
 * The pure plan with named fixtures: the README walkthrough's service
 * `backend-api.app.local` (A and SRV, TTL 60, instances backend-1 and
 * backend-2) as Route 53 record sets, and the four expected lists.
 */
import { describe, expect, it } from 'vitest';
import { instance, service } from '../../test/support/dns-fixtures.ts';
import { type Current, formatChanges, isEmpty, plan } from './plan.ts';
import { describeRecord, desiredRecordSets, RECORD_CHECKS, type RecordSet, recordKey } from './route53/records.ts';

const ns = { name: 'app.local' };
const backendApi = (ttl = 60) => service('srv-backend', 'ns-app', 'backend-api', [['A', ttl], ['SRV', ttl]]);
const backend1 = instance('srv-backend', 'backend-1', { AWS_INSTANCE_IPV4: '10.42.1.5', AWS_INSTANCE_PORT: '8080' });
const backend2 = instance('srv-backend', 'backend-2', { AWS_INSTANCE_IPV4: '10.42.1.6', AWS_INSTANCE_PORT: '8080' });

/** The README walkthrough after both registrations. */
const readme = (ttl = 60): RecordSet[] => desiredRecordSets(ns, backendApi(ttl), [backend1, backend2]);
const owned = (sets: RecordSet[]): Current<RecordSet>[] => sets.map((value) => ({ value, owned: true }));
const run = (desired: RecordSet[], current: Current<RecordSet>[]) => plan(desired, current, { key: recordKey, checks: RECORD_CHECKS });
const lines = (sets: RecordSet[]): string[] => sets.map(describeRecord);

describe('plan: named fixtures, expected Create / Update / Delete lists', () => {
  it('"empty zone": every record set of the README walkthrough is created', () => {
    const changes = run(readme(), []);
    expect(lines(changes.create)).toEqual([
      'backend-1.backend-api.app.local A 60 10.42.1.5',
      'backend-2.backend-api.app.local A 60 10.42.1.6',
      'backend-api.app.local A [backend-1] 60 10.42.1.5',
      'backend-api.app.local A [backend-2] 60 10.42.1.6',
      'backend-api.app.local SRV [backend-1] 60 1 1 8080 backend-1.backend-api.app.local',
      'backend-api.app.local SRV [backend-2] 60 1 1 8080 backend-2.backend-api.app.local',
    ]);
    expect(changes.update).toEqual([]);
    expect(changes.delete).toEqual([]);
    expect(changes.conflicts).toEqual([]);
  });

  it('"in sync": owned and equal gives no change', () => {
    const changes = run(readme(), owned(readme()));
    expect(isEmpty(changes)).toBe(true);
    expect(changes.conflicts).toEqual([]);
  });

  it('"TTL changed" (UpdateService): every record set is updated for reason ttl', () => {
    const changes = run(readme(30), owned(readme(60)));
    expect(changes.create).toEqual([]);
    expect(changes.delete).toEqual([]);
    expect(changes.update.map((u) => [describeRecord(u.current), describeRecord(u.desired), u.reasons])).toEqual([
      ['backend-1.backend-api.app.local A 60 10.42.1.5', 'backend-1.backend-api.app.local A 30 10.42.1.5', ['ttl']],
      ['backend-2.backend-api.app.local A 60 10.42.1.6', 'backend-2.backend-api.app.local A 30 10.42.1.6', ['ttl']],
      ['backend-api.app.local A [backend-1] 60 10.42.1.5', 'backend-api.app.local A [backend-1] 30 10.42.1.5', ['ttl']],
      ['backend-api.app.local A [backend-2] 60 10.42.1.6', 'backend-api.app.local A [backend-2] 30 10.42.1.6', ['ttl']],
      ['backend-api.app.local SRV [backend-1] 60 1 1 8080 backend-1.backend-api.app.local', 'backend-api.app.local SRV [backend-1] 30 1 1 8080 backend-1.backend-api.app.local', ['ttl']],
      ['backend-api.app.local SRV [backend-2] 60 1 1 8080 backend-2.backend-api.app.local', 'backend-api.app.local SRV [backend-2] 30 1 1 8080 backend-2.backend-api.app.local', ['ttl']],
    ]);
  });

  it('"deregistered backend-1": its service and host record sets are deleted', () => {
    const desired = desiredRecordSets(ns, backendApi(), [backend2]);
    const changes = run(desired, owned(readme()));
    expect(changes.create).toEqual([]);
    expect(changes.update).toEqual([]);
    expect(lines(changes.delete)).toEqual([
      'backend-1.backend-api.app.local A 60 10.42.1.5',
      'backend-api.app.local A [backend-1] 60 10.42.1.5',
      'backend-api.app.local SRV [backend-1] 60 1 1 8080 backend-1.backend-api.app.local',
    ]);
  });

  it('"hand-edited owned record": drift in values is repaired by an update for reason values', () => {
    const current = owned(readme()).map((c) => (c.value.setIdentifier === 'backend-2' && c.value.type === 'A' ? { ...c, value: { ...c.value, values: ['192.0.2.9'] } } : c));
    const changes = run(readme(), current);
    expect(changes.update.map((u) => [describeRecord(u.desired), u.reasons])).toEqual([['backend-api.app.local A [backend-2] 60 10.42.1.6', ['values']]]);
  });

  it('"unowned record with the same key": left alone and reported, never created over, changed or deleted', () => {
    const foreign: RecordSet = { name: 'backend-api.app.local', type: 'A', ttl: 300, values: ['192.0.2.1'], setIdentifier: 'backend-1', routing: 'MULTIVALUE' };
    const current: Current<RecordSet>[] = [{ value: foreign, owned: false }];
    const changes = run(readme(), current);
    expect(changes.conflicts.map((c) => [describeRecord(c.desired), describeRecord(c.current)])).toEqual([
      ['backend-api.app.local A [backend-1] 60 10.42.1.5', 'backend-api.app.local A [backend-1] 300 192.0.2.1'],
    ]);
    expect(changes.create).toHaveLength(5);
    expect(changes.create.some((c) => recordKey(c) === recordKey(foreign))).toBe(false);
    // Nothing desired any more: the unowned record is still not deleted.
    expect(run([], current)).toEqual({ create: [], update: [], delete: [], conflicts: [] });
  });

  it('"unhealthy backend-1": Route 53 keeps the healthy one; with none healthy it keeps both (fail open)', () => {
    const sick1 = { ...backend1, healthStatus: 'UNHEALTHY' as const };
    const one = run(desiredRecordSets(ns, backendApi(), [sick1, backend2]), owned(readme()));
    expect(lines(one.delete)).toEqual([
      'backend-api.app.local A [backend-1] 60 10.42.1.5',
      'backend-api.app.local SRV [backend-1] 60 1 1 8080 backend-1.backend-api.app.local',
    ]);
    const none = run(desiredRecordSets(ns, backendApi(), [sick1, { ...backend2, healthStatus: 'UNHEALTHY' as const }]), owned(readme()));
    expect(isEmpty(none)).toBe(true);
  });

  it('"routing changed": WEIGHTED instead of MULTIVALUE is an update for reason routing', () => {
    const weighted = desiredRecordSets(ns, { ...backendApi(), routingPolicy: 'WEIGHTED' }, [backend1]);
    const changes = run(weighted, owned(desiredRecordSets(ns, backendApi(), [backend1])));
    expect(changes.update.map((u) => [describeRecord(u.desired), u.reasons])).toEqual([
      ['backend-api.app.local A [backend-1] 60 10.42.1.5', ['routing']],
      ['backend-api.app.local SRV [backend-1] 60 1 1 8080 backend-1.backend-api.app.local', ['routing']],
    ]);
  });

  it('an owned duplicate of an unowned current item wins; duplicate desired keys keep the first', () => {
    const [a] = readme();
    const changes = run([a!, { ...a!, ttl: 5 }], [{ value: { ...a!, ttl: 9 }, owned: false }, { value: a!, owned: true }]);
    expect(isEmpty(changes)).toBe(true);
    expect(changes.conflicts).toEqual([]);
  });

  it('formats the plan for --dry-run', () => {
    const changes = run(desiredRecordSets(ns, backendApi(), [backend2]), owned(readme(120)));
    expect(formatChanges('route53', changes, describeRecord)).toEqual([
      'route53: 0 to create, 3 to update, 3 to delete, 0 not owned (left alone)',
      '  ~ backend-2.backend-api.app.local A 60 10.42.1.6 (ttl; was backend-2.backend-api.app.local A 120 10.42.1.6)',
      '  ~ backend-api.app.local A [backend-2] 60 10.42.1.6 (ttl; was backend-api.app.local A [backend-2] 120 10.42.1.6)',
      '  ~ backend-api.app.local SRV [backend-2] 60 1 1 8080 backend-2.backend-api.app.local (ttl; was backend-api.app.local SRV [backend-2] 120 1 1 8080 backend-2.backend-api.app.local)',
      '  - backend-1.backend-api.app.local A 120 10.42.1.5',
      '  - backend-api.app.local A [backend-1] 120 10.42.1.5',
      '  - backend-api.app.local SRV [backend-1] 120 1 1 8080 backend-1.backend-api.app.local',
    ]);
  });
});
