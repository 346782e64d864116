/**
 * Tag rules shared by the create use cases and TagResource.
 * Source: AWS Cloud Map API reference, TooManyTagsException ("The maximum
 * number of tags that can be applied to a resource is 50").
 */
import { CloudMapError } from '../model/errors.ts';
import type { Tags } from '../store/store.ts';

/** Most tags one namespace or service may carry. */
export const MAX_TAGS = 50;

/** TooManyTagsException naming the resource (AWS member `ResourceName`). */
export function tooManyTags(resourceName: string, count: number): CloudMapError {
  return new CloudMapError('TooManyTagsException', `A resource can have at most ${MAX_TAGS} tags; ${resourceName} would have ${count}`, {
    ResourceName: resourceName,
  });
}

/**
 * @throws TooManyTagsException when `tags` has more than `MAX_TAGS` keys
 */
export function checkTagCount(tags: Tags | undefined, resourceName: string): void {
  const count = tags ? Object.keys(tags).length : 0;
  if (count > MAX_TAGS) throw tooManyTags(resourceName, count);
}
