/**
 * Processes the DNS benchmark starts: every server pinned to CPU `SERVER_CPU`
 * with taskset, each waited for and stopped (SIGTERM, then SIGKILL) by pid.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** CPU the servers run on and CPU the load generators run on (`taskset -c`). */
export const SERVER_CPU = process.env.BENCH_SERVER_CPU ?? '1';
export const LOAD_CPU = process.env.BENCH_LOAD_CPU ?? '0';

/**
 * Pins this process, every thread of it, to the load CPU (`taskset -a -p`):
 * a benchmark process is a load generator too, and unpinned it also runs on
 * the server's CPU (its garbage collections and timers then show up as the
 * server's latency).
 */
export function pinThisProcessToLoadCpu(): void {
  spawnSync('taskset', ['-a', '-pc', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
}

/** A started process. */
export interface Proc {
  name: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago (also used for UDP; servers that cannot bind fail loudly). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Fail with the Debian package name when a tool is missing. */
export function requireTool(tool: string, pkg: string): void {
  if (spawnSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`${tool} is not installed: install the Debian package ${pkg}`);
  }
}

/**
 * Spawn `command args` pinned to the server CPU; resolves once `ready(output)` is true.
 * @throws when the process exits first or is not ready within 60 s
 */
export async function startPinned(name: string, command: string, args: string[], ready: (output: string) => boolean | Promise<boolean>, env: NodeJS.ProcessEnv = process.env): Promise<Proc> {
  const child = spawn('taskset', ['-c', SERVER_CPU, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const proc: Proc = {
    name,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${out}`);
    if (await ready(out)) return proc;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${name} not ready within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True when a DNS server answers `name` on 127.0.0.1:`port` over UDP. */
export function answers(port: number, name: string): boolean {
  const r = spawnSync('dig', ['@127.0.0.1', '-p', String(port), '+tries=1', '+time=1', name, 'SOA'], { encoding: 'utf8' });
  return /status: NOERROR/.test(r.stdout);
}

/**
 * NSD 4 (package nsd) serving `zone` from `zoneFile` on `port`, one server process.
 * @param rrlRatelimit NSD `rrl-ratelimit` (queries per second per source; 0 = RRL off, the default here)
 */
export async function startNsd(dir: string, zone: string, zoneFile: string, port: number, rrlRatelimit = 0): Promise<Proc> {
  requireTool('nsd', 'nsd');
  const conf = join(dir, 'nsd.conf');
  writeFileSync(
    conf,
    [
      'server:',
      `  ip-address: 127.0.0.1@${port}`,
      `  port: ${port}`,
      '  server-count: 1',
      '  username: ""',
      '  chroot: ""',
      `  zonesdir: "${dir}"`,
      '  database: ""',
      `  zonelistfile: "${join(dir, 'zone.list')}"`,
      `  xfrdir: "${dir}"`,
      `  pidfile: "${join(dir, 'nsd.pid')}"`,
      `  logfile: "${join(dir, 'nsd.log')}"`,
      '  verbosity: 0',
      '  receive-buffer-size: 4194304',
      // Debian builds NSD with response-rate limiting on (200 qps per source), which drops most of dnsperf's queries.
      `  rrl-ratelimit: ${rrlRatelimit}`,
      '  send-buffer-size: 4194304',
      'remote-control:',
      '  control-enable: no',
      'zone:',
      `  name: ${zone}`,
      `  zonefile: "${zoneFile}"`,
      '',
    ].join('\n'),
  );
  return startPinned('nsd', 'nsd', ['-d', '-c', conf], () => answers(port, zone));
}

/** Knot DNS 3 (package knot) serving `zone` from `zoneFile` on `port`, one UDP and one TCP worker. */
export async function startKnot(dir: string, zone: string, zoneFile: string, port: number): Promise<Proc> {
  requireTool('knotd', 'knot');
  const conf = join(dir, 'knot.conf');
  writeFileSync(
    conf,
    [
      'server:',
      `    rundir: "${dir}"`,
      `    listen: 127.0.0.1@${port}`,
      '    udp-workers: 1',
      '    tcp-workers: 1',
      '    background-workers: 1',
      'control:',
      `    listen: "${join(dir, 'knot.sock')}"`,
      'database:',
      `    storage: "${dir}"`,
      'log:',
      '  - target: stderr',
      '    any: warning',
      'zone:',
      `  - domain: ${zone}`,
      `    file: "${zoneFile}"`,
      '    journal-content: none',
      '    zonefile-sync: -1',
      '',
    ].join('\n'),
  );
  return startPinned('knot', 'knotd', ['-c', conf], () => answers(port, zone));
}

/** One of `bench/responders/*`: ready when it prints `ready`. */
export function startResponder(name: string, command: string, args: string[]): Promise<Proc> {
  return startPinned(name, command, args, (out) => /ready \d+/.test(out));
}

/** A throwaway redis-server of a benchmark (see `startBenchRedis`). */
export interface BenchRedis {
  url: string;
  pid: number;
  /** SIGTERM (SIGKILL after 5 s), then removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a redis-server with no persistence on a free port, pinned to the
 * load CPU (`LOAD_CPU`) and working in a new temporary folder; resolves once
 * it answers PING (redis-cli).
 * @throws when it does not answer within 10 s
 */
export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
  const child = spawn('taskset', ['-c', LOAD_CPU, 'redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await once(child, 'exit');
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; spawnSync('redis-cli', ['-p', String(port), 'PING'], { stdio: 'ignore' }).status !== 0; i++) {
    if (i >= 100) {
      await stop();
      throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid!, stop };
}
