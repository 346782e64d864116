/**
 * `cloudmap-dns serve` for the scale benchmark: the compiled bin pinned to
 * the server CPU with the V8 inspector on a free port (for GC'd memory
 * figures), every listener on a free port, gRPC off, health checks off.
 * Node's and glibc's default settings, unless `BENCH_SHIPPED=1`: then with
 * the settings `npm start` and the Dockerfile ship (`--max-semi-space-size=4`,
 * `MALLOC_ARENA_MAX=2`; `bench/soak/common.ts`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, SERVER_CPU } from '../dns/procs.ts';
import { SHIPPED_MALLOC_ARENA_MAX, SHIPPED_NODE_OPTIONS } from '../soak/common.ts';
import { Inspector, inspectorUrl, type Memory } from './inspector.ts';

const BIN = fileURLToPath(new URL('../../bin/cloudmap-dns.js', import.meta.url));

/** A started server. */
export interface ScaleServer {
  child: ChildProcess;
  httpPort: number;
  dnsPort: number;
  /** performance.now() when it was spawned. */
  spawnedAt: number;
  output(): string;
  /** Memory after a full GC (through the inspector). */
  memory(): Promise<Memory>;
  /** VmRSS from /proc, bytes (no GC). */
  rss(): number;
  stop(): Promise<void>;
}

/** Options of `startServer`. */
export interface ServerOptions {
  /** Redis URL for Redis state; memory state without. */
  redisUrl?: string;
  redisPrefix?: string;
  /** Extra node flags (e.g. `--cpu-prof`), before the bin. */
  nodeArgs?: string[];
  /** Extra `serve` flags. */
  serveArgs?: string[];
}

/** Spawns the server; resolves once the process runs and its inspector answers (not when it is ready: see `waitReady`). */
export async function startServer(options: ServerOptions = {}): Promise<ScaleServer> {
  const [httpPort, dnsPort] = [await freePort(), await freePort()];
  const shipped = process.env.BENCH_SHIPPED === '1';
  const spawnedAt = performance.now();
  const child = spawn('taskset', ['-c', SERVER_CPU, process.execPath, '--inspect=127.0.0.1:0',
    ...(shipped ? SHIPPED_NODE_OPTIONS.split(' ') : []), ...(options.nodeArgs ?? []), BIN, 'serve',
    '--http-port', String(httpPort), '--dns-port', String(dnsPort), '--grpc-port', '0', '--no-health-checks', '--log-level', 'warn',
    ...(options.redisPrefix ? ['--redis-prefix', options.redisPrefix] : []), ...(options.serveArgs ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REDIS_URL: options.redisUrl ?? '', CLOUDMAP_DNS_ENTRY: 'dist', NO_COLOR: '1', ...(shipped && { MALLOC_ARENA_MAX: SHIPPED_MALLOC_ARENA_MAX }) },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let inspector: Inspector | undefined;
  const server: ScaleServer = {
    child, httpPort, dnsPort, spawnedAt,
    output: () => out,
    async memory() {
      if (!inspector) {
        const deadline = Date.now() + 10_000;
        while (!inspectorUrl(out)) {
          if (Date.now() > deadline) throw new Error(`no inspector address from the server:\n${out}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        inspector = await Inspector.connect(inspectorUrl(out)!);
      }
      return inspector.memory();
    },
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) * 1024,
    async stop() {
      inspector?.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
  return server;
}

/** Resolves once `GET /readyz` answers 200; returns milliseconds since spawn. @throws after `timeoutMs` or when the process exits */
export async function waitReady(server: ScaleServer, timeoutMs = 120_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}:\n${server.output()}`);
    const ok = await fetch(`http://127.0.0.1:${server.httpPort}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return performance.now() - server.spawnedAt;
    if (performance.now() > deadline) throw new Error(`server not ready within ${timeoutMs} ms:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A counter or gauge value from `GET /metrics` (first sample of `name`), or NaN. */
export async function metric(server: ScaleServer, name: string): Promise<number> {
  return (await metrics(server, [name]))[0]!;
}

/**
 * Several metrics from one scrape of `/metrics` (NaN for a missing one).
 * One scrape matters for `nodejs_eventloop_lag_max_seconds`: prom-client
 * resets its event-loop histogram at every scrape, so a value read from a
 * second scrape covers only the time since the first.
 */
export async function metrics(server: ScaleServer, names: string[]): Promise<number[]> {
  const lines = (await (await fetch(`http://127.0.0.1:${server.httpPort}/metrics`)).text()).split('\n');
  return names.map((name) => {
    const line = lines.find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
  });
}
