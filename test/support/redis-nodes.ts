/**
 * Throwaway redis-server processes in production shapes, for the Redis
 * topology suites: a node with TLS and ACL users, a Sentinel group (master,
 * replica, three Sentinels) and a Redis Cluster of three masters. Every
 * process runs from Debian's `redis-server` (package `redis-server`, 7.0,
 * built with TLS) on free 127.0.0.1 ports, without persistence, in a
 * temporary directory, and is killed when the test process exits.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { findRedisServer } from './redis-server.ts';

/** One running redis-server (or Sentinel). */
export interface RedisNode {
  /** Its plain TCP port, or its TLS port when it has no plain one. */
  port: number;
  dir: string;
  pid: number;
  /** SIGSTOP / SIGCONT. */
  pause(): void;
  resume(): void;
  /** SIGKILL (no shutdown: nothing is saved, connections just drop). */
  kill(): Promise<void>;
  /**
   * SIGKILL if running, then start again with the same arguments, port and
   * directory (what it kept depends on its persistence arguments); resolves once it is up.
   */
  restart(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s; removes its directory. */
  stop(): Promise<void>;
  /** What it printed (log lines), for failure messages. */
  output(): string;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Options of `startRedisNode`. */
export interface RedisNodeOptions {
  /** Extra redis-server arguments (`--name value …`). */
  args?: string[];
  /** Text of a config file passed first (Sentinel needs a writable one). */
  config?: string;
  /** Run as Sentinel (`--sentinel`). */
  sentinel?: boolean;
  /** The port to use (default: a free one). */
  port?: number;
  /** Only TLS on this port: `--port 0 --tls-port PORT` is up to the caller; readiness is then a TCP connect. */
  tlsOnly?: boolean;
}

/**
 * Starts one redis-server and resolves once it accepts connections (and,
 * unless TLS-only, replies to PING with anything: PONG, NOAUTH, …).
 * @throws when redis-server is missing, exits, or is not up within 10 s
 */
export async function startRedisNode(options: RedisNodeOptions = {}): Promise<RedisNode> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server is not installed: install the Debian package `redis-server`');
  const dir = mkdtempSync(join(tmpdir(), 'cloudmap-redis-node-'));
  const port = options.port ?? (await freePort());
  const args: string[] = [];
  if (options.config !== undefined) {
    writeFileSync(join(dir, 'node.conf'), options.config);
    args.push(join(dir, 'node.conf'));
  }
  if (options.sentinel) args.push('--sentinel');
  if (!options.tlsOnly) args.push('--port', String(port));
  args.push('--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--loglevel', 'notice');
  if (!options.sentinel) args.push('--save', '', '--appendonly', 'no');
  args.push(...(options.args ?? []));
  let out = '';
  let child!: ChildProcess;
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  /** Spawn redis-server with `args` and wait until it is up. */
  const launch = async (): Promise<void> => {
    child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const current = child;
    running.add(current);
    current.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    current.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    current.once('exit', () => running.delete(current));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (current.exitCode !== null) throw new Error(`redis-server ${args.join(' ')} exited (${current.exitCode}):\n${out}`);
      if (await isUp(port, !options.tlsOnly)) break;
      if (Date.now() > deadline) {
        current.kill('SIGKILL');
        throw new Error(`redis-server on port ${port} was not up within 10 s:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await launch();
  const kill = async (): Promise<void> => {
    if (exited()) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await done;
  };
  return {
    port, dir,
    get pid() {
      return child.pid!;
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      if (!exited()) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await done;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => out,
  };
}

/** Runs `redis-cli args` and resolves with its stdout. @throws with stderr when it fails */
export function redisCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('redis-cli', args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`redis-cli ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Polls `check` every 100 ms until it returns true; throws `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Whether 127.0.0.1:`port` is up within 500 ms: with `ping`, a RESP reply
 * (`+…` or `-…`, not `-LOADING`) comes back to PING; without, something
 * accepts a TCP connection (a TLS-only port, which cannot read plain PING).
 */
function isUp(port: number, ping: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => (ping ? socket.write('PING\r\n') : finish(true)));
    socket.on('data', (data) => finish(/^[+-]/.test(data.toString()) && !data.toString().startsWith('-LOADING')));
  });
}
