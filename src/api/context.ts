/**
 * What every API handler gets: the use-case dependencies for this request
 * (store, account, the region of its SigV4 scope, clock, view wait) and the
 * view for the data plane. Built per request by `router.ts`.
 */
import type { OpsDeps } from '../ops/deps.ts';
import type { Store } from '../store/store.ts';
import type { View } from '../view/view.ts';
import type { SigV4Verifier } from './sigv4.ts';

/** Server-wide API settings. */
export interface ApiOptions {
  store: Store;
  /** This process's view; DiscoverInstances and DiscoverInstancesRevision read it (the data plane). */
  view: View;
  /**
   * Region used in ARNs when the request carries no SigV4 credential scope
   * (or one whose region is not an AWS region name).
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * AWS account id (12 digits) that owns every resource.
   * @default '123456789012'
   */
  accountId?: string;
  /** Clock in epoch milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
  /**
   * Called after a write with the revision it produced, resolving once this
   * process's view has applied it, so DNS answers reflect a write when its
   * response is sent.
   */
  awaitRevision?: (revision: number) => Promise<void>;
  /**
   * Verifies each request's SigV4 signature before anything else
   * (`createSigV4Verifier`); requests that fail get AWS's authentication
   * errors. Unset: open, any or no credentials are accepted, as local
   * emulators do.
   */
  verifySignature?: SigV4Verifier;
  /** Refuse documented extensions with AWS's errors (`--aws-strict`, `OpsDeps.awsStrict`). @default false */
  awsStrict?: boolean;
}

/** Per-request context handed to handlers: the ops dependencies (with the view as service cache) plus the view. */
export interface RequestContext extends Required<OpsDeps> {
  view: View;
}

/**
 * AWS region names of every partition (aws, aws-cn, aws-us-gov, the ISO
 * partitions), as the `regionRegex` of each partition in the SDKs'
 * partitions.json: e.g. `us-east-1`, `cn-north-1`, `us-gov-west-1`.
 */
const AWS_REGION = /^(?:(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+|cn-\w+-\d+|us-gov-\w+-\d+|us-iso[bf]?-\w+-\d+|eu-isoe-\w+-\d+|eusc-de-\w+-\d+)$/;

/** True when `region` is shaped like an AWS region name (see `AWS_REGION`). */
export function isAwsRegion(region: string): boolean {
  return region.length <= 32 && AWS_REGION.test(region);
}

/**
 * The region from a SigV4 `Authorization` header's credential scope
 * (`Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request`), or
 * undefined when there is none or it is not an AWS region name (so a
 * client cannot put `evil-region-1` into ARNs). Source: AWS Signature
 * Version 4, "Credential scope"; issue 10.
 */
export function regionFromAuthorization(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[^/,\s]+\/aws4_request/.exec(header);
  const region = match?.[1];
  return region !== undefined && isAwsRegion(region) ? region : undefined;
}
