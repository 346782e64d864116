/**
 * What every API handler gets: the store, the account/region the request
 * acts as, and a clock. Built per request by `router.ts`.
 */
import type { Store } from '../store/store.ts';
import type { View } from '../view/view.ts';

/** Server-wide API settings. */
export interface ApiOptions {
  store: Store;
  /** This process's view; DiscoverInstances and DiscoverInstancesRevision read it (the data plane). */
  view: View;
  /**
   * Region used in ARNs when the request carries no SigV4 credential scope.
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
}

/** Per-request context handed to handlers. */
export interface RequestContext {
  store: Store;
  view: View;
  /** Region of this request (SigV4 scope, else the configured one). */
  region: string;
  accountId: string;
  /** Epoch milliseconds at the start of the request. */
  now: number;
  /** See `ApiOptions.awaitRevision`. */
  awaitRevision: (revision: number) => Promise<void>;
}

/**
 * The region from a SigV4 `Authorization` header's credential scope
 * (`Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request`), or
 * undefined. Source: AWS Signature Version 4, "Credential scope".
 */
export function regionFromAuthorization(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[^/,\s]+\/aws4_request/.exec(header);
  return match?.[1];
}
