/**
 * cloudmap-dns replicas for the soak: `serve` from dist/ pinned to the
 * server CPU (`taskset -c 1`), with the Node flags and malloc arenas of `npm start`, logging into a file, on fixed ports chosen at
 * start so a replica killed with SIGKILL comes back where its clients are.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dgram from 'node:dgram';
import net from 'node:net';
import { SERVER_CPU } from '../dns/procs.ts';
import { SHIPPED_MALLOC_ARENA_MAX, SHIPPED_NODE_OPTIONS } from './common.ts';

const BIN = fileURLToPath(new URL('../../bin/cloudmap-dns.js', import.meta.url));

/** One replica process (restartable). */
export interface Replica {
  name: string;
  httpPort: number;
  dnsPort: number;
  grpcPort: number;
  /** pid of the running process (changes on restart). */
  readonly pid: number;
  /** Its log file (JSON lines, pino). */
  logFile: string;
  /** SIGKILL (no shutdown). */
  kill9(): Promise<void>;
  /** Start again on the same ports; resolves once /healthz answers 200. */
  start(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/**
 * Start a replica with `args` (the Redis flags) plus its own ports.
 * @throws when it exits or is not healthy within 60 s
 */
export async function startReplica(name: string, dir: string, args: string[]): Promise<Replica> {
  const [httpPort, dnsPort, grpcPort] = [await stablePort(), await stablePort(), await stablePort()];
  const logFile = join(dir, `${name}.log`);
  let child: ChildProcess | undefined;
  const alive = (): boolean => !!child && child.exitCode === null && child.signalCode === null;
  const start = async (): Promise<void> => {
    const cmd = [`exec "${process.execPath}" ${SHIPPED_NODE_OPTIONS} "${BIN}" serve --http-port ${httpPort} --dns-port ${dnsPort} --grpc-port ${grpcPort}`,
      '--max-connections 10000', ...args.map((a) => `'${a}'`), `>> "${logFile}" 2>&1`].join(' ');
    child = spawn('taskset', ['-c', SERVER_CPU, 'sh', '-c', cmd], { stdio: 'ignore', env: { ...process.env, CLOUDMAP_DNS_ENTRY: 'dist', REDIS_URL: '', MALLOC_ARENA_MAX: SHIPPED_MALLOC_ARENA_MAX } });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!alive()) throw new Error(`${name} exited:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
      if (await fetch(`http://127.0.0.1:${httpPort}/healthz`).then((r) => r.ok, () => false)) return;
      if (Date.now() > deadline) throw new Error(`${name} not healthy within 60 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const signal = async (sig: NodeJS.Signals, graceMs?: number): Promise<void> => {
    if (!alive()) return;
    const exited = once(child!, 'exit');
    child!.kill(sig);
    const timer = graceMs ? setTimeout(() => child!.kill('SIGKILL'), graceMs) : undefined;
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    name, httpPort, dnsPort, grpcPort, logFile,
    get pid() {
      return child?.pid ?? 0;
    },
    kill9: () => signal('SIGKILL'),
    start,
    stop: () => signal('SIGTERM', 5000),
  };
}

/**
 * A port free for TCP and UDP on 127.0.0.1 below Linux's ephemeral range
 * (32768–60999): while a replica is down, a client reconnecting to a port in
 * that range can be given it as its own source port (a TCP self-connect),
 * which then holds the port and the restart fails with EADDRINUSE.
 */
async function stablePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const tcp = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (!tcp) continue;
    const udp = await new Promise<boolean>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (udp) return port;
  }
}

/** Warn and error lines of a replica's log, counted by level and message. */
export function logCounts(logFile: string): Map<string, number> {
  const counts = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return counts;
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number | string; msg?: string };
      const level = typeof entry.level === 'number' ? (entry.level >= 50 ? 'error' : entry.level >= 40 ? 'warn' : '') : String(entry.level);
      if (level !== 'warn' && level !== 'error' && level !== 'fatal') continue;
      const key = `${level}: ${(entry.msg ?? '').slice(0, 100)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // a line cut by SIGKILL
    }
  }
  return counts;
}
