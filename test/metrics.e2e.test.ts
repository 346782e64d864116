/**
 * `/metrics`, `/readyz` and the per-query debug log of a real `cloudmap-dns
 * serve` process (memory state, `--log-level debug`), driven by real
 * clients: dig over UDP, TCP and DoH (`+http-plain`), CoreDNS's gRPC client
 * (grpc-go + miekg/dns), the Cloud Map API, a real HTTP health check target,
 * and the reconcile loop's Kubernetes provider against the fake Kubernetes
 * API server (no real one can run here). The exposition is checked with
 * Prometheus's `promtool check metrics`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './support/api.ts';
import { dig, waitUntil } from './support/dig-cli.ts';
import { FakeKubeApiServer } from './support/fake-kube-apiserver.ts';
import { type FlappingServer, startFlappingServer } from './support/flapping-server.ts';
import { freePort } from './support/free-port.ts';
import { buildGoGrpcClient, goGrpcQuery } from './support/grpc-go.ts';
import { parseSamples, promtoolCheck, sample, scrape, sum } from './support/metrics-text.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

let server: ServerProcess;
let grpcPort: number;
let kube: FakeKubeApiServer;
let target: FlappingServer;
let dir: string;

beforeAll(async () => {
  buildGoGrpcClient();
  [kube, target, grpcPort] = await Promise.all([FakeKubeApiServer.start(), startFlappingServer({ kind: 'http' }), freePort()]);
  dir = mkdtempSync(join(tmpdir(), 'cloudmap-metrics-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kube.kubeconfigFile());
  server = await startServerProcess([
    '--grpc-port', String(grpcPort), '--log-level', 'debug', '--health-check-interval', '1',
    '--reconcile', '--reconcile-providers', 'kubernetes', '--kubeconfig', kubeconfig, '--reconcile-min-interval', '0.05',
  ]);
}, 240_000);
afterAll(async () => {
  await server?.stop();
  await Promise.all([kube?.stop(), target?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The process's log lines (JSON) with `msg`. */
const logLines = (msg: string): Record<string, unknown>[] =>
  server.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg);

describe('/metrics of a serve process (memory state)', () => {
  it('counts DNS queries by transport, type and rcode on UDP, TCP, DoH and gRPC, with one debug line each', async () => {
    const ns = await api(server.httpPort, 'CreatePrivateDnsNamespace', { Name: 'app.local', Vpc: 'vpc-1' });
    const nsId = (await api(server.httpPort, 'GetOperation', { OperationId: ns.OperationId })).Operation.Targets.NAMESPACE;
    const svc = await api(server.httpPort, 'CreateService', {
      Name: 'backend', NamespaceId: nsId, DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 60 }, { Type: 'SRV', TTL: 60 }] },
      HealthCheckConfig: { Type: 'HTTP', ResourcePath: '/health', FailureThreshold: 1 },
    });
    for (const [id, port] of [['b-1', target.port], ['b-2', 1]] as const) {
      await api(server.httpPort, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: id, Attributes: { AWS_INSTANCE_IPV4: '127.0.0.1', AWS_INSTANCE_PORT: String(port) } });
    }
    expect((await dig(server.dnsPort, ['backend.app.local', 'A'])).status).toBe('NOERROR');
    expect((await dig(server.dnsPort, ['backend.app.local', 'A'])).status).toBe('NOERROR');
    expect((await dig(server.dnsPort, ['+tcp', 'backend.app.local', 'SRV'])).status).toBe('NOERROR');
    expect((await dig(server.dnsPort, ['nope.app.local', 'AAAA'])).status).toBe('NXDOMAIN');
    expect((await dig(server.httpPort, ['+http-plain', 'backend.app.local', 'A'])).status).toBe('NOERROR');
    const viaGrpc = await goGrpcQuery(`127.0.0.1:${grpcPort}`, [['backend.app.local.', 'A'], ['example.com.', 'TXT']]);
    expect(viaGrpc.map((r) => r.rcode)).toEqual(['NOERROR', 'REFUSED']);

    const samples = parseSamples(await scrape(server.httpPort));
    const requests = (transport: string, type: string, rcode: string) => sample(samples, 'cloudmap_dns_dns_requests_total', { transport, type, rcode });
    expect(requests('udp', 'A', 'NOERROR')).toBe(2);
    expect(requests('tcp', 'SRV', 'NOERROR')).toBe(1);
    expect(requests('udp', 'AAAA', 'NXDOMAIN')).toBe(1);
    expect(requests('doh', 'A', 'NOERROR')).toBe(1);
    expect(requests('grpc', 'A', 'NOERROR')).toBe(1);
    expect(requests('grpc', 'TXT', 'REFUSED')).toBe(1);
    expect(sum(samples, 'cloudmap_dns_dns_requests_total')).toBe(7);
    expect(sample(samples, 'cloudmap_dns_dns_request_duration_seconds_count', { transport: 'udp', type: 'A' })).toBe(2);
    expect(sample(samples, 'cloudmap_dns_dns_request_duration_seconds_bucket', { transport: 'udp', type: 'A', le: '+Inf' })).toBe(2);

    await server.waitForOutput(/(?:"msg":"dns query"[^]*?){7}/); // debug lines leave in batches
    const queries = logLines('dns query');
    expect(queries).toHaveLength(7);
    expect(queries).toContainEqual(expect.objectContaining({ level: 20, transport: 'tcp', qname: 'backend.app.local.', qtype: 'SRV', rcode: 'NOERROR', ms: expect.any(Number) }));
    expect(queries).toContainEqual(expect.objectContaining({ transport: 'grpc', qname: 'example.com.', qtype: 'TXT', rcode: 'REFUSED' }));
    expect(queries).toContainEqual(expect.objectContaining({ transport: 'doh', qname: 'backend.app.local.', qtype: 'A' }));
  });

  it('counts API calls by operation and error code, and the view\'s revision and programming latency', async () => {
    await expect(api(server.httpPort, 'GetNamespace', { Id: 'ns-aaaaaaaaaaaaaaaa' })).rejects.toThrow(/NamespaceNotFound/);
    const res = await fetch(`http://127.0.0.1:${server.httpPort}/`, { method: 'POST', headers: { 'x-amz-target': 'Route53AutoNaming_v20170314.Nope' }, body: '{}' });
    expect(res.status).toBe(400);
    const samples = parseSamples(await scrape(server.httpPort));
    const calls = (operation: string, code: string) => sample(samples, 'cloudmap_dns_api_requests_total', { operation, code });
    expect(calls('RegisterInstance', 'OK')).toBe(2);
    expect(calls('CreateService', 'OK')).toBe(1);
    expect(calls('GetNamespace', 'NamespaceNotFound')).toBe(1);
    expect(calls('unknown', 'UnknownOperationException')).toBe(1);
    expect(sample(samples, 'cloudmap_dns_api_request_duration_seconds_count', { operation: 'RegisterInstance' })).toBe(2);

    const revision = sample(samples, 'cloudmap_dns_view_revision')!;
    expect(revision).toBeGreaterThanOrEqual(4); // namespace, service, 2 instances (+ health changes)
    expect(sample(samples, 'cloudmap_dns_view_revision_lag')).toBe(0);
    expect(sample(samples, 'cloudmap_dns_view_objects', { kind: 'instances' })).toBe(2);
    expect(sample(samples, 'cloudmap_dns_view_objects', { kind: 'zones' })).toBe(1);
    expect(sample(samples, 'cloudmap_dns_view_loads_total')).toBe(1);
    expect(sample(samples, 'cloudmap_dns_view_events_total', { type: 'InstanceUpserted' })).toBe(2);
    expect(sample(samples, 'cloudmap_dns_view_programming_duration_seconds_count', { event: 'InstanceUpserted' })).toBe(2);
    // Written and applied in this process: well under a second.
    expect(sample(samples, 'cloudmap_dns_view_programming_duration_seconds_bucket', { event: 'InstanceUpserted', le: '1.024' })).toBe(2);
    expect(sample(samples, 'cloudmap_dns_redis_connected')).toBeUndefined(); // memory state
  });

  it('counts health checks and the status they write', async () => {
    let samples = parseSamples(await scrape(server.httpPort));
    await waitUntil(async () => {
      samples = parseSamples(await scrape(server.httpPort));
      // Both checks have run (under load the failing one can come first) and the failure was written.
      return (sample(samples, 'cloudmap_dns_health_transitions_total', { to: 'UNHEALTHY' }) ?? 0) >= 1
        && (sample(samples, 'cloudmap_dns_health_checks_total', { outcome: 'success' }) ?? 0) >= 1;
    }, 10_000);
    expect(sample(samples, 'cloudmap_dns_health_checks_total', { outcome: 'success' })).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'cloudmap_dns_health_checks_total', { outcome: 'failure' })).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'cloudmap_dns_health_check_duration_seconds_count', { outcome: 'failure' })).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'cloudmap_dns_health_transitions_total', { to: 'UNHEALTHY' })).toBe(1); // b-2 (port 1 refuses)
    expect(sample(samples, 'cloudmap_dns_health_shards_held')).toBe(sample(samples, 'cloudmap_dns_health_shards'));
    expect(sample(samples, 'cloudmap_dns_view_programming_duration_seconds_count', { event: 'InstanceHealthChanged' })).toBeGreaterThanOrEqual(1);
  });

  it('counts reconcile passes, changes and errors (Kubernetes provider, fake API server)', async () => {
    // The instances so far are on 127.0.0.1, which the API server refuses in an EndpointSlice (a loopback address).
    let samples = parseSamples(await scrape(server.httpPort));
    await waitUntil(async () => {
      samples = parseSamples(await scrape(server.httpPort));
      return (sample(samples, 'cloudmap_dns_reconcile_errors_total', { target: 'kubernetes', kind: 'object' }) ?? 0) >= 1;
    }, 10_000);
    expect(sample(samples, 'cloudmap_dns_reconcile_leader')).toBe(1);
    expect(sample(samples, 'cloudmap_dns_reconcile_passes_total', { result: 'failed' })).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'cloudmap_dns_reconcile_changes_total', { target: 'kubernetes' })).toBeGreaterThanOrEqual(2);
    expect(sample(samples, 'cloudmap_dns_reconcile_last_success_timestamp_seconds', { target: 'kubernetes' })).toBeUndefined();

    const svc = (await api(server.httpPort, 'ListServices', {})).Services[0].Id;
    for (const id of ['b-1', 'b-2']) await api(server.httpPort, 'DeregisterInstance', { ServiceId: svc, InstanceId: id });
    await api(server.httpPort, 'RegisterInstance', { ServiceId: svc, InstanceId: 'b-3', Attributes: { AWS_INSTANCE_IPV4: '10.42.1.5', AWS_INSTANCE_PORT: '8080' } });
    await waitUntil(async () => {
      samples = parseSamples(await scrape(server.httpPort));
      return sample(samples, 'cloudmap_dns_reconcile_passes_total', { result: 'ok' }) !== undefined;
    }, 15_000);
    expect(sample(samples, 'cloudmap_dns_reconcile_last_success_timestamp_seconds', { target: 'kubernetes' })).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(sample(samples, 'cloudmap_dns_reconcile_errors_total', { target: 'kubernetes', kind: 'target' })).toBeUndefined();
    expect(sample(samples, 'cloudmap_dns_reconcile_conflicts', { target: 'kubernetes' })).toBe(0);
    expect(sample(samples, 'cloudmap_dns_reconcile_pass_duration_seconds_count')).toBeGreaterThanOrEqual(2);
  });

  it('passes promtool check metrics, and answers /readyz and /healthz', async () => {
    const text = await scrape(server.httpPort);
    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });
    expect(text).toContain('# TYPE cloudmap_dns_dns_request_duration_seconds histogram');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toMatch(/^cloudmap_dns_build_info\{runtime="node",runtime_version="v\d+/m);
    const ready = await fetch(`http://127.0.0.1:${server.httpPort}/readyz?verbose`);
    expect([ready.status, await ready.text()]).toEqual([200, '[+]view ok\nreadyz check passed\n']);
    const live = await fetch(`http://127.0.0.1:${server.httpPort}/healthz`);
    expect([live.status, await live.text()]).toEqual([200, 'ok\n']);
  });

  it('promtool itself rejects a broken exposition (the check can fail)', () => {
    const bad = promtoolCheck('# TYPE x_total counter\nx_total{a="1"} 1\nx_total{a="1"} 2\n');
    expect(bad.status).not.toBe(0);
  });
});
