/**
 * Runs Debian's real aws CLI v2 (`/usr/bin/aws`, package awscli) against a
 * cloudmap-dns endpoint. `/usr/bin/aws` is used by path because another
 * `aws` (e.g. a v1 from pip) may come first on PATH.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export const AWS_CLI = '/usr/bin/aws';

/** Result of one CLI call. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when it is JSON. */
  json: any;
}

/** Options of `aws`. */
export interface CliOptions {
  /**
   * Send requests through the server as an HTTP proxy. This is the
   * documented recipe for DiscoverInstances, which the CLI sends to host
   * `data-<endpoint host>` (model hostPrefix `data-`).
   */
  viaProxy?: boolean;
  /** Extra environment, e.g. other `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_REGION`. */
  env?: Record<string, string>;
}

/**
 * `aws servicediscovery <args> --endpoint-url http://localhost:<port>` with
 * dummy credentials, region us-east-1 and JSON output.
 * @throws when /usr/bin/aws is missing (the suite must fail, not skip)
 */
export function aws(httpPort: number, args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (!existsSync(AWS_CLI)) throw new Error('/usr/bin/aws is missing: install the Debian package awscli (npm test does it as root)');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
    ...(options.viaProxy ? { HTTP_PROXY: `http://127.0.0.1:${httpPort}`, NO_PROXY: '' } : { NO_PROXY: '*' }),
    ...options.env,
  };
  const argv = ['servicediscovery', ...args, '--endpoint-url', `http://localhost:${httpPort}`, '--output', 'json'];
  return new Promise((resolve) => {
    execFile(AWS_CLI, argv, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      let json: unknown;
      try {
        json = stdout.trim() ? JSON.parse(stdout) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}
