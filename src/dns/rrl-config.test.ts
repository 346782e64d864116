import { describe, expect, it } from 'vitest';
import { resolveServeConfig } from '../config.ts';
import { resolveRrlConfig } from './rrl-config.ts';

describe('resolveRrlConfig', () => {
  it('is off by default and when every rate is 0', () => {
    expect(resolveRrlConfig({})).toBeUndefined();
    expect(resolveRrlConfig({ rrlResponsesPerSecond: '0', rrlSlip: '1' })).toBeUndefined();
    expect(resolveServeConfig({}, {}).rrl).toBeUndefined();
  });

  it('defaults every class rate to --rrl-responses-per-second, and the rest as BIND (slip 2, window 15) with /24 and /56 networks', () => {
    expect(resolveServeConfig({ rrlResponsesPerSecond: '20' }, {}).rrl).toEqual({
      responsesPerSecond: 20, nodataPerSecond: 20, nxdomainsPerSecond: 20, errorsPerSecond: 20,
      slip: 2, windowSeconds: 15, ipv4PrefixLength: 24, ipv6PrefixLength: 56, tableSize: 65536,
    });
  });

  it('reads every flag; a class rate alone turns RRL on for that class', () => {
    expect(resolveRrlConfig({
      rrlResponsesPerSecond: '5', rrlNodataPerSecond: '4', rrlNxdomainsPerSecond: '2.5', rrlErrorsPerSecond: '0', rrlSlip: '0',
      rrlWindow: '5', rrlIpv4PrefixLength: '32', rrlIpv6PrefixLength: '64', rrlTableSize: '1024',
    })).toEqual({
      responsesPerSecond: 5, nodataPerSecond: 4, nxdomainsPerSecond: 2.5, errorsPerSecond: 0,
      slip: 0, windowSeconds: 5, ipv4PrefixLength: 32, ipv6PrefixLength: 64, tableSize: 1024,
    });
    expect(resolveRrlConfig({ rrlErrorsPerSecond: '3' })).toMatchObject({ responsesPerSecond: 0, nxdomainsPerSecond: 0, errorsPerSecond: 3 });
  });

  it.each([
    [{ rrlResponsesPerSecond: '-1' }, '--rrl-responses-per-second must be a number from 0 to 1000000, got "-1"'],
    [{ rrlResponsesPerSecond: 'lots' }, '--rrl-responses-per-second must be a number from 0 to 1000000, got "lots"'],
    [{ rrlResponsesPerSecond: '5', rrlSlip: '1.5' }, '--rrl-slip must be a whole number from 0 to 10, got "1.5"'],
    [{ rrlResponsesPerSecond: '5', rrlWindow: '0' }, '--rrl-window must be a whole number from 1 to 3600, got "0"'],
    [{ rrlResponsesPerSecond: '5', rrlIpv4PrefixLength: '33' }, '--rrl-ipv4-prefix-length must be a whole number from 0 to 32, got "33"'],
    [{ rrlResponsesPerSecond: '5', rrlIpv6PrefixLength: '129' }, '--rrl-ipv6-prefix-length must be a whole number from 0 to 128, got "129"'],
    [{ rrlResponsesPerSecond: '5', rrlTableSize: '4' }, '--rrl-table-size must be a whole number from 8 to 16777216, got "4"'],
  ])('rejects %o', (flags, message) => {
    expect(() => resolveRrlConfig(flags)).toThrow(message);
  });
});
