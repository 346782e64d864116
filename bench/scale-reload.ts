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
 * `BENCH_FILL=api` registers the data set through the API into the running
 * server instead (as bench:scale does; a minute for 100k).
 * `BENCH_SHOW_OUTPUT=1` prints what the server wrote (e.g. with `--trace-gc`).
 * Asserts nothing; prints one line per round.
 */
import { execFile } from 'node:child_process';
import { Redis } from 'ioredis';
import { startBenchRedis } from './dns/procs.ts';
import { fillRedis } from './scale/fill-redis.ts';
import { INSTANCES, serviceName, SERVICES, ZONE } from './scale/data.ts';
import { register, registerOne } from './scale/register.ts';
import { metric, startServer, waitReady } from './scale/server.ts';
import { probeUntil, UdpProbe } from './scale/udp-probe.ts';

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
    const probe = new UdpProbe(server.dnsPort);
    for (let i = 0; i < SERVICES; i++) for (const type of ['A', 'SRV'] as const) await probe.ask(`${serviceName(i)}.${ZONE}`, type);
    probe.close();
    const r = new Redis(redis.url);
    const svc = (await r.smembers(`${PREFIX}{cm}:services`))[0]!;
    for (let round = 1; round <= ROUNDS; round++) {
      // As bench:scale does before its reload (BENCH_MEMORY=1): full GCs through the inspector, which
      // shrink the heap as V8's memory reducer does in a server that has been idle for a while.
      const gcd = process.env.BENCH_MEMORY ? ` heap used after full GC ${((await server.memory()).heapUsed / 2 ** 20).toFixed(1)} MiB;` : '';
      const idle = await probeUntil(server.dnsPort, `${serviceName(1)}.${ZONE}`, new Promise((res) => setTimeout(res, 3000)));
      const loads = await metric(server, 'cloudmap_dns_view_loads_total');
      let reloadMs = NaN;
      await metric(server, 'nodejs_eventloop_lag_max_seconds'); // resets the server's histogram
      let loopMax = 0;
      const reloaded = (async () => {
        await new Promise((res) => setTimeout(res, 300));
        const t = performance.now();
        // BENCH_WRITE_ONLY=1: the same write without the reload (what the write alone costs).
        if (!process.env.BENCH_WRITE_ONLY) await r.del(`${PREFIX}{cm}:epoch`);
        await registerOne(server.httpPort, svc, `wake-${round}`).catch(() => undefined);
        const until = performance.now() + 1000;
        while (process.env.BENCH_WRITE_ONLY ? performance.now() < until : (await metric(server, 'cloudmap_dns_view_loads_total')) <= loads) {
          // prom-client's event-loop delay (monitorEventLoopDelay, reset at every scrape): what the server itself saw.
          loopMax = Math.max(loopMax, await metric(server, 'nodejs_eventloop_lag_max_seconds'));
          await new Promise((res) => setTimeout(res, 20));
        }
        reloadMs = performance.now() - t;
        await new Promise((res) => setTimeout(res, 300));
        loopMax = Math.max(loopMax, await metric(server, 'nodejs_eventloop_lag_max_seconds'));
      })();
      const ext = process.env.BENCH_EXT_PROBER
        ? new Promise<string>((resolve) => execFile('sh', ['-c', `${process.env.BENCH_EXT_PROBER} ${server.dnsPort} ${serviceName(1)}.${ZONE} 2.5`], (_e, out) => resolve(out.trim())))
        : undefined;
      const stall = await probeUntil(server.dnsPort, `${serviceName(1)}.${ZONE}`, reloaded);
      if (ext) console.log(`external prober: ${await ext}`);
      console.log(`round ${round}:${gcd} idle longest ${idle.maxMs.toFixed(1)} ms (p99 ${idle.p99Ms.toFixed(1)}); reload ${reloadMs.toFixed(0)} ms, server event-loop delay max ${(loopMax * 1000).toFixed(1)} ms; prober longest ${stall.maxMs.toFixed(1)} ms, p99 ${stall.p99Ms.toFixed(1)} ms, ${stall.queries} queries, lost ${stall.lost}, rcodes ${JSON.stringify(stall.rcodes)}`);
    }
    r.disconnect();
  } finally {
    await server.stop();
    if (process.env.BENCH_SHOW_OUTPUT) console.log(server.output());
  }
} finally {
  await redis.stop();
}
