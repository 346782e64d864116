/**
 * Ownership of Route 53 record sets through TXT records, as external-dns's
 * TXT registry does: a record set is ours only when a TXT ownership record
 * with our owner id sits beside it. What we cannot prove ours is never
 * changed or deleted, only reported.
 *
 * For a record set at NAME of type T (and SetIdentifier S), the ownership
 * record is a TXT at `_cloudmap-dns-<t>.NAME` (an RFC 8552-style
 * underscore label, so it never clashes with a CNAME at NAME), with the same
 * SetIdentifier and `MultiValueAnswer: true` when S is set, TTL 300, value
 * `"heritage=cloudmap-dns,cloudmap-dns/owner=<owner id>,cloudmap-dns/resource=<resource>"`.
 * It is created and deleted in the same change batch as its record set, so
 * Route 53 applies both or neither.
 */
import type { Change } from '@aws-sdk/client-route-53';
import type { Changes, Current } from '../plan.ts';
import { type RecordSet, type RecordSetType, recordKey, toRoute53 } from './records.ts';

/** TTL of ownership records, seconds. */
export const REGISTRY_TTL = 300;
const PREFIX = '_cloudmap-dns-';

/** Name of the ownership record of a record set: `_cloudmap-dns-a.backend.app.local`. */
export function registryName(name: string, type: RecordSetType): string {
  return `${PREFIX}${type.toLowerCase()}.${name}`;
}

/** The quoted TXT value naming `ownerId` (and the Cloud Map resource, e.g. `service/srv-…`). */
export function ownerValue(ownerId: string, resource?: string): string {
  return `"heritage=cloudmap-dns,cloudmap-dns/owner=${ownerId}${resource ? `,cloudmap-dns/resource=${resource}` : ''}"`;
}

/** The owner id in an ownership TXT value, or undefined when it is not one of ours. */
export function parseOwner(value: string): string | undefined {
  const text = value.replace(/^"|"$/g, '');
  const fields = new Map(text.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const));
  return fields.get('heritage') === 'cloudmap-dns' ? fields.get('cloudmap-dns/owner') : undefined;
}

/** The ownership record of `r` for `ownerId`. */
export function registryRecord(r: RecordSet, ownerId: string, resource?: string): RecordSet {
  return {
    name: registryName(r.name, r.type),
    type: 'TXT',
    ttl: REGISTRY_TTL,
    values: [ownerValue(ownerId, resource)],
    ...(r.setIdentifier !== undefined ? { setIdentifier: r.setIdentifier, routing: 'MULTIVALUE' as const } : {}),
  };
}

/** The zone's record sets, split by ownership. */
export interface Ownership {
  /** Record sets to plan against: every data record set (owned or not), plus names claimed by another owner's TXT. */
  current: Current<RecordSet>[];
  /** Our ownership records by the key of the record set they own. */
  registry: Map<string, RecordSet>;
}

/** The key of the record set an ownership TXT speaks for, or undefined when `txt` is not an ownership record. */
function ownedKey(txt: RecordSet): string | undefined {
  if (txt.type !== 'TXT' || !txt.name.startsWith(PREFIX)) return undefined;
  const dot = txt.name.indexOf('.');
  if (dot < 0) return undefined;
  const type = txt.name.slice(PREFIX.length, dot).toUpperCase();
  return recordKey({ name: txt.name.slice(dot + 1), type: type as RecordSetType, setIdentifier: txt.setIdentifier });
}

/** Splits record sets read from a zone into data record sets (with ownership) and ownership records. Pure. */
export function readOwnership(sets: readonly RecordSet[], ownerId: string): Ownership {
  const registry = new Map<string, RecordSet>();
  const foreign = new Map<string, RecordSet>();
  const data: RecordSet[] = [];
  for (const s of sets) {
    const key = ownedKey(s);
    const owner = key === undefined ? undefined : s.values.map(parseOwner).find((o) => o !== undefined);
    if (key !== undefined && owner !== undefined) (owner === ownerId ? registry : foreign).set(key, s);
    else data.push(s);
  }
  const current: Current<RecordSet>[] = data.map((s) => ({ value: s, owned: registry.has(recordKey(s)) }));
  const present = new Set(data.map(recordKey));
  for (const [key, txt] of foreign) {
    if (present.has(key)) continue;
    const [name, type, setIdentifier] = key.split('\t') as [string, RecordSetType, string];
    current.push({ value: { name, type, ttl: txt.ttl, values: [], ...(setIdentifier ? { setIdentifier } : {}) }, owned: false });
  }
  return { current, registry };
}

/** Route 53 changes that must be applied together (one batch). */
export type ChangeUnit = Change[];

/**
 * Turns a plan into units of Route 53 changes, adding ownership records:
 * create → CREATE record (+ CREATE TXT unless ours is already there);
 * update → DELETE old exactly as read + CREATE new; delete → DELETE record
 * (+ DELETE its TXT); and DELETE of our TXTs left without a record set.
 * Deletions come first. Pure.
 * @param resourceOf the Cloud Map resource a record set comes from, for the TXT value
 */
export function changeUnits(changes: Changes<RecordSet>, ownership: Ownership, ownerId: string, resourceOf: (r: RecordSet) => string | undefined = () => undefined): ChangeUnit[] {
  const del = (r: RecordSet): Change => ({ Action: 'DELETE', ResourceRecordSet: toRoute53(r) });
  const add = (r: RecordSet): Change => ({ Action: 'CREATE', ResourceRecordSet: toRoute53(r) });
  const units: ChangeUnit[] = [];
  const covered = new Set<string>();
  for (const c of ownership.current) covered.add(recordKey(c.value));
  for (const r of changes.create) covered.add(recordKey(r));
  for (const [key, txt] of ownership.registry) if (!covered.has(key)) units.push([del(txt)]);
  for (const r of changes.delete) {
    const txt = ownership.registry.get(recordKey(r));
    units.push(txt ? [del(r), del(txt)] : [del(r)]);
  }
  for (const u of changes.update) units.push([del(u.current), add(u.desired)]);
  for (const r of changes.create) {
    const ours = ownership.registry.has(recordKey(r));
    units.push(ours ? [add(r)] : [add(r), add(registryRecord(r, ownerId, resourceOf(r)))]);
  }
  return units;
}
