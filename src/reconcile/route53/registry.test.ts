import { describe, expect, it } from 'vitest';
import { plan } from '../plan.ts';
import { changeUnits, ownerValue, parseOwner, readOwnership, registryName, registryRecord } from './registry.ts';
import { fromRoute53, normalName, RECORD_CHECKS, type RecordSet, recordKey, toRoute53 } from './records.ts';

const a1: RecordSet = { name: 'backend-api.app.local', type: 'A', ttl: 60, values: ['10.42.1.5'], setIdentifier: 'backend-1', routing: 'MULTIVALUE' };
const host1: RecordSet = { name: 'backend-1.backend-api.app.local', type: 'A', ttl: 60, values: ['10.42.1.5'] };
const ours = (r: RecordSet) => registryRecord(r, 'cluster-1', 'service/srv-1');

describe('TXT ownership registry (external-dns style)', () => {
  it('names and values of ownership records', () => {
    expect(registryName('backend-api.app.local', 'SRV')).toBe('_cloudmap-dns-srv.backend-api.app.local');
    expect(ownerValue('cluster-1', 'service/srv-1')).toBe('"heritage=cloudmap-dns,cloudmap-dns/owner=cluster-1,cloudmap-dns/resource=service/srv-1"');
    expect(parseOwner(ownerValue('cluster-1'))).toBe('cluster-1');
    expect(parseOwner('"heritage=external-dns,external-dns/owner=default"')).toBeUndefined();
    expect(ours(a1)).toEqual({
      name: '_cloudmap-dns-a.backend-api.app.local', type: 'TXT', ttl: 300, values: [ownerValue('cluster-1', 'service/srv-1')],
      setIdentifier: 'backend-1', routing: 'MULTIVALUE',
    });
  });

  it('a record set is owned only with our TXT beside it; another owner\'s TXT claims its key', () => {
    const theirs = registryRecord(host1, 'cluster-2');
    const stray: RecordSet = { name: 'www.app.local', type: 'A', ttl: 300, values: ['192.0.2.1'] };
    const o = readOwnership([a1, ours(a1), stray, theirs], 'cluster-1');
    expect(o.current.map((c) => [recordKey(c.value), c.owned])).toEqual([
      [recordKey(a1), true],
      [recordKey(stray), false],
      [recordKey(host1), false],
    ]);
    expect([...o.registry.keys()]).toEqual([recordKey(a1)]);
  });

  it('units: create adds the TXT, delete removes it, update is DELETE old + CREATE new, orphan TXTs go', () => {
    const host2: RecordSet = { ...host1, name: 'backend-2.backend-api.app.local', values: ['10.42.1.6'] };
    const orphan = ours({ ...a1, setIdentifier: 'gone' });
    const current = [a1, ours(a1), host1, ours(host1), orphan];
    const ownership = readOwnership(current, 'cluster-1');
    const desired = [{ ...a1, ttl: 30 }, host2];
    const changes = plan(desired, ownership.current, { key: recordKey, checks: RECORD_CHECKS });
    const units = changeUnits(changes, ownership, 'cluster-1', () => 'service/srv-1');
    const show = units.map((u) => u.map((c) => `${c.Action} ${c.ResourceRecordSet!.Name} ${c.ResourceRecordSet!.Type} ${c.ResourceRecordSet!.SetIdentifier ?? ''} ${c.ResourceRecordSet!.TTL}`.trim()));
    expect(show).toEqual([
      ['DELETE _cloudmap-dns-a.backend-api.app.local. TXT gone 300'],
      ['DELETE backend-1.backend-api.app.local. A  60', 'DELETE _cloudmap-dns-a.backend-1.backend-api.app.local. TXT  300'],
      ['DELETE backend-api.app.local. A backend-1 60', 'CREATE backend-api.app.local. A backend-1 30'],
      ['CREATE backend-2.backend-api.app.local. A  60', 'CREATE _cloudmap-dns-a.backend-2.backend-api.app.local. TXT  300'],
    ]);
  });

  it('a record deleted by hand comes back without a second TXT (drift repair)', () => {
    const ownership = readOwnership([ours(a1)], 'cluster-1');
    const changes = plan([a1], ownership.current, { key: recordKey, checks: RECORD_CHECKS });
    const units = changeUnits(changes, ownership, 'cluster-1');
    expect(units.map((u) => u.map((c) => `${c.Action} ${c.ResourceRecordSet!.Type}`))).toEqual([['CREATE A']]);
  });
});

describe('Route 53 normal form: a re-read is not a change', () => {
  it('decodes escapes, lowercases, drops trailing dots, canonicalises IPv6 and SRV targets', () => {
    expect(normalName('\\052.App.Local.')).toBe('*.app.local');
    const read = fromRoute53({
      Name: 'Backend-API.app.local.', Type: 'SRV', TTL: 60, SetIdentifier: 'backend-1', MultiValueAnswer: true,
      ResourceRecords: [{ Value: '1 1 8080 Backend-1.backend-api.app.local.' }],
    });
    expect(read).toMatchObject({ name: 'backend-api.app.local', values: ['1 1 8080 backend-1.backend-api.app.local'], routing: 'MULTIVALUE' });
    expect(fromRoute53({ Name: 'x.app.local.', Type: 'AAAA', TTL: 5, ResourceRecords: [{ Value: 'FD00:0:0::1' }] })?.values).toEqual(['fd00::1']);
    expect(fromRoute53({ Name: 'app.local.', Type: 'SOA', TTL: 5, ResourceRecords: [{ Value: 'x' }] })).toBeUndefined();
    expect(fromRoute53({ Name: 'w.app.local.', Type: 'A', Weight: 1, SetIdentifier: 'i', TTL: 5, ResourceRecords: [{ Value: '10.0.0.1' }] })?.routing).toBe('WEIGHTED');
  });

  it('writes names and targets fully qualified, routing as MultiValueAnswer or Weight', () => {
    const srv: RecordSet = { name: 'b.app.local', type: 'SRV', ttl: 60, values: ['1 1 80 i.b.app.local'], setIdentifier: 'i', routing: 'WEIGHTED' };
    expect(toRoute53(srv)).toEqual({ Name: 'b.app.local.', Type: 'SRV', TTL: 60, ResourceRecords: [{ Value: '1 1 80 i.b.app.local.' }], SetIdentifier: 'i', Weight: 1 });
    const back = fromRoute53(toRoute53(srv))!;
    expect(plan([srv], [{ value: back, owned: true }], { key: recordKey, checks: RECORD_CHECKS }).update).toEqual([]);
  });
});
