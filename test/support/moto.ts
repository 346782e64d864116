/**
 * moto's server as the Route 53 peer for tests: `python3 -m moto.server`
 * (moto 5.x with the `server` extra; `npm test` installs it with pip when
 * missing, see scripts/test-prereqs.mjs) on a free 127.0.0.1 port.
 *
 * moto answers the Route 53 REST API as AWS does for what we use: it
 * rejects a CREATE of an existing record set and a DELETE that does not
 * match exactly, pages ListResourceRecordSets, and keeps hosted zone tags.
 * It is started in its own process group and stopped with all its children.
 * A suite that needs it fails loudly when it cannot start; it never skips.
 */
import { Route53Client } from '@aws-sdk/client-route-53';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A running moto server. */
export interface MotoHandle {
  /** `http://127.0.0.1:PORT`: the value for `--route53-endpoint`. */
  url: string;
  /** A Route 53 client pointed at it (dummy credentials, us-east-1, no retries). */
  route53(): Route53Client;
  /** Drop every resource moto holds (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Stop moto and its children. */
  stop(): Promise<void>;
}

const MISSING = "moto's server is not installed for python3: run `pip install 'moto[server]'` (npm test does it)";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Signals the whole process group of `child`, ignoring one that is gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts moto and resolves once `GET /moto-api/` answers 200.
 * @throws Error (naming the pip package) when python3 or moto is missing, or it does not answer within 30 s
 */
export async function startMoto(): Promise<MotoHandle> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString();
  });
  const killOnExit = (): void => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}): ${/No module named/.test(stderr) ? MISSING : stderr}`);
    const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
    if (failed) throw new Error(`cannot run python3 for moto (${failed.message}); ${MISSING}`);
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      signalGroup(child, 'SIGKILL');
      throw new Error(`moto did not answer on ${url} within 30 s: ${stderr}`);
    }
  }
  return {
    url,
    route53: () => new Route53Client({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 }),
    reset: async () => {
      const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
