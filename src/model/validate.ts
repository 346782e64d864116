/**
 * Input validation for all 30 Cloud Map operations, driven by the constraint
 * table generated from the AWS model (`constraints.generated.ts`, written by
 * `scripts/gen-constraints.ts`); there is no per-operation code.
 *
 * Checked, recursively through structures, lists and maps (map keys against
 * the key shape): required members (`smithy.api#required`), JSON types,
 * string length in code points (`smithy.api#length`), `smithy.api#pattern`,
 * numeric `smithy.api#range`, enum values, list and map entry counts.
 * Unknown members are ignored and `null` counts as absent (awsJson1_1).
 *
 * Messages use AWS's Coral validation format:
 * `2 validation errors detected: Value 'x y' at 'name' failed to satisfy
 * constraint: Member must satisfy regular expression pattern: ^...$; Value
 * null at 'vpc' failed to satisfy constraint: Member must not be null`.
 * - Paths are AWS's: member names with the first letter lowered, joined by
 *   dots; list elements are `<list>.<1-based index>.member`, so a record TTL
 *   is `dnsConfig.dnsRecords.1.member.tTL` exactly as AWS writes it. Map
 *   values are `<map>.<key>`; a bad map key is reported at the map's path as
 *   `Map keys must satisfy constraint: [<constraints>]` (Coral's wording).
 * - Values are quoted (`Value '60'`), `null` is not; lists, maps and
 *   structures are shown as JSON. Shown values are cut to 256 characters plus
 *   `...` (AWS echoes them whole).
 * - Wrong JSON types, which AWS rejects while deserializing, are reported in
 *   the same format, e.g. `Member must be an integral number of type long
 *   (got string)`.
 *
 * The walk is bounded whatever the input (issue 10, hostile input): it
 * follows the model's shapes only (never recursing into unmodelled values),
 * looks at most at `MAX_WALKED_ENTRIES` entries of a list or map, stops after
 * `MAX_PROBLEMS` violations, and shows values through a serializer that
 * stops after 256 characters and 8 levels of nesting.
 */
import { ERROR_HTTP_STATUS, OPERATIONS, SHAPES, type OperationConstraint, type ShapeConstraint } from './constraints.generated.ts';
import { CloudMapError } from './errors.ts';

export { ERROR_HTTP_STATUS, OPERATIONS };

/** Name of a Cloud Map operation, e.g. `CreateService` (the part of `X-Amz-Target` after the dot). */
export type OperationName = keyof typeof OPERATIONS;

/** The 30 operation names, sorted. */
export const OPERATION_NAMES: readonly OperationName[] = Object.freeze(Object.keys(OPERATIONS) as OperationName[]);

/** True when `name` is one of the service's operations. */
export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

/** The `smithy.api#endpoint` host prefix of an operation (`data-` for DiscoverInstances*), else undefined. */
export function hostPrefixOf(op: OperationName): string | undefined {
  const constraint: OperationConstraint = OPERATIONS[op];
  return constraint.hostPrefix;
}

/**
 * Validates the decoded JSON body of `operation` against its input shape.
 * The caller turns an empty body into `{}` first.
 * @throws CloudMapError `InvalidInput` (HTTP 400) listing every violation, or
 *   when `input` is not a JSON object
 * @throws Error when `operation` is not an operation name (a programming error)
 */
export function validateInput(operation: string, input: unknown): void {
  if (!isOperationName(operation)) throw new Error(`validateInput: unknown operation ${operation}`);
  if (!isObject(input)) throw new CloudMapError('InvalidInput', 'The request body must be a JSON object');
  const problems: string[] = [];
  check(OPERATIONS[operation].input, input, '', problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error' : problems.length >= MAX_PROBLEMS
      ? `At least ${MAX_PROBLEMS} validation errors` : `${problems.length} validation errors`;
    throw new CloudMapError('InvalidInput', `${count} detected: ${problems.slice(0, MAX_PROBLEMS).join('; ')}`);
  }
}

/** Violations collected before the walk stops. */
export const MAX_PROBLEMS = 50;
/** Entries of one list or map the walk looks at (the model's largest list allows 200). */
export const MAX_WALKED_ENTRIES = 1000;

const INTEGRAL: Record<string, readonly [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  intEnum: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const patterns = new Map<string, RegExp>();

/** The compiled pattern, built on first use (the generator checks each compiles with the `u` flag). */
function regex(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')));
  return re;
}

function shapeOf(name: string): ShapeConstraint {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`constraint table has no shape ${name}`);
  return shape;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends the violations of `value` (not null) against shape `name` at `path`. */
function check(name: string, value: unknown, path: string, problems: string[]): void {
  if (problems.length >= MAX_PROBLEMS) return;
  const shape = shapeOf(name);
  const typeError = wrongType(shape, value);
  if (typeError) return void problems.push(violation(value, path, typeError));
  for (const c of constraints(shape, value)) problems.push(violation(value, path, c));
  if (shape.type === 'structure' && isObject(value)) {
    for (const [member, m] of Object.entries(shape.members ?? {})) {
      const v = Object.hasOwn(value, member) ? value[member] : undefined;
      const at = (path ? `${path}.` : '') + member.charAt(0).toLowerCase() + member.slice(1);
      if (v !== undefined && v !== null) check(m.target, v, at, problems);
      else if (m.required) problems.push(violation(null, at, 'Member must not be null'));
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    const n = Math.min(value.length, MAX_WALKED_ENTRIES);
    for (let i = 0; i < n && problems.length < MAX_PROBLEMS; i++) {
      const v: unknown = value[i];
      const at = `${path}.${i + 1}.member`;
      if (v === null) problems.push(violation(null, at, 'Member must not be null'));
      else check(shape.member!, v, at, problems);
    }
  } else if (shape.type === 'map' && isObject(value)) {
    const keyShape = shapeOf(shape.key!);
    let walked = 0;
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (++walked > MAX_WALKED_ENTRIES || problems.length >= MAX_PROBLEMS) break;
      const v = value[k];
      const keyProblems = constraints(keyShape, k);
      if (keyProblems.length) problems.push(violation(k, path, `Map keys must satisfy constraint: [${keyProblems.join(', ')}]`));
      const at = `${path}.${k.length > SHOWN_CHARS ? `${k.slice(0, SHOWN_CHARS)}...` : k}`;
      if (v === null) problems.push(violation(null, at, 'Member must not be null'));
      else check(shape.value!, v, at, problems);
    }
  }
}

/** The expectation `value` misses when its JSON type does not fit the shape, else undefined. */
function wrongType(shape: ShapeConstraint, value: unknown): string | undefined {
  const got = ` (got ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value})`;
  const bounds = INTEGRAL[shape.type];
  switch (shape.type) {
    case 'structure':
    case 'map':
      return isObject(value) ? undefined : `Member must be a JSON object${got}`;
    case 'list':
      return Array.isArray(value) ? undefined : `Member must be a JSON array${got}`;
    case 'string':
    case 'enum':
    case 'blob':
      return typeof value === 'string' ? undefined : `Member must be a string${got}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `Member must be a boolean${got}`;
    case 'float':
    case 'double':
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `Member must be a number${got}`;
    case 'document':
      return undefined;
    default:
      if (!bounds) throw new Error(`constraint table has unsupported shape type ${shape.type}`);
      if (typeof value === 'number' && Number.isInteger(value) && value >= bounds[0] && value <= bounds[1]) return undefined;
      return `Member must be an integral number of type ${shape.type} between ${bounds[0]} and ${bounds[1]}${got}`;
  }
}

/** Constraint texts `value` (of the right JSON type) fails: length, pattern, range, enum. */
function constraints(shape: ShapeConstraint, value: unknown): string[] {
  const out: string[] = [];
  if (shape.enum && !shape.enum.includes(value as string | number)) {
    out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  }
  if (shape.length) {
    const n = typeof value === 'string' ? codePoints(value) : Array.isArray(value) ? value.length : Object.keys(value as object).length;
    const { min, max } = shape.length;
    if (max !== undefined && n > max) out.push(`Member must have length less than or equal to ${max}`);
    if (min !== undefined && n < min) out.push(`Member must have length greater than or equal to ${min}`);
  }
  if (shape.pattern !== undefined && typeof value === 'string' && !regex(shape.pattern).test(value)) {
    out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  if (shape.range && typeof value === 'number') {
    const { min, max } = shape.range;
    if (max !== undefined && value > max) out.push(`Member must have value less than or equal to ${max}`);
    if (min !== undefined && value < min) out.push(`Member must have value greater than or equal to ${min}`);
  }
  return out;
}

/** Number of Unicode code points (Smithy's length of a string). */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function violation(value: unknown, path: string, constraint: string): string {
  return `Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
}

/** Characters of a value shown in a message, and nesting levels serialized. */
const SHOWN_CHARS = 256;
const SHOWN_DEPTH = 8;

/** `null`, or the value in single quotes: strings as is, others as JSON, cut to 256 characters. */
function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const text = typeof value === 'string' ? value.slice(0, 2 * SHOWN_CHARS + 2) : boundedJson(value, 2 * SHOWN_CHARS);
  if (text.length <= SHOWN_CHARS || codePoints(text) <= SHOWN_CHARS) return `'${text}'`;
  return `'${[...text.slice(0, 2 * SHOWN_CHARS)].slice(0, SHOWN_CHARS).join('')}...'`;
}

/**
 * JSON text of `value` that stops growing once it passes `budget`
 * characters and writes `[...]`/`{...}` below `SHOWN_DEPTH` levels, so
 * showing a hostile value costs bounded time and stack (unlike
 * `JSON.stringify`, which overflows the stack on deep nesting).
 */
export function boundedJson(value: unknown, budget: number): string {
  let out = '';
  const write = (v: unknown, depth: number): void => {
    if (out.length > budget) return;
    if (typeof v === 'string') out += JSON.stringify(v.length > budget ? v.slice(0, budget) : v);
    else if (v === null || typeof v !== 'object') out += JSON.stringify(v) ?? 'null';
    else if (depth >= SHOWN_DEPTH) out += Array.isArray(v) ? '[...]' : '{...}';
    else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && out.length <= budget; i++) {
        if (i > 0) out += ',';
        write(v[i], depth + 1);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const k in v) {
        if (out.length > budget) break;
        if (!Object.hasOwn(v, k)) continue;
        out += `${first ? '' : ','}${JSON.stringify(k.length > budget ? k.slice(0, budget) : k)}:`;
        first = false;
        write((v as Record<string, unknown>)[k], depth + 1);
      }
      out += '}';
    }
  };
  write(value, 0);
  return out;
}
