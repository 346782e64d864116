/**
 * One Route 53 hosted zone per DNS namespace, as Cloud Map keeps one
 * (CreatePrivateDnsNamespace / CreatePublicDnsNamespace): a private zone
 * associated with the namespace's VPC for DNS_PRIVATE, a public zone for
 * DNS_PUBLIC.
 *
 * The zone of a namespace is, in order: the zone named by the namespace's
 * `HostedZoneId` when Route 53 has it with the same name; else a zone of the
 * same name and privacy whose CallerReference starts with
 * `cloudmap-dns:<namespace id>:` or that carries the tag
 * `cloudmap-dns/namespace-id = <namespace id>`; else a new zone (tagged so).
 * CallerReference must be unique for every CreateHostedZone ever made, so
 * ours is `cloudmap-dns:<namespace id>:<epoch ms>:<owner id>`.
 */
import {
  ChangeTagsForResourceCommand, CreateHostedZoneCommand, DeleteHostedZoneCommand, GetHostedZoneCommand, type HostedZone, ListHostedZonesByNameCommand,
  ListHostedZonesCommand, ListTagsForResourceCommand, type Route53Client, type VPCRegion,
} from '@aws-sdk/client-route-53';
import type { Namespace } from '../../model/types.ts';
import { normalName } from './records.ts';
import { bareZoneId } from './api.ts';

/** Tag key naming the namespace a hosted zone belongs to. */
export const NAMESPACE_TAG = 'cloudmap-dns/namespace-id';

/** The CallerReference prefix of zones we create for a namespace. */
export const callerReferencePrefix = (namespaceId: string): string => `cloudmap-dns:${namespaceId}:`;

/** Where the hosted zone of a namespace came from. */
export interface ZoneResult {
  /** Bare hosted zone id (`Z…`, or moto's form). */
  id: string;
  how: 'hostedZoneId' | 'callerReference' | 'tag' | 'created' | 'orphan';
}

/** Options of `ensureZone`. */
export interface ZoneOptions {
  /** Region of the VPC of private namespaces. @default 'us-east-1' */
  vpcRegion?: string;
  /** Clock for the CallerReference, epoch ms. @default Date.now */
  now?: () => number;
  /** Only look, never create (dry run). */
  dryRun?: boolean;
  /** Owner id put at the end of the CallerReference of a zone we create. @default 'cloudmap-dns' */
  ownerId?: string;
}

const isPrivate = (ns: Namespace): boolean => ns.type === 'DNS_PRIVATE';

async function byId(client: Route53Client, ns: Namespace): Promise<HostedZone | undefined> {
  if (!ns.hostedZoneId) return undefined;
  try {
    const out = await client.send(new GetHostedZoneCommand({ Id: ns.hostedZoneId }));
    return out.HostedZone;
  } catch (error) {
    if ((error as Error).name === 'NoSuchHostedZone' || (error as Error).name === 'InvalidInput') return undefined;
    throw error;
  }
}

async function tagged(client: Route53Client, zone: HostedZone, namespaceId: string): Promise<boolean> {
  const out = await client.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: bareZoneId(zone.Id!) }));
  return (out.ResourceTagSet?.Tags ?? []).some((t) => t.Key === NAMESPACE_TAG && t.Value === namespaceId);
}

/** Zones with the namespace's name and privacy (ListHostedZonesByName pages in name order). */
async function sameName(client: Route53Client, ns: Namespace): Promise<HostedZone[]> {
  const want = normalName(ns.name);
  const out: HostedZone[] = [];
  let next: { DNSName?: string; HostedZoneId?: string } = { DNSName: `${want}.` };
  for (;;) {
    const page = await client.send(new ListHostedZonesByNameCommand(next));
    for (const z of page.HostedZones ?? []) {
      if (normalName(z.Name ?? '') !== want) return out;
      if ((z.Config?.PrivateZone ?? false) === isPrivate(ns)) out.push(z);
    }
    if (!page.IsTruncated) return out;
    next = { DNSName: page.NextDNSName, HostedZoneId: page.NextHostedZoneId };
  }
}

/**
 * Finds the hosted zone of a DNS namespace, or creates it (see the module
 * comment). Returns undefined only in a dry run when no zone exists yet.
 * @throws Route 53 errors (e.g. ConflictingDomainExists)
 */
export async function ensureZone(client: Route53Client, ns: Namespace, options: ZoneOptions = {}): Promise<ZoneResult | undefined> {
  const known = await byId(client, ns);
  if (known && normalName(known.Name ?? '') === normalName(ns.name)) return { id: bareZoneId(known.Id!), how: 'hostedZoneId' };
  const candidates = await sameName(client, ns);
  const byRef = candidates.find((z) => z.CallerReference?.startsWith(callerReferencePrefix(ns.id)));
  if (byRef) return { id: bareZoneId(byRef.Id!), how: 'callerReference' };
  for (const z of candidates) if (await tagged(client, z, ns.id)) return { id: bareZoneId(z.Id!), how: 'tag' };
  if (options.dryRun) return undefined;
  const created = await client.send(new CreateHostedZoneCommand({
    Name: `${normalName(ns.name)}.`,
    CallerReference: `${callerReferencePrefix(ns.id)}${(options.now ?? Date.now)()}:${options.ownerId ?? 'cloudmap-dns'}`.slice(0, 128),
    HostedZoneConfig: { PrivateZone: isPrivate(ns), Comment: `cloudmap-dns namespace ${ns.id}` },
    ...(isPrivate(ns) ? { VPC: { VPCId: ns.vpc ?? 'vpc-unknown', VPCRegion: (options.vpcRegion ?? 'us-east-1') as VPCRegion } } : {}),
  }));
  const id = bareZoneId(created.HostedZone!.Id!);
  await client.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: id, AddTags: [{ Key: NAMESPACE_TAG, Value: ns.id }] }));
  return { id, how: 'created' };
}

/** A hosted zone we created for a namespace (CallerReference `cloudmap-dns:<namespace id>:<ms>:<owner id>`). */
export interface OwnZone {
  id: string;
  /** Owner id from the CallerReference. */
  ownerId: string;
  /** Zone name, lowercase, no trailing dot. */
  name: string;
  namespaceId: string;
  private: boolean;
}

/** Every hosted zone whose CallerReference says we created it (ListHostedZones, all pages). */
export async function ownZones(client: Route53Client): Promise<OwnZone[]> {
  const out: OwnZone[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListHostedZonesCommand(marker ? { Marker: marker } : {}));
    for (const z of page.HostedZones ?? []) {
      const m = /^cloudmap-dns:([^:]+):\d+:(.*)$/.exec(z.CallerReference ?? '');
      if (m) out.push({ id: bareZoneId(z.Id!), ownerId: m[2]!, name: normalName(z.Name ?? ''), namespaceId: m[1]!, private: z.Config?.PrivateZone ?? false });
    }
    marker = page.IsTruncated ? page.NextMarker : undefined;
  } while (marker);
  return out;
}

/** Deletes a hosted zone (Route 53 refuses while it holds record sets other than SOA and NS: HostedZoneNotEmpty). */
export async function deleteZone(client: Route53Client, zoneId: string): Promise<void> {
  await client.send(new DeleteHostedZoneCommand({ Id: zoneId }));
}
