/**
 * The measured process of the health benchmark (`bench/health.bench.ts`
 * starts it pinned to core 1): `BENCH_HEALTH_MODE` is
 *
 * - `memory`: the health role with memory state (one process checks every
 *   instance): MemoryStore, view follower, `startHealthRole`;
 * - `redis`: the health role with Redis state at `BENCH_REDIS_URL` (leases,
 *   last-check hashes written to Redis, writes through the Lua scripts);
 * - `reference`: the simplest checker one would write: a timer per
 *   instance at a fixed rate and a counting semaphore around the same probe
 *   (`createProbe`), no store, no view, no leases.
 *
 * It registers `BENCH_HEALTH_INSTANCES` instances (1% on a closed port, so
 * they turn UNHEALTHY), waits one interval (the first checks spread over
 * it), then measures for `BENCH_HEALTH_SECONDS`: check lag (actual start
 * minus scheduled), probe latency, checks per second, CPU (user + system
 * over wall time) and memory (RSS, heap; after a full GC once the
 * instances are loaded and again at the end). Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { HealthChecker } from '../src/health/checker.ts';
import type { CheckReport } from '../src/health/observer.ts';
import { createProbe } from '../src/health/probe.ts';
import { startHealthRole } from '../src/health/role.ts';
import { checkTarget } from '../src/health/target.ts';
import { silentLogger } from '../src/log.ts';
import type { Instance, Service } from '../src/model/types.ts';
import { createNamespace, createService, type OpsDeps, registerInstance } from '../src/ops/index.ts';
import { MemoryStore } from '../src/store/memory/memory-store.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import type { Store } from '../src/store/store.ts';
import { ViewFollower } from '../src/view/follower.ts';

const mode = process.env.BENCH_HEALTH_MODE ?? 'memory';
const instances = Number(process.env.BENCH_HEALTH_INSTANCES ?? 10_000);
const intervalMs = Number(process.env.BENCH_HEALTH_INTERVAL_S ?? 10) * 1000;
const concurrency = Number(process.env.BENCH_HEALTH_CONCURRENCY ?? 64);
const seconds = Number(process.env.BENCH_HEALTH_SECONDS ?? 40);
const { ports, closed } = JSON.parse(process.env.BENCH_HEALTH_TARGETS ?? '{}') as { ports: number[]; closed: number };

const lags: number[] = [];
const latencies: number[] = [];
let measuring = false;
let failures = 0;
const record = (lagMs: number, latencyMs: number, ok: boolean): void => {
  if (!measuring) return;
  lags.push(lagMs);
  latencies.push(latencyMs);
  if (!ok) failures++;
};
const portOf = (i: number): number => (i % 100 === 99 ? closed : ports[i % ports.length]!);
const attributes = (i: number): Record<string, string> => ({ AWS_INSTANCE_IPV4: '127.0.0.1', AWS_INSTANCE_PORT: String(portOf(i)) });

async function runRole(): Promise<() => Promise<void>> {
  const store: Store = mode === 'redis' ? new RedisStore({ url: process.env.BENCH_REDIS_URL!, prefix: `bench-${process.pid}:` }) : new MemoryStore();
  const follower = new ViewFollower(store);
  await follower.start();
  const ops: OpsDeps = { store, region: 'us-east-1', accountId: '123456789012', awaitRevision: async (r) => void (await follower.waitFor(r)) };
  const { namespace } = await createNamespace(ops, { type: 'DNS_PRIVATE', name: 'bench.local', vpc: 'vpc-1' });
  const svc = await createService(ops, {
    name: 'api', namespaceId: namespace!.id, dnsConfig: { dnsRecords: [{ type: 'A', ttl: 10 }] },
    healthCheckConfig: { type: 'HTTP', resourcePath: '/health', failureThreshold: 3 },
  });
  for (let i = 0; i < instances; i++) await registerInstance(ops, { serviceId: svc.id, instanceId: `i-${i}`, attributes: attributes(i) });
  const role = startHealthRole({
    follower, ops, intervalMs, concurrency, logger: silentLogger,
    observer: { checked: (r: CheckReport) => record(r.lagMs, r.latencyMs, r.outcome === 'success') },
    ...(mode === 'redis' && { redis: { url: process.env.BENCH_REDIS_URL!, prefix: `bench-${process.pid}:` } }),
  });
  return async () => {
    await role.close();
    await follower.stop();
    await store.close();
  };
}

/** The reference: a fixed-rate timer per instance and a semaphore around the same probe. */
async function runReference(): Promise<() => Promise<void>> {
  const probe = createProbe();
  const service = { id: 'srv-ref', healthCheckConfig: { type: 'HTTP', resourcePath: '/health' } } as Service;
  const timers: ReturnType<typeof setTimeout>[] = [];
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => (running < concurrency ? (running++, Promise.resolve()) : new Promise((r) => waiting.push(r)));
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  for (let i = 0; i < instances; i++) {
    const target = checkTarget(service, { id: `i-${i}`, attributes: attributes(i) } as unknown as Instance)!;
    let due = performance.now() + Math.random() * intervalMs;
    const tick = async (): Promise<void> => {
      const scheduled = due;
      await acquire();
      const started = performance.now();
      const result = await probe(target);
      release();
      record(started - scheduled, result.latencyMs, result.ok);
      due = Math.max(scheduled + intervalMs, performance.now());
      timers[i] = setTimeout(tick, due - performance.now());
    };
    timers[i] = setTimeout(tick, due - performance.now());
  }
  return async () => timers.forEach(clearTimeout);
}

const startedAt = performance.now();
const stop = mode === 'reference' ? await runReference() : await runRole();
const setupMs = performance.now() - startedAt;
global.gc?.();
const loaded = process.memoryUsage();
await new Promise((r) => setTimeout(r, intervalMs + 1000));
measuring = true;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
measuring = false;
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
global.gc?.();
const end = process.memoryUsage();
await stop();

const sorted = (a: number[]): number[] => [...a].sort((x, y) => x - y);
const pct = (a: number[], p: number): number => Math.round(a[Math.min(a.length - 1, Math.floor((p / 100) * a.length))]! * 1000) / 1000;
const lag = sorted(lags);
const lat = sorted(latencies);
const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;
console.log(JSON.stringify({
  mode, instances, intervalMs, concurrency, setupMs: Math.round(setupMs), checks: lags.length, checksPerSecond: Math.round(lags.length / (wallMs / 1000)),
  failures, lagMs: { p50: pct(lag, 50), p90: pct(lag, 90), p99: pct(lag, 99), max: pct(lag, 100) },
  latencyMs: { p50: pct(lat, 50), p99: pct(lat, 99) }, cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10,
  rssMB: { loaded: mb(loaded.rss), end: mb(end.rss) }, heapMB: { loaded: mb(loaded.heapUsed), end: mb(end.heapUsed) },
}));
process.exit(0);
