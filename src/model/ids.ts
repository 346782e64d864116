/**
 * Resource ids and ARNs in the forms AWS Cloud Map uses.
 *
 * - namespace `ns-` + 16 characters, service `srv-` + 16 characters, both from
 *   the lowercase base-32 alphabet `a-z2-7` (as in `ns-ylexjili4cdxy3xm`);
 * - operation ids are 32 + `-` + 8 characters of the same alphabet;
 * - hosted zone ids are `Z` + 20 uppercase base-32 characters;
 * - ARNs are `arn:<partition>:servicediscovery:<region>:<account>:<kind>/<id>`.
 *
 * Source: AWS Cloud Map API reference (examples of CreateService, GetOperation)
 * and "Amazon Resource Names" in the AWS General Reference.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Random bytes from the web Crypto API, drawn in blocks (one getRandomValues call per 4 KiB, not per id). */
const pool = new Uint8Array(4096);
let poolAt = pool.length;

/** `length` random characters of `a-z2-7`, from the web Crypto API. */
export function randomBase32(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    if (poolAt === pool.length) {
      crypto.getRandomValues(pool);
      poolAt = 0;
    }
    out += ALPHABET[pool[poolAt++]! & 31];
  }
  return out;
}

/** A new namespace id, e.g. `ns-ylexjili4cdxy3xm`. */
export const newNamespaceId = (): string => `ns-${randomBase32(16)}`;
/** A new service id, e.g. `srv-p5zdwlg5uvvzjita`. */
export const newServiceId = (): string => `srv-${randomBase32(16)}`;
/** A new operation id, e.g. `gv4g5meo7ndmeh4fqskygvk23d2fijwa-k9302yzd`. */
export const newOperationId = (): string => `${randomBase32(32)}-${randomBase32(8)}`;
/** A new Route 53 hosted zone id, e.g. `Z2ABCDEFGHIJKLMNOPQRS`. */
export const newHostedZoneId = (): string => `Z${randomBase32(20).toUpperCase()}`;

/** The kinds of resource that have ARNs. */
export type ArnKind = 'namespace' | 'service';

/** Region name prefix → ARN partition, other than `aws` (the SDKs' partitions.json). */
const PARTITIONS: readonly [string, string][] = [
  ['cn-', 'aws-cn'], ['us-gov-', 'aws-us-gov'], ['us-isob-', 'aws-iso-b'], ['us-isof-', 'aws-iso-f'], ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'], ['eusc-', 'aws-eusc'],
];

/** The ARN partition of a region, e.g. `aws`, `aws-cn`, `aws-us-gov`. */
export function partitionOf(region: string): string {
  return PARTITIONS.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

/** Builds `arn:<partition>:servicediscovery:<region>:<account>:<kind>/<id>`. */
export function arn(region: string, account: string, kind: ArnKind, id: string): string {
  return `arn:${partitionOf(region)}:servicediscovery:${region}:${account}:${kind}/${id}`;
}

/**
 * Accepts a resource id or its ARN (Cloud Map's `Id`/`ServiceId`/`NamespaceId`
 * members accept both, model shape `Arn`) and returns the id.
 */
export function idFromIdOrArn(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}
