/**
 * Where a cold load from Redis spends its time, in-process (issue 11 item
 * 2): fills a throwaway redis-server with the scale data set
 * (`bench/scale/data.ts`; keys written as the store writes them, in
 * pipelines, which is much faster than the API), then times
 * `RedisStore.snapshot()` (the reads) and `View.loadInSlices` (the build),
 * ROUNDS times. `npx tsx bench/scale-redis-load.ts` (needs redis-server).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import { View } from '../src/view/view.ts';
import { freePort, LOAD_CPU } from './dns/procs.ts';
import { SERVICES } from './scale/data.ts';
import { fillRedis } from './scale/fill-redis.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'scale-redis-load-'));
const server = spawn('taskset', ['-c', LOAD_CPU, 'redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
try {
  const url = `redis://127.0.0.1:${port}`;
  const raw = new Redis(url, { retryStrategy: () => 50 });
  await raw.ping();
  const n = await fillRedis(url, 'load:');
  const store = new RedisStore({ url, prefix: 'load:', commandTimeoutMs: 60_000 });
  const k = store.keys;
  console.log(`filled ${n} instances in ${SERVICES} services`);
  if (process.env.BENCH_DETAIL) {
    const t0 = performance.now();
    const ids = await raw.smembers(k.services);
    const p2 = raw.pipeline();
    for (const id of ids) p2.hgetall(k.service(id)).smembers(k.instancesOf(id));
    const rs = await p2.exec();
    const t1 = performance.now();
    console.log(`services + members pipeline: ${(t1 - t0).toFixed(0)} ms (${rs?.length} replies)`);
    const members = (rs![1]![1] as string[]).slice(0, 100);
    const keys = members.flatMap((id) => [k.instance(ids[0]!, id), k.attributes(ids[0]!, id)]);
    const lua = 'local out = {} for i = 1, #KEYS do out[i] = redis.call(\'HGETALL\', KEYS[i]) end return out';
    const t2 = performance.now();
    for (let i = 0; i < 1000; i++) await raw.eval(lua, keys.length, ...keys);
    console.log(`1000 × script of 100 instances: ${(performance.now() - t2).toFixed(0)} ms`);
  }
  /** Redis's own CPU seconds (user + sys, INFO cpu). */
  const redisCpu = async (): Promise<number> => {
    const info = await raw.info('cpu');
    return Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1]);
  };
  const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
  for (let r = 0; r < ROUNDS; r++) {
    const r0 = await redisCpu();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const snapshot = await store.snapshot();
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    const r1 = await redisCpu();
    await new View().loadInSlices(snapshot);
    const t2 = performance.now();
    console.log(`round ${r + 1}: snapshot read ${(t1 - t0).toFixed(0)} ms wall (${snapshot.instances.length} instances; CPU: ours ${cpuMs(c1).toFixed(0)} ms, redis-server ${((r1 - r0) * 1000).toFixed(0)} ms), view build ${(t2 - t1).toFixed(0)} ms wall`);
  }
  // A full reload while the follower already holds the view: the longest event-loop stall.
  const { ViewFollower } = await import('../src/view/follower.ts');
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const follower = new ViewFollower(store);
  await follower.start();
  for (let r = 0; r < ROUNDS; r++) {
    // Reference: the same timer for 2 s with nothing to do (what the machine itself costs).
    let idleWorst = 0;
    let idleLast = performance.now();
    const idle = setInterval(() => {
      const now = performance.now();
      idleWorst = Math.max(idleWorst, now - idleLast);
      idleLast = now;
    }, 1);
    await new Promise((res) => setTimeout(res, 2000));
    clearInterval(idle);
    console.log(`idle reference ${r + 1}: longest gap between 1 ms timer ticks ${idleWorst.toFixed(1)} ms`);
    const h = monitorEventLoopDelay({ resolution: 1 });
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 1);
    h.enable();
    const t0 = performance.now();
    await follower.resync(60_000);
    const t1 = performance.now();
    await new Promise((res) => setTimeout(res, 200));
    h.disable();
    clearInterval(timer);
    console.log(`reload ${r + 1}: ${(t1 - t0).toFixed(0)} ms; longest gap between 1 ms timer ticks ${worst.toFixed(1)} ms; event-loop delay max ${(h.max / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms`);
  }
  await follower.stop();
  raw.disconnect();
  await store.close();
} finally {
  server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
