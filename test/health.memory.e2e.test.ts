/**
 * Active health checks with memory state (one `serve` process checks every
 * instance), and `--aws-strict`.
 */
import { describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { startServerProcess } from './support/server-process.ts';
import { describeHealthChecks, INTERVAL_S } from './health-suite.ts';

describeHealthChecks('memory state', () => startServerProcess(['--health-check-interval', String(INTERVAL_S)]));

describe('--aws-strict', () => {
  it('refuses HealthCheckConfig in a private DNS namespace with InvalidInput, as AWS does', async () => {
    const server = await startServerProcess(['--aws-strict']);
    try {
      const ns = await aws(server.httpPort, ['create-private-dns-namespace', '--name', 'strict.local', '--vpc', 'vpc-1']);
      const nsId = (await aws(server.httpPort, ['get-operation', '--operation-id', ns.json.OperationId])).json.Operation.Targets.NAMESPACE;
      const svc = await aws(server.httpPort, ['create-service', '--name', 'backend-api', '--namespace-id', nsId,
        '--dns-config', 'RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=60}]', '--health-check-config', 'Type=HTTP,ResourcePath=/health,FailureThreshold=3']);
      expect(svc.code).not.toBe(0);
      expect(svc.stderr).toContain('InvalidInput');
      expect(svc.stderr).toContain('public DNS and HTTP namespaces only');
    } finally {
      await server.stop();
    }
  });
});
