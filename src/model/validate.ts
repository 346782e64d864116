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
    const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
    throw new CloudMapError('InvalidInput', `${count} detected: ${problems.join('; ')}`);
  }
}

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
    value.forEach((v, i) => {
      const at = `${path}.${i + 1}.member`;
      if (v === null) problems.push(violation(null, at, 'Member must not be null'));
      else check(shape.member!, v, at, problems);
    });
  } else if (shape.type === 'map' && isObject(value)) {
    const keyShape = shapeOf(shape.key!);
    for (const [k, v] of Object.entries(value)) {
      const keyProblems = constraints(keyShape, k);
      if (keyProblems.length) problems.push(violation(k, path, `Map keys must satisfy constraint: [${keyProblems.join(', ')}]`));
      if (v === null) problems.push(violation(null, `${path}.${k}`, 'Member must not be null'));
      else check(shape.value!, v, `${path}.${k}`, problems);
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

/** `null`, or the value in single quotes: strings as is, others as JSON, cut to 256 characters. */
function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= 256 || codePoints(text) <= 256) return `'${text}'`;
  return `'${[...text.slice(0, 512)].slice(0, 256).join('')}...'`;
}
