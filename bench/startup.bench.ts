/**
 * Start time and baseline memory of `cloudmap-dns serve` (issue 11, item 4):
 * the bin running the compiled dist/ (what `npm run build` makes for
 * production) beside the bin running src/ through tsx (a fresh clone), and
 * a trivial Node HTTP server as the reference, in the same run.
 *
 * Each run spawns the process pinned to CPU 1 (`taskset -c 1`), memory
 * state, every listener on a free port (gRPC off), and measures
 * - ready: from spawn to the `listening on dns://` log line (the reference:
 *   to its `ready` line), milliseconds;
 * - RSS: VmRSS from /proc/<pid>/status 500 ms after ready, MiB;
 * then stops it with SIGTERM. Runs alternate between the variants.
 * Builds dist/ first (`npm run build`) when it is missing or older than src/.
 *
 *   npm run bench:startup [-- RUNS]      (default 15 runs per variant)
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/cloudmap-dns.js');
const DIST_MAIN = join(ROOT, 'dist/bundle/main.js');
const runs = Number(process.argv[2] ?? 15);

interface Variant {
  name: string;
  args: string[];
  env: Record<string, string>;
  /** True for the output line that means "serving". */
  ready: (line: string) => boolean;
}

const serve = [BIN, 'serve', '--http-port', '0', '--dns-port', '0', '--grpc-port', '0', '--log-level', 'info'];
const isDnsListening = (line: string): boolean => line.includes('"listener":"dns"');
const variants: Variant[] = [
  { name: 'cloudmap-dns, dist/bundle/ (npm run build)', args: serve, env: { CLOUDMAP_DNS_ENTRY: 'dist' }, ready: isDnsListening },
  { name: 'cloudmap-dns, src/ through tsx', args: serve, env: { CLOUDMAP_DNS_ENTRY: 'src' }, ready: isDnsListening },
  {
    name: 'reference: trivial node:http server',
    args: ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', () => console.log('ready'))"],
    env: {},
    ready: (line) => line === 'ready',
  },
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** One start: milliseconds to ready, and RSS in MiB after settling. */
async function measure(variant: Variant): Promise<{ readyMs: number; rssMiB: number }> {
  const started = performance.now();
  const child = spawn('taskset', ['-c', '1', process.execPath, ...variant.args], {
    cwd: ROOT, env: { ...process.env, REDIS_URL: '', NO_COLOR: '1', ...variant.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  try {
    const readyMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${variant.name}: not ready within 30 s:\n${out}`)), 30_000);
      const onData = (chunk: Buffer): void => {
        out += chunk.toString();
        if (out.split('\n').some(variant.ready)) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`${variant.name}: exited with ${code}:\n${out}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKiB = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
    return { readyMs, rssMiB: rssKiB / 1024 };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

if (!existsSync(DIST_MAIN) || newestMtime(join(ROOT, 'src')) > statSync(DIST_MAIN).mtimeMs) {
  console.log('building dist/ (npm run build) ...');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

const results = new Map<string, { readyMs: number[]; rssMiB: number[] }>(variants.map((v) => [v.name, { readyMs: [], rssMiB: [] }]));
await measure(variants[0]!); // warm the file cache; not counted
for (let i = 0; i < runs; i++) {
  for (const variant of variants) {
    const { readyMs, rssMiB } = await measure(variant);
    results.get(variant.name)!.readyMs.push(readyMs);
    results.get(variant.name)!.rssMiB.push(rssMiB);
  }
}

console.log(`start to ready and RSS after start, ${runs} runs each, process pinned to CPU 1, memory state`);
console.log('| process | ready p50 | ready p90 | ready min–max | RSS p50 | RSS min–max |');
console.log('|---|---|---|---|---|---|');
for (const [name, r] of results) {
  const ready = [...r.readyMs].sort((a, b) => a - b);
  const rss = [...r.rssMiB].sort((a, b) => a - b);
  console.log(`| ${name} | ${quantile(ready, 0.5).toFixed(0)} ms | ${quantile(ready, 0.9).toFixed(0)} ms | ${ready[0]!.toFixed(0)}–${ready.at(-1)!.toFixed(0)} ms | ` +
    `${quantile(rss, 0.5).toFixed(1)} MiB | ${rss[0]!.toFixed(1)}–${rss.at(-1)!.toFixed(1)} MiB |`);
}
