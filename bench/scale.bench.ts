/**
 * Scale of one replica (issue 11): `npm run bench:scale [-- --instances N]`.
 *
 * The scale data set (`bench/scale/data.ts`: N instances, default 100,000,
 * in 1,000 services of `scale.local`, A + SRV, 3 attributes each) is
 * registered through the Cloud Map API (64 calls in flight) into
 * `cloudmap-dns serve` (compiled dist/, pinned to CPU 1; the load, Redis and
 * the probes on CPU 0), once on memory state and once on Redis state
 * (a throwaway redis-server). It prints:
 * - registrations/s;
 * - memory after a full GC (RSS and V8 heap used, through the inspector):
 *   empty baseline, after registering (incremental), after one DNS load over
 *   every service (the record memo built), per instance above the baseline;
 * - Redis state: a full reload of the view (the epoch key deleted, so the
 *   change feed reports a gap) while a prober (its own process on the load CPU,
 *   `scale/prober.ts`) queries back to back: the
 *   longest query stall and the reload's duration;
 * - Redis state: a cold start of a new process on the same data: time to
 *   the first correct DNS answer and to a complete view (`/readyz` 200),
 *   what DNS answered before (never NXDOMAIN), memory after the cold load;
 * - DNS queries/s (dnsperf, UDP, 50% A, 25% SRV, 25% NXDOMAIN) on the big
 *   data set beside the 3k data set (1000 × 3) of `bench:dns`, interleaved
 *   rounds, median.
 * The memory-state server is stopped (SIGSTOP) while the Redis-state
 * figures are taken, and continued for the qps rounds; this process runs on
 * the load CPU too. Asserts nothing about speed. Needs redis-server, dnsperf
 * and taskset.
 * `--anatomy` runs `bench/scale-anatomy.ts` instead (in-process breakdown).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { pinThisProcessToLoadCpu, requireTool, startBenchRedis } from './dns/procs.ts';
import { dnsperf } from './dns/tools.ts';
import { instanceId, serviceName, ZONE } from './scale/data.ts';
import type { Memory } from './scale/inspector.ts';
import { fullReload } from './scale/reload.ts';
import { register } from './scale/register.ts';
import { metric, type ScaleServer, startServer, waitReady } from './scale/server.ts';
import { probeDuring, startProber } from './scale/prober.ts';
import { touchEveryService } from './scale/udp-probe.ts';
import { coldStart } from './scale/cold-start.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const N = Number(arg('--instances') ?? process.env.BENCH_INSTANCES ?? 100_000);
const SERVICES = Number(arg('--services') ?? process.env.BENCH_SERVICES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PREFIX = 'scale:';

if (process.argv.includes('--anatomy')) {
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/scale-anatomy.ts')], { stdio: 'inherit', env: { ...process.env, BENCH_INSTANCES: String(N), BENCH_SERVICES: String(SERVICES) } });
  process.exit(0);
}

pinThisProcessToLoadCpu();
for (const [tool, pkg] of [['dnsperf', 'dnsperf'], ['taskset', 'util-linux'], ['redis-server', 'redis-server']]) requireTool(tool!, pkg!);

const MiB = 2 ** 20;
const mib = (b: number): string => `${(b / MiB).toFixed(1)} MiB`;
const perInstance = (b: number, n = N): string => `${Math.round(b / n).toLocaleString('en-US')} B`;
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const lines: string[] = [];
const say = (line: string): void => {
  lines.push(line);
  console.log(line);
};

/** Memory after a full GC, with the RSS just before it (what `ps` shows). */
async function memory(server: ScaleServer): Promise<Memory & { rssBeforeGc: number }> {
  const rssBeforeGc = server.rss();
  return { ...(await server.memory()), rssBeforeGc };
}

const MEM_HEADER = ['| after full GC | RSS before GC | RSS | heap used | external | RSS / instance | heap / instance | external / instance |', '|---|---|---|---|---|---|---|---|'];

function memRow(label: string, m: Memory & { rssBeforeGc: number }, base: Memory | undefined): void {
  const rest = base ? ` | ${perInstance(m.rss - base.rss)} | ${perInstance(m.heapUsed - base.heapUsed)} | ${perInstance(m.external - base.external)}` : ' | – | – | –';
  say(`| ${label} | ${mib(m.rssBeforeGc)} | ${mib(m.rss)} | ${mib(m.heapUsed)} | ${mib(m.external)}${rest} |`);
}

/** dnsperf's query file over `services` services: A, SRV, A, NXDOMAIN per service. */
function queryFile(dir: string, name: string, services: number): string {
  const out: string[] = [];
  for (let i = 0; i < services; i++) out.push(`${serviceName(i)}.${ZONE} A`, `${serviceName(i)}.${ZONE} SRV`, `${serviceName(i)}.${ZONE} A`, `nope-${i}.${ZONE} A`);
  const path = join(dir, name);
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

async function main(): Promise<void> {
  console.log('building dist/ (npm run build)');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'cloudmap-scale-'));
  const bigQueries = queryFile(dir, 'big.txt', SERVICES);
  const smallQueries = queryFile(dir, 'small.txt', 1000);
  const redis = await startBenchRedis();
  const servers: ScaleServer[] = [];
  try {
    say(`${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; server on CPU 1, load + redis-server on CPU 0; server settings ${process.env.BENCH_SHIPPED === '1' ? 'as shipped (--max-semi-space-size=4, MALLOC_ARENA_MAX=2)' : 'Node\'s and glibc\'s defaults (BENCH_SHIPPED=1: as shipped)'}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    say(`data: ${N.toLocaleString('en-US')} instances in ${SERVICES} services (A + SRV, 3 attributes each), registered through the API, 64 in flight`);
    const qpsServers: [string, ScaleServer][] = [];
    for (const state of ['memory', 'redis'] as const) {
      // The memory-state server waits for the qps rounds stopped (SIGSTOP), so that its idle-time garbage
      // collections on the server CPU do not land in the Redis-state figures (one server per CPU, as in a pod).
      if (state === 'redis') for (const [, other] of qpsServers) other.child.kill('SIGSTOP');
      const server = await startServer(state === 'redis' ? { redisUrl: redis.url, redisPrefix: PREFIX } : {});
      servers.push(server);
      await waitReady(server);
      await new Promise((r) => setTimeout(r, 500));
      const base = await memory(server);
      const reg = await register(server.httpPort, SERVICES, N);
      say('');
      say(`### ${state} state`);
      say('');
      say(`registrations: ${N.toLocaleString('en-US')} in ${reg.seconds.toFixed(1)} s = ${Math.round(reg.perSecond).toLocaleString('en-US')}/s`);
      say('');
      MEM_HEADER.forEach(say);
      memRow('empty, ready', base, undefined);
      const afterReg = await memory(server);
      memRow('registered (incremental)', afterReg, base);
      await touchEveryService(server.dnsPort, SERVICES);
      memRow('+ A and SRV asked of every service (memo built)', await memory(server), base);
      if (state === 'redis') {
        // Reference: the same prober for 3 s with no reload (what the shared machine itself costs).
        const idle = await probeDuring(server.dnsPort, `${serviceName(1)}.${ZONE}`, new Promise((res) => setTimeout(res, 3000)));
        say('');
        say(`reference, no reload: prober ${idle.queries} queries, longest ${idle.maxMs.toFixed(1)} ms, p99 ${idle.p99Ms.toFixed(1)} ms, lost ${idle.lost}`);
        // Reload: drop the epoch key, wake the feed with a write; the follower reloads in full.
        const r = new Redis(redis.url);
        // The prober is probing before the reload starts (its process takes a few hundred ms to start).
        const prober = await startProber(server.dnsPort, `${serviceName(1)}.${ZONE}`);
        const { reloadMs, loopMaxMs } = await fullReload(server, r, PREFIX, reg.serviceIds[0]!, 'wake-1');
        const stall = await prober.stop();
        r.disconnect();
        say(`full reload of the view (epoch key deleted + one write): reload took ${ms(reloadMs)} (wall, seen from /metrics); prober: ${stall.queries} queries, longest ${stall.maxMs.toFixed(1)} ms, p99 ${stall.p99Ms.toFixed(1)} ms, lost ${stall.lost}, rcodes ${JSON.stringify(stall.rcodes)}; server event-loop delay max ${loopMaxMs.toFixed(1)} ms`);
        memRow('after the reload', await memory(server), base);
        await server.stop();
        servers.splice(servers.indexOf(server), 1);
        const cold = await coldStart(redis.url, PREFIX, SERVICES);
        servers.push(cold.server);
        say('');
        say(`cold start on the same Redis data: first correct answer ${ms(cold.firstAnswerMs)} after spawn, complete view (/readyz 200) ${ms(cold.completeMs)}; before the first answer DNS gave ${JSON.stringify(cold.before)}`);
        say('');
        MEM_HEADER.forEach(say);
        memRow('cold loaded', await memory(cold.server), base);
        await touchEveryService(cold.server.dnsPort, SERVICES);
        memRow('+ A and SRV asked of every service (memo built)', await memory(cold.server), base);
        qpsServers.push([`redis state, ${N / 1000}k instances (cold loaded)`, cold.server]);
      } else {
        qpsServers.push([`memory state, ${N / 1000}k instances`, server]);
      }
    }
    for (const [, other] of qpsServers) other.child.kill('SIGCONT');
    // The 3k data set of bench:dns, on memory state.
    const small = await startServer();
    servers.push(small);
    await waitReady(small);
    await register(small.httpPort, 1000, 3000);
    const rounds = new Map<string, number[]>();
    const all: [string, ScaleServer, string][] = [
      ...qpsServers.map(([name, s]) => [name, s, bigQueries] as [string, ScaleServer, string]),
      ['memory state, 3k instances (1000 × 3)', small, smallQueries],
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, s, file] of all) {
        const res = await dnsperf(s.dnsPort, file, SECONDS, 'udp', ['-c', '8', '-q', '256', '-t', '2']);
        (rounds.get(name) ?? rounds.set(name, []).get(name)!).push(res.qps);
      }
    }
    say('');
    say(`DNS over UDP, dnsperf -c 8 -q 256, ${SECONDS} s × ${ROUNDS} interleaved rounds (median, min–max):`);
    say('');
    say('| data set | queries/s | range |');
    say('|---|---|---|');
    for (const [name, qps] of rounds) {
      const sorted = [...qps].sort((a, b) => a - b);
      say(`| ${name} | ${Math.round(sorted[Math.floor(sorted.length / 2)]!).toLocaleString('en-US')} | ${Math.round(sorted[0]!).toLocaleString('en-US')}–${Math.round(sorted.at(-1)!).toLocaleString('en-US')} |`);
    }
    say('');
    say(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    for (const s of servers) s.child.kill('SIGCONT');
    await Promise.allSettled(servers.map((s) => s.stop()));
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
