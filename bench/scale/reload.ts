/**
 * A full reload of a running server's view, as the scale benchmarks cause
 * it: the Redis epoch key is deleted and one write wakes the change feed,
 * which then reports a gap (docs/redis-keys.md), and the follower reloads.
 */
import type { Redis } from 'ioredis';
import { registerOne } from './register.ts';
import { metrics, type ScaleServer } from './server.ts';

const LOADS = 'cloudmap_dns_view_loads_total';
const LAG_MAX = 'nodejs_eventloop_lag_max_seconds';

/** What `fullReload` saw. */
export interface Reloaded {
  /** From the epoch deletion until `/metrics` counted the load, milliseconds (wall). */
  reloadMs: number;
  /** Largest event-loop delay the server reported meanwhile (prom-client `nodejs_eventloop_lag_max_seconds`, from scrapes every 20 ms, each covering the time since the previous one), milliseconds. */
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
  const [loads] = await metrics(server, [LOADS, LAG_MAX]); // this scrape resets the server's histogram
  let loopMax = 0;
  /** One scrape: the event-loop delay since the previous scrape, and whether the load was counted. */
  const scrape = async (): Promise<boolean> => {
    const [n, lag] = await metrics(server, [LOADS, LAG_MAX]);
    loopMax = Math.max(loopMax, lag!);
    return n! > loads!;
  };
  await new Promise((res) => setTimeout(res, margin));
  const t = performance.now();
  if (!options.writeOnly) await redis.del(`${prefix}{cm}:epoch`);
  await registerOne(server.httpPort, serviceId, wakeId).catch(() => undefined);
  const until = performance.now() + 1000;
  while (!(await scrape()) && (!options.writeOnly || performance.now() < until)) await new Promise((res) => setTimeout(res, 20));
  const reloadMs = performance.now() - t;
  await new Promise((res) => setTimeout(res, margin));
  await scrape();
  return { reloadMs, loopMaxMs: loopMax * 1000 };
}
