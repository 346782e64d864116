/**
 * Runs the real `dig` (Debian bind9-dnsutils) and parses its presentation
 * output into rcode, flags and sections.
 */
import { execFile } from 'node:child_process';

/** One resource record line of dig output. */
export interface DigRecord {
  name: string;
  ttl: number;
  type: string;
  data: string;
}

/** Parsed dig answer. */
export interface DigAnswer {
  status: string;
  flags: string[];
  answer: DigRecord[];
  authority: DigRecord[];
  additional: DigRecord[];
  raw: string;
}

/** Parses dig's default output. */
export function parseDig(raw: string): DigAnswer {
  const status = /status: ([A-Z]+)/.exec(raw)?.[1] ?? 'NONE';
  const flags = (/;; flags: ([a-z ]+);/.exec(raw)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const section = (title: string): DigRecord[] => {
    const start = raw.indexOf(`;; ${title} SECTION:`);
    if (start < 0) return [];
    const lines = raw.slice(start).split('\n').slice(1);
    const records: DigRecord[] = [];
    for (const line of lines) {
      if (line.trim() === '' || line.startsWith(';')) break;
      const [name, ttl, , type, ...data] = line.split(/\s+/);
      records.push({ name: name!, ttl: Number(ttl), type: type!, data: data.join(' ') });
    }
    return records;
  };
  return { status, flags, answer: section('ANSWER'), authority: section('AUTHORITY'), additional: section('ADDITIONAL'), raw };
}

/**
 * `dig @127.0.0.1 -p <port> <args>`; fails with a clear message when dig is
 * missing (install bind9-dnsutils) instead of skipping.
 */
export function dig(port: number, args: string[]): Promise<DigAnswer> {
  return new Promise((resolve, reject) => {
    execFile('dig', ['@127.0.0.1', '-p', String(port), '+time=2', '+tries=1', ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error('dig is missing: install the Debian package bind9-dnsutils (npm test does it as root)'));
        return;
      }
      if (error && !stdout) {
        reject(new Error(`dig ${args.join(' ')} failed: ${stderr || error.message}`));
        return;
      }
      resolve(parseDig(stdout));
    });
  });
}

/** Polls `probe` every 20 ms until it returns true or `timeoutMs` passes; returns the elapsed milliseconds. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
