/**
 * Tag use cases: TagResource and UntagResource, and the 50-tag rule the
 * create use cases share.
 * Source: AWS Cloud Map API reference, TagResource, UntagResource,
 * TooManyTagsException ("The maximum number of tags that can be applied to
 * a resource is 50").
 */
import { errors } from '../model/errors.ts';
import type { ResourceRef, Tags } from '../store/store.ts';
import type { OpsDeps } from './deps.ts';

/** Most tags one namespace or service may carry. */
export const MAX_TAGS = 50;

/**
 * @throws TooManyTagsException (with ResourceName) when `tags` has more than `MAX_TAGS` keys
 */
export function checkTagCount(tags: Tags | undefined, resourceName: string): void {
  const count = tags ? Object.keys(tags).length : 0;
  if (count > MAX_TAGS) throw errors.tooManyTags(resourceName, count, MAX_TAGS);
}

const ARN = /^arn:[^:]+:servicediscovery:[^:]*:[^:]*:(namespace|service)\/([^/]+)$/;

/**
 * The namespace or service an ARN names (without checking it exists).
 * @throws ResourceNotFoundException when it is not a Cloud Map namespace or service ARN
 */
export function resourceOf(arn: string): ResourceRef {
  const match = ARN.exec(arn);
  if (!match) throw errors.resourceNotFound(arn);
  return { kind: match[1] as ResourceRef['kind'], id: match[2]!, arn };
}

/**
 * TagResource: adds tags to a namespace or service, replacing the values of
 * keys it already has (a key given twice keeps its last value).
 * @throws ResourceNotFoundException, TooManyTagsException (more than 50
 *   afterwards; nothing written), ServiceUnavailable
 */
export async function tagResource(deps: OpsDeps, input: { resourceArn: string; tags: Tags }): Promise<void> {
  const resource = resourceOf(input.resourceArn);
  checkTagCount(input.tags, input.resourceArn);
  await deps.store.tagResource(resource, input.tags, MAX_TAGS);
}

/**
 * UntagResource: removes tags by key; keys the resource does not have are ignored.
 * @throws ResourceNotFoundException, ServiceUnavailable
 */
export async function untagResource(deps: OpsDeps, input: { resourceArn: string; tagKeys: readonly string[] }): Promise<void> {
  await deps.store.untagResource(resourceOf(input.resourceArn), input.tagKeys);
}
