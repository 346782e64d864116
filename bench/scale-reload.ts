/**
 * The reload stall alone (issue 11 item 3), in a few seconds instead of the
 * minutes of `bench:scale`: fills a throwaway redis-server with the scale
 * data set straight from the store's key layout (`scale/fill-redis.ts`),
 * starts `cloudmap-dns serve` on it (compiled dist/, pinned to CPU 1 like
 * bench:scale; `npm run build` first), asks A and SRV of every service (the
 * record memo built), then ROUNDS times: a back-to-back UDP prober for 3 s
 * with nothing happening (the reference), and the same prober through a full
 * reload (epoch key deleted + one write, as bench:scale does it).
 *
 * `npx tsx bench/scale-reload.ts [-- node flags…]`: arguments are passed to
 * the server's node, e.g. `--max-semi-space-size=4` or
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` (the profile is written when the
 * server stops). `BENCH_SERVE_ARGS` adds `serve` flags (space-separated).
 * The probers run in a process of their own on the load CPU
 * (`scale/prober.ts`); `BENCH_INPROCESS_PROBER=1` adds a prober in this
 * process through the same reload, as earlier runs measured it.
 * `BENCH_WRITE_ONLY=1` makes the same write without the reload.
 * `BENCH_FILL=api` registers the data set through the API into the running
 * server instead (as bench:scale does; a minute for 100k).
 * `BENCH_SHOW_OUTPUT=1` prints what the server wrote (e.g. with `--trace-gc`).
 * Asserts nothing; prints one line per round.
 */
import { Redis } from 'ioredis';
import { pinThisProcessToLoadCpu, startBenchRedis } from './dns/procs.ts';
import { fillRedis } from './scale/fill-redis.ts';
import { INSTANCES, serviceName, SERVICES, ZONE } from './scale/data.ts';
import { fullReload } from './scale/reload.ts';
import { register } from './scale/register.ts';
import { startServer, waitReady } from './scale/server.ts';
import { probeDuring, startProber } from './scale/prober.ts';
import { probeUntil, touchEveryService } from './scale/udp-probe.ts';

pinThisProcessToLoadCpu();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PREFIX = 'scale:';
const redis = await startBenchRedis();
try {
  const viaApi = process.env.BENCH_FILL === 'api';
  const n = viaApi ? INSTANCES : await fillRedis(redis.url, PREFIX);
  const nodeArgs = process.argv.slice(2).filter((a) => a !== '--');
  const serveArgs = (process.env.BENCH_SERVE_ARGS ?? '').split(' ').filter(Boolean);
  const server = await startServer({ redisUrl: redis.url, redisPrefix: PREFIX, nodeArgs, serveArgs });
  try {
    const readyMs = await waitReady(server);
    if (viaApi) console.log(`registered through the API: ${Math.round((await register(server.httpPort, SERVICES, INSTANCES)).perSecond)}/s`);
    console.log(`${n} instances in ${SERVICES} services (${INSTANCES} asked) on ${redis.url}; server node flags ${JSON.stringify(nodeArgs)}; ready ${readyMs.toFixed(0)} ms after spawn`);
    await touchEveryService(server.dnsPort, SERVICES);
    const r = new Redis(redis.url);
    const svc = (await r.smembers(`${PREFIX}{cm}:services`))[0]!;
    const name = `${serviceName(1)}.${ZONE}`;
    for (let round = 1; round <= ROUNDS; round++) {
      // As bench:scale does before its reload (BENCH_MEMORY=1): full GCs through the inspector, which
      // shrink the heap as V8's memory reducer does in a server that has been idle for a while.
      const gcd = process.env.BENCH_MEMORY ? ` heap used after full GC ${((await server.memory()).heapUsed / 2 ** 20).toFixed(1)} MiB;` : '';
      const idle = await probeDuring(server.dnsPort, name, new Promise((res) => setTimeout(res, 3000)));
      const prober = await startProber(server.dnsPort, name);
      // BENCH_WRITE_ONLY=1: the same write without the reload (what the write alone costs).
      const reloading = fullReload(server, r, PREFIX, svc, `wake-${round}`, { writeOnly: !!process.env.BENCH_WRITE_ONLY });
      // BENCH_INPROCESS_PROBER=1: a prober in this process too, through the same reload (how earlier runs measured).
      const own = process.env.BENCH_INPROCESS_PROBER ? probeUntil(server.dnsPort, name, reloading) : undefined;
      const { reloadMs, loopMaxMs } = await reloading;
      const stall = await prober.stop();
      if (own) console.log(`  in-process prober, same reload: longest ${(await own).maxMs.toFixed(1)} ms, p99 ${(await own).p99Ms.toFixed(1)} ms`);
      console.log(`round ${round}:${gcd} idle longest ${idle.maxMs.toFixed(1)} ms (p99 ${idle.p99Ms.toFixed(1)}); reload ${reloadMs.toFixed(0)} ms, server event-loop delay max ${loopMaxMs.toFixed(1)} ms; prober longest ${stall.maxMs.toFixed(1)} ms (sent ${stall.worstAtMs.toFixed(0)} ms after it started), p99 ${stall.p99Ms.toFixed(1)} ms, ${stall.queries} queries, lost ${stall.lost}, rcodes ${JSON.stringify(stall.rcodes)}`);
    }
    r.disconnect();
  } finally {
    await server.stop();
    if (process.env.BENCH_SHOW_OUTPUT) console.log(server.output());
  }
} finally {
  await redis.stop();
}
