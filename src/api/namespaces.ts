/**
 * Namespace operations: CreatePrivateDnsNamespace, CreatePublicDnsNamespace,
 * CreateHttpNamespace, GetNamespace, ListNamespaces, DeleteNamespace.
 * Source: AWS Cloud Map API reference for each operation.
 */
import { arn, newHostedZoneId, newNamespaceId } from '../model/ids.ts';
import type { Namespace, NamespaceType } from '../model/types.ts';
import type { RequestContext } from './context.ts';
import { compileFilters, type FilterInput, type FilterTable } from './filters.ts';
import { byCreateDate, completedOperation, DEFAULT_MAX_RESULTS, type Handler, namespaceOrThrow, tagMap } from './handler.ts';
import { paginate } from './pagination.ts';
import { namespaceShape, namespaceSummaryShape } from './shapes.ts';

interface CreateNamespaceInput {
  Name: string;
  CreatorRequestId?: string;
  Description?: string;
  Vpc?: string;
  Tags?: unknown;
  Properties?: { DnsProperties?: { SOA?: { TTL: number } } };
}

/** Shared body of the three Create*Namespace operations; returns `{OperationId}`. */
async function createNamespace(type: NamespaceType, raw: Record<string, unknown>, ctx: RequestContext): Promise<unknown> {
  const input = raw as unknown as CreateNamespaceInput;
  const id = newNamespaceId();
  const name = type === 'HTTP' ? input.Name : input.Name.replace(/\.$/, '');
  const namespace: Namespace = {
    id,
    arn: arn(ctx.region, ctx.accountId, 'namespace', id),
    name,
    type,
    description: input.Description,
    creatorRequestId: input.CreatorRequestId,
    createDate: ctx.now,
    httpName: name,
    vpc: input.Vpc,
    soaTtl: input.Properties?.DnsProperties?.SOA?.TTL,
    hostedZoneId: type === 'HTTP' ? undefined : newHostedZoneId(),
    resourceOwner: ctx.accountId,
  };
  for (const key of Object.keys(namespace) as (keyof Namespace)[]) if (namespace[key] === undefined) delete namespace[key];
  const operation = completedOperation(ctx, 'CREATE_NAMESPACE', { NAMESPACE: id });
  const event = await ctx.store.createNamespace(namespace, operation, tagMap(input.Tags));
  await ctx.awaitRevision(event.revision);
  return { OperationId: operation.id };
}

/** CreatePrivateDnsNamespace: a DNS zone answered by our resolvers. */
export const createPrivateDnsNamespace: Handler = (input, ctx) => createNamespace('DNS_PRIVATE', input, ctx);
/** CreatePublicDnsNamespace: a DNS zone answered by our resolvers (public in AWS). */
export const createPublicDnsNamespace: Handler = (input, ctx) => createNamespace('DNS_PUBLIC', input, ctx);
/** CreateHttpNamespace: discoverable through DiscoverInstances only. */
export const createHttpNamespace: Handler = (input, ctx) => createNamespace('HTTP', input, ctx);

/** GetNamespace → `{Namespace}`; throws NamespaceNotFound. */
export const getNamespace: Handler = async (input, ctx) => ({
  Namespace: namespaceShape(await namespaceOrThrow(ctx, input.Id as string)),
});

/** NamespaceFilter names and the conditions each supports. */
const namespaceFilters = (ctx: RequestContext): FilterTable<Namespace> => ({
  TYPE: { conditions: ['EQ', 'IN'], value: (ns) => ns.type },
  NAME: { conditions: ['EQ', 'BEGINS_WITH'], value: (ns) => ns.name, caseInsensitive: true },
  HTTP_NAME: { conditions: ['EQ', 'BEGINS_WITH'], value: (ns) => ns.httpName, caseInsensitive: true },
  RESOURCE_OWNER: {
    conditions: ['EQ'],
    value: (ns) => (ns.resourceOwner === ctx.accountId ? 'SELF' : 'OTHER_ACCOUNTS'),
  },
});

/** ListNamespaces → `{Namespaces, NextToken?}`, oldest first. */
export const listNamespaces: Handler = async (input, ctx) => {
  const matches = compileFilters(input.Filters as FilterInput[] | undefined, namespaceFilters(ctx));
  const all = (await ctx.store.listNamespaces()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken as string | undefined, (input.MaxResults as number) ?? DEFAULT_MAX_RESULTS);
  return { Namespaces: page.items.map(namespaceSummaryShape), NextToken: page.nextToken };
};

/** DeleteNamespace → `{OperationId}`; throws NamespaceNotFound, ResourceInUse. */
export const deleteNamespace: Handler = async (input, ctx) => {
  const ns = await namespaceOrThrow(ctx, input.Id as string);
  const operation = completedOperation(ctx, 'DELETE_NAMESPACE', { NAMESPACE: ns.id });
  const event = await ctx.store.deleteNamespace(ns.id, operation);
  await ctx.awaitRevision(event.revision);
  return { OperationId: operation.id };
};
