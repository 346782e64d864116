/**
 * The handler contract and the lookups most handlers share.
 *
 * A handler takes a model-validated input object (awsJson1_1 request body)
 * and returns the operation's output shape, or throws a `CloudMapError`.
 */
import { errors } from '../model/errors.ts';
import { idFromIdOrArn, newOperationId } from '../model/ids.ts';
import type { Namespace, Operation, OperationTargets, OperationType, Service } from '../model/types.ts';
import type { RequestContext } from './context.ts';

/** One API operation's implementation. */
export type Handler = (input: Record<string, unknown>, ctx: RequestContext) => Promise<unknown>;

/**
 * A finished operation record. Writes that AWS runs asynchronously complete
 * here before the response, so the record is SUCCESS at once
 * (GetOperation, AWS `Operation`).
 */
export function completedOperation(ctx: RequestContext, type: OperationType, targets: OperationTargets): Operation {
  return { id: newOperationId(), type, status: 'SUCCESS', ownerAccount: ctx.accountId, createDate: ctx.now, updateDate: ctx.now, targets };
}

/**
 * The namespace named by an id or ARN.
 * @throws NamespaceNotFound
 */
export async function namespaceOrThrow(ctx: RequestContext, idOrArn: string): Promise<Namespace> {
  const id = idFromIdOrArn(idOrArn);
  const ns = await ctx.store.getNamespace(id);
  if (!ns) throw errors.namespaceNotFound(id);
  return ns;
}

/**
 * The service named by an id or ARN.
 * @throws ServiceNotFound
 */
export async function serviceOrThrow(ctx: RequestContext, idOrArn: string): Promise<Service> {
  const id = idFromIdOrArn(idOrArn);
  const svc = await ctx.store.getService(id);
  if (!svc) throw errors.serviceNotFound(id);
  return svc;
}

/** Tag list (`[{Key, Value}]`, validated by the model) → map. */
export function tagMap(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const t of tags as { Key: string; Value: string }[]) map[t.Key] = t.Value;
  return map;
}

/** The page size a List/Discover operation uses when MaxResults is absent (AWS: 100). */
export const DEFAULT_MAX_RESULTS = 100;

/** Sort key for listing records oldest first: zero-padded epoch ms, then id. */
export const byCreateDate = (r: { createDate: number; id: string }): string => `${String(r.createDate).padStart(15, '0')}:${r.id}`;
