/**
 * DNS on every transport under load, next to reference servers from the same
 * run: `npm run bench:dns` (also part of `npm run bench`).
 *
 * Method (issue 6): 1000 services × 3 instances (A + SRV) loaded into
 * `cloudmap-dns serve` through the Cloud Map API; NSD and Knot serve the
 * same records from a zone file made by our RRset layer. Every server is
 * pinned to CPU 1 (`taskset -c 1`), every load generator to CPU 0. Runs last
 * `BENCH_SECONDS` (default 5); peak rows are the median of `BENCH_ROUNDS`
 * (default 3) interleaved rounds:
 * - UDP and TCP: dnsperf (`-T 1 -c 8 -q 256`; 50% A, 25% SRV, 25% NXDOMAIN)
 *   against cloudmap-dns, NSD, Knot and a trivial Node responder (no DNS logic);
 *   then cloudmap-dns at half its peak rate (`-Q`) for p50/p99 and lost queries;
 * - DoH over TLS: dnsperf `-m doh` for correctness (one query in flight),
 *   h2load (`-c 4 -m 32`, POST) for throughput next to a bare node:http2 TLS
 *   responder, and at half peak for p99;
 * - gRPC (coredns.dns.DnsService/Query): h2load sending gRPC frames against
 *   our node:http2 listener, the same method on @grpc/grpc-js, and a bare
 *   node:http2 unary responder; our listener at half peak for p99.
 * cloudmap-dns runs from the compiled dist/ (built first with `npm run build`). Prints a table; asserts nothing. Needs dnsperf, h2load
 * (nghttp2-client), nsd, knot, dig, openssl, taskset. The npm script holds
 * `flock /tmp/bench.lock` so benchmarks on a shared machine do not overlap.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeDnsPacket, frameGrpcMessage } from '../src/transport/grpc.ts';
import { query } from '../test/support/dns-fixtures.ts';
import { makeTestCertificate } from '../test/support/tls-cert.ts';
import { INSTANCES, SERVICES, ZONE, model, queryFile, serviceName, zoneFile } from './dns/data.ts';
import { load } from './dns/load.ts';
import { answers, freePort, type Proc, requireTool, startKnot, startNsd, startPinned, startResponder } from './dns/procs.ts';
import { dnsperf, type DnsperfResult, h2load, type H2loadResult } from './dns/tools.ts';

/** Seconds per run (`BENCH_SECONDS`) and interleaved rounds of the peak runs (`BENCH_ROUNDS`). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIN = fileURLToPath(new URL('../bin/cloudmap-dns.js', import.meta.url));
const RESPONDERS = fileURLToPath(new URL('./responders/', import.meta.url));
/** dnsperf at peak: 8 sockets, 256 queries in flight, 2 s timeout (a lost query frees its slot). */
const DNSPERF_PEAK = ['-c', '8', '-q', '256', '-t', '2'];

for (const [tool, pkg] of [['dnsperf', 'dnsperf'], ['h2load', 'nghttp2-client'], ['dig', 'bind9-dnsutils'], ['taskset', 'util-linux'], ['openssl', 'openssl']]) requireTool(tool!, pkg!);

const dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-bench-'));
const cert = makeTestCertificate();
const procs: Proc[] = [];
const rows: string[][] = [];
const notes: string[] = [];

const fmt = (n: number | undefined, digits = 0): string => (n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const row = (...cells: string[]): void => {
  rows.push(cells);
  console.log(cells.join(' | '));
};
const perfRow = (transport: string, server: string, r: DnsperfResult, load: string): void =>
  row(transport, server, load, fmt(r.qps), `${fmt(r.lost)} of ${fmt(r.sent)}`, fmt(r.avgMs, 3), fmt(r.p50Ms, 3), fmt(r.p99Ms, 3), r.rcodes);
const h2Row = (transport: string, server: string, r: H2loadResult, load: string): void =>
  row(transport, server, load, fmt(r.rps), `${fmt(r.failed)} failed, ${fmt(r.status2xx)} 2xx`, '–', fmt(r.p50Ms, 3), fmt(r.p99Ms, 3), '');

async function main(): Promise<void> {
  console.log('building dist/ (npm run build) so cloudmap-dns runs compiled, as in production');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  const zonePath = join(dir, `${ZONE}.zone`);
  const queries = join(dir, 'queries.txt');
  const dohQuery = join(dir, 'doh-query.bin');
  const grpcQuery = join(dir, 'grpc-query.bin');
  writeFileSync(zonePath, zoneFile());
  writeFileSync(queries, queryFile());
  writeFileSync(dohQuery, query(`${serviceName(1)}.${ZONE}`, 'A', { id: 0 }));
  writeFileSync(grpcQuery, frameGrpcMessage(encodeDnsPacket(query(`${serviceName(1)}.${ZONE}`, 'A', { id: 7, edns: 1232 }))));

  const ports = await Promise.all(Array.from({ length: 11 }, freePort));
  const [httpPort, dnsPort, grpcPort, httpsPort, nsdPort, knotPort, udpPort, tcpPort, h2DohPort, h2GrpcPort, grpcJsPort] = ports as [number, number, number, number, number, number, number, number, number, number, number];
  const ours = await startPinned(
    'cloudmap-dns',
    process.execPath,
    [BIN, 'serve', '--http-port', String(httpPort), '--dns-port', String(dnsPort), '--grpc-port', String(grpcPort), '--https-port', String(httpsPort),
      '--tls-cert', cert.certFile, '--tls-key', cert.keyFile, '--max-connections', '10000', '--log-level', 'warn'],
    async () => answers(dnsPort, '.') || (await fetch(`http://127.0.0.1:${httpPort}/healthz`).then((r) => r.ok, () => false)),
    // The compiled build, as in production (`npm run bench:dns` builds it first).
    { ...process.env, REDIS_URL: '', CLOUDMAP_DNS_ENTRY: 'dist' },
  );
  procs.push(ours);
  const loadSeconds = await load(httpPort);
  if (!answers(dnsPort, ZONE)) throw new Error('cloudmap-dns does not answer the benchmark zone');
  notes.push(`loaded ${SERVICES} services × ${INSTANCES} instances through the API in ${loadSeconds.toFixed(1)} s (32 calls in flight)`);
  procs.push(await startNsd(dir, ZONE, zonePath, nsdPort));
  procs.push(await startKnot(dir, ZONE, zonePath, knotPort));
  procs.push(await startResponder('node-udp', process.execPath, [join(RESPONDERS, 'udp.mjs'), String(udpPort)]));
  procs.push(await startResponder('node-tcp', process.execPath, [join(RESPONDERS, 'tcp.mjs'), String(tcpPort)]));
  procs.push(await startResponder('node-h2-doh', process.execPath, [join(RESPONDERS, 'h2.mjs'), 'doh', String(h2DohPort), cert.certFile, cert.keyFile]));
  procs.push(await startResponder('node-h2-grpc', process.execPath, [join(RESPONDERS, 'h2.mjs'), 'grpc', String(h2GrpcPort)]));
  const snapshot = join(dir, 'snapshot.json');
  const m = model();
  writeFileSync(snapshot, JSON.stringify({ revision: 1, namespaces: [m.namespace], services: m.services, instances: m.instances }));
  procs.push(await startResponder('grpc-js', process.execPath, [join(RESPONDERS, 'grpc-js.mjs'), String(grpcJsPort), snapshot]));

  console.log(`\n${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; servers on CPU 1, load on CPU 0; ${SECONDS} s per run; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('transport | server | load | queries/s | lost or failed | avg ms | p50 ms | p99 ms | rcodes');

  const peak: Record<string, number> = {};
  /**
   * Peak runs are interleaved: ROUNDS rounds, each running every server of a
   * group once, and the median kept, so a burst of other work on a shared
   * machine hits all servers of a comparison alike. The range is printed.
   */
  async function peaks<R>(group: string, servers: readonly (readonly [string, () => Promise<R>])[], rate: (r: R) => number, print: (name: string, r: R, load: string) => void): Promise<void> {
    const runs = new Map<string, R[]>(servers.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) for (const [name, run] of servers) runs.get(name)!.push(await run());
    for (const [name] of servers) {
      const sorted = [...runs.get(name)!].sort((x, y) => rate(x) - rate(y));
      const median = sorted[Math.floor(sorted.length / 2)]!;
      peak[`${group} ${name}`] = rate(median);
      print(name, median, ROUNDS > 1 ? `peak, median of ${ROUNDS} (${fmt(rate(sorted[0]!) / 1000)}k–${fmt(rate(sorted.at(-1)!) / 1000)}k)` : 'peak');
    }
  }

  for (const [mode, servers] of [
    ['udp', [['cloudmap-dns', dnsPort], ['NSD 4.6', nsdPort], ['Knot 3.2', knotPort], ['Node dgram echo', udpPort]]],
    ['tcp', [['cloudmap-dns', dnsPort], ['NSD 4.6', nsdPort], ['Knot 3.2', knotPort], ['Node net echo', tcpPort]]],
  ] as const) {
    await peaks(mode, servers.map(([name, port]) => [name, () => dnsperf(port, queries, SECONDS, mode, DNSPERF_PEAK)] as const), (r) => r.qps, (name, r, load) => perfRow(mode.toUpperCase(), name, r, load));
    for (const [name, port] of [servers[0], servers[2]] as const) {
      const half = Math.round(peak[`${mode} ${name}`]! / 2);
      perfRow(mode.toUpperCase(), name, await dnsperf(port, queries, SECONDS, mode, [...DNSPERF_PEAK, '-Q', String(half)], true), `½ peak (${fmt(half)}/s)`);
    }
  }

  const doh = await dnsperf(httpsPort, queries, Math.min(SECONDS, 5), 'doh', ['-c', '1', '-q', '1']);
  perfRow('DoH (TLS)', 'cloudmap-dns, dnsperf -m doh', doh, '1 in flight');
  const dohHeaders = ['content-type: application/dns-message'];
  await peaks(
    'doh',
    [
      ['cloudmap-dns, h2load', () => h2load(`https://127.0.0.1:${httpsPort}/dns-query`, dohQuery, dohHeaders, SECONDS)],
      ['bare node:http2 TLS', () => h2load(`https://127.0.0.1:${h2DohPort}/dns-query`, dohQuery, dohHeaders, SECONDS)],
    ],
    (r) => r.rps,
    (name, r, load) => h2Row('DoH (TLS)', name, r, load),
  );
  const dohHalf = Math.max(1, Math.round(peak['doh cloudmap-dns, h2load']! / 2 / 4));
  h2Row('DoH (TLS)', 'cloudmap-dns, h2load', await h2load(`https://127.0.0.1:${httpsPort}/dns-query`, dohQuery, dohHeaders, SECONDS, { rps: dohHalf, logFile: join(dir, 'doh.log') }), `½ peak (${fmt(dohHalf * 4)}/s)`);

  const grpcHeaders = ['content-type: application/grpc', 'te: trailers'];
  const path = '/coredns.dns.DnsService/Query';
  await peaks(
    'grpc',
    [
      ['cloudmap-dns (node:http2)', () => h2load(`http://127.0.0.1:${grpcPort}${path}`, grpcQuery, grpcHeaders, SECONDS)],
      ['same method on @grpc/grpc-js', () => h2load(`http://127.0.0.1:${grpcJsPort}${path}`, grpcQuery, grpcHeaders, SECONDS)],
      ['bare node:http2 unary echo', () => h2load(`http://127.0.0.1:${h2GrpcPort}${path}`, grpcQuery, grpcHeaders, SECONDS)],
    ],
    (r) => r.rps,
    (name, r, load) => h2Row('gRPC (h2c)', name, r, load),
  );
  const grpcHalf = Math.max(1, Math.round(peak['grpc cloudmap-dns (node:http2)']! / 2 / 4));
  h2Row('gRPC (h2c)', 'cloudmap-dns (node:http2)', await h2load(`http://127.0.0.1:${grpcPort}${path}`, grpcQuery, grpcHeaders, SECONDS, { rps: grpcHalf, logFile: join(dir, 'grpc.log') }), `½ peak (${fmt(grpcHalf * 4)}/s)`);
  const grpcOurs = { rps: peak['grpc cloudmap-dns (node:http2)']! };
  const grpcBare = { rps: peak['grpc bare node:http2 unary echo']! };
  const dohOurs = { rps: peak['doh cloudmap-dns, h2load']! };

  const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
  console.log('\ntargets (issue 6):');
  console.log(`  UDP ≥ 0.8× the trivial Node responder: ${ratio(peak['udp cloudmap-dns']!, peak['udp Node dgram echo']!)}`);
  console.log(`  TCP ≥ 0.75× Knot: ${ratio(peak['tcp cloudmap-dns']!, peak['tcp Knot 3.2']!)}`);
  console.log(`  gRPC ≥ 0.8× the bare node:http2 responder (DESIGN §3): ${ratio(grpcOurs.rps, grpcBare.rps)}; ≥ 40k/s: ${fmt(grpcOurs.rps)}`);
  console.log(`  DoH over TLS ≥ 30k/s: ${fmt(dohOurs.rps)}`);
  for (const n of notes) console.log(`  ${n}`);
  console.log(`  load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine skews every row)`);
}

try {
  await main();
} finally {
  await Promise.all(procs.map((p) => p.stop()));
  cert.remove();
  rmSync(dir, { recursive: true, force: true });
}
