/**
 * Memory under sustained HTTP load (issue 10 item 5): `npm run soak:memory`
 * (`-- --minutes N`, default 10; `--state memory|redis`, default redis;
 * `--segment S` seconds per load segment, default 30).
 *
 * Method: cloudmap-dns runs from dist/ (built first), pinned to CPU 1
 * (`taskset -c 1`), logging at info into /dev/null; h2load and redis-server
 * run on CPU 0. 1,000 services × 3 instances (`bench/dns/data.ts`) are
 * registered through the API, then h2load drives the server at its peak rate
 * (no rate limit) for the whole time, cycling through segments:
 * - DoH POST over h2c (`-c 4 -m 32`, RFC 8484 wire query for one A name);
 * - DiscoverInstances over HTTP/1.1 keep-alive (`--h1 -c 4`);
 * - DiscoverInstances over h2c (`-c 4 -m 8`).
 * VmRSS is read from /proc/PID/status every 5 s; heap used/total and
 * external memory from our `/metrics` (prom-client's Node metrics) every
 * segment. The server runs as `npm start` and the Dockerfile run it
 * (`MALLOC_ARENA_MAX=2`, `node --max-semi-space-size=4`); `SOAK_NODE_OPTIONS`
 * and `SOAK_MALLOC_ARENA_MAX` replace those (empty: Node's and glibc's defaults).
 * Prints a table; asserts nothing. Goal: VmRSS under 200 MB after 10 minutes.
 * Needs h2load (nghttp2-client), redis-server, taskset.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { query } from '../../test/support/dns-fixtures.ts';
import { INSTANCES, SERVICES, ZONE, serviceName } from '../dns/data.ts';
import { freePort, LOAD_CPU, type Proc, requireTool, startBenchRedis, startPinned } from '../dns/procs.ts';
import { runPinned } from '../dns/tools.ts';
import { fmt, heapMiB, loadDataSet, numberArg, rssMiB, SHIPPED_MALLOC_ARENA_MAX, SHIPPED_NODE_OPTIONS, TARGET } from './common.ts';

const argv = process.argv.slice(2);
const MINUTES = numberArg(argv, 'minutes', 10);
const SEGMENT = numberArg(argv, 'segment', 30);
const STATE = argv.includes('--state') ? argv[argv.indexOf('--state') + 1] : 'redis';
if (STATE !== 'memory' && STATE !== 'redis') throw new Error(`--state wants memory or redis, got ${STATE}`);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Node flags and malloc arenas of the server: as shipped unless overridden (see the module comment). */
const NODE_FLAGS = process.env.SOAK_NODE_OPTIONS ?? SHIPPED_NODE_OPTIONS;
const ARENAS = process.env.SOAK_MALLOC_ARENA_MAX ?? SHIPPED_MALLOC_ARENA_MAX;
const BIN = join(ROOT, 'bin', 'cloudmap-dns.js');

for (const [tool, pkg] of [['h2load', 'nghttp2-client'], ['taskset', 'util-linux'], ['redis-server', 'redis-server'], ['redis-cli', 'redis-tools']]) requireTool(tool!, pkg!);

const dir = mkdtempSync(join(tmpdir(), 'cloudmap-soak-memory-'));
const procs: Proc[] = [];

interface Segment { name: string; run: (seconds: number) => Promise<{ rps: number; failed: number; non2xx: number }> }

async function main(): Promise<void> {
  console.log(`${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; server on CPU 1, h2load and redis-server on CPU ${LOAD_CPU}; ` +
    `${MINUTES} min, ${STATE} state, ${SERVICES} services × ${INSTANCES} instances; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}` +
    `; NODE_OPTIONS=${NODE_FLAGS || '(none)'}; MALLOC_ARENA_MAX=${ARENAS || '(glibc default)'}`);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const redis = STATE === 'redis' ? await startBenchRedis() : undefined;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, CLOUDMAP_DNS_ENTRY: 'dist', REDIS_URL: redis?.url ?? '', NODE_OPTIONS: NODE_FLAGS };
  if (ARENAS) env.MALLOC_ARENA_MAX = ARENAS;
  const cmd = `exec "${process.execPath}" "${BIN}" serve --http-port ${port} --dns-port 0 --grpc-port 0 > /dev/null 2>&1`;
  const healthy = (): Promise<boolean> => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
  const server = await startPinned('cloudmap-dns', 'sh', ['-c', cmd], healthy, env);
  procs.push(server);
  const pid = server.child.pid!;
  const idle = rssMiB(pid);
  const data = await loadDataSet(port);
  const loaded = rssMiB(pid);
  console.log(`VmRSS idle ${fmt(idle?.rss)} MiB; after loading ${SERVICES * INSTANCES} instances through the API in ${fmt(data.seconds, 1)} s: ${fmt(loaded?.rss)} MiB`);

  const dohBody = join(dir, 'doh.bin');
  writeFileSync(dohBody, query(`${serviceName(1)}.${ZONE}`, 'A', { id: 0 }));
  const discoverBody = join(dir, 'discover.json');
  writeFileSync(discoverBody, JSON.stringify({ NamespaceName: ZONE, ServiceName: serviceName(1) }));
  const apiHeaders = [`x-amz-target: ${TARGET}DiscoverInstances`, 'content-type: application/x-amz-json-1.1'];
  const base = `http://127.0.0.1:${port}`;
  const result = (r: { rps: number; failed: number; non2xx: number }) => ({ rps: r.rps, failed: r.failed, non2xx: r.non2xx });
  const segments: Segment[] = [
    { name: 'DoH POST h2c', run: async (s) => result(await h2loadRun(`${base}/dns-query`, dohBody, ['content-type: application/dns-message', 'accept: application/dns-message'], s, ['-c', '4', '-m', '32'])) },
    { name: 'DiscoverInstances h1', run: async (s) => result(await h2loadRun(`${base}/`, discoverBody, apiHeaders, s, ['--h1', '-c', '4'])) },
    { name: 'DiscoverInstances h2c', run: async (s) => result(await h2loadRun(`${base}/`, discoverBody, apiHeaders, s, ['-c', '4', '-m', '8'])) },
  ];

  const started = Date.now();
  const samples: { t: number; rss: number }[] = [];
  const sampler = setInterval(() => {
    const m = rssMiB(pid);
    if (m) samples.push({ t: (Date.now() - started) / 1000, rss: m.rss });
  }, 5000);
  console.log('\nminute | segment | req/s | failed/non-2xx | VmRSS MiB at end | heap used/total MiB | external MiB');
  const table: string[] = [];
  try {
    for (let i = 0; Date.now() - started < MINUTES * 60_000; i++) {
      const seg = segments[i % segments.length]!;
      const left = MINUTES * 60 - (Date.now() - started) / 1000;
      const seconds = Math.max(2, Math.min(SEGMENT, Math.round(left)));
      const r = await seg.run(seconds);
      const m = rssMiB(pid);
      const h = await heapMiB(port);
      const line = `${fmt((Date.now() - started) / 60_000, 1)} | ${seg.name} | ${fmt(r.rps)} | ${r.failed}/${r.non2xx} | ${fmt(m?.rss)} | ${fmt(h?.heapUsed)}/${fmt(h?.heapTotal)} | ${fmt(h?.external)}`;
      table.push(line);
      console.log(line);
    }
  } finally {
    clearInterval(sampler);
  }
  await new Promise((r) => setTimeout(r, 10_000));
  const end = rssMiB(pid);
  const max = Math.max(...samples.map((s) => s.rss));
  console.log(`\nVmRSS: idle ${fmt(idle?.rss)}, loaded ${fmt(loaded?.rss)}, max under load ${fmt(max)}, 10 s after the load ${fmt(end?.rss)} MiB (VmHWM ${fmt(end?.hwm)})`);
  console.log(`RSS every 5 s (MiB): ${samples.map((s) => fmt(s.rss)).join(' ')}`);
  console.log(`goal (issue 10 item 5): VmRSS under 200 MB after ${MINUTES} min at the peak rate: last sample under load ${fmt(samples.at(-1)?.rss)} MiB = ${fmt((samples.at(-1)?.rss ?? NaN) * 1.048576)} MB`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared with other work)`);
  await server.stop();
  await redis?.stop();
}

/** One h2load run with `shape` flags (`--h1 -c 4`, `-c 4 -m 32`); its rate, failed requests and non-2xx answers. */
async function h2loadRun(url: string, dataFile: string, headers: string[], seconds: number, shape: string[]) {
  const out = await runPinned('h2load', [...shape, '-D', String(seconds), '--warm-up-time=1', '-d', dataFile, ...headers.flatMap((h) => ['-H', h]), url]);
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
  return { rps: num(/finished in [\d.]+s, ([\d.]+) req\/s/), failed: num(/succeeded, (\d+) failed/), non2xx: num(/2xx, (\d+) 3xx/) + num(/3xx, (\d+) 4xx/) + num(/4xx, (\d+) 5xx/) };
}

try {
  await main();
} finally {
  for (const p of procs) await p.stop();
  rmSync(dir, { recursive: true, force: true });
}
