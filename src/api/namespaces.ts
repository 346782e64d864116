/**
 * Namespace operations: CreatePrivateDnsNamespace, CreatePublicDnsNamespace,
 * CreateHttpNamespace, GetNamespace, ListNamespaces, DeleteNamespace,
 * UpdateHttpNamespace, UpdatePrivateDnsNamespace, UpdatePublicDnsNamespace.
 * Wire shapes ↔ `src/ops/namespaces.ts`. Source: AWS Cloud Map API
 * reference for each operation.
 */
import type { Namespace } from '../model/types.ts';
import { namespaceOrThrow } from '../ops/deps.ts';
import * as ops from '../ops/namespaces.ts';
import type { RequestContext } from './context.ts';
import { compileFilters, type FilterTable } from './filters.ts';
import { byCreateDate, DEFAULT_MAX_RESULTS, type Handler, tagMap } from './handler.ts';
import { paginate } from './pagination.ts';
import { namespaceShape, namespaceSummaryShape } from './shapes.ts';

/** CreatePrivateDnsNamespace → `{OperationId}`: a DNS zone answered by our resolvers. */
export const createPrivateDnsNamespace: Handler<'CreatePrivateDnsNamespace'> = async (input, ctx) => {
  const { operationId } = await ops.createNamespace(ctx, {
    type: 'DNS_PRIVATE', name: input.Name, creatorRequestId: input.CreatorRequestId, description: input.Description,
    vpc: input.Vpc, soaTtl: input.Properties?.DnsProperties.SOA.TTL, tags: tagMap(input.Tags),
  });
  return { OperationId: operationId };
};

/** CreatePublicDnsNamespace → `{OperationId}`: a DNS zone answered by our resolvers (public in AWS). */
export const createPublicDnsNamespace: Handler<'CreatePublicDnsNamespace'> = async (input, ctx) => {
  const { operationId } = await ops.createNamespace(ctx, {
    type: 'DNS_PUBLIC', name: input.Name, creatorRequestId: input.CreatorRequestId, description: input.Description,
    soaTtl: input.Properties?.DnsProperties.SOA.TTL, tags: tagMap(input.Tags),
  });
  return { OperationId: operationId };
};

/** CreateHttpNamespace → `{OperationId}`: discoverable through DiscoverInstances only. */
export const createHttpNamespace: Handler<'CreateHttpNamespace'> = async (input, ctx) => {
  const { operationId } = await ops.createNamespace(ctx, {
    type: 'HTTP', name: input.Name, creatorRequestId: input.CreatorRequestId, description: input.Description, tags: tagMap(input.Tags),
  });
  return { OperationId: operationId };
};

/** GetNamespace → `{Namespace}`; throws NamespaceNotFound. */
export const getNamespace: Handler<'GetNamespace'> = async (input, ctx) => ({
  Namespace: namespaceShape(await namespaceOrThrow(ctx.store, input.Id)),
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
export const listNamespaces: Handler<'ListNamespaces'> = async (input, ctx) => {
  const matches = compileFilters(input.Filters, namespaceFilters(ctx));
  const all = (await ctx.store.listNamespaces()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Namespaces: page.items.map(namespaceSummaryShape), NextToken: page.nextToken };
};

/** DeleteNamespace → `{OperationId}`; throws NamespaceNotFound, ResourceInUse. */
export const deleteNamespace: Handler<'DeleteNamespace'> = async (input, ctx) => {
  const { operationId } = await ops.deleteNamespace(ctx, { namespaceId: input.Id });
  return { OperationId: operationId };
};

/** UpdateHttpNamespace → `{OperationId}`; throws NamespaceNotFound, InvalidInput (not an HTTP namespace). */
export const updateHttpNamespace: Handler<'UpdateHttpNamespace'> = async (input, ctx) => {
  const { operationId } = await ops.updateNamespace(ctx, {
    namespaceId: input.Id, type: 'HTTP', description: input.Namespace.Description, updaterRequestId: input.UpdaterRequestId,
  });
  return { OperationId: operationId };
};

/** UpdatePrivateDnsNamespace → `{OperationId}`: Description and/or SOA TTL. */
export const updatePrivateDnsNamespace: Handler<'UpdatePrivateDnsNamespace'> = async (input, ctx) => {
  const { operationId } = await ops.updateNamespace(ctx, {
    namespaceId: input.Id, type: 'DNS_PRIVATE', description: input.Namespace.Description, soaTtl: input.Namespace.Properties?.DnsProperties.SOA.TTL,
    updaterRequestId: input.UpdaterRequestId,
  });
  return { OperationId: operationId };
};

/** UpdatePublicDnsNamespace → `{OperationId}`: Description and/or SOA TTL. */
export const updatePublicDnsNamespace: Handler<'UpdatePublicDnsNamespace'> = async (input, ctx) => {
  const { operationId } = await ops.updateNamespace(ctx, {
    namespaceId: input.Id, type: 'DNS_PUBLIC', description: input.Namespace.Description, soaTtl: input.Namespace.Properties?.DnsProperties.SOA.TTL,
    updaterRequestId: input.UpdaterRequestId,
  });
  return { OperationId: operationId };
};
