/**
 * The cost of response-rate limiting (`--rrl-*`, src/dns/rrl.ts):
 * `npm run bench:rrl`.
 *
 * 1. UDP peak throughput with dnsperf (`-T 1 -c 8 -q 256`, the query mix of
 *    `bench:dns`: 50% A, 25% SRV, 25% NXDOMAIN over 1000 services), of
 *    cloudmap-dns with RRL off and with RRL on at a rate no client reaches
 *    (`--rrl-responses-per-second 1000000`: every response is accounted,
 *    none is limited), next to NSD 4 with `rrl-ratelimit: 0` and with
 *    `rrl-ratelimit: 1000000` as the reference. Servers pinned to CPU 1,
 *    dnsperf to CPU 0, `BENCH_SECONDS` (default 5) per run, median of
 *    `BENCH_ROUNDS` (default 3) interleaved rounds.
 * 2. In-process cost of one `ResponseRateLimiter.check` (the accounting a
 *    UDP response pays): one client, and a table churned by 262,144
 *    distinct spoofed /24 networks (65,536 slots).
 *
 * cloudmap-dns runs from dist/ (built first). Prints a table; asserts nothing.
 * Needs dnsperf, nsd, dig, taskset.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createResolver } from '../src/dns/resolver.ts';
import { ResponseRateLimiter } from '../src/dns/rrl.ts';
import { fixtureView, query } from '../test/support/dns-fixtures.ts';
import { ZONE, queryFile, zoneFile } from './dns/data.ts';
import { load } from './dns/load.ts';
import { answers, freePort, type Proc, requireTool, startNsd, startPinned } from './dns/procs.ts';
import { dnsperf, type DnsperfResult } from './dns/tools.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIN = fileURLToPath(new URL('../bin/cloudmap-dns.js', import.meta.url));
const PEAK = ['-c', '8', '-q', '256', '-t', '2'];

for (const [tool, pkg] of [['dnsperf', 'dnsperf'], ['nsd', 'nsd'], ['dig', 'bind9-dnsutils'], ['taskset', 'util-linux']]) requireTool(tool!, pkg!);

const dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-bench-rrl-'));
const procs: Proc[] = [];
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function startOurs(flags: string[]): Promise<{ proc: Proc; dnsPort: number }> {
  const [httpPort, dnsPort] = [await freePort(), await freePort()];
  const proc = await startPinned(
    `cloudmap-dns ${flags.join(' ') || '(RRL off)'}`,
    process.execPath,
    [BIN, 'serve', '--http-port', String(httpPort), '--dns-port', String(dnsPort), '--grpc-port', '0', '--log-level', 'warn', ...flags],
    async () => fetch(`http://127.0.0.1:${httpPort}/healthz`).then((r) => r.ok, () => false),
    { ...process.env, REDIS_URL: '', CLOUDMAP_DNS_ENTRY: 'dist' },
  );
  procs.push(proc);
  await load(httpPort);
  if (!answers(dnsPort, ZONE)) throw new Error(`${proc.name} does not answer the benchmark zone`);
  return { proc, dnsPort };
}

async function startNsdIn(name: string, port: number, rate: number): Promise<void> {
  const sub = join(dir, name);
  mkdirSync(sub);
  const zonePath = join(sub, `${ZONE}.zone`);
  writeFileSync(zonePath, zoneFile());
  procs.push(await startNsd(sub, ZONE, zonePath, port, rate));
}

/** ns per call of `fn`, best of 5 runs of `n` calls. */
function nsPerCall(n: number, fn: (i: number) => void): number {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / n);
  }
  return best;
}

async function main(): Promise<void> {
  console.log('building dist/ (npm run build) so cloudmap-dns runs compiled, as in production');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  const queries = join(dir, 'queries.txt');
  writeFileSync(queries, queryFile());
  const off = await startOurs([]);
  const on = await startOurs(['--rrl-responses-per-second', '1000000']);
  const [nsdOff, nsdOn] = [await freePort(), await freePort()];
  await startNsdIn('nsd-off', nsdOff, 0);
  await startNsdIn('nsd-on', nsdOn, 1_000_000);

  const servers: [string, number][] = [
    ['cloudmap-dns, RRL off', off.dnsPort],
    ['cloudmap-dns, --rrl-responses-per-second 1000000', on.dnsPort],
    ['NSD 4, rrl-ratelimit: 0', nsdOff],
    ['NSD 4, rrl-ratelimit: 1000000', nsdOn],
  ];
  const runs = new Map<string, DnsperfResult[]>(servers.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, port] of servers) runs.get(name)!.push(await dnsperf(port, queries, SECONDS, 'udp', PEAK));
  }
  console.log(`\n${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; servers on CPU 1, dnsperf on CPU 0; ${SECONDS} s per run, median of ${ROUNDS}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('server | UDP queries/s (median) | range | lost (median run)');
  const median: Record<string, number> = {};
  for (const [name] of servers) {
    const sorted = [...runs.get(name)!].sort((a, b) => a.qps - b.qps);
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    median[name] = mid.qps;
    console.log(`${name} | ${fmt(mid.qps)} | ${fmt(sorted[0]!.qps / 1000, 1)}k–${fmt(sorted.at(-1)!.qps / 1000, 1)}k | ${fmt(mid.lost)}`);
  }
  const ratio = (a: string, b: string): string => `${((median[a]! / median[b]!) * 100).toFixed(1)}%`;
  console.log(`cloudmap-dns with RRL accounting: ${ratio(servers[1]![0], servers[0]![0])} of RRL off; NSD: ${ratio(servers[3]![0], servers[2]![0])}`);

  const resolver = createResolver(fixtureView());
  const positive = resolver.handle(query('backend.app.local', 'A'), { transport: 'udp' })!;
  const nxdomain = resolver.handle(query('nope.app.local', 'A'), { transport: 'udp' })!;
  const oneClient = new ResponseRateLimiter({ responsesPerSecond: 1_000_000 });
  const churned = new ResponseRateLimiter({ responsesPerSecond: 5 });
  const sources = Array.from({ length: 1 << 18 }, (_, i) => `${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.9`);
  const v6 = '2001:db8:0:1200::53';
  console.log('\nResponseRateLimiter.check, in process (best of 5):');
  console.log(`  one client, positive answer: ${nsPerCall(1_000_000, () => oneClient.check('192.0.2.1', positive)).toFixed(0)} ns`);
  console.log(`  one IPv6 client, NXDOMAIN (zone from the SOA): ${nsPerCall(1_000_000, () => oneClient.check(v6, nxdomain)).toFixed(0)} ns`);
  console.log(`  262,144 distinct spoofed /24s in turn through 65,536 slots: ${nsPerCall(1_000_000, (i) => churned.check(sources[i & 0x3ffff]!, positive)).toFixed(0)} ns`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await Promise.allSettled(procs.map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
  });
