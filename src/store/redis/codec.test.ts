import { describe, expect, it } from 'vitest';
import { CloudMapError } from '../../model/errors.ts';
import { aNamespace, anInstance, anOperation, aService } from '../contract.ts';
import * as codec from './codec.ts';
import { ScriptCode, scriptError } from './scripts.ts';

/** A flat field/value list as HGETALL returns it. */
const hash = (list: string[]): codec.HashFields => {
  const out: codec.HashFields = {};
  for (let i = 0; i < list.length; i += 2) out[list[i]!] = list[i + 1]!;
  return out;
};

describe('codec', () => {
  it('round-trips records through hash fields', () => {
    const ns = aNamespace('app.local');
    expect(codec.namespaceFromHash(hash(codec.namespaceFields(ns)))).toEqual(ns);
    const svc = { ...aService(ns, 'backend', { healthCheckCustom: false }), instancesRevision: 7 };
    expect(codec.serviceFromHash({ ...hash(codec.serviceFields(svc)), instancesRevision: '7' })).toEqual(svc);
    const inst = anInstance(svc, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1' });
    expect(codec.instanceFromHash({ ...hash(codec.instanceFields(inst)), createDate: String(inst.createDate) }, { ...inst.attributes })).toEqual(inst);
    const op = anOperation('DEREGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: 'i-1' }, { errorCode: 'E', errorMessage: 'm' });
    expect(codec.operationFromHash(hash(codec.operationFields(op)))).toEqual(op);
    expect(codec.namespaceFromHash({})).toBeUndefined();
  });

  it('flattens DNS records to type:ttl pairs', () => {
    expect(codec.encodeDnsRecords([{ type: 'A', ttl: 60 }, { type: 'SRV', ttl: 0 }])).toBe('A:60,SRV:0');
    expect(codec.decodeDnsRecords('A:60,SRV:0')).toEqual([{ type: 'A', ttl: 60 }, { type: 'SRV', ttl: 0 }]);
    expect(codec.decodeDnsRecords('')).toEqual([]);
  });

  it('leaves out the fields a script fills in', () => {
    expect(JSON.parse(codec.eventData({ a: 1, b: 2 }, 'b'))).toEqual({ a: 1 });
  });

  it('decodes stream entries, revision from the entry id', () => {
    expect(codec.decodeEvent('12-0', ['type', 'InstanceDeleted', 'serviceId', 's', 'instanceId', 'i'])).toEqual(
      { type: 'InstanceDeleted', revision: 12, serviceId: 's', instanceId: 'i' });
    expect(() => codec.decodeEvent('1-0', ['type', 'Bogus'])).toThrow(/unknown type/);
    expect(() => codec.decodeEvent('1-0', ['type', 'NamespaceUpserted'])).toThrow(/missing field data/);
  });
});

describe('scriptError', () => {
  it('maps each negative code to its CloudMapError', () => {
    const ctx = { namespaceId: 'ns-1', serviceId: 'srv-1', instanceId: 'i-1', name: 'backend' };
    const cases: [number[] | (number | string)[], string][] = [
      [[ScriptCode.NamespaceNotFound], 'NamespaceNotFound'],
      [[ScriptCode.NamespaceAlreadyExists, 'ns-2', ''], 'NamespaceAlreadyExists'],
      [[ScriptCode.ServiceNotFound], 'ServiceNotFound'],
      [[ScriptCode.ServiceAlreadyExists, 'srv-2', 'arn:s', 'req'], 'ServiceAlreadyExists'],
      [[ScriptCode.InstanceNotFound], 'InstanceNotFound'],
      [[ScriptCode.NamespaceInUse], 'ResourceInUse'],
      [[ScriptCode.ServiceInUse], 'ResourceInUse'],
      [[-99], 'InternalFailure'],
    ];
    for (const [reply, type] of cases) {
      const error = scriptError(reply, ctx);
      expect(error).toBeInstanceOf(CloudMapError);
      expect(error.type).toBe(type);
    }
    expect(scriptError([ScriptCode.NamespaceAlreadyExists, 'ns-2', ''], ctx).fields).toEqual({ NamespaceId: 'ns-2' });
    expect(scriptError([ScriptCode.ServiceAlreadyExists, 'srv-2', 'arn:s', 'req'], ctx).fields).toEqual(
      { ServiceId: 'srv-2', ServiceArn: 'arn:s', CreatorRequestId: 'req' });
  });
});
