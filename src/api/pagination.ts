/**
 * List pagination with opaque `NextToken`s (AWS List* operations,
 * `smithy.api#paginated`). The token encodes the sort key of the last item
 * returned, so pages stay correct when items are added or removed between
 * calls.
 */
import { errors } from '../model/errors.ts';

/** One page of `items` and the token for the next page, if any. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Sort `items` by `key` (ascending, string order) and return the page after
 * `nextToken` with at most `maxResults` items.
 * @param maxResults page size; the operation's default applies when undefined
 * @throws InvalidInput when the token is not one we issued
 */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => string,
  nextToken: string | undefined,
  maxResults: number,
): Page<T> {
  const sorted = [...items].sort((a, b) => compare(key(a), key(b)));
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const after = decodeToken(nextToken);
    start = sorted.findIndex((item) => compare(key(item), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + maxResults);
  const last = page[page.length - 1];
  const more = start + maxResults < sorted.length && last !== undefined;
  return more ? { items: page, nextToken: encodeToken(key(last)) } : { items: page };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function encodeToken(key: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(`v1:${key}`)));
}

function decodeToken(token: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)));
    if (text.startsWith('v1:')) return text.slice(3);
  } catch {
    // fall through
  }
  throw errors.invalidInput('The NextToken is not valid');
}
