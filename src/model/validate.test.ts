import { describe, expect, it } from 'vitest';
import { SHAPES } from './constraints.generated.ts';
import { CloudMapError } from './errors.ts';
import { OPERATION_NAMES, OPERATIONS, hostPrefixOf, isOperationName, validateInput } from './validate.ts';

const SRV = 'srv-p5zdwlg5uvvzjita';
const PATTERN = 'failed to satisfy constraint: Member must satisfy regular expression pattern';
const NOT_NULL = 'failed to satisfy constraint: Member must not be null';

/** Runs validateInput and returns the thrown InvalidInput message; fails the test if nothing or something else is thrown. */
function invalid(op: string, input: unknown): string {
  try {
    validateInput(op, input);
  } catch (err) {
    expect(err).toBeInstanceOf(CloudMapError);
    expect((err as CloudMapError).type).toBe('InvalidInput');
    expect((err as CloudMapError).status).toBe(400);
    return (err as CloudMapError).message;
  }
  throw new Error(`${op} accepted ${JSON.stringify(input).slice(0, 200)}`);
}

const service = (over: Record<string, unknown>) => ({
  Name: 'web',
  NamespaceId: 'ns-ylexjili4cdxy3xm',
  DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 60 }, { Type: 'SRV', TTL: 60 }] },
  ...over,
});
const register = (over: Record<string, unknown>) => ({
  ServiceId: SRV,
  InstanceId: 'i-0123456789abcdef0',
  Attributes: { AWS_INSTANCE_IPV4: '10.0.0.12', AWS_INSTANCE_PORT: '8080' },
  ...over,
});
const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));

describe('validateInput accepts real requests', () => {
  it.each<[string, unknown]>([
    ['CreatePrivateDnsNamespace', { Name: 'example.internal', Vpc: 'vpc-1a2b3c4d', CreatorRequestId: 'req-1', Properties: { DnsProperties: { SOA: { TTL: 15 } } } }],
    ['CreatePublicDnsNamespace', { Name: 'example.com', Description: 'public zone', Tags: [{ Key: 'team', Value: 'infra' }] }],
    ['CreateHttpNamespace', { Name: 'my-http-ns', CreatorRequestId: 'c3b0a9e2-8f1e-4a57-9b6f-2f1d7c8e9a01' }],
    ['CreateService', service({ HealthCheckCustomConfig: { FailureThreshold: 1 }, CreatorRequestId: 'svc-req', Unknown: 'ignored' })],
    ['CreateService', { Name: '_http._tcp.web', Type: 'HTTP' }],
    ['CreateService', { Name: '.' }],
    ['RegisterInstance', register({ Attributes: { AWS_INSTANCE_IPV4: '10.0.0.12', AWS_INSTANCE_IPV6: '2001:db8::1', AWS_INSTANCE_PORT: '80', AWS_INIT_HEALTH_STATUS: 'HEALTHY', color: 'blue green' } })],
    ['RegisterInstance', register({ InstanceId: 'web_1/a:b.c@d-e', CreatorRequestId: null })],
    ['DiscoverInstances', { NamespaceName: 'example.internal', ServiceName: 'web', MaxResults: 1000, HealthStatus: 'HEALTHY_OR_ELSE_ALL', QueryParameters: { color: 'blue' } }],
    ['ListNamespaces', { MaxResults: 100, Filters: [{ Name: 'TYPE', Values: ['DNS_PRIVATE', 'HTTP'], Condition: 'IN' }] }],
    ['ListNamespaces', {}],
    ['GetOperation', { OperationId: 'gv4g5meo7ndmeh4fqskygvk23d2fijwa-k9302yzd' }],
    ['TagResource', { ResourceARN: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-x', Tags: tags(200) }],
  ])('%s %#', (op, input) => {
    expect(() => validateInput(op, input)).not.toThrow();
  });
});

describe('validateInput rejects invalid requests', () => {
  it.each<[string, string, unknown, string[]]>([
    ['missing Name', 'CreateHttpNamespace', {}, [`1 validation error detected: Value null at 'name' ${NOT_NULL}`]],
    ['null required Vpc', 'CreatePrivateDnsNamespace', { Name: 'a.internal', Vpc: null }, [`1 validation error detected: Value null at 'vpc' ${NOT_NULL}`]],
    ['private name with a space', 'CreatePrivateDnsNamespace', { Name: 'x y', Vpc: 'vpc-1' }, [`Value 'x y' at 'name' ${PATTERN}: ^(?!arn:)[!-~]{1,253}$`]],
    ['arn: private name', 'CreatePrivateDnsNamespace', { Name: 'arn:aws:foo', Vpc: 'vpc-1' }, [`Value 'arn:aws:foo' at 'name' ${PATTERN}: ^(?!arn:)`]],
    ['arn: HTTP name', 'CreateHttpNamespace', { Name: 'arn:ns' }, [`Value 'arn:ns' at 'name' ${PATTERN}: ^(?!arn:)[!-~]{1,1024}$`]],
    ['public name without a dot', 'CreatePublicDnsNamespace', { Name: 'localhost' }, [`Value 'localhost' at 'name' ${PATTERN}`]],
    ['TTL -1', 'CreateService', service({ DnsConfig: { DnsRecords: [{ Type: 'A', TTL: -1 }] } }),
      [`Value '-1' at 'dnsConfig.dnsRecords.1.member.tTL' failed to satisfy constraint: Member must have value greater than or equal to 0`]],
    ['TTL as a string', 'CreateService', service({ DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }, { Type: 'SRV', TTL: '60' }] } }),
      [`Value '60' at 'dnsConfig.dnsRecords.2.member.tTL' failed to satisfy constraint: Member must be an integral number of type long`, '(got string)']],
    ['TTL fractional', 'CreateService', service({ DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 1.5 }] } }), [`at 'dnsConfig.dnsRecords.1.member.tTL'`, 'integral number of type long']],
    ['TTL beyond 2^31-1', 'UpdateService', { Id: SRV, Service: { DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 2147483648 }] } } },
      [`at 'service.dnsConfig.dnsRecords.1.member.tTL'`, 'Member must have value less than or equal to 2147483647']],
    ['RoutingPolicy ROUND_ROBIN', 'CreateService', service({ DnsConfig: { RoutingPolicy: 'ROUND_ROBIN', DnsRecords: [{ Type: 'A', TTL: 60 }] } }),
      [`Value 'ROUND_ROBIN' at 'dnsConfig.routingPolicy' failed to satisfy constraint: Member must satisfy enum value set: [MULTIVALUE, WEIGHTED]`]],
    ['DnsRecords missing', 'CreateService', service({ DnsConfig: { RoutingPolicy: 'WEIGHTED' } }), [`Value null at 'dnsConfig.dnsRecords' ${NOT_NULL}`]],
    ['DnsConfig not an object', 'CreateService', service({ DnsConfig: [] }), [`Value '[]' at 'dnsConfig' failed to satisfy constraint: Member must be a JSON object (got array)`]],
    ['FailureThreshold 11', 'CreateService', service({ HealthCheckCustomConfig: { FailureThreshold: 11 } }), [`at 'healthCheckCustomConfig.failureThreshold'`, 'less than or equal to 10']],
    ['InstanceId with a space', 'RegisterInstance', register({ InstanceId: 'i 1' }), [`1 validation error detected: Value 'i 1' at 'instanceId' ${PATTERN}: ^[0-9a-zA-Z_/:.@-]+$`]],
    ['InstanceId of 65 characters', 'RegisterInstance', register({ InstanceId: 'i'.repeat(65) }),
      [`1 validation error detected: Value '${'i'.repeat(65)}' at 'instanceId' failed to satisfy constraint: Member must have length less than or equal to 64`]],
    ['attribute value of 1025 characters', 'RegisterInstance', register({ Attributes: { big: 'v'.repeat(1025) } }),
      [`Value '${'v'.repeat(256)}...' at 'attributes.big' failed to satisfy constraint: Member must have length less than or equal to 1024`]],
    ['attribute key with a space', 'RegisterInstance', register({ Attributes: { 'bad key': 'v' } }),
      [`Value 'bad key' at 'attributes' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ^[a-zA-Z0-9!-~]+$]`]],
    ['attribute value a number', 'RegisterInstance', register({ Attributes: { AWS_INSTANCE_PORT: 80 } }), [`Value '80' at 'attributes.AWS_INSTANCE_PORT' failed to satisfy constraint: Member must be a string (got number)`]],
    ['MaxResults 0', 'ListNamespaces', { MaxResults: 0 }, [`1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`]],
    ['MaxResults 101', 'ListServices', { MaxResults: 101 }, [`Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`]],
    ['MaxResults beyond 32 bits', 'ListOperations', { MaxResults: 2 ** 32 }, [`Value '4294967296' at 'maxResults' failed to satisfy constraint: Member must be an integral number of type integer between -2147483648 and 2147483647 (got number)`]],
    ['TTL beyond the safe integers', 'CreateService', service({ DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 2 ** 53 }] } }), [`at 'dnsConfig.dnsRecords.1.member.tTL'`, 'type long between -9007199254740991 and 9007199254740991']],
    ['Discover MaxResults 1001', 'DiscoverInstances', { NamespaceName: 'a', ServiceName: 'b', MaxResults: 1001 }, [`at 'maxResults'`, 'less than or equal to 1000']],
    ['201 tags', 'TagResource', { ResourceARN: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-x', Tags: tags(201) },
      [`at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200`]],
    ['empty tag key', 'CreateHttpNamespace', { Name: 'n', Tags: [{ Key: '', Value: 'v' }, { Key: 'k' }] },
      [`2 validation errors detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1; Value null at 'tags.2.member.value' ${NOT_NULL}`]],
    ['ServiceName starting with a hyphen', 'CreateService', { Name: '-web' }, [`Value '-web' at 'name' ${PATTERN}: ^((?=^.{1,127}$)`]],
    ['ServiceName with an empty label', 'CreateService', { Name: 'a..b' }, [`Value 'a..b' at 'name' ${PATTERN}`]],
    ['ServiceName of 128 characters', 'DiscoverInstances', { NamespaceName: 'ns', ServiceName: 'a'.repeat(60) + '.' + 'b'.repeat(67) }, [`at 'serviceName' ${PATTERN}`]],
    ['empty ServiceName', 'DiscoverInstancesRevision', { NamespaceName: 'ns', ServiceName: '' }, [`Value '' at 'serviceName' ${PATTERN}`]],
    ['empty filter values list member', 'ListNamespaces', { Filters: [{ Name: 'TYPE', Values: [''] }] }, [`Value '' at 'filters.1.member.values.1.member'`, 'greater than or equal to 1']],
    ['empty InstanceIdList', 'GetInstancesHealthStatus', { ServiceId: SRV, Instances: [] }, [`Value '[]' at 'instances' failed to satisfy constraint: Member must have length greater than or equal to 1`]],
    ['several problems', 'DeregisterInstance', { ServiceId: 7 }, [`2 validation errors detected: Value '7' at 'serviceId' failed to satisfy constraint: Member must be a string (got number); Value null at 'instanceId' ${NOT_NULL}`]],
  ])('%s', (_, op, input, fragments) => {
    const message = invalid(op, input);
    for (const fragment of fragments) expect(message).toContain(fragment);
  });

  it('counts string length in code points, not UTF-16 units', () => {
    expect(() => validateInput('GetOperation', { OperationId: 'x', OwnerAccount: '\u{1F600}'.repeat(12) })).not.toThrow();
    expect(invalid('GetOperation', { OperationId: 'x', OwnerAccount: '\u{1F600}'.repeat(13) })).toContain('less than or equal to 12');
  });

  it('needs a JSON object body', () => {
    expect(invalid('ListNamespaces', [])).toBe('The request body must be a JSON object');
    expect(invalid('ListNamespaces', null)).toBe('The request body must be a JSON object');
  });

  it('treats an unknown operation as a programming error', () => {
    expect(() => validateInput('ListThings', {})).toThrow(/unknown operation ListThings/);
    try {
      validateInput('ListThings', {});
    } catch (err) {
      expect(err).not.toBeInstanceOf(CloudMapError);
    }
  });
});

describe('operations', () => {
  it('lists the 30 operations of the model', () => {
    expect(OPERATION_NAMES).toHaveLength(30);
    expect(OPERATION_NAMES).toContain('UpdateInstanceCustomHealthStatus');
    expect(isOperationName('CreateService')).toBe(true);
    expect(isOperationName('toString')).toBe(false);
  });

  it('knows the data- host prefix of the discovery operations only', () => {
    const prefixed = OPERATION_NAMES.filter((op) => hostPrefixOf(op) !== undefined);
    expect(prefixed).toEqual(['DiscoverInstances', 'DiscoverInstancesRevision']);
    expect(hostPrefixOf('DiscoverInstances')).toBe('data-');
  });

  it('has a complete table: every referenced shape exists and every pattern compiles', () => {
    const refs: string[] = OPERATION_NAMES.map((op) => OPERATIONS[op].input);
    for (const shape of Object.values(SHAPES)) {
      refs.push(...Object.values(shape.members ?? {}).map((m) => m.target));
      for (const r of [shape.member, shape.key, shape.value]) if (r) refs.push(r);
      if (shape.pattern) expect(() => new RegExp(shape.pattern!, 'u')).not.toThrow();
    }
    expect(refs.filter((r) => !SHAPES[r])).toEqual([]);
  });

  it('validates an empty request against every operation without crashing', () => {
    for (const op of OPERATION_NAMES) {
      const required = Object.values(SHAPES[OPERATIONS[op].input]!.members!).some((m) => m.required);
      if (required) expect(invalid(op, {})).toMatch(/validation errors? detected: Value null at '/);
      else expect(() => validateInput(op, {})).not.toThrow();
    }
  });
});
