/**
 * End to end: response-rate limiting (`--rrl-*`, src/dns/rrl.ts) in the real
 * `cloudmap-dns serve` process, driven by real dnsperf and dig from several
 * loopback source addresses (all of 127.0.0.0/8 is local on Linux):
 *
 * - 127.0.0.2 floods one name over UDP far above the rate: most answers are
 *   dropped, some slip out truncated (TC=1, no answers; dig shows `tc`);
 *   127.0.0.3, in the same /24, shares its account and is limited too;
 * - 127.0.1.2, another /24 below the rate, gets every answer meanwhile;
 * - TCP from the flooding address is never limited;
 * - the drops and slips are counted in /metrics;
 * - without `--rrl-*` flags the same flood is answered in full (off by default).
 *
 * Missing dnsperf or dig fails the suite.
 */
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dig, runClient } from './support/dig.ts';
import { decode, query } from './support/dns-fixtures.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { api } from './support/api.ts';

const NAME = 'backend.rrl.local';
const RATE = 20;
const SLIP = 3;

let dir: string;
let queries: string;
let limited: ServerProcess;
let unlimited: ServerProcess;

/** `backend.rrl.local` with three A records, registered through the API. */
async function register(port: number): Promise<void> {
  const op = await api(port, 'CreatePrivateDnsNamespace', { Name: 'rrl.local', Vpc: 'vpc-1' });
  const namespaceId = (await api(port, 'GetOperation', { OperationId: op.OperationId })).Operation.Targets.NAMESPACE;
  const svc = await api(port, 'CreateService', { Name: 'backend', NamespaceId: namespaceId, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 30 }] } });
  for (let i = 1; i <= 3; i++) await api(port, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: `i-${i}`, Attributes: { AWS_INSTANCE_IPV4: `10.0.0.${i}` } });
}

interface Perf {
  sent: number;
  completed: number;
  lost: number;
  out: string;
}

/** dnsperf from `source` to the server's DNS port. */
function dnsperf(server: ServerProcess, source: string, args: string[]): Promise<Perf> {
  return new Promise((resolve, reject) => {
    execFile('dnsperf', ['-s', '127.0.0.1', '-p', String(server.dnsPort), '-a', source, '-d', queries, '-c', '1', '-T', '1', '-t', '1', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error('dnsperf is not installed: install the Debian package dnsperf'));
      if (err) return reject(new Error(`dnsperf failed: ${err.message}\n${stdout}${stderr}`));
      const num = (re: RegExp): number => Number(re.exec(stdout)?.[1] ?? NaN);
      resolve({ sent: num(/Queries sent:\s+(\d+)/), completed: num(/Queries completed:\s+(\d+)/), lost: num(/Queries lost:\s+(\d+)/), out: stdout });
    });
  });
}

/** Sends `count` queries for NAME from `source` over UDP, 2 ms apart; counts full answers, truncated ones (TC=1, no answers) and silence. */
async function probe(server: ServerProcess, source: string, count: number): Promise<{ answered: number; slipped: number; dropped: number }> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, source, resolve));
  const seen = new Map<number, 'answered' | 'slipped'>();
  socket.on('message', (msg) => {
    const r = decode(msg);
    seen.set(r.id!, r.flag_tc && (r.answers?.length ?? 0) === 0 ? 'slipped' : 'answered');
  });
  for (let id = 1; id <= count; id++) {
    socket.send(query(NAME, 'A', { id }), server.dnsPort, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 2));
  }
  await new Promise((r) => setTimeout(r, 500));
  socket.close();
  const values = [...seen.values()];
  const answered = values.filter((v) => v === 'answered').length;
  const slipped = values.length - answered;
  return { answered, slipped, dropped: count - values.length };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-rrl-'));
  queries = join(dir, 'queries.txt');
  writeFileSync(queries, `${NAME} A\n`);
  [limited, unlimited] = await Promise.all([
    startServerProcess(['--rrl-responses-per-second', String(RATE), '--rrl-slip', String(SLIP), '--rrl-window', '2']),
    startServerProcess(),
  ]);
  await Promise.all([register(limited.httpPort), register(unlimited.httpPort)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([limited?.stop(), unlimited?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('RRL on (--rrl-responses-per-second 20 --rrl-slip 3 --rrl-window 2)', () => {
  it('limits a flooding source, its /24 neighbour too, answers another network in full, and TCP from the flooder', async () => {
    const flood = dnsperf(limited, '127.0.0.2', ['-l', '4', '-Q', '2000', '-q', '500']);
    await new Promise((r) => setTimeout(r, 500));
    const [polite, neighbour, tcp] = await Promise.all([
      // A longer timeout: on a loaded machine a late answer must not count as limited.
      dnsperf(limited, '127.0.1.2', ['-l', '2', '-Q', String(RATE / 2), '-q', '5', '-t', '5']),
      probe(limited, '127.0.0.3', 150),
      dig(['@127.0.0.1', '-p', String(limited.dnsPort), '-b', '127.0.0.2', '+tcp', '+tries=1', '+time=2', NAME, 'A']),
    ]);
    // dig from the flooding address over UDP, ignoring TC: some replies are truncated slips, the rest are silence.
    let digs: string[] = [];
    for (let batch = 0; batch < 3 && !digs.some((o) => /flags:[^;]* tc[ ;]/.test(o)); batch++) {
      digs = digs.concat(await Promise.all(Array.from({ length: 10 }, async () =>
        (await runClient('dig', ['@127.0.0.1', '-p', String(limited.dnsPort), '-b', '127.0.0.2', '+notcp', '+ignore', '+tries=1', '+time=1', NAME, 'A'])).stdout)));
    }
    const flooded = await flood;
    console.log(`RRL e2e: flood from 127.0.0.2 sent ${flooded.sent}, completed ${flooded.completed} (slipped or within the rate), lost ${flooded.lost}; `
      + `127.0.1.2 sent ${polite.sent}, completed ${polite.completed}; neighbour 127.0.0.3 ${JSON.stringify(neighbour)}; `
      + `dig -b 127.0.0.2: ${digs.filter((o) => /flags:[^;]* tc[ ;]/.test(o)).length} of ${digs.length} truncated`);

    expect(flooded.sent).toBeGreaterThan(1000);
    expect(flooded.lost / flooded.sent).toBeGreaterThan(0.5);
    expect(flooded.completed).toBeGreaterThan(RATE);

    expect(polite.sent).toBeGreaterThan(0);
    expect(polite.completed).toBe(polite.sent);
    expect(polite.out).toMatch(/NOERROR \d+ \(100\.00%\)/);

    expect(neighbour.dropped).toBeGreaterThan(neighbour.slipped);
    expect(neighbour.slipped).toBeGreaterThan(0);
    expect(neighbour.answered).toBeLessThan(30);

    expect(tcp.transport).toBe('TCP');
    expect(tcp.flags).not.toContain('tc');
    expect(tcp.answer).toHaveLength(3);

    const slipped = digs.filter((o) => /flags:[^;]* tc[ ;]/.test(o));
    expect(slipped.length).toBeGreaterThan(0);
    expect(slipped[0]).toMatch(/ANSWER: 0,/);
    expect(digs.some((o) => /timed out|no servers could be reached/.test(o))).toBe(true);
  }, 60_000);

  it('answers every query over TCP from the flooding source at full speed', async () => {
    const tcp = await dnsperf(limited, '127.0.0.2', ['-m', 'tcp', '-l', '1', '-Q', '1000', '-q', '20']);
    expect(tcp.sent).toBeGreaterThan(100);
    expect(tcp.completed).toBe(tcp.sent);
  }, 30_000);

  it('counts drops and slips in cloudmap_dns_dns_rrl_responses_total', async () => {
    const text = await (await fetch(`http://127.0.0.1:${limited.httpPort}/metrics`)).text();
    const value = (action: string): number => Number(new RegExp(`cloudmap_dns_dns_rrl_responses_total\\{action="${action}",class="response"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(value('dropped')).toBeGreaterThan(500);
    expect(value('slipped')).toBeGreaterThan(100);
  });
});

describe('RRL off (the default)', () => {
  it('answers the same flood in full', async () => {
    const flooded = await dnsperf(unlimited, '127.0.0.2', ['-l', '1', '-Q', '1000', '-q', '50']);
    expect(flooded.sent).toBeGreaterThan(200);
    expect(flooded.completed).toBe(flooded.sent);
  }, 30_000);
});
