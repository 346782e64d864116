/**
 * Starts `cloudmap-dns serve` as a real child process (the same bin a user
 * runs) on free ports and reads the chosen ports from its start-up log lines.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/cloudmap-dns.js', import.meta.url));
const DENO = fileURLToPath(new URL('../../node_modules/.bin/deno', import.meta.url));
const DENO_MAIN = fileURLToPath(new URL('../../src/runtime/deno/main.ts', import.meta.url));

/** Which runtime runs the server: Node through `bin/cloudmap-dns.js`, or Deno 2 (npm package `deno`) with the permissions `npm run start:deno` grants. */
export type ServerRuntime = 'node' | 'deno';

function command(runtime: ServerRuntime): [string, string[]] {
  return runtime === 'node'
    ? [process.execPath, [BIN]]
    : [DENO, ['run', '--allow-net', '--allow-env', '--allow-read', '--allow-sys', DENO_MAIN]];
}

/** A running server process. */
export interface ServerProcess {
  httpPort: number;
  dnsPort: number;
  /** Ports of the other listeners that logged one (`grpc`, `https`), when started with their flags. */
  ports: Record<string, number>;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /**
   * Resolves with the output once it contains `pattern` (log lines leave the
   * server in batches, up to 50 ms after they are logged: see src/logger.ts).
   * @throws after `timeoutMs` milliseconds (default 5000) without a match, with the output
   */
  waitForOutput(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** True once the process has exited (or was killed). */
  exited(): boolean;
  stop(): Promise<void>;
}

/**
 * Spawns the server with `--http-port 0 --dns-port 0` plus `args` (and
 * `--grpc-port 0`, i.e. no gRPC listener, unless `args` sets one), and
 * resolves once both listeners have logged their ports and `/readyz`
 * (Redis check excluded) says the view is loaded.
 * @param env extra environment (e.g. `REDIS_URL`); `REDIS_URL` is removed unless given here
 * @param runtime Node (default) or Deno 2
 * @throws when the process exits or does not log both ports within 20 s
 */
export async function startServerProcess(args: string[] = [], env: Record<string, string> = {}, runtime: ServerRuntime = 'node'): Promise<ServerProcess> {
  const childEnv: Record<string, string | undefined> = { ...process.env, REDIS_URL: undefined, LOG_LEVEL: 'info', NO_COLOR: '1', ...env };
  const [executable, prefixArgs] = command(runtime);
  const grpc = args.includes('--grpc-port') ? [] : ['--grpc-port', '0'];
  const child: ChildProcess = spawn(executable, [...prefixArgs, 'serve', '--http-port', '0', '--dns-port', '0', ...grpc, ...args], {
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ports: Record<string, number> = {};
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as { listener?: string; port?: number };
          if (entry.listener !== undefined && entry.port !== undefined) ports[entry.listener] = entry.port;
        } catch {
          // partial line
        }
      }
      if (ports.http !== undefined && ports.dns !== undefined) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${out}`));
    });
  });
  await ready;
  // Listeners open while the view loads (DNS answers SERVFAIL until then): wait for a complete view.
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${out}`);
    const res = await fetch(`http://127.0.0.1:${ports.http}/readyz?exclude=redis`).catch(() => undefined);
    await res?.body?.cancel();
    if (res?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not load its view within 20 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    httpPort: ports.http!,
    dnsPort: ports.dns!,
    ports,
    output: () => out,
    waitForOutput: async (pattern, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      const found = (): boolean => (typeof pattern === 'string' ? out.includes(pattern) : pattern.test(out));
      while (!found()) {
        if (Date.now() > deadline) throw new Error(`no ${String(pattern)} in the server's output within ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return out;
    },
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}
