/**
 * A full reload of a running server's view, as the scale benchmarks cause
 * it: the Redis epoch key is deleted and one write wakes the change feed,
 * which then reports a gap (docs/redis-keys.md), and the follower reloads.
 */
import type { Redis } from 'ioredis';
import { registerOne } from './register.ts';
import { metric, type ScaleServer } from './server.ts';

/** What `fullReload` saw. */
export interface Reloaded {
  /** From the epoch deletion until `/metrics` counted the load, milliseconds (wall). */
  reloadMs: number;
  /** Largest event-loop delay the server reported meanwhile (prom-client `nodejs_eventloop_lag_max_seconds`, read every 20 ms), milliseconds. */
  loopMaxMs: number;
}

/** Options of `fullReload`. */
export interface ReloadOptions {
  /** Wait before the reload starts, and after it ends, milliseconds (so a prober sees both sides). @default 300 */
  marginMs?: number;
  /** Only the write, no epoch deletion: no reload; resolves 1 s after the write. */
  writeOnly?: boolean;
}

/**
 * Reloads the view of `server` (Redis state, keys under `prefix`), waking
 * the feed with a registration of instance `wakeId` in `serviceId`.
 */
export async function fullReload(server: ScaleServer, redis: Redis, prefix: string, serviceId: string, wakeId: string, options: ReloadOptions = {}): Promise<Reloaded> {
  const margin = options.marginMs ?? 300;
  const loads = await metric(server, 'cloudmap_dns_view_loads_total');
  await metric(server, 'nodejs_eventloop_lag_max_seconds'); // resets the server's histogram
  let loopMax = 0;
  const lag = async (): Promise<void> => {
    loopMax = Math.max(loopMax, await metric(server, 'nodejs_eventloop_lag_max_seconds'));
  };
  await new Promise((res) => setTimeout(res, margin));
  const t = performance.now();
  if (!options.writeOnly) await redis.del(`${prefix}{cm}:epoch`);
  await registerOne(server.httpPort, serviceId, wakeId).catch(() => undefined);
  const until = performance.now() + 1000;
  while (options.writeOnly ? performance.now() < until : (await metric(server, 'cloudmap_dns_view_loads_total')) <= loads) {
    await lag();
    await new Promise((res) => setTimeout(res, 20));
  }
  const reloadMs = performance.now() - t;
  await new Promise((res) => setTimeout(res, margin));
  await lag();
  return { reloadMs, loopMaxMs: loopMax * 1000 };
}
