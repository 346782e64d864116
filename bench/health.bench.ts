/**
 * Active health checks at scale: `npx tsx bench/health.bench.ts` (also part
 * of `npm run bench`).
 *
 * 10,000 instances (1% on a closed port) checked over HTTP every 10 s with
 * at most 64 checks in flight, against `bench/health-targets.ts` (100 HTTP
 * listeners on 127.0.0.1, pinned with `taskset -c 0`, beside the throwaway
 * redis-server). The checker (`bench/health-checker.ts`) runs pinned with
 * `taskset -c 1`, one process per mode: the reference (a timer per instance
 * and a semaphore around the same probe), the health role with memory
 * state, and with Redis state. Prints, per mode, check lag (scheduled vs
 * actual start), probe latency, checks per second, CPU and memory. Asserts
 * nothing. Knobs: BENCH_HEALTH_INSTANCES, BENCH_HEALTH_INTERVAL_S,
 * BENCH_HEALTH_CONCURRENCY, BENCH_HEALTH_SECONDS (measured window, default
 * 40), BENCH_HEALTH_MODES (default `reference,memory,redis`).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../test/support/redis-server.ts';

const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find(existsSync);
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/** `node --import tsx <file>` pinned to `core` when taskset exists. */
function start(file: string, core: number, env: Record<string, string>): ChildProcess {
  const args = ['--expose-gc', '--import', 'tsx', here(file)];
  const [cmd, argv] = TASKSET ? [TASKSET, ['-c', String(core), process.execPath, ...args]] : [process.execPath, args];
  return spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The first line a child prints on stdout. */
async function firstLine(child: ChildProcess): Promise<string> {
  let out = '';
  for await (const chunk of child.stdout!) {
    out += chunk;
    if (out.includes('\n')) return out.slice(0, out.indexOf('\n'));
  }
  throw new Error(`child exited without output: ${out}`);
}

const modes = (process.env.BENCH_HEALTH_MODES ?? 'reference,memory,redis').split(',');
console.log(`taskset: ${TASKSET ? 'targets and redis-server on core 0, checker on core 1' : 'not found, processes unpinned'}`);
const targets = start('health-targets.ts', 0, {});
const spec = await firstLine(targets);
const redis = await startRedis({ throwaway: true });
if (TASKSET) {
  const pid = /process_id:(\d+)/.exec(execFileSync('redis-cli', ['-u', redis.url, 'INFO', 'server'], { encoding: 'utf8' }))?.[1];
  if (pid) execFileSync(TASKSET, ['-cp', '0', pid], { stdio: 'ignore' });
}
try {
  const rows: Record<string, unknown>[] = [];
  for (const mode of modes) {
    const child = start('health-checker.ts', 1, { BENCH_HEALTH_MODE: mode, BENCH_HEALTH_TARGETS: spec, BENCH_REDIS_URL: redis.url });
    const line = await firstLine(child);
    await once(child, 'exit');
    const r = JSON.parse(line) as Record<string, any>;
    rows.push(r);
    console.log(`${mode.padEnd(9)} ${r.instances} instances every ${r.intervalMs / 1000} s, concurrency ${r.concurrency}: `
      + `${r.checksPerSecond} checks/s (${r.checks} measured, ${r.failures} failed as expected), `
      + `lag p50 ${r.lagMs.p50} ms p90 ${r.lagMs.p90} ms p99 ${r.lagMs.p99} ms max ${r.lagMs.max} ms, `
      + `probe p50 ${r.latencyMs.p50} ms p99 ${r.latencyMs.p99} ms, CPU ${r.cpuPercent}% of a core, `
      + `RSS ${r.rssMB.loaded} → ${r.rssMB.end} MB, heap ${r.heapMB.loaded} → ${r.heapMB.end} MB, setup ${r.setupMs} ms`);
  }
  console.log(JSON.stringify(rows));
} finally {
  targets.kill('SIGTERM');
  await once(targets, 'exit');
  await redis.stop();
}
