/**
 * Runs the `cloudmap-dns` command as a user would (the bin through node, or
 * `npm start`, or `npx`) and watches its output: for the start-up and
 * shutdown suites. Every process started here is killed by `kill()` or when
 * the test process exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (where `npm start` and `npx cloudmap-dns` run). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The bin a user runs (package.json `bin`). */
export const BIN = fileURLToPath(new URL('../../bin/cloudmap-dns.js', import.meta.url));

/** A started command. */
export interface CliProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** The JSON log lines printed so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the first JSON log line `match` accepts; rejects after `timeoutMs` or when the process exits first. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with exit code and signal; rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running. */
  kill(): void;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Spawns `command args` in `cwd` (default: the repository root) with `env`
 * added to this process's environment (`REDIS_URL` and `LOG_LEVEL` removed
 * unless given). The bin runs `src/` (`CLOUDMAP_DNS_ENTRY=src`) unless `env`
 * says otherwise, so output does not depend on a `dist/` left in the
 * checkout (a stale one adds a note on stderr); `CLOUDMAP_DNS_ENTRY: ''`
 * lets the bin choose.
 */
export function startCli(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): CliProcess {
  const childEnv = { ...process.env, REDIS_URL: undefined, LOG_LEVEL: undefined, CLOUDMAP_DNS_ENTRY: 'src', NO_COLOR: '1', ...env } as NodeJS.ProcessEnv;
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });
  const logs = (): Record<string, unknown>[] =>
    out.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return {
    child,
    output: () => out,
    logs,
    waitForLog: (match, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = logs().find(match);
          if (found) finish(() => resolve(found));
          else if (child.exitCode !== null || child.signalCode !== null) finish(() => reject(new Error(`exited before the expected log line:\n${out}`)));
        };
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no matching log line within ${timeoutMs} ms:\n${out}`))), timeoutMs);
        listeners.add(check);
        check();
      }),
    exited: (timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms:\n${out}`)), timeoutMs);
        void exit.then((result) => {
          clearTimeout(timer);
          resolve(result);
        });
      }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** `node bin/cloudmap-dns.js args…`. */
export function startBin(args: string[], env: Record<string, string> = {}): CliProcess {
  return startCli(process.execPath, [BIN, ...args], env);
}

/** True while a process with this pid exists (signal 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
