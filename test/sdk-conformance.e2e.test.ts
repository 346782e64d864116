/**
 * Conformance: all 30 Cloud Map operations through the AWS SDK for
 * JavaScript v3 against a real server process, on memory state and on
 * Redis state: every operation succeeds with the model's output shape, every
 * error the model lists for an operation is returned where it can occur (as
 * the SDK's own exception class, with the model's HTTP status), and the SDK
 * paginators walk more than 250 items. The few (operation, error) pairs that
 * cannot occur here are listed in NEVER and in docs/api-coverage.md.
 */
import * as SD from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHAPES } from '../src/model/constraints.generated.ts';
import { ERROR_STATUS, type ErrorType } from '../src/model/errors.ts';
import { OPERATION_NAMES, OPERATIONS, type OperationName } from '../src/model/validate.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

/**
 * (operation, error) pairs of the model that cloudmap-dns never returns, and
 * why (docs/api-coverage.md, "Deliberate differences").
 */
export const NEVER: Readonly<Record<string, string>> = {
  'CreateHttpNamespace:ResourceLimitExceeded': 'quotas are not enforced',
  'CreatePrivateDnsNamespace:ResourceLimitExceeded': 'quotas are not enforced',
  'CreatePublicDnsNamespace:ResourceLimitExceeded': 'quotas are not enforced',
  'CreateService:ResourceLimitExceeded': 'quotas are not enforced',
  'RegisterInstance:ResourceLimitExceeded': 'quotas are not enforced',
  'DiscoverInstances:RequestLimitExceeded': 'no request throttling',
  'DiscoverInstancesRevision:RequestLimitExceeded': 'no request throttling',
  'DeleteNamespace:DuplicateRequest': 'no operation is ever in progress',
  'DeregisterInstance:DuplicateRequest': 'no operation is ever in progress',
  'UpdateService:DuplicateRequest': 'no operation is ever in progress',
  'RegisterInstance:ResourceInUse': 'no operation is ever in progress',
  'DeregisterInstance:ResourceInUse': 'no operation is ever in progress',
  'UpdateHttpNamespace:ResourceInUse': 'no operation is ever in progress',
  'UpdatePrivateDnsNamespace:ResourceInUse': 'no operation is ever in progress',
  'UpdatePublicDnsNamespace:ResourceInUse': 'no operation is ever in progress',
};

const MISSING_NS = 'ns-aaaaaaaaaaaaaaaa';
const MISSING_SVC = 'srv-aaaaaaaaaaaaaaaa';
const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));

describe.each(['memory', 'redis'] as const)('AWS SDK v3 conformance, %s state', (state) => {
  let server: ServerProcess;
  let redis: RedisHandle | undefined;
  let prefix = '';
  let sdk: SD.ServiceDiscoveryClient;
  const succeeded = new Set<string>();
  const send = async (op: OperationName, input: object): Promise<any> => {
    const Command = (SD as unknown as Record<string, new (input: object) => any>)[`${op}Command`]!;
    const output = await sdk.send(new Command(input));
    succeeded.add(op);
    return output;
  };
  /** Sends and expects the SDK's exception class `error` with the model's status. */
  const returned = new Set<string>();
  const refuses = async (op: OperationName, input: object, error: ErrorType) => {
    const Command = (SD as unknown as Record<string, new (input: object) => any>)[`${op}Command`]!;
    const thrown = await sdk.send(new Command(input)).then(() => undefined, (e: unknown) => e) as { name?: string; $metadata?: { httpStatusCode?: number } };
    expect(thrown?.name, `${op} → ${error}`).toBe(error);
    expect(thrown, `${op} → ${error}`).toBeInstanceOf((SD as unknown as Record<string, Function>)[error]!);
    expect(thrown?.$metadata?.httpStatusCode, `${op} → ${error}`).toBe(ERROR_STATUS[error]);
    returned.add(`${op}:${error}`);
  };

  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (state === 'redis') {
      redis = await startRedis();
      prefix = uniquePrefix();
      Object.assign(env, { REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: prefix });
    }
    server = await startServerProcess(['--grpc-port', '0'], env);
    sdk = new SD.ServiceDiscoveryClient({
      endpoint: `http://127.0.0.1:${server.httpPort}`, region: 'us-west-2', disableHostPrefix: true, maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  });
  afterAll(async () => {
    sdk?.destroy();
    await server?.stop();
    if (redis) {
      await deleteKeys(redis.url, prefix);
      await redis.stop();
    }
  });

  /** Namespace id created by operation `OperationId`. */
  const namespaceOf = async (created: { OperationId: string }) => (await send('GetOperation', created)).Operation.Targets.NAMESPACE as string;

  it('runs every operation of the model with AWS-shaped results', async () => {
    const priv = await namespaceOf(await send('CreatePrivateDnsNamespace', { Name: 'conf.local', Vpc: 'vpc-1', Properties: { DnsProperties: { SOA: { TTL: 30 } } }, Tags: [{ Key: 'team', Value: 'dns' }] }));
    const pub = await namespaceOf(await send('CreatePublicDnsNamespace', { Name: 'conf.example.org', Description: 'public' }));
    const http = await namespaceOf(await send('CreateHttpNamespace', { Name: 'conf-http' }));
    const got = (await send('GetNamespace', { Id: priv })).Namespace;
    expect(got).toMatchObject({ Id: priv, Name: 'conf.local', Type: 'DNS_PRIVATE', ServiceCount: 0, Properties: { HttpProperties: { HttpName: 'conf.local' }, DnsProperties: { SOA: { TTL: 30 } } } });
    expect(got.Arn).toBe(`arn:aws:servicediscovery:us-west-2:123456789012:namespace/${priv}`);
    expect(got.CreateDate).toBeInstanceOf(Date);
    expect((await send('GetNamespace', { Id: http })).Namespace.Properties).toEqual({ DnsProperties: {}, HttpProperties: { HttpName: 'conf-http' } });
    expect((await send('ListNamespaces', { Filters: [{ Name: 'TYPE', Condition: 'IN', Values: ['DNS_PRIVATE', 'DNS_PUBLIC'] }] })).Namespaces.map((n: { Id: string }) => n.Id).sort()).toEqual([priv, pub].sort());
    await send('UpdatePrivateDnsNamespace', { Id: priv, Namespace: { Properties: { DnsProperties: { SOA: { TTL: 60 } } } } });
    await send('UpdatePublicDnsNamespace', { Id: pub, Namespace: { Description: 'public, updated' } });
    await send('UpdateHttpNamespace', { Id: http, Namespace: { Description: 'http, updated' } });
    expect((await send('GetNamespace', { Id: priv })).Namespace.Properties.DnsProperties.SOA).toEqual({ TTL: 60 });

    const svc = (await send('CreateService', { Name: 'web', NamespaceId: priv, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }, { Type: 'SRV', TTL: 60 }] }, HealthCheckCustomConfig: {} })).Service;
    expect(svc).toMatchObject({ Name: 'web', NamespaceId: priv, Type: 'DNS_HTTP', InstanceCount: 0, DnsConfig: { RoutingPolicy: 'MULTIVALUE' } });
    expect((await send('GetService', { Id: svc.Arn })).Service.Id).toBe(svc.Id);
    expect((await send('ListServices', { Filters: [{ Name: 'NAMESPACE_ID', Values: [priv] }] })).Services.map((s: { Id: string }) => s.Id)).toEqual([svc.Id]);
    await send('UpdateService', { Id: svc.Id, Service: { DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }, { Type: 'SRV', TTL: 10 }] } } });
    expect((await send('GetService', { Id: svc.Id })).Service.DnsConfig.DnsRecords).toEqual([{ Type: 'A', TTL: 10 }, { Type: 'SRV', TTL: 10 }]);

    await send('UpdateServiceAttributes', { ServiceId: svc.Id, Attributes: { tier: 'web', owner: 'me' } });
    await send('DeleteServiceAttributes', { ServiceId: svc.Id, Attributes: ['owner'] });
    expect((await send('GetServiceAttributes', { ServiceId: svc.Id })).ServiceAttributes).toEqual({ ServiceArn: svc.Arn, ResourceOwner: '123456789012', Attributes: { tier: 'web' } });

    await send('TagResource', { ResourceARN: svc.Arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    await send('UntagResource', { ResourceARN: svc.Arn, TagKeys: ['a'] });
    expect((await send('ListTagsForResource', { ResourceARN: svc.Arn })).Tags).toEqual([{ Key: 'b', Value: '2' }]);

    const reg = await send('RegisterInstance', { ServiceId: svc.Id, InstanceId: 'i-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } });
    expect((await send('GetOperation', { OperationId: reg.OperationId })).Operation).toMatchObject({ Type: 'REGISTER_INSTANCE', Status: 'SUCCESS', Targets: { SERVICE: svc.Id, INSTANCE: 'i-1' } });
    expect((await send('GetInstance', { ServiceId: svc.Id, InstanceId: 'i-1' })).Instance).toMatchObject({ Id: 'i-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' } });
    expect((await send('ListInstances', { ServiceId: svc.Id })).Instances.map((i: { Id: string }) => i.Id)).toEqual(['i-1']);
    const revision = (await send('DiscoverInstancesRevision', { NamespaceName: 'conf.local', ServiceName: 'web' })).InstancesRevision;
    await send('UpdateInstanceCustomHealthStatus', { ServiceId: svc.Id, InstanceId: 'i-1', Status: 'UNHEALTHY' });
    expect((await send('GetInstancesHealthStatus', { ServiceId: svc.Id })).Status).toEqual({ 'i-1': 'UNHEALTHY' });
    const found = await send('DiscoverInstances', { NamespaceName: 'conf.local', ServiceName: 'web', HealthStatus: 'UNHEALTHY' });
    expect(found.Instances).toEqual([{ InstanceId: 'i-1', NamespaceName: 'conf.local', ServiceName: 'web', HealthStatus: 'UNHEALTHY', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '80' } }]);
    expect(found.InstancesRevision).toBe(revision);
    expect((await send('ListOperations', { Filters: [{ Name: 'SERVICE_ID', Values: [svc.Id] }] })).Operations).toHaveLength(2);

    await send('DeregisterInstance', { ServiceId: svc.Id, InstanceId: 'i-1' });
    await send('DeleteService', { Id: svc.Id });
    await send('DeleteNamespace', { Id: pub });
    expect([...succeeded].sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('returns each error the model lists for each operation, where it can occur', async () => {
    const priv = await namespaceOf(await sdk.send(new SD.CreatePrivateDnsNamespaceCommand({ Name: 'err.local', Vpc: 'vpc-1' })) as { OperationId: string });
    const http = await namespaceOf(await sdk.send(new SD.CreateHttpNamespaceCommand({ Name: 'err-http' })) as { OperationId: string });
    const pub = await namespaceOf(await sdk.send(new SD.CreatePublicDnsNamespaceCommand({ Name: 'err.example.org' })) as { OperationId: string });
    const custom = (await sdk.send(new SD.CreateServiceCommand({ Name: 'custom', NamespaceId: priv, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }] }, HealthCheckCustomConfig: {} }))).Service!;
    const plain = (await sdk.send(new SD.CreateServiceCommand({ Name: 'plain', NamespaceId: http }))).Service!;
    await sdk.send(new SD.RegisterInstanceCommand({ ServiceId: custom.Id, InstanceId: 'i-1', CreatorRequestId: 'reg-token', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' } }));
    await sdk.send(new SD.RegisterInstanceCommand({ ServiceId: plain.Id, InstanceId: 'i-1', Attributes: { a: 'b' } }));

    // InvalidInput from the model's constraints, for every operation.
    for (const op of OPERATION_NAMES) {
      const hasRequired = Object.values(SHAPES[OPERATIONS[op].input]!.members ?? {}).some((m) => m.required);
      await refuses(op, hasRequired ? {} : { MaxResults: 0 }, 'InvalidInput');
    }
    for (const [op, extra] of [['CreateHttpNamespace', {}], ['CreatePrivateDnsNamespace', { Vpc: 'vpc-1' }], ['CreatePublicDnsNamespace', {}]] as const) {
      const name = `dup-${op.length}.example.org`;
      await sdk.send(new (SD as any)[`${op}Command`]({ Name: name, CreatorRequestId: `tok-${op}`, ...extra }));
      await refuses(op, { Name: `${name}x`, CreatorRequestId: `tok-${op}`, ...extra }, 'DuplicateRequest');
      await refuses(op, { Name: name, ...extra }, 'NamespaceAlreadyExists');
      await refuses(op, { Name: `many-${op.length}.example.org`, Tags: tags(51), ...extra }, 'TooManyTagsException');
    }
    await refuses('CreateService', { Name: 'x', NamespaceId: MISSING_NS }, 'NamespaceNotFound');
    await refuses('CreateService', { Name: 'custom', NamespaceId: priv }, 'ServiceAlreadyExists');
    await refuses('CreateService', { Name: 'tagged', NamespaceId: priv, Tags: tags(51) }, 'TooManyTagsException');
    await refuses('DeleteNamespace', { Id: MISSING_NS }, 'NamespaceNotFound');
    await refuses('DeleteNamespace', { Id: priv }, 'ResourceInUse');
    await refuses('DeleteService', { Id: MISSING_SVC }, 'ServiceNotFound');
    await refuses('DeleteService', { Id: custom.Id }, 'ResourceInUse');
    for (const op of ['GetServiceAttributes', 'UpdateServiceAttributes', 'DeleteServiceAttributes'] as const) {
      await refuses(op, { ServiceId: MISSING_SVC, Attributes: op === 'DeleteServiceAttributes' ? ['a'] : { a: 'b' } }, 'ServiceNotFound');
    }
    // 30 attributes fit (the model's most per request); a 31st does not.
    await sdk.send(new SD.UpdateServiceAttributesCommand({ ServiceId: custom.Id, Attributes: Object.fromEntries(tags(30).map((t) => [t.Key, t.Value])) }));
    await refuses('UpdateServiceAttributes', { ServiceId: custom.Id, Attributes: { extra: 'x' } }, 'ServiceAttributesLimitExceededException');
    for (const op of ['DeregisterInstance', 'GetInstance'] as const) {
      await refuses(op, { ServiceId: custom.Id, InstanceId: 'nope' }, 'InstanceNotFound');
      await refuses(op, { ServiceId: MISSING_SVC, InstanceId: 'i-1' }, 'ServiceNotFound');
    }
    await refuses('GetInstancesHealthStatus', { ServiceId: custom.Id, Instances: ['nope'] }, 'InstanceNotFound');
    await refuses('GetInstancesHealthStatus', { ServiceId: MISSING_SVC }, 'ServiceNotFound');
    for (const op of ['DiscoverInstances', 'DiscoverInstancesRevision'] as const) {
      await refuses(op, { NamespaceName: 'nope.local', ServiceName: 'custom' }, 'NamespaceNotFound');
      await refuses(op, { NamespaceName: 'err.local', ServiceName: 'nope' }, 'ServiceNotFound');
    }
    await refuses('GetNamespace', { Id: MISSING_NS }, 'NamespaceNotFound');
    await refuses('GetOperation', { OperationId: 'nope' }, 'OperationNotFound');
    await refuses('GetService', { Id: MISSING_SVC }, 'ServiceNotFound');
    await refuses('ListInstances', { ServiceId: MISSING_SVC }, 'ServiceNotFound');
    const missingArn = custom.Arn!.replace(custom.Id!, MISSING_SVC);
    await refuses('ListTagsForResource', { ResourceARN: missingArn }, 'ResourceNotFoundException');
    await refuses('TagResource', { ResourceARN: missingArn, Tags: [] }, 'ResourceNotFoundException');
    await refuses('TagResource', { ResourceARN: custom.Arn, Tags: tags(51) }, 'TooManyTagsException');
    await refuses('UntagResource', { ResourceARN: missingArn, TagKeys: ['a'] }, 'ResourceNotFoundException');
    await refuses('RegisterInstance', { ServiceId: custom.Id, InstanceId: 'i-2', CreatorRequestId: 'reg-token', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.2' } }, 'DuplicateRequest');
    await refuses('RegisterInstance', { ServiceId: MISSING_SVC, InstanceId: 'i-1', Attributes: {} }, 'ServiceNotFound');
    for (const [op, id, change] of [
      ['UpdateHttpNamespace', http, { Description: 'd' }], ['UpdatePrivateDnsNamespace', priv, { Description: 'd' }], ['UpdatePublicDnsNamespace', pub, { Description: 'd' }],
    ] as const) {
      await sdk.send(new (SD as any)[`${op}Command`]({ Id: id, UpdaterRequestId: `upd-${op}`, Namespace: change }));
      await refuses(op, { Id: id, UpdaterRequestId: `upd-${op}`, Namespace: { Description: 'other' } }, 'DuplicateRequest');
      await refuses(op, { Id: MISSING_NS, Namespace: change }, 'NamespaceNotFound');
    }
    await refuses('UpdateInstanceCustomHealthStatus', { ServiceId: plain.Id, InstanceId: 'i-1', Status: 'HEALTHY' }, 'CustomHealthNotFound');
    await refuses('UpdateInstanceCustomHealthStatus', { ServiceId: custom.Id, InstanceId: 'nope', Status: 'HEALTHY' }, 'InstanceNotFound');
    await refuses('UpdateInstanceCustomHealthStatus', { ServiceId: MISSING_SVC, InstanceId: 'i-1', Status: 'HEALTHY' }, 'ServiceNotFound');
    await refuses('UpdateService', { Id: MISSING_SVC, Service: {} }, 'ServiceNotFound');

    const modelled = OPERATION_NAMES.flatMap((op) => OPERATIONS[op].errors.map((e) => `${op}:${e}`));
    expect(modelled.filter((pair) => !returned.has(pair) && !(pair in NEVER))).toEqual([]);
    expect(Object.keys(NEVER).filter((pair) => !modelled.includes(pair) || returned.has(pair))).toEqual([]);
  });

  it('walks more than 250 items with every SDK paginator', async () => {
    const N = 260;
    // The items are created with plain awsJson1_1 requests (cheaper than the SDK's stack); the SDK paginators then read them.
    const raw = async (op: OperationName, body: object): Promise<any> => {
      const res = await fetch(`http://127.0.0.1:${server.httpPort}/`, {
        method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53AutoNaming_v20170314.${op}` }, body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status !== 200) throw new Error(`${op}: ${JSON.stringify(json)}`);
      return json;
    };
    const inBatches = async (count: number, one: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => one(i + j)));
    };
    const ns = await namespaceOf(await raw('CreateHttpNamespace', { Name: 'pages' }));
    await inBatches(N, (i) => raw('CreateHttpNamespace', { Name: `page-ns-${i}` }));
    await inBatches(N, (i) => raw('CreateService', { Name: `svc-${i}`, NamespaceId: ns }));
    const svc = (await raw('CreateService', { Name: 'many', NamespaceId: ns })).Service.Id as string;
    await inBatches(N, (i) => raw('RegisterInstance', { ServiceId: svc, InstanceId: `i-${String(i).padStart(3, '0')}`, Attributes: { n: String(i) } }));

    const walk = async <T>(pages: AsyncIterable<T>, items: (page: T) => unknown[]) => {
      const all: unknown[] = [];
      let count = 0;
      for await (const page of pages) {
        count++;
        all.push(...items(page));
      }
      return { all, pages: count };
    };
    const cfg = { client: sdk, pageSize: 100 };
    const namespaces = await walk(SD.paginateListNamespaces(cfg, { Filters: [{ Name: 'NAME', Condition: 'BEGINS_WITH', Values: ['page-ns-'] }] }), (p) => p.Namespaces!.map((n) => n.Name));
    expect(namespaces.pages).toBe(3);
    expect(new Set(namespaces.all).size).toBe(N);
    const services = await walk(SD.paginateListServices(cfg, { Filters: [{ Name: 'NAMESPACE_ID', Values: [ns] }] }), (p) => p.Services!.map((s) => s.Name));
    expect(new Set(services.all).size).toBe(N + 1);
    const instances = await walk(SD.paginateListInstances(cfg, { ServiceId: svc }), (p) => p.Instances!.map((i) => i.Id));
    expect(instances.all).toEqual(Array.from({ length: N }, (_, i) => `i-${String(i).padStart(3, '0')}`));
    const health = await walk(SD.paginateGetInstancesHealthStatus(cfg, { ServiceId: svc }), (p) => Object.keys(p.Status!));
    expect(new Set(health.all).size).toBe(N);
    const operations = await walk(SD.paginateListOperations(cfg, { Filters: [{ Name: 'TYPE', Values: ['REGISTER_INSTANCE'] }] }), (p) => p.Operations!.map((o) => o.Id));
    expect(new Set(operations.all).size).toBeGreaterThanOrEqual(N);
    expect(operations.pages).toBeGreaterThanOrEqual(3);
  });
});
