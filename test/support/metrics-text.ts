/**
 * Reading `/metrics` in tests: scrape it, check it with Prometheus's own
 * linter (`promtool check metrics`, Debian package `prometheus`), and look
 * samples up by name and labels.
 */
import { spawnSync } from 'node:child_process';

/** `GET http://127.0.0.1:PORT/metrics`; throws on a status other than 200 or a non-Prometheus content type. */
export async function scrape(httpPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/metrics`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${text}`);
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/plain; version=0.0.4')) throw new Error(`/metrics content-type is ${type}`);
  return text;
}

/**
 * Runs `promtool check metrics` on `text` (stdin).
 * @returns what promtool printed (empty when the exposition is valid and lint-clean) and its exit status
 * @throws when promtool is not installed, naming the Debian package
 */
export function promtoolCheck(text: string): { status: number; output: string } {
  const out = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8', timeout: 30_000 });
  if (out.error && (out.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('promtool is not installed: install the Debian package prometheus');
  if (out.error) throw out.error;
  return { status: out.status ?? 1, output: `${out.stdout}${out.stderr}`.trim() };
}

/** Samples of an exposition: `name{a="1",b="2"}` (labels sorted by name) → value. */
export type Samples = Map<string, number>;

const key = (name: string, labels: Record<string, string>): string => {
  const parts = Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
};

/** Parses the text format's sample lines (label values without escaped quotes, as ours are). */
export function parseSamples(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)) labels[l[1]!] = l[2]!;
    samples.set(key(m[1]!, labels), m[3] === 'NaN' ? Number.NaN : Number(m[3]));
  }
  return samples;
}

/** The value of one sample, or undefined when absent. */
export function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.get(key(name, labels));
}

/** Sum of every sample of `name` whose labels include `labels`. */
export function sum(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  const wanted = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  for (const [k, v] of samples) {
    if (k !== name && !k.startsWith(`${name}{`)) continue;
    if (wanted.every((w) => k.includes(`{${w}`) || k.includes(`,${w}`))) total += v;
  }
  return total;
}
