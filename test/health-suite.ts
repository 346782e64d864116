/**
 * Active health checks end to end, with a real `cloudmap-dns serve`
 * process (`--health-check-interval 1`), real HTTP, HTTPS and TCP servers
 * on loopback that flap on command, Debian's aws CLI v2 and dig:
 *
 * - the KECS guide's `create-service backend-api --health-check-config
 *   "Type=HTTP,ResourcePath=/health,FailureThreshold=3"` in the private
 *   namespace `app.local` works, and its instances leave and re-enter the
 *   DNS answers within FailureThreshold × interval + one interval of a flap;
 * - MULTIVALUE fails open when no instance is healthy;
 * - GetInstancesHealthStatus and DiscoverInstances' HealthStatus filter agree;
 * - HTTPS (certificate not verified) and TCP checks;
 * - HealthCheckCustomConfig services are never checked.
 *
 * `describeHealthChecks` runs it against memory or Redis state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './support/api.ts';
import { aws } from './support/aws-cli.ts';
import { dig, waitUntil } from './support/dig-cli.ts';
import { type FlappingServer, startFlappingServer } from './support/flapping-server.ts';
import type { ServerProcess } from './support/server-process.ts';
import { makeTestCertificate, type TestCertificate } from './support/tls-cert.ts';

/** Seconds between checks of one instance in these suites. */
export const INTERVAL_S = 1;

/** The A records dig gets for `name`, sorted. */
export async function addresses(dnsPort: number, name: string): Promise<string[]> {
  const answer = await dig(dnsPort, [name, 'A']);
  return answer.answer.filter((r) => r.type === 'A').map((r) => r.data).sort();
}

/** Waits (polling dig) until `name` answers exactly `expected`; fails after `limitMs`; returns the time it took. */
export async function dnsShows(dnsPort: number, name: string, expected: string[], limitMs: number): Promise<number> {
  let last: string[] = [];
  try {
    return await waitUntil(async () => {
      last = await addresses(dnsPort, name);
      return JSON.stringify(last) === JSON.stringify([...expected].sort());
    }, limitMs);
  } catch {
    throw new Error(`dig ${name} A answered ${JSON.stringify(last)}, not ${JSON.stringify(expected)}, within ${limitMs} ms`);
  }
}

/** The suite; `start` starts a server with `--health-check-interval 1` (and the state under test). */
export function describeHealthChecks(label: string, start: () => Promise<ServerProcess>, after?: (server: ServerProcess) => void | Promise<void>, options: { hang?: boolean } = {}): void {
  const hang = options.hang ?? true;
  describe(`active health checks end to end (${label})`, () => {
    let server: ServerProcess;
    let cert: TestCertificate;
    const servers: FlappingServer[] = [];
    let nsId = '';
    let backendId = '';
    let one: FlappingServer;
    let two: FlappingServer;

    beforeAll(async () => {
      cert = makeTestCertificate();
      server = await start();
      one = await startFlappingServer({ kind: 'http', host: '127.0.0.1' });
      two = await startFlappingServer({ kind: 'http', host: '127.0.0.2' });
      servers.push(one, two);
    });
    afterAll(async () => {
      if (server) await after?.(server);
      await server?.stop();
      await Promise.all(servers.map((s) => s.close()));
      cert?.remove();
    });

    it("the KECS guide: create-service backend-api --health-check-config 'Type=HTTP,ResourcePath=/health,FailureThreshold=3' in app.local", async () => {
      const ns = await aws(server.httpPort, ['create-private-dns-namespace', '--name', 'app.local', '--vpc', 'vpc-1']);
      expect(ns.code, ns.stderr).toBe(0);
      nsId = (await aws(server.httpPort, ['get-operation', '--operation-id', ns.json.OperationId])).json.Operation.Targets.NAMESPACE;
      const svc = await aws(server.httpPort, [
        'create-service', '--name', 'backend-api', '--namespace-id', nsId,
        '--dns-config', `NamespaceId=${nsId},RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=10}]`,
        '--health-check-config', 'Type=HTTP,ResourcePath=/health,FailureThreshold=3',
      ]);
      expect(svc.code, svc.stderr).toBe(0);
      expect(svc.json.Service.HealthCheckConfig).toEqual({ Type: 'HTTP', ResourcePath: '/health', FailureThreshold: 3 });
      backendId = svc.json.Service.Id;
      for (const [id, s] of [['backend-1', one], ['backend-2', two]] as const) {
        const reg = await aws(server.httpPort, ['register-instance', '--service-id', backendId, '--instance-id', id,
          '--attributes', `AWS_INSTANCE_IPV4=${s.host},AWS_INSTANCE_PORT=${s.port}`]);
        expect(reg.code, reg.stderr).toBe(0);
      }
      expect(await addresses(server.dnsPort, 'backend-api.app.local')).toEqual(['127.0.0.1', '127.0.0.2']);
      await waitUntil(async () => one.hits > 0 && two.hits > 0, 2 * INTERVAL_S * 1000);
    });

    it('drops an instance from DNS within FailureThreshold × interval + one interval of its /health failing, and restores it as fast', async () => {
      const limit = (3 + 1) * INTERVAL_S * 1000;
      await one.set('fail');
      const down = await dnsShows(server.dnsPort, 'backend-api.app.local', ['127.0.0.2'], limit);
      await one.set('ok');
      const up = await dnsShows(server.dnsPort, 'backend-api.app.local', ['127.0.0.1', '127.0.0.2'], limit);
      console.log(`[${label}] backend-1 out of DNS after ${down} ms, back after ${up} ms (limit ${limit} ms)`);
      expect(down).toBeGreaterThanOrEqual((3 - 1) * INTERVAL_S * 1000 - 100); // not before the third failed check
    });

    it('get-instances-health-status and discover-instances --health-status agree, and MULTIVALUE fails open when none is healthy', async () => {
      const limit = (3 + 1) * INTERVAL_S * 1000;
      await one.set('down');
      await dnsShows(server.dnsPort, 'backend-api.app.local', ['127.0.0.2'], limit);
      const status = async () => (await api(server.httpPort, 'GetInstancesHealthStatus', { ServiceId: backendId })).Status;
      const discover = async (filter: string) => {
        const res = await api(server.httpPort, 'DiscoverInstances', { NamespaceName: 'app.local', ServiceName: 'backend-api', HealthStatus: filter });
        return res.Instances.map((i: { InstanceId: string; HealthStatus: string }) => `${i.InstanceId}:${i.HealthStatus}`).sort();
      };
      // The real CLI sees the same state.
      const cliStatus = await aws(server.httpPort, ['get-instances-health-status', '--service-id', backendId]);
      expect(cliStatus.json.Status).toEqual({ 'backend-1': 'UNHEALTHY', 'backend-2': 'HEALTHY' });
      const cliDiscover = await aws(server.httpPort, ['discover-instances', '--namespace-name', 'app.local', '--service-name', 'backend-api', '--health-status', 'HEALTHY'], { viaProxy: true });
      expect(cliDiscover.code, cliDiscover.stderr).toBe(0);
      expect(cliDiscover.json.Instances.map((i: { InstanceId: string }) => i.InstanceId)).toEqual(['backend-2']);
      expect(await status()).toEqual({ 'backend-1': 'UNHEALTHY', 'backend-2': 'HEALTHY' });
      expect(await discover('HEALTHY')).toEqual(['backend-2:HEALTHY']);
      expect(await discover('UNHEALTHY')).toEqual(['backend-1:UNHEALTHY']);
      expect(await discover('ALL')).toEqual(['backend-1:UNHEALTHY', 'backend-2:HEALTHY']);

      // A server that accepts but gives no status within 2 s fails too; each such check lasts 2 s, so three take up to 3 × 2 s + one interval.
      await two.set(hang ? 'hang' : 'fail');
      await waitUntil(async () => (await status())['backend-2'] === 'UNHEALTHY', hang ? 3 * 2000 + INTERVAL_S * 1000 + 1000 : limit);
      expect(await status()).toEqual({ 'backend-1': 'UNHEALTHY', 'backend-2': 'UNHEALTHY' });
      expect(await addresses(server.dnsPort, 'backend-api.app.local')).toEqual(['127.0.0.1', '127.0.0.2']); // fail open
      expect(await discover('HEALTHY')).toEqual([]);
      expect(await discover('HEALTHY_OR_ELSE_ALL')).toEqual(['backend-1:UNHEALTHY', 'backend-2:UNHEALTHY']);

      await Promise.all([one.set('ok'), two.set('ok')]);
      await waitUntil(async () => JSON.stringify(await status()) === JSON.stringify({ 'backend-1': 'HEALTHY', 'backend-2': 'HEALTHY' }), limit + 2000);
      expect(await discover('HEALTHY')).toEqual(['backend-1:HEALTHY', 'backend-2:HEALTHY']);
      await dnsShows(server.dnsPort, 'backend-api.app.local', ['127.0.0.1', '127.0.0.2'], 1000);
    });

    it('checks HTTPS without verifying the certificate, and TCP (FailureThreshold 1: out of DNS within 2 intervals)', async () => {
      const https = await startFlappingServer({ kind: 'https', host: '127.0.0.3', tls: cert });
      const tcp = await startFlappingServer({ kind: 'tcp', host: '127.0.0.4' });
      servers.push(https, tcp);
      for (const [name, type, s] of [['secure', 'HTTPS', https], ['db', 'TCP', tcp]] as const) {
        const svc = await api(server.httpPort, 'CreateService', {
          Name: name, NamespaceId: nsId, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] },
          HealthCheckConfig: { Type: type, FailureThreshold: 1, ...(type === 'HTTPS' && { ResourcePath: '/health' }) },
        });
        await api(server.httpPort, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: `${name}-1`, Attributes: { AWS_INSTANCE_IPV4: s.host, AWS_INSTANCE_PORT: String(s.port) } });
      }
      const limit = (1 + 1) * INTERVAL_S * 1000;
      await waitUntil(async () => https.hits > 0 && tcp.hits > 0, limit);
      expect(await addresses(server.dnsPort, 'secure.app.local')).toEqual(['127.0.0.3']); // still healthy: the certificate was not verified
      await https.set('fail');
      await tcp.set('down');
      // One instance per service: out of the "healthy" pool, but fail-open keeps it in the answer.
      const health = async (name: string) => {
        const res = await api(server.httpPort, 'DiscoverInstances', { NamespaceName: 'app.local', ServiceName: name, HealthStatus: 'UNHEALTHY' });
        return res.Instances.map((i: { InstanceId: string }) => i.InstanceId);
      };
      await waitUntil(async () => (await health('secure')).length === 1 && (await health('db')).length === 1, limit);
      await https.set('ok');
      await tcp.set('ok');
      await waitUntil(async () => (await health('secure')).length === 0 && (await health('db')).length === 0, limit);
    });

    it('never checks a HealthCheckCustomConfig service', async () => {
      const probe = await startFlappingServer({ kind: 'http', host: '127.0.0.5', mode: 'fail' });
      servers.push(probe);
      const svc = await api(server.httpPort, 'CreateService', {
        Name: 'custom', NamespaceId: nsId, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] }, HealthCheckCustomConfig: {},
      });
      await api(server.httpPort, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: 'c-1', Attributes: { AWS_INSTANCE_IPV4: probe.host, AWS_INSTANCE_PORT: String(probe.port) } });
      await new Promise((r) => setTimeout(r, 2.5 * INTERVAL_S * 1000));
      expect(probe.hits).toBe(0);
      expect(await addresses(server.dnsPort, 'custom.app.local')).toEqual(['127.0.0.5']);
      const status = await api(server.httpPort, 'GetInstancesHealthStatus', { ServiceId: svc.Service.Id });
      expect(status.Status).toEqual({ 'c-1': 'HEALTHY' });
    });
  });
}
