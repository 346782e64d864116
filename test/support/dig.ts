/**
 * Run the real DNS clients (dig, kdig, curl) and read their output.
 *
 * A missing client is an error naming the Debian package to install — the
 * end-to-end suites fail rather than skip.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian packages that provide each client. */
export const CLIENT_PACKAGES = { dig: 'bind9-dnsutils', kdig: 'knot-dnsutils', curl: 'curl' } as const;

export type Client = keyof typeof CLIENT_PACKAGES;

/** Absolute path of `tool` on PATH; throws naming the Debian package when absent. */
export function requireClient(tool: Client): string {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  throw new Error(`${tool} is not installed: install the Debian package ${CLIENT_PACKAGES[tool]} (apt-get install ${CLIENT_PACKAGES[tool]})`);
}

/** Run a client; resolves with stdout (and stderr) whatever the exit status, rejects on spawn errors or timeout. */
export function runClient(tool: Client, args: string[], timeoutMs = 15_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = requireClient(tool);
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException & { killed?: boolean }).killed) return reject(new Error(`${tool} ${args.join(' ')} timed out\n${stdout}${stderr}`));
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** What dig or kdig printed, parsed. */
export interface DigOutput {
  /** RCODE mnemonic (`NOERROR`, `NXDOMAIN`, `BADVERS`). */
  status: string;
  /** Header flags, sorted (`['aa', 'qr', 'rd']`). */
  flags: string[];
  /** Records per section as `name TTL CLASS TYPE data` with single spaces, in printed order. */
  question: string[];
  answer: string[];
  authority: string[];
  additional: string[];
  /** Transport dig reports on its SERVER line (`UDP`, `TCP`, `HTTP`), if any. */
  transport: string | undefined;
  /** EDNS line (`version: 0, flags:; udp: 1232`), if any. */
  edns: string | undefined;
  /** The full output, for failure messages. */
  raw: string;
}

/**
 * Parse dig (BIND 9.18) or kdig (Knot 3.x) default output. Only the last
 * answer printed is read (dig prints two when it retries over TCP).
 * Throws when no header line is found.
 */
export function parseDig(output: string): DigOutput {
  const start = output.lastIndexOf('->>HEADER<<-');
  if (start < 0) throw new Error(`no DNS header in client output:\n${output}`);
  const text = output.slice(start);
  const status = /status: (\w+)/.exec(text)?.[1] ?? '';
  const flags = (/;; [Ff]lags: ([a-z ]*);/.exec(text)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).sort();
  const out: DigOutput = { status, flags, question: [], answer: [], authority: [], additional: [], transport: undefined, edns: undefined, raw: output };
  let section: 'question' | 'answer' | 'authority' | 'additional' | undefined;
  for (const line of text.split('\n')) {
    const header = /^;; (QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:/.exec(line);
    if (header) {
      section = header[1]!.toLowerCase() as typeof section;
      continue;
    }
    const server = /^;; SERVER: .*\((UDP|TCP|HTTP|HTTP-GET|HTTPS|HTTPS-GET|TLS)\)\s*$/.exec(line) ?? /^;; From .*\((UDP|TCP|HTTP|HTTPS|TLS)\)/.exec(line);
    if (server) out.transport = server[1];
    const edns = /^;? ?EDNS: (.*)$/.exec(line.replace(/^;; /, '; '));
    if (edns) out.edns = edns[1]!.trim();
    if (!section) continue;
    if (line.trim() === '') {
      section = undefined;
      continue;
    }
    const record = line.replace(/^;;? ?/, section === 'question' ? '' : ';').trim();
    if (record.startsWith(';')) continue;
    out[section].push(record.split(/\s+/).join(' '));
  }
  return out;
}

/** Run dig with `args` and parse its output; throws when dig printed no answer. */
export async function dig(args: string[]): Promise<DigOutput> {
  const { stdout, stderr } = await runClient('dig', [...args, '+tries=1', '+time=5']);
  return parseDig(stdout + stderr);
}

/** Run kdig with `args` and parse its output. */
export async function kdig(args: string[]): Promise<DigOutput> {
  const { stdout, stderr } = await runClient('kdig', [...args, '+retry=0', '+time=5']);
  return parseDig(stdout + stderr);
}
