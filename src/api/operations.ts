/**
 * Operation records: GetOperation and ListOperations.
 * Source: AWS Cloud Map API reference (GetOperation, ListOperations,
 * OperationFilter).
 */
import { errors } from '../model/errors.ts';
import type { Operation } from '../model/types.ts';
import { compileFilters, type FilterTable } from './filters.ts';
import { byCreateDate, DEFAULT_MAX_RESULTS, type Handler } from './handler.ts';
import { paginate } from './pagination.ts';
import { operationShape } from './shapes.ts';

/** GetOperation → `{Operation}`; throws OperationNotFound. */
export const getOperation: Handler<'GetOperation'> = async (input, ctx) => {
  const op = await ctx.store.getOperation(input.OperationId);
  if (!op || (input.OwnerAccount !== undefined && input.OwnerAccount !== op.ownerAccount)) {
    throw errors.operationNotFound(input.OperationId);
  }
  return { Operation: operationShape(op) };
};

/**
 * OperationFilter names and their conditions (model doc of OperationFilter:
 * NAMESPACE_ID and SERVICE_ID take EQ; STATUS and TYPE take EQ or IN;
 * UPDATE_DATE takes BETWEEN, in epoch seconds).
 */
const operationFilters: FilterTable<Operation> = {
  NAMESPACE_ID: { conditions: ['EQ'], value: (op) => op.targets.NAMESPACE },
  SERVICE_ID: { conditions: ['EQ'], value: (op) => op.targets.SERVICE },
  STATUS: { conditions: ['EQ', 'IN'], value: (op) => op.status },
  TYPE: { conditions: ['EQ', 'IN'], value: (op) => op.type },
  UPDATE_DATE: { conditions: ['BETWEEN'], value: (op) => op.updateDate / 1000 },
};

/** ListOperations → `{Operations: [{Id, Status}], NextToken?}`, oldest first. */
export const listOperations: Handler<'ListOperations'> = async (input, ctx) => {
  const matches = compileFilters(input.Filters, operationFilters);
  const all = (await ctx.store.listOperations()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Operations: page.items.map((op) => ({ Id: op.id, Status: op.status })), NextToken: page.nextToken };
};
