/**
 * The test renderer (test/support/helm-template: Go text/template + sprig
 * with Helm's glue) behaves as Helm 3 does on a probe chart
 * (test/fixtures/helm-chart), including Helm's known quirks: values numbers
 * are float64 (`{{ .Values.big }}` prints 1e+06 where `toYaml` prints
 * 1000000), a missing key renders empty, a null in user values deletes the
 * default, partials and whitespace-only templates are not output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildHelmTemplate } from './support/helm-render.ts';

const CHART = fileURLToPath(new URL('./fixtures/helm-chart/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-helm-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function render(values: string, ...flags: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `v${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, values);
  return spawnSync(buildHelmTemplate(), [CHART, '-f', file, ...flags], { encoding: 'utf8' });
}

describe("helm-template, the tests' stand-in for `helm template`", () => {
  it('renders as Helm: float64 values, toYaml/toJson, include, tpl with .Files.Get, .Chart/.Release/.Capabilities/.Template', () => {
    const out = render('{}', '--name', 'r1', '--namespace', 'ns1');
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.startsWith('---\n# Source: probe/templates/out.yaml\n')).toBe(true);
    expect(out.stdout).not.toContain('blank.yaml');
    expect(out.stdout).not.toContain('_helpers');
    expect(out.stdout).toContain('big: 1e+06\nbigYaml: 1000000\n');
    expect(parse(out.stdout.replace(/^---\n/, ''))).toEqual({
      kind: 'Probe', big: 1000000, bigYaml: 1000000, port: 8053, portInt: 8053, nested: { drop: 2, keep: 1 }, list: ['b', 'a'],
      missing: '', missingNested: '', chart: 'probe-1.2.3-4.5', release: 'r1/ns1/Helm', hasPolicy: true, template: 'probe/templates/out.yaml',
      labels: { app: 'probe', release: 'r1' }, tpl: 'file hello', absent: '', outside: '',
    });
  });

  it('merges user values over the defaults (maps key by key, null deletes, lists replaced)', () => {
    const out = render('nested: {drop: null, add: 3}\nlist: [z]\n');
    expect(out.status, out.stderr).toBe(0);
    expect(parse(out.stdout.replace(/^---\n/, ''))).toMatchObject({ nested: { keep: 1, add: 3 }, list: ['z'] });
  });

  it('refuses tpl data without .Template, as Helm before 3.14 does', () => {
    const out = render('tplWithoutTemplate: true\n');
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('error calling tpl: cannot retrieve Template.Basepath from values inside tpl function: {{ .x }}');
  });

  it("fails `required` with Helm's message and position", () => {
    const out = render('needed: {other: 1}\n');
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toBe('Error: execution error at (probe/templates/out.yaml:21:11): needed must be set to a word');
  });
});
