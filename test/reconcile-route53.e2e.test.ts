/**
 * The Route 53 provider against moto's Route 53 server (a real peer that
 * rejects a CREATE of an existing record set and a DELETE that does not
 * match exactly, as Route 53 does): the README walkthrough's records,
 * ownership, drift repair, conflicts, batches and throttling backoff.
 */
import { ChangeResourceRecordSetsCommand, ChangeTagsForResourceCommand, CreateHostedZoneCommand, GetHostedZoneCommand, ListTagsForResourceCommand, type ResourceRecordSet, type Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Instance, Namespace } from '../src/model/types.ts';
import { applyUnits, listRecordSets } from '../src/reconcile/route53/api.ts';
import { formatZoneOutcome, Route53Provider, type ZoneOutcome } from '../src/reconcile/route53/provider.ts';
import { groupState } from '../src/reconcile/state.ts';
import { instance, service } from './support/dns-fixtures.ts';
import { type MotoHandle, startMoto } from './support/moto.ts';

let moto: MotoHandle;
let r53: Route53Client;
beforeAll(async () => {
  moto = await startMoto();
  r53 = moto.route53();
});
afterAll(() => moto?.stop());
beforeEach(() => moto.reset());

const appLocal = (hostedZoneId?: string): Namespace => ({
  id: 'ns-applocal0000001', arn: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-applocal0000001', name: 'app.local',
  type: 'DNS_PRIVATE', createDate: 0, httpName: 'app.local', resourceOwner: '123456789012', vpc: 'vpc-1', soaTtl: 15,
  ...(hostedZoneId ? { hostedZoneId } : {}),
});
const backendApi = service('srv-backendapi0001', 'ns-applocal0000001', 'backend-api', [['A', 60], ['SRV', 60]]);
const backend = (n: number, ip: string): Instance => instance('srv-backendapi0001', `backend-${n}`, { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '8080' });
const readme = () => [backend(1, '10.42.1.5'), backend(2, '10.42.1.6')];
const state = (instances: Instance[], ns = appLocal(), services = [backendApi]) => groupState({ revision: 1, namespaces: [ns], services, instances });

function provider(extra: Partial<ConstructorParameters<typeof Route53Provider>[0]> = {}) {
  const zones: string[] = [];
  const p = new Route53Provider({ client: r53, ownerId: 'test-owner', onZone: async (_ns, id) => void zones.push(id), backoff: { baseMs: 5 }, ...extra });
  return Object.assign(p, { zones });
}

/** `name type [set] ttl values` of every record set in the zone, SOA/NS left out. */
async function zoneLines(zoneId: string): Promise<string[]> {
  return (await listRecordSets(r53, zoneId))
    .filter((r) => r.Type !== 'SOA' && r.Type !== 'NS')
    .map((r) => `${r.Name} ${r.Type}${r.SetIdentifier ? ` [${r.SetIdentifier}]` : ''}${r.MultiValueAnswer ? ' multivalue' : ''} ${r.TTL} ${(r.ResourceRecords ?? []).map((v) => v.Value).join(' ')}`)
    .sort();
}

const owner = (id: string) => '"heritage=cloudmap-dns,cloudmap-dns/owner=test-owner,cloudmap-dns/resource=service/srv-backendapi0001"';

const README_ZONE = [
  '_cloudmap-dns-a.backend-1.backend-api.app.local. TXT 300 ' + owner('1'),
  '_cloudmap-dns-a.backend-2.backend-api.app.local. TXT 300 ' + owner('2'),
  '_cloudmap-dns-a.backend-api.app.local. TXT [backend-1] multivalue 300 ' + owner('1'),
  '_cloudmap-dns-a.backend-api.app.local. TXT [backend-2] multivalue 300 ' + owner('2'),
  '_cloudmap-dns-srv.backend-api.app.local. TXT [backend-1] multivalue 300 ' + owner('1'),
  '_cloudmap-dns-srv.backend-api.app.local. TXT [backend-2] multivalue 300 ' + owner('2'),
  'backend-1.backend-api.app.local. A 60 10.42.1.5',
  'backend-2.backend-api.app.local. A 60 10.42.1.6',
  'backend-api.app.local. A [backend-1] multivalue 60 10.42.1.5',
  'backend-api.app.local. A [backend-2] multivalue 60 10.42.1.6',
  'backend-api.app.local. SRV [backend-1] multivalue 60 1 1 8080 backend-1.backend-api.app.local.',
  'backend-api.app.local. SRV [backend-2] multivalue 60 1 1 8080 backend-2.backend-api.app.local.',
];

const counts = (o: ZoneOutcome) => [o.changes.create.length, o.changes.update.length, o.changes.delete.length, o.changes.conflicts.length];

describe('Route 53 provider against moto', () => {
  it('creates a private hosted zone for the namespace (VPC, tag) and the README walkthrough record sets with ownership TXTs', async () => {
    const p = provider();
    const [out] = await p.reconcile(state(readme()), false);
    expect(out!.zone?.how).toBe('created');
    expect(counts(out!)).toEqual([6, 0, 0, 0]);
    expect(out!.failed).toEqual([]);
    expect(p.zones).toEqual([out!.zone!.id]);
    const zone = await r53.send(new GetHostedZoneCommand({ Id: out!.zone!.id }));
    expect(zone.HostedZone).toMatchObject({ Name: 'app.local.', Config: { PrivateZone: true } });
    expect(zone.VPCs).toEqual([{ VPCId: 'vpc-1', VPCRegion: 'us-east-1' }]);
    const tags = await r53.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: out!.zone!.id }));
    expect(tags.ResourceTagSet?.Tags).toEqual([{ Key: 'cloudmap-dns/namespace-id', Value: 'ns-applocal0000001' }]);
    expect(await zoneLines(out!.zone!.id)).toEqual(README_ZONE);
  });

  it('a second pass finds the zone (by CallerReference, then by HostedZoneId) and plans nothing: a re-read is not a change', async () => {
    const [first] = await provider().reconcile(state(readme()), false);
    const [again] = await provider().reconcile(state(readme()), false);
    expect(again!.zone).toEqual({ id: first!.zone!.id, how: 'callerReference' });
    expect(counts(again!)).toEqual([0, 0, 0, 0]);
    const [byId] = await provider().reconcile(state(readme(), appLocal(first!.zone!.id)), false);
    expect(byId!.zone?.how).toBe('hostedZoneId');
    expect(counts(byId!)).toEqual([0, 0, 0, 0]);
  });

  it('finds a zone made elsewhere by its tag', async () => {
    const made = await r53.send(new CreateHostedZoneCommand({ Name: 'app.local', CallerReference: 'someone-else-1', HostedZoneConfig: { PrivateZone: true }, VPC: { VPCId: 'vpc-1', VPCRegion: 'us-east-1' } }));
    const id = made.HostedZone!.Id!.replace('/hostedzone/', '');
    await r53.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: id, AddTags: [{ Key: 'cloudmap-dns/namespace-id', Value: 'ns-applocal0000001' }] }));
    const [out] = await provider().reconcile(state(readme()), false);
    expect(out!.zone).toEqual({ id, how: 'tag' });
  });

  it('removes the record sets of a deregistered instance with their TXTs; TTL changes are updates', async () => {
    const [first] = await provider().reconcile(state(readme()), false);
    const [after] = await provider().reconcile(state([backend(2, '10.42.1.6')]), false);
    expect(counts(after!)).toEqual([0, 0, 3, 0]);
    expect(await zoneLines(first!.zone!.id)).toEqual(README_ZONE.filter((l) => !l.includes('backend-1')));
    const ttl30 = service('srv-backendapi0001', 'ns-applocal0000001', 'backend-api', [['A', 30], ['SRV', 30]]);
    const [updated] = await provider().reconcile(state([backend(2, '10.42.1.6')], appLocal(), [ttl30]), false);
    expect(counts(updated!)).toEqual([0, 3, 0, 0]);
    expect((await zoneLines(first!.zone!.id)).filter((l) => !l.includes('TXT'))).toEqual([
      'backend-2.backend-api.app.local. A 30 10.42.1.6',
      'backend-api.app.local. A [backend-2] multivalue 30 10.42.1.6',
      'backend-api.app.local. SRV [backend-2] multivalue 30 1 1 8080 backend-2.backend-api.app.local.',
    ]);
  });

  it('drift repair: an owned record set deleted or edited by hand comes back', async () => {
    const [first] = await provider().reconcile(state(readme()), false);
    const zoneId = first!.zone!.id;
    const all = await listRecordSets(r53, zoneId);
    const host1 = all.find((r) => r.Name === 'backend-1.backend-api.app.local.' && r.Type === 'A')!;
    const a2 = all.find((r) => r.Name === 'backend-api.app.local.' && r.Type === 'A' && r.SetIdentifier === 'backend-2')!;
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
      { Action: 'DELETE', ResourceRecordSet: host1 },
      { Action: 'DELETE', ResourceRecordSet: a2 },
      { Action: 'CREATE', ResourceRecordSet: { ...a2, ResourceRecords: [{ Value: '192.0.2.66' }] } },
    ] } }));
    const [repair] = await provider().reconcile(state(readme()), false);
    expect(counts(repair!)).toEqual([1, 1, 0, 0]);
    expect(formatZoneOutcome(repair!).filter((l) => l.startsWith("  x"))).toEqual([]);
    expect(repair!.changes.update[0]!.reasons).toEqual(['values']);
    expect(await zoneLines(zoneId)).toEqual(README_ZONE);
  });

  it('an unowned record set with the same name, type and set identifier is left alone and reported', async () => {
    const made = await provider().reconcile(state([]), false);
    const zoneId = made[0]!.zone!.id;
    const foreign: ResourceRecordSet = { Name: 'backend-api.app.local.', Type: 'A', SetIdentifier: 'backend-1', MultiValueAnswer: true, TTL: 300, ResourceRecords: [{ Value: '192.0.2.1' }] };
    const other: ResourceRecordSet = { Name: 'www.app.local.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.2' }] };
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: foreign }, { Action: 'CREATE', ResourceRecordSet: other }] } }));
    const [out] = await provider().reconcile(state(readme()), false);
    expect(counts(out!)).toEqual([5, 0, 0, 1]);
    expect(formatZoneOutcome(out!).filter((l) => l.startsWith('  !'))).toEqual([
      '  ! backend-api.app.local A [backend-1] 60 10.42.1.5: held by an object cloudmap-dns does not own, left alone',
    ]);
    const lines = await zoneLines(zoneId);
    expect(lines).toContain('backend-api.app.local. A [backend-1] multivalue 300 192.0.2.1');
    expect(lines).toContain('www.app.local. A 300 192.0.2.2');
    // Deregistering everything deletes ours only.
    const [gone] = await provider().reconcile(state([]), false);
    expect(counts(gone!)).toEqual([0, 0, 5, 0]);
    expect(await zoneLines(zoneId)).toEqual(['backend-api.app.local. A [backend-1] multivalue 300 192.0.2.1', 'www.app.local. A 300 192.0.2.2']);
  });

  it('a deleted namespace: our record sets go, then the zone we created; a zone still holding others\' records stays', async () => {
    const [first] = await provider().reconcile(state(readme()), false);
    const zoneId = first!.zone!.id;
    const none = groupState({ revision: 2, namespaces: [], services: [], instances: [] });
    const [dry] = await provider().reconcile(none, true);
    expect([dry!.zone?.how, counts(dry!), dry!.zoneDeleted]).toEqual(['orphan', [0, 0, 6, 0], undefined]);
    const [gone] = await provider().reconcile(none, false);
    expect([counts(gone!), gone!.zoneDeleted]).toEqual([[0, 0, 6, 0], true]);
    expect(formatZoneOutcome(gone!)[0]).toContain(`hosted zone ${zoneId}, namespace ns-applocal0000001 is gone: zone deleted`);
    await expect(r53.send(new GetHostedZoneCommand({ Id: zoneId }))).rejects.toThrow();
    // Another owner's zone is not ours to delete; a zone with others' records is kept.
    const [again] = await provider().reconcile(state(readme()), false);
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: again!.zone!.id, ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'www.app.local.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.2' }] } }] } }));
    expect((await new Route53Provider({ client: r53, ownerId: 'someone-else' }).reconcile(none, false))).toEqual([]);
    const [kept] = await provider().reconcile(none, false);
    expect([counts(kept!), kept!.zoneDeleted, await zoneLines(again!.zone!.id)]).toEqual([[0, 0, 6, 0], undefined, ['www.app.local. A 300 192.0.2.2']]);
  });

  it('a dry run plans but writes nothing and creates no zone', async () => {
    const [out] = await provider().reconcile(state(readme()), true);
    expect(out!.zone).toBeUndefined();
    expect(counts(out!)).toEqual([6, 0, 0, 0]);
    expect(formatZoneOutcome(out!)[0]).toBe('route53 app.local (no hosted zone yet (would be created)): 6 to create, 0 to update, 0 to delete, 0 not owned (left alone)');
    const [real] = await provider().reconcile(state(readme()), false);
    expect(real!.zone?.how).toBe('created');
  });

  it('Throttling and PriorRequestNotComplete get backoff, then the batch goes through', async () => {
    const throttles: string[] = [];
    moto.throttleNext(2, 'Throttling');
    const p = provider({ onThrottle: (e) => void throttles.push(e.name) });
    const [out] = await p.reconcile(state(readme()), false);
    expect(throttles).toEqual(['Throttling', 'Throttling']);
    expect(out!.failed).toEqual([]);
    expect(await zoneLines(out!.zone!.id)).toEqual(README_ZONE);
    moto.throttleNext(1, 'PriorRequestNotComplete');
    const [next] = await provider({ onThrottle: (e) => void throttles.push(e.name) }).reconcile(state([backend(2, '10.42.1.6')]), false);
    expect(throttles.at(-1)).toBe('PriorRequestNotComplete');
    expect(counts(next!)).toEqual([0, 0, 3, 0]);
  });

  it('large plans go in several batches: 140 instances with a 100-change limit make 3 requests', async () => {
    const aOnly = service('srv-backendapi0001', 'ns-applocal0000001', 'backend-api', [['A', 60]]);
    const many = Array.from({ length: 140 }, (_, i) => instance('srv-backendapi0001', `task-${i}`, { AWS_INSTANCE_IPV4: `10.50.${i >> 8}.${i & 255}` }));
    const [out] = await provider({ limits: { changes: 100, records: 100, valueChars: 32000 } }).reconcile(state(many, appLocal(), [aOnly]), false);
    expect(counts(out!)).toEqual([140, 0, 0, 0]);
    expect([out!.batches, out!.failed.length]).toEqual([3, 0]);
    expect((await listRecordSets(r53, out!.zone!.id)).length).toBe(2 + 280);
    const [again] = await provider().reconcile(state(many, appLocal(), [aOnly]), false);
    expect(counts(again!)).toEqual([0, 0, 0, 0]);
  });

  it("Route 53's own limit: 510 instances (1,020 changes) go in 2 requests", async () => {
    const aOnly = service('srv-backendapi0001', 'ns-applocal0000001', 'backend-api', [['A', 60]]);
    const many = Array.from({ length: 510 }, (_, i) => instance('srv-backendapi0001', `task-${i}`, { AWS_INSTANCE_IPV4: `10.50.${i >> 8}.${i & 255}` }));
    const [out] = await provider().reconcile(state(many, appLocal(), [aOnly]), false);
    expect([out!.batches, out!.failed.length]).toEqual([2, 0]);
    const zone = await r53.send(new GetHostedZoneCommand({ Id: out!.zone!.id }));
    expect(zone.HostedZone?.ResourceRecordSetCount).toBe(2 + 1020);
  });

  it('moto rejects a DELETE that does not match exactly; applyUnits isolates that unit and applies the rest', async () => {
    const [out] = await provider().reconcile(state([]), false);
    const zoneId = out!.zone!.id;
    const good: ResourceRecordSet = { Name: 'ok.app.local.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] };
    const stale: ResourceRecordSet = { Name: 'missing.app.local.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.2' }] };
    const result = await applyUnits(r53, zoneId, [[{ Action: 'DELETE', ResourceRecordSet: stale }], [{ Action: 'CREATE', ResourceRecordSet: good }]]);
    expect(result.applied).toBe(1);
    expect(result.failed.map((f) => f.error.name)).toEqual(['InvalidInput']); // Route 53 says InvalidChangeBatch here; moto 5.2.1 InvalidInput. Both mean 'rejected'.
    expect(await zoneLines(zoneId)).toEqual(['ok.app.local. A 60 10.0.0.1']);
    const again = await applyUnits(r53, zoneId, [[{ Action: 'CREATE', ResourceRecordSet: good }]]);
    expect(again.failed.map((f) => f.error.name)).toEqual(['InvalidChangeBatch']);
  });
});
