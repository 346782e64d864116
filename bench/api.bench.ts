/**
 * The Cloud Map API under load, next to a trivial Hono JSON handler from the
 * same run: `npm run bench:api` (also part of `npm run bench`).
 *
 * Method (issue 5): every server is pinned to CPU 1 (`taskset -c 1`), h2load
 * and redis-server to CPU 0. Each row is one h2load run of `BENCH_SECONDS`
 * (default 10, after 1 s of warm-up) with 4 connections, HTTP/1.1 keep-alive
 * (`--h1 -c 4`) or h2c with 8 streams each (`-c 4 -m 8`), POSTing one body:
 * - RegisterInstance: re-registers one instance (A + SRV service) over and
 *   over: validation, the store write with its operation record and change
 *   event, and the wait until the view has applied it;
 * - DiscoverInstances: a service of 10 instances, answered from the view.
 * The references are `bench/api/reference.ts` (reads the JSON body, answers
 * a small JSON object): `@hono/node-server` on node:http and on node:http2
 * (the issue's reference), and the same app behind our own HTTP listener.
 * cloudmap-dns runs from dist/ (built first), logging at its default level
 * (info: one line per request) into a file, with memory state, then Redis
 * state (a throwaway redis-server on CPU 0).
 * Beside req/s each row prints the server's CPU time per request: utime +
 * stime of the server's main thread (`/proc/PID/task/PID/stat`, clock
 * ticks) over the measured part of the run (from the end of the warm-up),
 * divided by the requests completed then (req/s × seconds). On a shared
 * machine req/s follows the load of other processes, CPU per request much
 * less: compare builds with it.
 * `BENCH_CPU_PROF=DIR` writes a V8 CPU profile of each cloudmap-dns run into
 * DIR (`node --cpu-prof`), for chrome://inspect or `speedscope`.
 * `BENCH_STATES=memory` (or `redis`) runs only that state, and
 * `BENCH_REFERENCE=0` skips the Hono references (× reference then reads –):
 * for quick comparisons while profiling.
 * Prints a table; asserts nothing. Needs h2load (nghttp2-client),
 * redis-server, taskset. The npm script holds `flock /tmp/bench.lock`.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, LOAD_CPU, type Proc, requireTool, SERVER_CPU, startBenchRedis, startPinned } from './dns/procs.ts';
import { runPinned } from './dns/tools.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_S = 1;
const STATES = (process.env.BENCH_STATES ?? 'memory,redis').split(',') as ('memory' | 'redis')[];
const WITH_REFERENCE = process.env.BENCH_REFERENCE !== '0';
/** Clock ticks per second of /proc stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;
const CPU_PROF = process.env.BENCH_CPU_PROF;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'cloudmap-dns.js');
const REFERENCE = fileURLToPath(new URL('./api/reference.ts', import.meta.url));
const TARGET = 'Route53AutoNaming_v20170314.';

for (const [tool, pkg] of [['h2load', 'nghttp2-client'], ['taskset', 'util-linux'], ['redis-server', 'redis-server']]) requireTool(tool!, pkg!);

const dir = mkdtempSync(join(tmpdir(), 'cloudmap-api-bench-'));
const procs: Proc[] = [];
const fmt = (n: number | undefined, digits = 0): string => (n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

interface Run { rps: number; failed: number; non2xx: number; cpuUsPerRequest: number }

/** CPU time (user + system) of the main thread of process `pid` so far, seconds. */
function mainThreadCpuS(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S; // utime (14), stime (15)
}

/**
 * One h2load run against `port`: `protocol` h1 (`--h1 -c 4`) or h2c (`-c 4 -m 8`).
 * With `pid` (the server's), also its main thread's CPU µs per request over the measured part.
 */
async function load(port: number, protocol: 'h1' | 'h2c', operation: string, bodyFile: string, pid?: number): Promise<Run> {
  const args = [...(protocol === 'h1' ? ['--h1'] : ['-m', '8']), '-c', '4', '-D', String(SECONDS), `--warm-up-time=${WARM_UP_S}`, '-d', bodyFile,
    '-H', `x-amz-target: ${TARGET}${operation}`, '-H', 'content-type: application/x-amz-json-1.1', `http://127.0.0.1:${port}/`];
  let cpuAtStart = NaN;
  const timer = pid === undefined ? undefined : setTimeout(() => (cpuAtStart = mainThreadCpuS(pid)), WARM_UP_S * 1000);
  const out = await runPinned('h2load', args);
  clearTimeout(timer);
  const cpuS = pid === undefined ? NaN : mainThreadCpuS(pid) - cpuAtStart;
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
  const rps = num(/finished in [\d.]+s, ([\d.]+) req\/s/);
  return {
    rps, failed: num(/succeeded, (\d+) failed/),
    non2xx: num(/status codes: \d+ 2xx, (\d+) 3xx/) + num(/3xx, (\d+) 4xx/) + num(/4xx, (\d+) 5xx/),
    cpuUsPerRequest: (cpuS * 1e6) / (rps * SECONDS),
  };
}

async function api(port: number, operation: string, body: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}${operation}` }, body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${operation}: ${JSON.stringify(json)}`);
  return json;
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

/** cloudmap-dns serve from dist/ on CPU 1, its log in a file. */
async function startCloudmap(label: string, env: Record<string, string>): Promise<{ proc: Proc; port: number }> {
  const port = await freePort();
  const log = join(dir, `${label}.log`);
  const prof = CPU_PROF ? `--cpu-prof --cpu-prof-dir=${CPU_PROF} --cpu-prof-name=cloudmap-${label}.cpuprofile ` : '';
  const cmd = `exec "${process.execPath}" ${prof}"${BIN}" serve --http-port ${port} --dns-port 0 --grpc-port 0 > "${log}" 2>&1`;
  const proc = await startPinned(`cloudmap-dns (${label})`, 'sh', ['-c', cmd], () => healthy(port), { ...process.env, CLOUDMAP_DNS_ENTRY: 'dist', ...env });
  procs.push(proc);
  return { proc, port };
}

/** A namespace, a registration target service and a discovery service of 10 instances; the two request bodies. */
async function prepare(port: number, label: string): Promise<{ register: string; discover: string }> {
  const created = await api(port, 'CreatePrivateDnsNamespace', { Name: 'bench.local', Vpc: 'vpc-bench' });
  const ns = (await api(port, 'GetOperation', { OperationId: created.OperationId })).Operation.Targets.NAMESPACE;
  const records = { DnsRecords: [{ Type: 'A', TTL: 60 }, { Type: 'SRV', TTL: 60 }] };
  const reg = (await api(port, 'CreateService', { Name: 'reg', NamespaceId: ns, DnsConfig: records })).Service.Id;
  const disc = (await api(port, 'CreateService', { Name: 'disc', NamespaceId: ns, DnsConfig: records })).Service.Id;
  for (let i = 1; i <= 10; i++) {
    await api(port, 'RegisterInstance', { ServiceId: disc, InstanceId: `i-${i}`, Attributes: { AWS_INSTANCE_IPV4: `10.0.0.${i}`, AWS_INSTANCE_PORT: '8080', zone: 'a' } });
  }
  const register = join(dir, `register-${label}.json`);
  const discover = join(dir, `discover-${label}.json`);
  writeFileSync(register, JSON.stringify({ ServiceId: reg, InstanceId: 'bench-1', Attributes: { AWS_INSTANCE_IPV4: '10.1.0.1', AWS_INSTANCE_PORT: '8080' } }));
  writeFileSync(discover, JSON.stringify({ NamespaceName: 'bench.local', ServiceName: 'disc' }));
  return { register, discover };
}

const loadAverage = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

const rows: string[][] = [];
const row = (...cells: string[]): void => {
  rows.push(cells);
  console.log(cells.join(' | '));
};

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}; servers on CPU ${SERVER_CPU}, h2load and redis-server on CPU ${LOAD_CPU}; ${SECONDS} s per row; load average ${loadAverage()}`);
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const reference: Record<string, number> = {};
  const refBody = join(dir, 'reference.json');
  writeFileSync(refBody, JSON.stringify({ NamespaceName: 'bench.local', ServiceName: 'disc' }));
  const modes = WITH_REFERENCE ? [['node-server', ['h1']], ['node-server-h2c', ['h2c']], ['our-listener', ['h1', 'h2c']]] as const : [];
  for (const [mode, protocols] of modes) {
    const port = await freePort();
    const proc = await startPinned(`reference ${mode}`, process.execPath, ['--import', 'tsx', REFERENCE, mode, String(port)], (out) => out.includes('ready'));
    procs.push(proc);
    for (const protocol of protocols) {
      const r = await load(port, protocol, 'DiscoverInstances', refBody, proc.child.pid);
      if (mode !== 'our-listener') reference[protocol] = r.rps;
      row(`Hono JSON handler (${mode})`, protocol, fmt(r.rps), mode === 'our-listener' ? fmt(r.rps / reference[protocol]!, 2) : '1.00',
        fmt(r.cpuUsPerRequest), `${r.failed}/${r.non2xx}`);
    }
    await proc.stop();
  }

  const results: Record<string, number> = {};
  for (const state of STATES) {
    const redis = state === 'redis' ? await startBenchRedis() : undefined;
    const { proc, port } = await startCloudmap(state, redis ? { REDIS_URL: redis.url } : {});
    const bodies = await prepare(port, state);
    for (const [operation, body] of [['RegisterInstance', bodies.register], ['DiscoverInstances', bodies.discover]] as const) {
      for (const protocol of ['h1', 'h2c'] as const) {
        const r = await load(port, protocol, operation, body, proc.child.pid);
        results[`${operation} ${state} ${protocol}`] = r.rps;
        row(`${operation}, ${state} state`, protocol, fmt(r.rps), fmt(r.rps / (reference[protocol] ?? NaN), 2), fmt(r.cpuUsPerRequest), `${r.failed}/${r.non2xx}`);
      }
    }
    await proc.stop();
    await redis?.stop();
  }

  console.log('\n| request | protocol | req/s | × reference | server CPU µs/request | failed/non-2xx |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\nload average at the end: ${loadAverage()}`);
  console.log('\nTargets (issue 5; printed, not asserted):');
  for (const protocol of ['h1', 'h2c'] as const) {
    const ref = reference[protocol] ?? NaN;
    console.log(`  ${protocol}: RegisterInstance memory ${fmt(results[`RegisterInstance memory ${protocol}`]! / ref, 2)}× (goal ≥ 0.5×), ` +
      `RegisterInstance Redis ${fmt(results[`RegisterInstance redis ${protocol}`]!)}/s (goal ≥ 5,000/s), ` +
      `DiscoverInstances memory ${fmt(results[`DiscoverInstances memory ${protocol}`]! / ref, 2)}× (goal ≥ 0.67×)`);
  }
}

try {
  await main();
} finally {
  for (const p of procs) await p.stop();
  rmSync(dir, { recursive: true, force: true });
}
