/**
 * Generates `src/model/constraints.generated.ts` from the AWS Cloud Map Smithy
 * JSON AST (`servicediscovery-2017-03-14.smithy.json`).
 *
 * Usage: `npx tsx scripts/gen-constraints.ts [--check] [path-to-smithy.json]`
 * - the model path is resolved against the current directory; by default it is
 *   `../shared/reference/servicediscovery-2017-03-14.smithy.json` relative to
 *   the repository root. Only this script reads the model: build, tests and
 *   the server use the committed output.
 * - `--check` writes nothing and exits 1 when the committed file differs from
 *   what the model generates (exit 2 on usage or model errors).
 *
 * The output holds no documentation: per operation its input, output and
 * error shape names and `smithy.api#endpoint` hostPrefix; every shape
 * reachable from operation inputs and error shapes with its validation
 * traits; and the `smithy.api#httpError` status of every error shape.
 * Shapes are sorted by name, members keep model order, so the output is
 * deterministic. Traits that would change validation but are not supported
 * (sparse, uniqueItems, timestampFormat, streaming) make generation fail.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Traits = Record<string, unknown>;
interface Ref { target: string; traits?: Traits }
interface SmithyShape {
  type: string;
  version?: string;
  traits?: Traits;
  members?: Record<string, Ref>;
  member?: Ref;
  key?: Ref;
  value?: Ref;
  operations?: Ref[];
  resources?: Ref[];
  input?: Ref;
  output?: Ref;
  errors?: Ref[];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_MODEL = resolve(ROOT, '../shared/reference/servicediscovery-2017-03-14.smithy.json');
const OUT = resolve(ROOT, 'src/model/constraints.generated.ts');
const SUPPORTED = ['structure', 'string', 'enum', 'intEnum', 'blob', 'boolean', 'byte', 'short', 'integer', 'long', 'float', 'double', 'timestamp', 'document', 'list', 'map'];
const UNSUPPORTED_TRAITS = ['smithy.api#sparse', 'smithy.api#uniqueItems', 'smithy.api#timestampFormat', 'smithy.api#streaming'];

/** Builds the generated module's text from a parsed Smithy JSON AST. @throws Error on unsupported model features */
export function generate(model: { shapes: Record<string, SmithyShape> }): string {
  const shapes = model.shapes;
  const services = Object.entries(shapes).filter(([, s]) => s.type === 'service');
  if (services.length !== 1) throw new Error(`expected exactly one service shape, found ${services.length}`);
  const [serviceId, service] = services[0]!;
  const ns = serviceId.slice(0, serviceId.indexOf('#'));
  const short = (id: string): string => (id.startsWith(`${ns}#`) ? id.slice(ns.length + 1) : id);
  const get = (id: string): SmithyShape => {
    // Prelude shapes (smithy.api#String, #PrimitiveLong, #Unit, ...) carry no constraints: only their type matters.
    const prelude = id.startsWith('smithy.api#') ? id.slice(11).replace(/^Primitive/, '').toLowerCase() : undefined;
    const shape = shapes[id] ?? (prelude === 'unit' ? { type: 'structure', members: {} } : prelude && SUPPORTED.includes(prelude) ? { type: prelude } : undefined);
    if (!shape) throw new Error(`shape ${id} is not in the model`);
    return shape;
  };

  if (service.resources?.length) throw new Error('service resources are not supported; list their operations here');
  const operationIds = (service.operations ?? []).map((ref) => ref.target);

  const errorIds = new Set<string>();
  const ops: string[] = [];
  const roots: string[] = [];
  for (const id of operationIds.sort((a, b) => cmp(short(a), short(b)))) {
    const op = get(id);
    const input = op.input?.target ?? 'smithy.api#Unit';
    const errs = (op.errors ?? []).map((e) => e.target).concat((service.errors ?? []).map((e) => e.target));
    errs.forEach((e) => errorIds.add(e));
    roots.push(input);
    const hostPrefix = (op.traits?.['smithy.api#endpoint'] as { hostPrefix?: string } | undefined)?.hostPrefix;
    ops.push(`  ${key(short(id))}: ${lit({
      input: short(input),
      output: short(op.output?.target ?? 'smithy.api#Unit'),
      errors: [...new Set(errs.map(short))].sort(cmp),
      ...(hostPrefix !== undefined ? { hostPrefix } : {}),
    })},`);
  }

  const reached = new Set<string>();
  const queue = [...roots, ...errorIds];
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    const s = get(id);
    const members = s.type === 'enum' || s.type === 'intEnum' ? [] : Object.values(s.members ?? {}); // enum members target Unit
    for (const ref of [...members, s.member, s.key, s.value]) if (ref) queue.push(ref.target);
  }

  const out: string[] = [];
  for (const id of [...reached].sort((a, b) => cmp(short(a), short(b)))) out.push(shapeEntry(short(id), id, get(id), short));
  const statuses = [...errorIds].sort((a, b) => cmp(short(a), short(b))).map((id) => {
    const status = get(id).traits?.['smithy.api#httpError'];
    if (typeof status !== 'number') throw new Error(`error shape ${id} has no smithy.api#httpError`);
    return `  ${key(short(id))}: ${status},`;
  });
  return [
    `// Generated by scripts/gen-constraints.ts from the AWS Cloud Map Smithy model`,
    `// (${short(serviceId)}, version ${service.version ?? '?'}). Do not edit; run \`npm run gen:constraints\`.`,
    HEADER,
    `/** The service's operations by name. */`,
    `export const OPERATIONS = {`, ...ops, `} as const satisfies Readonly<Record<string, OperationConstraint>>;`, ``,
    `/** Shapes reachable from operation inputs and error shapes, by name (prelude shapes keep their \`smithy.api#\` id). */`,
    `export const SHAPES: Readonly<Record<string, ShapeConstraint>> = {`, ...out, `};`, ``,
    `/** HTTP status of each error shape (\`smithy.api#httpError\`). */`,
    `export const ERROR_HTTP_STATUS = {`, ...statuses, `} as const;`, ``,
  ].join('\n');
}

function shapeEntry(name: string, id: string, s: SmithyShape, short: (id: string) => string): string {
  if (!SUPPORTED.includes(s.type)) throw new Error(`shape ${id} has unsupported type ${s.type}`);
  const traits = s.traits ?? {};
  for (const t of UNSUPPORTED_TRAITS) if (t in traits) throw new Error(`shape ${id} has unsupported trait ${t}`);
  const entry: Record<string, unknown> = { type: s.type };
  const length = traits['smithy.api#length'];
  const range = traits['smithy.api#range'];
  if (length) entry.length = length;
  if (typeof traits['smithy.api#pattern'] === 'string') {
    const pattern = traits['smithy.api#pattern'];
    new RegExp(pattern, 'u'); // the validator compiles patterns with the `u` flag; fail here, not at run time
    entry.pattern = pattern;
  }
  if (range) entry.range = range;
  const legacyEnum = traits['smithy.api#enum'] as { value: string }[] | undefined;
  if (legacyEnum) entry.enum = legacyEnum.map((e) => e.value);
  if (s.type === 'enum' || s.type === 'intEnum') {
    entry.enum = Object.entries(s.members ?? {}).map(([m, ref]) => ref.traits?.['smithy.api#enumValue'] ?? m);
  } else if (s.members) {
    const members: Record<string, unknown> = {};
    for (const [m, ref] of Object.entries(s.members)) {
      for (const t of UNSUPPORTED_TRAITS) if (ref.traits && t in ref.traits) throw new Error(`member ${id}$${m} has unsupported trait ${t}`);
      members[m] = {
        target: short(ref.target),
        ...(ref.traits && 'smithy.api#required' in ref.traits ? { required: true } : {}),
        ...(ref.traits && 'smithy.api#idempotencyToken' in ref.traits ? { idempotencyToken: true } : {}),
      };
    }
    entry.members = members;
  }
  if (s.member) entry.member = short(s.member.target);
  if (s.key) entry.key = short(s.key.target);
  if (s.value) entry.value = short(s.value.target);
  return `  ${key(name)}: ${lit(entry)},`;
}

const HEADER = `
/** Kind of a Smithy shape, as named in the model. */
export type ShapeType = 'structure' | 'string' | 'enum' | 'intEnum' | 'blob' | 'boolean' | 'byte' | 'short' | 'integer' | 'long' | 'float' | 'double' | 'timestamp' | 'document' | 'list' | 'map';

/** One structure member: target shape, \`smithy.api#required\`, \`smithy.api#idempotencyToken\` (clients fill it in when absent). */
export interface MemberConstraint { readonly target: string; readonly required?: true; readonly idempotencyToken?: true }

/**
 * Validation traits of one shape. \`length\` (\`smithy.api#length\`) counts code points of strings or entries of
 * lists and maps; \`pattern\` is ECMA-262 source, not implicitly anchored; \`range\` is inclusive; \`enum\` lists the
 * allowed values in model order; \`members\` (structures) are keyed by wire (PascalCase) name in model order;
 * \`member\` is a list's element shape, \`key\`/\`value\` a map's.
 */
export interface ShapeConstraint {
  readonly type: ShapeType;
  readonly members?: Readonly<Record<string, MemberConstraint>>;
  readonly length?: { readonly min?: number; readonly max?: number };
  readonly pattern?: string;
  readonly range?: { readonly min?: number; readonly max?: number };
  readonly enum?: readonly (string | number)[];
  readonly member?: string;
  readonly key?: string;
  readonly value?: string;
}

/** One operation: shape names and the \`smithy.api#endpoint\` host prefix. Output-only shapes are not in \`SHAPES\`; \`smithy.api#Unit\` is an empty body. */
export interface OperationConstraint { readonly input: string; readonly output: string; readonly errors: readonly string[]; readonly hostPrefix?: string }
`;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : str(name);
}

function str(s: string): string {
  return `'${s.replace(/[\\']/g, '\\$&').replace(/[\u0000-\u001f\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/** A single-line TypeScript literal for JSON-like data. */
function lit(v: unknown): string {
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(lit).join(', ')}]`;
  if (v && typeof v === 'object' && Object.keys(v).length === 0) return '{}';
  if (v && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${key(k)}: ${lit(x)}`).join(', ')} }`;
  throw new Error(`cannot render ${String(v)}`);
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const args = argv.filter((a) => a !== '--check');
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    console.error('usage: gen-constraints.ts [--check] [path-to-smithy.json]');
    return 2;
  }
  const modelPath = args[0] ? resolve(args[0]) : DEFAULT_MODEL;
  const text = generate(JSON.parse(readFileSync(modelPath, 'utf8')));
  if (!check) {
    writeFileSync(OUT, text);
    console.log(`wrote ${OUT}`);
    return 0;
  }
  if (existsSync(OUT) && readFileSync(OUT, 'utf8') === text) {
    console.log(`${OUT} is up to date`);
    return 0;
  }
  console.error(`${OUT} differs from what ${modelPath} generates; run \`npm run gen:constraints\``);
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`gen-constraints: ${(err as Error).message}`);
    process.exitCode = 2;
  }
}
