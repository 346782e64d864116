/**
 * The cold start alone (issue 11 item 2), ROUNDS times on one data set, in
 * a minute instead of the many minutes of `bench:scale`: fills a throwaway
 * redis-server with the scale data set straight from the store's key layout
 * (`scale/fill-redis.ts`), then ROUNDS times spawns `cloudmap-dns serve` on
 * it (the bundled build, pinned to CPU 1 as in bench:scale; `npm run build`
 * first) and measures the time from spawn to the first correct DNS answer
 * and to `/readyz` 200 (`scale/cold-start.ts`), with what the server's
 * "view loaded" log line says: when, after its process started, the load
 * began (`loadStartMs`) and how long it took (`loadMs`), and redis-server's
 * CPU during the start. The reference, in the same rounds: the same server
 * started on an empty store of the same Redis (another prefix), until
 * `/readyz` 200: what a start costs with nothing to load.
 *
 * `npx tsx bench/scale-cold.ts [-- node flags…]`; `BENCH_ROUNDS` (default 7).
 * `BENCH_FILL=api` registers the data set through the API of a first server
 * instead (a minute for 100k; as bench:scale does): its keys are then
 * written in the order and with the events of real registrations, 64 in
 * flight, which leaves redis-server's memory laid out as in production
 * rather than one service after the other.
 * Prints one line per round, then the median and the range. Asserts nothing.
 */
import { Redis } from 'ioredis';
import { loadavg } from 'node:os';
import { pinThisProcessToLoadCpu, startBenchRedis } from './dns/procs.ts';
import { coldStart } from './scale/cold-start.ts';
import { INSTANCES, SERVICES } from './scale/data.ts';
import { register } from './scale/register.ts';
import { startServer, waitReady } from './scale/server.ts';
import { fillRedis } from './scale/fill-redis.ts';

pinThisProcessToLoadCpu();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PREFIX = 'scale:';
const nodeArgs = process.argv.slice(2).filter((a) => a !== '--');
const redis = await startBenchRedis();
const raw = new Redis(redis.url);
/** redis-server's own CPU, ms (user + sys, INFO cpu). */
const redisCpuMs = async (): Promise<number> => {
  const info = await raw.info('cpu');
  return 1000 * (Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1]));
};
const rows: { first: number; ready: number; loadStart: number; load: number; redis: number; empty: number }[] = [];
try {
  let n = INSTANCES;
  if (process.env.BENCH_FILL === 'api') {
    const first = await startServer({ redisUrl: redis.url, redisPrefix: PREFIX });
    try {
      await waitReady(first);
      console.log(`registered through the API: ${Math.round((await register(first.httpPort, SERVICES, INSTANCES)).perSecond)}/s`);
    } finally {
      await first.stop();
    }
  } else {
    n = await fillRedis(redis.url, PREFIX);
  }
  console.log(`${n} instances in ${SERVICES} services on ${redis.url}; server node flags ${JSON.stringify(nodeArgs)}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (let round = 1; round <= ROUNDS; round++) {
    const reference = await startServer({ redisUrl: redis.url, redisPrefix: 'empty:', nodeArgs });
    const empty = await waitReady(reference).finally(() => reference.stop());
    const cpu0 = await redisCpuMs();
    const cold = await coldStart(redis.url, PREFIX, SERVICES, { nodeArgs, serveArgs: ['--log-level', 'info'] });
    const cpu = await redisCpuMs() - cpu0;
    // The logger writes asynchronously: read its lines once the process has exited.
    await cold.server.stop();
    const line = cold.server.output().split('\n').find((l) => l.includes('"view loaded"'));
    const fields = line ? JSON.parse(line) as { loadStartMs?: number; loadMs?: number } : {};
    const row = { first: cold.firstAnswerMs, ready: cold.completeMs, loadStart: fields.loadStartMs ?? NaN, load: fields.loadMs ?? NaN, redis: cpu, empty };
    rows.push(row);
    console.log(`round ${round}: first correct answer ${row.first.toFixed(0)} ms after spawn, /readyz 200 at ${row.ready.toFixed(0)} ms; `
      + `server: load began ${row.loadStart} ms after its process started and took ${row.load} ms; redis-server CPU ${row.redis.toFixed(0)} ms; before the answer DNS gave ${JSON.stringify(cold.before)}; `
      + `reference: /readyz 200 on an empty store at ${row.empty.toFixed(0)} ms`);
  }
  const summary = (name: string, values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${name} ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} (${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)})`;
  };
  console.log(`median (range) over ${ROUNDS} rounds, ms: ${[
    summary('first answer', rows.map((r) => r.first)),
    summary('load began', rows.map((r) => r.loadStart)),
    summary('load', rows.map((r) => r.load)),
    summary('redis-server CPU', rows.map((r) => r.redis)),
    summary('reference, /readyz 200 on an empty store', rows.map((r) => r.empty)),
  ].join('; ')}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  raw.disconnect();
  await redis.stop();
}
