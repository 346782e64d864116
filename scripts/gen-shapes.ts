/**
 * Generates `src/model/shapes.generated.ts`: TypeScript types of the AWS Cloud
 * Map wire shapes (awsJson1_1 request and response bodies) from the Smithy
 * JSON AST, so API handlers are typed from the model instead of casting
 * (`input.X as string`).
 *
 * Usage: `npx tsx scripts/gen-shapes.ts [--check] [path-to-smithy.json]`
 * (same model default and `--check` behaviour as `gen-constraints.ts`; only
 * this script reads the model, the build uses the committed output).
 *
 * Mapping: structure → interface (members keep their wire names;
 * `smithy.api#required` members are non-optional); enum → union of string
 * literals; string/blob → string; numbers → number; timestamp → number
 * (awsJson1_1 sends epoch seconds); boolean → boolean; list → array; map →
 * `Record<string, V>`. `OperationShapes` maps each operation name to its
 * input and output type (`smithy.api#Unit` → `Record<string, never>`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Ref { target: string; traits?: Record<string, unknown> }
interface SmithyShape {
  type: string;
  version?: string;
  traits?: Record<string, unknown>;
  members?: Record<string, Ref>;
  member?: Ref;
  key?: Ref;
  value?: Ref;
  operations?: Ref[];
  input?: Ref;
  output?: Ref;
  errors?: Ref[];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_MODEL = resolve(ROOT, '../shared/reference/servicediscovery-2017-03-14.smithy.json');
const OUT = resolve(ROOT, 'src/model/shapes.generated.ts');
const SCALAR: Record<string, string> = {
  string: 'string', blob: 'string', boolean: 'boolean', byte: 'number', short: 'number', integer: 'number',
  long: 'number', float: 'number', double: 'number', timestamp: 'number', intEnum: 'number', document: 'unknown',
};

/** The generated module's text. @throws Error on shapes it cannot map */
export function generateShapes(model: { shapes: Record<string, SmithyShape> }): string {
  const shapes = model.shapes;
  const services = Object.entries(shapes).filter(([, s]) => s.type === 'service');
  if (services.length !== 1) throw new Error(`expected exactly one service shape, found ${services.length}`);
  const [serviceId, service] = services[0]!;
  const ns = serviceId.slice(0, serviceId.indexOf('#'));
  const short = (id: string): string => (id.startsWith(`${ns}#`) ? id.slice(ns.length + 1) : id);
  const operationIds = (service.operations ?? []).map((r) => r.target).sort((a, b) => cmp(short(a), short(b)));

  const typeOf = (id: string): string => {
    if (id === 'smithy.api#Unit') return 'Record<string, never>';
    if (id.startsWith('smithy.api#')) {
      const t = SCALAR[id.slice(11).replace(/^Primitive/, '').toLowerCase()];
      if (!t) throw new Error(`unsupported prelude shape ${id}`);
      return t;
    }
    const s = shapes[id];
    if (!s) throw new Error(`shape ${id} is not in the model`);
    if (s.type === 'structure' || s.type === 'enum') return short(id);
    if (s.type === 'list') return `${wrap(typeOf(s.member!.target))}[]`;
    if (s.type === 'map') return `Record<string, ${typeOf(s.value!.target)}>`;
    if (s.type === 'string' && Array.isArray(s.traits?.['smithy.api#enum'])) return short(id);
    const scalar = SCALAR[s.type];
    if (!scalar) throw new Error(`shape ${id} has unsupported type ${s.type}`);
    return scalar;
  };

  const reached = new Set<string>();
  const queue: string[] = [];
  const io: string[] = [];
  for (const id of operationIds) {
    const op = shapes[id]!;
    const input = op.input?.target ?? 'smithy.api#Unit';
    const output = op.output?.target ?? 'smithy.api#Unit';
    queue.push(input, output, ...(op.errors ?? []).map((e) => e.target));
    io.push(`  ${short(id)}: { input: ${typeOf(input)}; output: ${typeOf(output)} };`);
  }
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id) || id.startsWith('smithy.api#')) continue;
    reached.add(id);
    const s = shapes[id]!;
    const refs = s.type === 'enum' ? [] : [...Object.values(s.members ?? {}), s.member, s.key, s.value];
    for (const ref of refs) if (ref) queue.push(ref.target);
  }

  const out: string[] = [];
  for (const id of [...reached].sort((a, b) => cmp(short(a), short(b)))) {
    const s = shapes[id]!;
    const name = short(id);
    const legacy = s.traits?.['smithy.api#enum'] as { value: string }[] | undefined;
    if (s.type === 'enum' || legacy) {
      const values = legacy ? legacy.map((e) => e.value) : Object.entries(s.members ?? {}).map(([m, r]) => (r.traits?.['smithy.api#enumValue'] as string) ?? m);
      out.push(`export type ${name} = ${values.map((v) => `'${v}'`).join(' | ')};`);
    } else if (s.type === 'structure') {
      const members = Object.entries(s.members ?? {}).map(([m, r]) => {
        const required = r.traits && 'smithy.api#required' in r.traits;
        return `  ${m}${required ? '' : '?'}: ${typeOf(r.target)};`;
      });
      out.push(members.length ? `export interface ${name} {\n${members.join('\n')}\n}` : `export type ${name} = Record<string, never>;`);
    }
  }
  return [
    '// Generated by scripts/gen-shapes.ts from the AWS Cloud Map Smithy model',
    `// (${short(serviceId)}, version ${service.version ?? '?'}). Do not edit; run \`npm run gen:shapes\`.`,
    '// Wire shapes of awsJson1_1 bodies: timestamps are epoch seconds; required members are non-optional.',
    '',
    ...out.flatMap((t) => [t, '']),
    '/** Input and output type of every operation. */',
    'export interface OperationShapes {',
    ...io,
    '}',
    '',
  ].join('\n');
}

const wrap = (t: string): string => (/[ |<]/.test(t) ? `(${t})` : t);

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const args = argv.filter((a) => a !== '--check');
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    console.error('usage: gen-shapes.ts [--check] [path-to-smithy.json]');
    return 2;
  }
  const modelPath = args[0] ? resolve(args[0]) : DEFAULT_MODEL;
  const text = generateShapes(JSON.parse(readFileSync(modelPath, 'utf8')));
  if (!check) {
    writeFileSync(OUT, text);
    console.log(`wrote ${OUT}`);
    return 0;
  }
  if (existsSync(OUT) && readFileSync(OUT, 'utf8') === text) {
    console.log(`${OUT} is up to date`);
    return 0;
  }
  console.error(`${OUT} differs from what ${modelPath} generates; run \`npm run gen:shapes\``);
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`gen-shapes: ${(err as Error).message}`);
    process.exitCode = 2;
  }
}
