/**
 * Renders the Helm chart as `helm template` does, with the Go program in
 * `helm-template/` (Go's text/template + sprig, Helm's own engine, plus
 * Helm's include/tpl/required/toYaml and .Files/.Release/.Chart/.Values),
 * since no helm binary can be installed here.
 *
 * Built once per process, offline in GOPATH mode from Debian packages:
 * golang-go, golang-github-masterminds-sprig-dev (and its dependencies),
 * golang-gopkg-yaml.v2-dev, golang-github-xeipuuv-gojsonschema-dev (the
 * JSON Schema library Helm 3 checks values.schema.json with). The Go build cache is in the system temp
 * directory, so rebuilds after the first take about a second.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const SOURCE = fileURLToPath(new URL('./helm-template/', import.meta.url));
const GOPATH_DEBIAN = '/usr/share/gocode';
/** The chart directory. */
export const CHART_DIR = fileURLToPath(new URL('../../charts/cloudmap-dns/', import.meta.url));

/** A rendered Kubernetes object (any kind). */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [field: string]: any };

/** One rendered document and the template it came from. */
export interface RenderedDoc {
  source: string;
  object: Manifest;
}

let dir: string | undefined;
let built: string | undefined;

/**
 * Builds the renderer once per process.
 * @returns the binary's path
 * @throws naming the Debian package when Go or a Go package is missing, or with the compiler output
 */
export function buildHelmTemplate(): string {
  if (built) return built;
  if (spawnSync('sh', ['-c', 'command -v go'], { stdio: 'ignore' }).status !== 0) throw new Error('go is not installed: install the Debian package golang-go');
  for (const [path, pkg] of [['github.com/Masterminds/sprig', 'golang-github-masterminds-sprig-dev'], ['gopkg.in/yaml.v2', 'golang-gopkg-yaml.v2-dev'], ['github.com/xeipuuv/gojsonschema', 'golang-github-xeipuuv-gojsonschema-dev']] as const) {
    if (!existsSync(join(GOPATH_DEBIAN, 'src', path))) throw new Error(`${path} not found under ${GOPATH_DEBIAN}: install the Debian package ${pkg}`);
  }
  dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-helm-'));
  const bin = join(dir, 'helm-template');
  const env = { ...process.env, GO111MODULE: 'off', GOPATH: `${dir}:${GOPATH_DEBIAN}`, GOPROXY: 'off', GOFLAGS: '', GOCACHE: join(tmpdir(), 'cloudmap-dns-gocache') };
  try {
    execFileSync('go', ['build', '-o', bin, '.'], { cwd: SOURCE, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
  } catch (e) {
    throw new Error(`go build of test/support/helm-template failed: ${(e as { stderr?: Buffer }).stderr?.toString() ?? (e as Error).message}`);
  }
  return (built = bin);
}

/** Options of `helmTemplate`. */
export interface RenderOptions {
  release?: string;
  namespace?: string;
  /** `--kube-version` (.Capabilities.KubeVersion, checked against Chart.yaml kubeVersion). @default 'v1.29.0' */
  kubeVersion?: string;
}

/** What a render gave: the documents, or Helm's error text. */
export type RenderResult = { ok: true; docs: RenderedDoc[]; text: string } | { ok: false; error: string };

/**
 * `helm template RELEASE charts/cloudmap-dns -f <values> --namespace NS`.
 * `values` are written as JSON (which is YAML) and merged over values.yaml.
 * Every document must parse as YAML without errors or duplicate keys; empty
 * documents are left out, as Helm does.
 * @throws when a document does not parse
 */
export function helmTemplate(values: Record<string, unknown> = {}, options: RenderOptions = {}): RenderResult {
  const bin = buildHelmTemplate();
  const file = join(dir!, `values-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(values));
  const out = spawnSync(bin, [CHART_DIR, '-f', file, '--name', options.release ?? 'dns', '--namespace', options.namespace ?? 'default', '--kube-version', options.kubeVersion ?? 'v1.29.0'], { encoding: 'utf8' });
  if (out.status !== 0) return { ok: false, error: out.stderr.trim() };
  const docs: RenderedDoc[] = [];
  let source = '';
  for (const chunk of out.stdout.split(/^---[ \t]*$/m)) {
    source = /^# Source: (\S+)/m.exec(chunk)?.[1] ?? source;
    for (const doc of parseAllDocuments(chunk, { uniqueKeys: true })) {
      if (doc.errors.length) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const object = doc.toJS() as Manifest | null;
      if (object !== null && object !== undefined) docs.push({ source, object });
    }
  }
  return { ok: true, docs, text: out.stdout };
}

/** Renders and returns the objects; throws Helm's error when rendering fails. */
export function renderChart(values: Record<string, unknown> = {}, options: RenderOptions = {}): Manifest[] {
  const r = helmTemplate(values, options);
  if (!r.ok) throw new Error(r.error);
  return r.docs.map((d) => d.object);
}
