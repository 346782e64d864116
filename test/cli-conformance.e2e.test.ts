/**
 * Conformance with Debian's aws CLI v2 (`/usr/bin/aws`, botocore): every
 * operation its servicediscovery model knows, against a real server process
 * (memory state; the SDK suite covers both stores). Debian's CLI 2.9 model
 * predates DiscoverInstancesRevision and the three service-attribute
 * operations; the last test pins that list, so a newer CLI makes it fail
 * until they are added here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../src/model/validate.ts';
import { aws, type CliResult } from './support/aws-cli.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

const CLI_MODEL = '/usr/lib/python3/dist-packages/awscli/botocore/data/servicediscovery/2017-03-14/service-2.json';
/** Operations of the model that Debian's aws CLI 2.9 does not know. */
const NOT_IN_CLI_2_9 = ['DeleteServiceAttributes', 'DiscoverInstancesRevision', 'GetServiceAttributes', 'UpdateServiceAttributes'];

const kebab = (op: string): string => op.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase());

describe('aws CLI v2 conformance', () => {
  let server: ServerProcess;
  const called = new Set<string>();
  /** `aws servicediscovery <op> --cli-input-json <input>`; fails the test on a non-zero exit. */
  const cli = async (op: string, input: object, options: { viaProxy?: boolean } = {}): Promise<any> => {
    const res: CliResult = await aws(server.httpPort, [kebab(op), '--cli-input-json', JSON.stringify(input)], options);
    expect(res.code, `${op}: ${res.stderr}`).toBe(0);
    called.add(op);
    return res.json ?? {};
  };

  beforeAll(async () => {
    server = await startServerProcess(['--grpc-port', '0']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs every operation the CLI knows, with the results it prints', async () => {
    const [priv, pub, http] = await Promise.all([
      cli('CreatePrivateDnsNamespace', { Name: 'cli.local', Vpc: 'vpc-1', Properties: { DnsProperties: { SOA: { TTL: 30 } } } }),
      cli('CreatePublicDnsNamespace', { Name: 'cli.example.org' }),
      cli('CreateHttpNamespace', { Name: 'cli-http', Tags: [{ Key: 'team', Value: 'dns' }] }),
    ]);
    const [privId, pubId, httpId] = (await Promise.all([priv, pub, http].map((c) => cli('GetOperation', { OperationId: c.OperationId }))))
      .map((o) => o.Operation.Targets.NAMESPACE as string);

    const [got, list, , , , svcOut] = await Promise.all([
      cli('GetNamespace', { Id: privId }),
      cli('ListNamespaces', {}),
      cli('UpdatePrivateDnsNamespace', { Id: privId, Namespace: { Properties: { DnsProperties: { SOA: { TTL: 60 } } } } }),
      cli('UpdatePublicDnsNamespace', { Id: pubId, Namespace: { Description: 'public' } }),
      cli('UpdateHttpNamespace', { Id: httpId, Namespace: { Description: 'http' } }),
      cli('CreateService', { Name: 'web', NamespaceId: privId, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }, { Type: 'SRV', TTL: 60 }] }, HealthCheckCustomConfig: {} }),
    ]);
    expect(got.Namespace).toMatchObject({ Id: privId, Name: 'cli.local', Type: 'DNS_PRIVATE', Properties: { HttpProperties: { HttpName: 'cli.local' } } });
    expect(typeof got.Namespace.CreateDate).toBe('string'); // the CLI prints timestamps as ISO 8601
    expect(list.Namespaces.map((n: { Name: string }) => n.Name).sort()).toEqual(['cli-http', 'cli.example.org', 'cli.local']);
    const svc = svcOut.Service;

    const [, services] = await Promise.all([
      cli('GetService', { Id: svc.Id }),
      cli('ListServices', { Filters: [{ Name: 'NAMESPACE_ID', Values: [privId], Condition: 'EQ' }] }),
      cli('UpdateService', { Id: svc.Id, Service: { DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }, { Type: 'SRV', TTL: 10 }] } } }),
      cli('TagResource', { ResourceARN: svc.Arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }),
      cli('RegisterInstance', { ServiceId: svc.Id, InstanceId: 'i-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } }),
    ]);
    expect(services.Services.map((s: { Name: string }) => s.Name)).toEqual(['web']);

    const [tags, instance, instances, , operations] = await Promise.all([
      cli('ListTagsForResource', { ResourceARN: svc.Arn }),
      cli('GetInstance', { ServiceId: svc.Id, InstanceId: 'i-1' }),
      cli('ListInstances', { ServiceId: svc.Id }),
      cli('UpdateInstanceCustomHealthStatus', { ServiceId: svc.Id, InstanceId: 'i-1', Status: 'UNHEALTHY' }),
      cli('ListOperations', { Filters: [{ Name: 'TYPE', Condition: 'IN', Values: ['CREATE_NAMESPACE', 'UPDATE_NAMESPACE'] }] }),
    ]);
    expect(tags.Tags).toHaveLength(2);
    expect(instance.Instance.Attributes).toEqual({ AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' });
    expect(instances.Instances.map((i: { Id: string }) => i.Id)).toEqual(['i-1']);
    expect(operations.Operations).toHaveLength(6);

    const [, health, discovered] = await Promise.all([
      cli('UntagResource', { ResourceARN: svc.Arn, TagKeys: ['a'] }),
      cli('GetInstancesHealthStatus', { ServiceId: svc.Id }),
      cli('DiscoverInstances', { NamespaceName: 'cli.local', ServiceName: 'web', HealthStatus: 'ALL' }, { viaProxy: true }),
    ]);
    expect(health.Status).toEqual({ 'i-1': 'UNHEALTHY' });
    expect(discovered.Instances).toEqual([{ InstanceId: 'i-1', NamespaceName: 'cli.local', ServiceName: 'web', HealthStatus: 'UNHEALTHY', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } }]);

    await cli('DeregisterInstance', { ServiceId: svc.Id, InstanceId: 'i-1' });
    await Promise.all([cli('DeleteService', { Id: svc.Id }), cli('DeleteNamespace', { Id: pubId })]);

    const bad = await aws(server.httpPort, ['get-namespace', '--id', 'ns-aaaaaaaaaaaaaaaa']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('An error occurred (NamespaceNotFound) when calling the GetNamespace operation');
    expect([...called].sort()).toEqual(OPERATION_NAMES.filter((op) => !NOT_IN_CLI_2_9.includes(op)));
  }, 180_000); // 26 CLI processes (about 0.5 s each on an idle machine), in 9 rounds

  it('Debian\'s CLI model lacks exactly DiscoverInstancesRevision and the service-attribute operations', () => {
    expect(existsSync(CLI_MODEL), `${CLI_MODEL} (Debian package awscli)`).toBe(true);
    const known = Object.keys((JSON.parse(readFileSync(CLI_MODEL, 'utf8')) as { operations: object }).operations);
    expect(OPERATION_NAMES.filter((op) => !known.includes(op))).toEqual(NOT_IN_CLI_2_9);
  });
});
