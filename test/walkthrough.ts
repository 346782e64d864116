/**
 * The README walkthrough, automated end to end with the real clients:
 * Debian's aws CLI v2 drives the Cloud Map API and dig checks the answers
 * over UDP, TCP and DoH (h2c). `describeWalkthrough` runs it against a server
 * started by `start` (memory or Redis state).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { dig, waitUntil } from './support/dig-cli.ts';
import type { ServerProcess } from './support/server-process.ts';

const addresses = (records: { type: string; data: string }[]): string[] =>
  records.filter((r) => r.type === 'A').map((r) => r.data).sort();

/** The walkthrough as one ordered suite. */
export function describeWalkthrough(label: string, start: () => Promise<ServerProcess>): void {
  describe(`walkthrough with the aws CLI and dig (${label})`, () => {
    let server: ServerProcess;
    let namespaceId = '';
    let serviceId = '';

    beforeAll(async () => {
      server = await start();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('create-private-dns-namespace → get-operation SUCCESS → list-namespaces shows it', async () => {
      const created = await aws(server.httpPort, ['create-private-dns-namespace', '--name', 'app.local', '--vpc', 'vpc-1']);
      expect(created.code, created.stderr).toBe(0);
      const operationId = created.json.OperationId as string;
      expect(operationId).toMatch(/^[a-z2-7]{32}-[a-z2-7]{8}$/);

      const op = await aws(server.httpPort, ['get-operation', '--operation-id', operationId]);
      expect(op.code, op.stderr).toBe(0);
      expect(op.json.Operation).toMatchObject({ Id: operationId, Type: 'CREATE_NAMESPACE', Status: 'SUCCESS' });
      namespaceId = op.json.Operation.Targets.NAMESPACE;
      expect(namespaceId).toMatch(/^ns-[a-z2-7]{16}$/);

      const list = await aws(server.httpPort, ['list-namespaces']);
      expect(list.code, list.stderr).toBe(0);
      const ns = list.json.Namespaces.find((n: { Id: string }) => n.Id === namespaceId);
      expect(ns).toMatchObject({ Name: 'app.local', Type: 'DNS_PRIVATE', Arn: `arn:aws:servicediscovery:us-east-1:123456789012:namespace/${namespaceId}` });
      // The CLI parses our epoch-second number and prints it as an ISO date.
      expect(Math.abs(Date.parse(ns.CreateDate) - Date.now())).toBeLessThan(120_000);
    });

    it('create-service backend-api with A (TTL 60) and SRV records', async () => {
      const res = await aws(server.httpPort, [
        'create-service', '--name', 'backend-api', '--namespace-id', namespaceId,
        '--dns-config', 'RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=60},{Type=SRV,TTL=60}]',
      ]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.json.Service).toMatchObject({ Name: 'backend-api', NamespaceId: namespaceId, Type: 'DNS_HTTP' });
      expect(res.json.Service.DnsConfig.DnsRecords).toEqual([{ Type: 'A', TTL: 60 }, { Type: 'SRV', TTL: 60 }]);
      serviceId = res.json.Service.Id;
    });

    it('register-instance twice (10.42.1.5 and 10.42.1.6, port 8080)', async () => {
      for (const [id, ip] of [['backend-1', '10.42.1.5'], ['backend-2', '10.42.1.6']] as const) {
        const res = await aws(server.httpPort, [
          'register-instance', '--service-id', serviceId, '--instance-id', id,
          '--attributes', `AWS_INSTANCE_IPV4=${ip},AWS_INSTANCE_PORT=8080`,
        ]);
        expect(res.code, res.stderr).toBe(0);
        expect(res.json.OperationId).toBeTruthy();
      }
    });

    it.each([
      ['UDP', (s: ServerProcess) => dig(s.dnsPort, ['backend-api.app.local', 'A'])],
      ['TCP', (s: ServerProcess) => dig(s.dnsPort, ['+tcp', 'backend-api.app.local', 'A'])],
      ['DoH over h2c (dig +http-plain)', (s: ServerProcess) => dig(s.httpPort, ['+http-plain', 'backend-api.app.local', 'A'])],
    ])('dig backend-api.app.local A over %s → both addresses, TTL 60, aa', async (_transport, query) => {
      const answer = await query(server);
      expect(answer.status, answer.raw).toBe('NOERROR');
      expect(answer.flags).toContain('aa');
      expect(addresses(answer.answer)).toEqual(['10.42.1.5', '10.42.1.6']);
      expect(answer.answer.every((r) => r.ttl === 60 && r.name === 'backend-api.app.local.')).toBe(true);
    });

    it('dig SRV → 1 1 8080 <instance-id>.backend-api.app.local. with A records in additional', async () => {
      const answer = await dig(server.dnsPort, ['backend-api.app.local', 'SRV']);
      expect(answer.status, answer.raw).toBe('NOERROR');
      expect(answer.answer.map((r) => r.data).sort()).toEqual([
        '1 1 8080 backend-1.backend-api.app.local.',
        '1 1 8080 backend-2.backend-api.app.local.',
      ]);
      expect(answer.additional.filter((r) => r.type === 'A').map((r) => `${r.name} ${r.data}`).sort()).toEqual([
        'backend-1.backend-api.app.local. 10.42.1.5',
        'backend-2.backend-api.app.local. 10.42.1.6',
      ]);
    });

    it('dig nope.app.local → NXDOMAIN with the SOA; dig example.com → REFUSED', async () => {
      const nx = await dig(server.dnsPort, ['nope.app.local', 'A']);
      expect(nx.status, nx.raw).toBe('NXDOMAIN');
      expect(nx.flags).toContain('aa');
      expect(nx.authority).toHaveLength(1);
      expect(nx.authority[0]).toMatchObject({ name: 'app.local.', type: 'SOA' });
      const refused = await dig(server.dnsPort, ['example.com', 'A']);
      expect(refused.status, refused.raw).toBe('REFUSED');
    });

    it('discover-instances through the CLI (HTTP_PROXY recipe for the data- host prefix)', async () => {
      const res = await aws(server.httpPort, ['discover-instances', '--namespace-name', 'app.local', '--service-name', 'backend-api'], { viaProxy: true });
      expect(res.code, res.stderr).toBe(0);
      const found = res.json.Instances.map((i: { InstanceId: string; Attributes: Record<string, string> }) => `${i.InstanceId}=${i.Attributes.AWS_INSTANCE_IPV4}`).sort();
      expect(found).toEqual(['backend-1=10.42.1.5', 'backend-2=10.42.1.6']);
      // (Debian's CLI 2.9 model predates InstancesRevision, so it is not printed; the API tests cover it.)
    });

    it('deregister-instance → dig answers only the other within 1 s', async () => {
      const res = await aws(server.httpPort, ['deregister-instance', '--service-id', serviceId, '--instance-id', 'backend-1']);
      expect(res.code, res.stderr).toBe(0);
      await waitUntil(async () => {
        const answer = await dig(server.dnsPort, ['backend-api.app.local', 'A']);
        return addresses(answer.answer).join() === '10.42.1.6';
      }, 1_000);
    });

    it('delete-service while an instance remains → ResourceInUse', async () => {
      const res = await aws(server.httpPort, ['delete-service', '--id', serviceId]);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain('ResourceInUse');
    });

    it('delete-namespace with a service → ResourceInUse', async () => {
      const res = await aws(server.httpPort, ['delete-namespace', '--id', namespaceId]);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain('ResourceInUse');
    });
  });
}
