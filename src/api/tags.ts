/**
 * ListTagsForResource. Source: AWS Cloud Map API reference
 * (ListTagsForResource; ResourceARN names a namespace or a service).
 */
import { CloudMapError } from '../model/errors.ts';
import type { Handler } from './handler.ts';
import { tagListShape } from './shapes.ts';

/** ListTagsForResource → `{Tags}`; throws ResourceNotFoundException for an ARN we do not hold. */
export const listTagsForResource: Handler<'ListTagsForResource'> = async (input, ctx) => {
  const resourceArn = input.ResourceARN;
  const match = /^arn:[^:]+:servicediscovery:[^:]*:[^:]*:(namespace|service)\/(.+)$/.exec(resourceArn);
  const found = match && (match[1] === 'namespace' ? await ctx.store.getNamespace(match[2]!) : await ctx.store.getService(match[2]!));
  if (!found || found.arn !== resourceArn) {
    throw new CloudMapError('ResourceNotFoundException', `Resource not found: ${resourceArn}`);
  }
  return { Tags: tagListShape(await ctx.store.getTags(resourceArn)) };
};
