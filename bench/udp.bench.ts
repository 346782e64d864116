/**
 * DNS over UDP through the real listener: `npx tsx bench/udp.bench.ts`.
 *
 * Starts `cloudmap-dns serve` (memory state) as a child process, registers a
 * service with 100 instances (A + SRV, MULTIVALUE) through the API, then
 * drives the UDP port with Debian's `dnsperf` (package dnsperf) for
 * `BENCH_SECONDS` (default 10) with a mix of A, SRV and NXDOMAIN queries.
 * Prints dnsperf's summary. The server and dnsperf share the machine's cores.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../test/support/server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

if (spawnSync('sh', ['-c', 'command -v dnsperf'], { stdio: 'ignore' }).status !== 0) {
  console.log('dnsperf is not installed (Debian package dnsperf): skipping the UDP benchmark');
  process.exit(0);
}

async function call(port: number, operation: string, body: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53AutoNaming_v20170314.${operation}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${operation}: ${JSON.stringify(json)}`);
  return json;
}

const server = await startServerProcess();
const dir = mkdtempSync(join(tmpdir(), 'cloudmap-bench-'));
try {
  const created = await call(server.httpPort, 'CreatePrivateDnsNamespace', { Name: 'app.local', Vpc: 'vpc-1' });
  const op = await call(server.httpPort, 'GetOperation', { OperationId: created.OperationId });
  const svc = await call(server.httpPort, 'CreateService', {
    Name: 'backend', NamespaceId: op.Operation.Targets.NAMESPACE, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }, { Type: 'SRV', TTL: 10 }] },
  });
  for (let i = 0; i < 100; i++) {
    await call(server.httpPort, 'RegisterInstance', {
      ServiceId: svc.Service.Id, InstanceId: `i-${i}`, Attributes: { AWS_INSTANCE_IPV4: `10.0.0.${i + 1}`, AWS_INSTANCE_PORT: String(8000 + i) },
    });
  }
  const queries = join(dir, 'queries.txt');
  writeFileSync(queries, ['backend.app.local A', 'backend.app.local A', 'backend.app.local SRV', 'nope.app.local A'].join('\n') + '\n');
  console.log(`dnsperf against the UDP listener for ${SECONDS} s: 50% A, 25% SRV (8 + 8 additional), 25% NXDOMAIN; 100 instances`);
  const out = execFileSync('dnsperf', ['-s', '127.0.0.1', '-p', String(server.dnsPort), '-d', queries, '-l', String(SECONDS), '-c', '4', '-q', '200', '-e', '-D'], { encoding: 'utf8' });
  const summary = out.slice(out.indexOf('Statistics:'));
  console.log(summary.trim());
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
