/**
 * The load generators, pinned to `LOAD_CPU`: dnsperf (UDP, TCP, DoH) and
 * h2load (DoH and gRPC throughput), with parsers for what they print and
 * latency percentiles from their per-query output.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LOAD_CPU } from './procs.ts';

/** Run a pinned command; resolves with stdout+stderr. Rejects when it cannot start or exits non-zero. */
export function runPinned(command: string, args: string[], onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', LOAD_CPU, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let partial = '';
    child.stdout.on('data', (d: Buffer) => {
      if (!onLine) return void (out += d);
      const text = partial + d.toString();
      const lines = text.split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('> ')) onLine(line);
        else out += `${line}\n`;
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/** p-th percentile (0..100) of numbers, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** What one dnsperf run reported. */
export interface DnsperfResult {
  qps: number;
  sent: number;
  completed: number;
  lost: number;
  /** Average latency, milliseconds. */
  avgMs: number;
  /** From `-v` output when asked: p50 and p99 latency, milliseconds. */
  p50Ms?: number;
  p99Ms?: number;
  rcodes: string;
}

/**
 * dnsperf against 127.0.0.1:`port`.
 * @param mode udp, tcp or doh
 * @param extra more dnsperf flags (`-Q rate`, `-c`, `-q`)
 * @param latencies collect per-query latencies (`-v`) for percentiles
 */
export async function dnsperf(port: number, queries: string, seconds: number, mode: 'udp' | 'tcp' | 'doh', extra: string[], latencies = false): Promise<DnsperfResult> {
  const samples: number[] = [];
  const args = ['-s', '127.0.0.1', '-p', String(port), '-d', queries, '-l', String(seconds), '-m', mode, '-T', '1', ...extra, ...(latencies ? ['-v'] : [])];
  const out = await runPinned('dnsperf', args, latencies ? (line) => {
    const ms = Number(line.slice(line.lastIndexOf(' ') + 1)) * 1000;
    if (Number.isFinite(ms)) samples.push(ms);
  } : undefined);
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
  samples.sort((a, b) => a - b);
  return {
    qps: num(/Queries per second:\s+([\d.]+)/),
    sent: num(/Queries sent:\s+(\d+)/),
    completed: num(/Queries completed:\s+(\d+)/),
    lost: num(/Queries lost:\s+(\d+)/),
    avgMs: num(/Average Latency \(s\):\s+([\d.]+)/) * 1000,
    rcodes: /Response codes:\s+(.*)/.exec(out)?.[1]?.trim() ?? '',
    ...(latencies && { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) }),
  };
}

/** What one h2load run reported. */
export interface H2loadResult {
  rps: number;
  succeeded: number;
  failed: number;
  status2xx: number;
  /** From `--log-file` when asked: p50 and p99 latency, milliseconds. */
  p50Ms?: number;
  p99Ms?: number;
}

/**
 * h2load POSTing `dataFile` to `url` with `headers`, `-c clients -m streams`.
 * @param rps per-client request rate (`--rps`), for latency at a fixed load
 * @param logFile collect per-request latencies for percentiles
 */
export async function h2load(url: string, dataFile: string, headers: string[], seconds: number, options: { clients?: number; streams?: number; rps?: number; logFile?: string } = {}): Promise<H2loadResult> {
  const { clients = 4, streams = 32 } = options;
  const args = ['-c', String(clients), '-m', String(streams), '-D', String(seconds), '--warm-up-time=1', '-d', dataFile, ...headers.flatMap((h) => ['-H', h])];
  if (options.rps) args.push(`--rps=${options.rps}`);
  if (options.logFile) args.push(`--log-file=${options.logFile}`);
  const out = await runPinned('h2load', [...args, url]);
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
  const result: H2loadResult = {
    rps: num(/finished in [\d.]+s, ([\d.]+) req\/s/),
    succeeded: num(/requests: .* (\d+) succeeded/),
    failed: num(/succeeded, (\d+) failed/),
    status2xx: num(/status codes: (\d+) 2xx/),
  };
  if (options.logFile) {
    const micros = readFileSync(options.logFile, 'utf8').trim().split('\n').map((l) => Number(l.split('\t')[2]) / 1000).filter(Number.isFinite).sort((a, b) => a - b);
    result.p50Ms = percentile(micros, 50);
    result.p99Ms = percentile(micros, 99);
  }
  return result;
}
