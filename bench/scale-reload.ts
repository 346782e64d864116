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
    console.log(`${n} instances in ${SERVICES} services (${INSTANCES} asked); server node flags ${JSON.stringify(nodeArgs)}; ready ${readyMs.toFixed(0)} ms after spawn`);
    const probe = new UdpProbe(server.dnsPort);
    for (let i = 0; i < SERVICES; i++) for (const type of ['A', 'SRV'] as const) await probe.ask(`${serviceName(i)}.${ZONE}`, type);
    probe.close();
    const r = new Redis(redis.url);
    const svc = (await r.smembers(`${PREFIX}{cm}:services`))[0]!;
    for (let round = 1; round <= ROUNDS; round++) {
      const idle = await probeUntil(server.dnsPort, `${serviceName(1)}.${ZONE}`, new Promise((res) => setTimeout(res, 3000)));
      const loads = await metric(server, 'cloudmap_dns_view_loads_total');
      let reloadMs = NaN;
      const reloaded = (async () => {
        await new Promise((res) => setTimeout(res, 300));
        const t = performance.now();
        await r.del(`${PREFIX}{cm}:epoch`);
        await registerOne(server.httpPort, svc, `wake-${round}`).catch(() => undefined);
        while ((await metric(server, 'cloudmap_dns_view_loads_total')) <= loads) await new Promise((res) => setTimeout(res, 20));
        reloadMs = performance.now() - t;
        await new Promise((res) => setTimeout(res, 300));
      })();
      const stall = await probeUntil(server.dnsPort, `${serviceName(1)}.${ZONE}`, reloaded);
      console.log(`round ${round}: idle longest ${idle.maxMs.toFixed(1)} ms (p99 ${idle.p99Ms.toFixed(1)}); reload ${reloadMs.toFixed(0)} ms, longest ${stall.maxMs.toFixed(1)} ms, p99 ${stall.p99Ms.toFixed(1)} ms, ${stall.queries} queries, lost ${stall.lost}, rcodes ${JSON.stringify(stall.rcodes)}`);
    }
    r.disconnect();
  } finally {
    await server.stop();
    if (process.env.BENCH_SHOW_OUTPUT) console.log(server.output());
  }
} finally {
  await redis.stop();
}
