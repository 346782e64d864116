/**
 * The handler contract and helpers most handlers share.
 *
 * A handler takes the model-validated input of one operation (the
 * awsJson1_1 request body, typed from the model in `shapes.generated.ts`)
 * and returns that operation's output shape, or throws a `CloudMapError`.
 * Writes go through the use cases in `src/ops/`; handlers only map wire
 * shapes to them and back.
 */
import type { OperationShapes, Tag } from '../model/shapes.generated.ts';
import type { OperationName } from '../model/validate.ts';
import type { RequestContext } from './context.ts';

/** One API operation's implementation. */
export type Handler<Op extends OperationName> = (
  input: OperationShapes[Op]['input'],
  ctx: RequestContext,
) => Promise<OperationShapes[Op]['output']>;

/** A handler for every operation of the model. */
export type Handlers = { [Op in OperationName]: Handler<Op> };

/** Tag list (`[{Key, Value}]`) → map; undefined when absent or empty. A key given twice keeps its last value. */
export function tagMap(tags: readonly Tag[] | undefined): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const t of tags) map[t.Key] = t.Value;
  return map;
}

/** The page size a List/Discover operation uses when MaxResults is absent (AWS: 100). */
export const DEFAULT_MAX_RESULTS = 100;

/** Sort key for listing records oldest first: zero-padded epoch ms, then id. */
export const byCreateDate = (r: { createDate: number; id: string }): string => `${String(r.createDate).padStart(15, '0')}:${r.id}`;
