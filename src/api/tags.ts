/**
 * Tag operations: TagResource, UntagResource (through `src/ops/tags.ts`)
 * and ListTagsForResource. Source: AWS Cloud Map API reference (a
 * ResourceARN names a namespace or a service; at most 50 tags).
 */
import { errors } from '../model/errors.ts';
import { resourceOf, tagResource as tag, untagResource as untag } from '../ops/tags.ts';
import { type Handler, tagMap } from './handler.ts';
import { tagListShape } from './shapes.ts';

/** TagResource → `{}`; throws ResourceNotFoundException, TooManyTagsException. */
export const tagResource: Handler<'TagResource'> = async (input, ctx) => {
  await tag(ctx, { resourceArn: input.ResourceARN, tags: tagMap(input.Tags) ?? {} });
  return {};
};

/** UntagResource → `{}`; throws ResourceNotFoundException. */
export const untagResource: Handler<'UntagResource'> = async (input, ctx) => {
  await untag(ctx, { resourceArn: input.ResourceARN, tagKeys: input.TagKeys });
  return {};
};

/** ListTagsForResource → `{Tags}`; throws ResourceNotFoundException for an ARN we do not hold. */
export const listTagsForResource: Handler<'ListTagsForResource'> = async (input, ctx) => {
  const resource = resourceOf(input.ResourceARN);
  const found = resource.kind === 'namespace' ? await ctx.store.getNamespace(resource.id) : await ctx.store.getService(resource.id);
  if (!found || found.arn !== resource.arn) throw errors.resourceNotFound(resource.arn);
  return { Tags: tagListShape(await ctx.store.getTags(resource.arn)) };
};
