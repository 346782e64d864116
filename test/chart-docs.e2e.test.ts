/**
 * The chart's documentation keeps up with the chart: every value in
 * values.yaml carries a `# --` comment (helm-docs style) and a row in the
 * chart README, and every `.Values` path a template reads exists in
 * values.yaml (Helm renders a misspelt path as empty, silently).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { documentedValues } from './support/values-doc.ts';

const CHART = new URL('../charts/cloudmap-dns/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, CHART), 'utf8');

describe('chart documentation', () => {
  const values = read('values.yaml');
  const { documented, undocumented } = documentedValues(values);

  it('documents every value in values.yaml', () => {
    expect(undocumented).toEqual([]);
    expect(documented.length).toBeGreaterThan(60);
  });

  it('lists every documented value, with its default, in the chart README', () => {
    const readme = read('README.md');
    const rows = new Map([...readme.matchAll(/^\| `([\w.]+)` \| `(.*)` \| (.+) \|$/gm)].map((m) => [m[1]!, m[2]!.replace(/\\\|/g, '|')]));
    const missing = documented.filter((d) => rows.get(d.path) !== d.default).map((d) => `${d.path} = ${d.default} (README: ${rows.get(d.path)})`);
    expect(missing).toEqual([]);
    expect([...rows.keys()].filter((k) => !documented.some((d) => d.path === k))).toEqual([]);
  });

  it('has a values.schema.json property for every value, and no property without a value but global', () => {
    const schema = JSON.parse(read('values.schema.json'));
    const props = (node: any, prefix: string): string[] =>
      Object.entries(node.properties ?? {}).flatMap(([k, v]: [string, any]) => [`${prefix}${k}`, ...(v.additionalProperties === false ? props(v, `${prefix}${k}.`) : [])]);
    const inSchema = new Set(props(schema, ''));
    expect(documented.map((d) => d.path).filter((p) => !inSchema.has(p))).toEqual([]);
    const tree = parse(values);
    const inValues = (path: string) => path.split('.').reduce<any>((node, key) => (node && typeof node === 'object' && key in node ? node[key] : undefined), tree) !== undefined;
    const insideDocumented = (p: string) => documented.some((d) => p.startsWith(`${d.path}.`));
    expect([...inSchema].filter((p) => p !== 'global' && !insideDocumented(p) && !inValues(p))).toEqual([]);
  });

  it('reads only .Values paths that exist', () => {
    const tree = parse(values) as Record<string, unknown>;
    const exists = (path: string): boolean => {
      let node: unknown = tree;
      for (const key of path.split('.')) {
        if (node === null || typeof node !== 'object' || !(key in (node as object))) return false;
        node = (node as Record<string, unknown>)[key];
      }
      return true;
    };
    const used = new Set<string>();
    for (const file of readdirSync(new URL('templates/', CHART))) {
      for (const m of read(`templates/${file}`).matchAll(/\$?\.Values\.([A-Za-z0-9_.]+)/g)) used.add(m[1]!.replace(/\.$/, ''));
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((p) => !exists(p))).toEqual([]);
  });
});
