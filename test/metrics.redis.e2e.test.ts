/**
 * `/metrics` and `/readyz` of two `cloudmap-dns serve` replicas sharing a
 * throwaway `redis-server`: programming latency of a write made on the other
 * replica, Redis state metrics, and what happens while Redis is gone
 * (readiness fails naming the cause, DNS keeps answering, the view reloads
 * when Redis is back). Checked with `promtool check metrics`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './support/api.ts';
import { dig, waitUntil } from './support/dig-cli.ts';
import { parseSamples, promtoolCheck, sample, scrape, sum } from './support/metrics-text.ts';
import { type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

let redis: RedisHandle;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  redis = await startRedis();
  if (!redis.throwaway) throw new Error('this suite stops and restarts Redis: run it without REDIS_URL (it starts its own redis-server)');
  const args = ['--redis-prefix', uniquePrefix(), '--no-health-checks'];
  [a, b] = await Promise.all([startServerProcess(args, { REDIS_URL: redis.url }), startServerProcess(args, { REDIS_URL: redis.url })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

const readyz = async (port: number, query = ''): Promise<[number, string]> => {
  const res = await fetch(`http://127.0.0.1:${port}/readyz${query}`);
  return [res.status, await res.text()];
};

describe('/metrics and /readyz with Redis state', () => {
  it('replica A measures the programming latency of writes made on replica B, and reports Redis connected', async () => {
    const ns = await api(b.httpPort, 'CreatePrivateDnsNamespace', { Name: 'app.local', Vpc: 'vpc-1' });
    const nsId = (await api(b.httpPort, 'GetOperation', { OperationId: ns.OperationId })).Operation.Targets.NAMESPACE;
    const svc = await api(b.httpPort, 'CreateService', { Name: 'backend', NamespaceId: nsId, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] } });
    for (const n of [1, 2, 3]) {
      await api(b.httpPort, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: `b-${n}`, Attributes: { AWS_INSTANCE_IPV4: `10.0.0.${n}` } });
    }
    let samples = parseSamples(await scrape(a.httpPort));
    await waitUntil(async () => {
      samples = parseSamples(await scrape(a.httpPort));
      return sample(samples, 'cloudmap_dns_view_programming_duration_seconds_count', { event: 'InstanceUpserted' }) === 3;
    }, 5_000);
    expect(sample(samples, 'cloudmap_dns_api_requests_total', { operation: 'RegisterInstance', code: 'OK' })).toBeUndefined(); // the writes went to B
    expect(sample(samples, 'cloudmap_dns_redis_connected')).toBe(1);
    expect(sample(samples, 'cloudmap_dns_redis_revision')).toBe(sample(samples, 'cloudmap_dns_view_revision'));
    expect(sample(samples, 'cloudmap_dns_view_revision')).toBeGreaterThanOrEqual(5);
    expect(sample(samples, 'cloudmap_dns_view_revision_lag')).toBe(0);
    expect(sample(samples, 'cloudmap_dns_redis_read_duration_seconds')).toBeLessThan(1);
    // Same machine, same clock: a write reaches the other replica's view in well under a second.
    expect(sample(samples, 'cloudmap_dns_view_programming_duration_seconds_bucket', { event: 'InstanceUpserted', le: '1.024' })).toBe(3);
    expect(await readyz(a.httpPort, '?verbose')).toEqual([200, '[+]view ok\n[+]redis ok\nreadyz check passed\n']);
    expect((await dig(a.dnsPort, ['backend.app.local', 'A'])).status).toBe('NOERROR');
    expect(sample(parseSamples(await scrape(a.httpPort)), 'cloudmap_dns_dns_requests_total', { transport: 'udp', type: 'A', rcode: 'NOERROR' })).toBe(1);
    expect(a.output()).not.toContain('"msg":"dns query"'); // info level: no per-query lines
  });

  it('while Redis is gone: /readyz is 503 naming the cause, DNS answers from the last view, metrics say so', async () => {
    await redis.kill();
    await waitUntil(async () => (await readyz(a.httpPort))[0] === 503, 5_000);
    const [status, body] = await readyz(a.httpPort);
    expect(status).toBe(503);
    expect(body).toMatch(/^\[\+\]view ok\n\[-\]redis failed: Redis does not answer: .+\nreadyz check failed\n$/);
    expect(await readyz(a.httpPort, '?exclude=redis')).toEqual([200, 'ok\n']);
    expect((await fetch(`http://127.0.0.1:${a.httpPort}/healthz`)).status).toBe(200);
    expect((await dig(a.dnsPort, ['backend.app.local', 'A'])).answer.map((r) => r.data).sort()).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);

    const text = await scrape(a.httpPort);
    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });
    const samples = parseSamples(text);
    expect(sample(samples, 'cloudmap_dns_redis_connected')).toBe(0);
    expect(sample(samples, 'cloudmap_dns_view_revision_lag')).toBeNaN();
    await waitUntil(async () => (sample(parseSamples(await scrape(a.httpPort)), 'cloudmap_dns_view_feed_errors_total') ?? 0) >= 1, 10_000);
  });

  it('when Redis is back (empty): ready again, and the view reloaded after a gap', async () => {
    await redis.start();
    await waitUntil(async () => (await readyz(a.httpPort))[0] === 200, 15_000);
    let samples = parseSamples(await scrape(a.httpPort));
    await waitUntil(async () => {
      samples = parseSamples(await scrape(a.httpPort));
      return (sample(samples, 'cloudmap_dns_view_loads_total') ?? 0) >= 2;
    }, 15_000);
    expect(sum(samples, 'cloudmap_dns_view_gaps_total')).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'cloudmap_dns_view_gaps_total', { reason: 'other' })).toBeUndefined(); // every gap has a known reason
    expect(sample(samples, 'cloudmap_dns_redis_connected')).toBe(1);
    expect(sample(samples, 'cloudmap_dns_view_objects', { kind: 'instances' })).toBe(0);
    expect(promtoolCheck(await scrape(a.httpPort)).status).toBe(0);
  });
});
