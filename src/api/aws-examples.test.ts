/**
 * Our output shapes against the AWS model's examples
 * (test/fixtures/servicediscovery-examples.json): every example is replayed
 * on the in-process API (ids replaced by ours) and every member the example's
 * output has must be in ours, with the same JSON kind (object, array,
 * string, number). Members AWS added after the examples were written
 * (ResourceOwner, ServiceCount, CreatedByAccount, …) may be extra in ours.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApi } from './test-harness.ts';

const { examples } = JSON.parse(readFileSync(new URL('../../test/fixtures/servicediscovery-examples.json', import.meta.url), 'utf8')) as {
  examples: Record<string, { input: Record<string, unknown>; output: unknown }[]>;
};

const kind = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** Paths of `theirs` that `ours` lacks or holds with another JSON kind. Old examples write some dates as strings. */
function missing(ours: unknown, theirs: unknown, path = ''): string[] {
  if (/Date$/.test(path) && typeof theirs === 'string') return typeof ours === 'number' ? [] : [`${path} (date)`];
  if (kind(ours) !== kind(theirs)) return [`${path} (${kind(theirs)}, ours ${kind(ours)})`];
  if (Array.isArray(theirs)) {
    // Each example element against one of ours of the same Type (namespaces of each kind), else our first.
    const list = ours as Record<string, unknown>[];
    return theirs.flatMap((t: Record<string, unknown>, i) =>
      list.length ? missing(list.find((o) => t.Type !== undefined && o.Type === t.Type) ?? list[0], t, `${path}[${i}]`) : []);
  }
  if (kind(theirs) !== 'object' || /\.(Attributes|Status)$/.test(path)) return []; // maps: keys are data, not members
  return Object.entries(theirs as Record<string, unknown>).flatMap(([k, v]) =>
    k in (ours as object) ? missing((ours as Record<string, unknown>)[k], v, `${path}.${k}`) : [`${path}.${k}`]);
}

describe('output shapes match the AWS model examples', () => {
  let api: Awaited<ReturnType<typeof makeApi>>;
  const outputs: Record<string, unknown> = {};
  const example = (op: string) => examples[op]![0]!;
  const call = async (op: string, input: Record<string, unknown>) => {
    const res = await api.call(op, input);
    if (res.status !== 200) throw new Error(`${op}: ${JSON.stringify(res.json)}`);
    outputs[op] = res.json;
    return res.json;
  };

  beforeAll(async () => {
    api = await makeApi();
    const nsOf = async (op: string) => {
      const { OperationId } = await call(op, example(op).input);
      return (await call('GetOperation', { OperationId })).Operation.Targets.NAMESPACE as string;
    };
    const httpNs = await nsOf('CreateHttpNamespace');
    const privateNs = await nsOf('CreatePrivateDnsNamespace');
    const publicNs = await nsOf('CreatePublicDnsNamespace');
    const svc = (await call('CreateService', { ...example('CreateService').input, NamespaceId: privateNs, DnsConfig: { ...(example('CreateService').input.DnsConfig as object), NamespaceId: privateNs } })).Service.Id;
    const httpSvc = (await api.call('CreateService', { Name: 'example-http-service', NamespaceId: httpNs, CreatorRequestId: 'example-creator-request-id-0004', Description: 'HTTP service', HealthCheckConfig: { Type: 'HTTPS', ResourcePath: '/', FailureThreshold: 3 } })).json.Service.Id;
    const customSvc = (await api.call('CreateService', { Name: 'custom', NamespaceId: httpNs, HealthCheckCustomConfig: {} })).json.Service.Id;
    const publicSvc = (await api.call('CreateService', { Name: 'web', NamespaceId: publicNs, DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 30 }] } })).json.Service.Id;
    await call('RegisterInstance', { ...example('RegisterInstance').input, ServiceId: svc });
    await api.call('RegisterInstance', { ServiceId: httpSvc, InstanceId: 'i-abcd1234', Attributes: { AWS_INSTANCE_IPV4: '192.0.2.44', AWS_INSTANCE_PORT: '80', color: 'green' } });
    await api.call('RegisterInstance', { ServiceId: customSvc, InstanceId: 'i-abcd1234', Attributes: { AWS_INSTANCE_PORT: '80' } });
    await api.call('RegisterInstance', { ServiceId: publicSvc, InstanceId: 'i-1', Attributes: { AWS_INSTANCE_IPV4: '192.0.2.1' } });
    await call('DiscoverInstances', example('DiscoverInstances').input);
    await call('GetInstance', { ...example('GetInstance').input, ServiceId: httpSvc });
    await call('GetInstancesHealthStatus', { ServiceId: httpSvc });
    await call('GetNamespace', { Id: httpNs });
    await call('GetService', { Id: httpSvc });
    await call('ListInstances', { ServiceId: svc });
    await call('ListNamespaces', {});
    await call('ListServices', {});
    await call('ListOperations', example('ListOperations').input);
    const nsArn = (await api.call('GetNamespace', { Id: privateNs })).json.Namespace.Arn;
    await call('TagResource', { ...example('TagResource').input, ResourceARN: nsArn });
    await call('ListTagsForResource', { ResourceARN: nsArn });
    await call('UntagResource', { ...example('UntagResource').input, ResourceARN: nsArn });
    await call('UpdateInstanceCustomHealthStatus', { ...example('UpdateInstanceCustomHealthStatus').input, ServiceId: customSvc });
    await call('UpdateService', { ...example('UpdateService').input, Id: publicSvc });
    await call('DeregisterInstance', { ...example('DeregisterInstance').input, ServiceId: svc });
    await call('DeleteService', { Id: svc });
    await api.call('DeregisterInstance', { ServiceId: publicSvc, InstanceId: 'i-1' });
    await api.call('DeleteService', { Id: publicSvc });
    const { OperationId } = await call('DeleteNamespace', { Id: publicNs });
    await call('GetOperation', { OperationId });
  });
  afterAll(() => api?.close());

  it('replays every example operation', () => {
    expect(Object.keys(examples).filter((op) => !(op in outputs))).toEqual([]);
  });

  it.each(Object.keys(examples))('%s', (op) => {
    const theirs = examples[op]![0]!.output;
    if (theirs === null || theirs === undefined) return expect(outputs[op]).toEqual({});
    expect(missing(outputs[op], theirs)).toEqual([]);
  });
});
