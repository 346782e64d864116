/**
 * Redis for tests: a throwaway `redis-server` per test file, or the server
 * named by `REDIS_URL`.
 *
 * `startRedis()` starts `redis-server` (Debian package `redis-server`) on a
 * free 127.0.0.1 port with no persistence (`--save '' --appendonly no`) in a
 * temporary directory and waits until it answers PING. When `REDIS_URL` is
 * set it uses that server instead; tests then keep apart by a unique key
 * prefix each (`uniquePrefix()`), and `deleteKeys()` removes a test's keys.
 * A suite that needs Redis fails loudly when neither is available; it never
 * skips.
 *
 * A throwaway server can also be frozen (`pause`, SIGSTOP: connections stay
 * open but nothing answers) and thawed (`resume`, SIGCONT), or killed and
 * started again on the same port (`kill`, `start`; its data is lost), to test what
 * clients do while Redis is unreachable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.ts';

/** A running Redis for a test file. */
export interface RedisHandle {
  url: string;
  /** True for a server this helper started (pause/resume/kill/start work only then). */
  throwaway: boolean;
  /** SIGSTOP the server. */
  pause(): void;
  /** SIGCONT the server. */
  resume(): void;
  /** Kill the server (its data is lost); connections drop and new ones are refused. */
  kill(): Promise<void>;
  /** Start a fresh, empty server on the same port after `kill`; resolves when it answers PING. */
  start(): Promise<void>;
  /** Stop the server (throwaway) or do nothing (REDIS_URL). */
  stop(): Promise<void>;
}

/** Options of `startRedis`. */
export interface StartRedisOptions {
  /** Start a throwaway server even when REDIS_URL is set (for tests that stop the server). */
  throwaway?: boolean;
}

const MISSING =
  'redis-server is not installed and REDIS_URL is not set: install the Debian package `redis-server` ' +
  '(apt-get install -y redis-server) or point REDIS_URL at a Redis to use for tests';

/** Path of the redis-server binary (/usr/bin/redis-server or on PATH), or undefined. */
export function findRedisServer(): string | undefined {
  const candidates = ['/usr/bin/redis-server', ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'redis-server'))];
  return candidates.find((path) => path && existsSync(path));
}

/**
 * Starts (or connects to) a Redis for tests; see the module comment.
 * @throws Error naming the `redis-server` package when no Redis is available
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisHandle> {
  const external = process.env.REDIS_URL;
  if (external && !options.throwaway) {
    const notThrowaway = (): never => {
      throw new Error('REDIS_URL server: only a throwaway redis-server can be paused, killed or started');
    };
    return {
      url: external, throwaway: false, pause: notThrowaway, resume: notThrowaway, kill: notThrowaway, start: notThrowaway,
      stop: async () => {},
    };
  }
  const binary = findRedisServer();
  if (!binary) throw new Error(MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'cloudmap-redis-'));
  const port = await freePort();
  let child = await launch(binary, port, dir);
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    throwaway: true,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    kill: () => terminate(child),
    start: async () => {
      await terminate(child);
      child = await launch(binary, port, dir);
    },
    stop: async () => {
      process.off('exit', killOnExit);
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A key prefix no other test uses, e.g. `cmtest-k3j9x0a1:`. */
export function uniquePrefix(): string {
  return `cmtest-${Math.random().toString(36).slice(2, 10)}:`;
}

/** Deletes every key starting with `prefix` (SCAN + UNLINK). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Spawns redis-server and resolves once it answers PING (rejects after 10 s or if it exits). */
async function launch(binary: string, port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
    '--daemonize', 'no', '--protected-mode', 'no', '--loglevel', 'warning'];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}) on port ${port}: ${stderr}`);
    if (await answersPing(port)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer PING within 10 s: ${stderr}`);
}

/** True when a Redis on `port` replies `+PONG` to `PING` within 500 ms. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

/** SIGCONT (in case it is paused) and SIGTERM the server; SIGKILL after 5 s. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
