import { describe, expect, it } from 'vitest';
import { decode, fixtureView } from '../../test/support/dns-fixtures.ts';
import { buildQuery, parseQueryType, responseToJson } from './json.ts';
import { createResolver } from './resolver.ts';

describe('DNS JSON form', () => {
  const resolver = createResolver(fixtureView(), { random: () => 0 });
  const json = (name: string, type: number) => responseToJson(resolver.handle(buildQuery(name, type), { transport: 'doh' })!);

  it('parses types by mnemonic or number', () => {
    expect(parseQueryType('A')).toBe(1);
    expect(parseQueryType('aaaa')).toBe(28);
    expect(parseQueryType('SRV')).toBe(33);
    expect(parseQueryType('33')).toBe(33);
    expect(parseQueryType('TYPE65')).toBe(65);
    expect(parseQueryType('HINFO')).toBe(13);
    expect(parseQueryType('ANY')).toBe(255);
    expect(parseQueryType('0')).toBeUndefined();
    expect(parseQueryType('70000')).toBeUndefined();
    expect(parseQueryType('NOPE')).toBeUndefined();
    expect(parseQueryType('UNKNOWN_5')).toBeUndefined();
  });

  it('builds a query with ID 0 and RD', () => {
    const q = decode(buildQuery('backend.app.local', 33));
    expect(q.id).toBe(0);
    expect(q.questions).toEqual([{ name: 'backend.app.local', type: 'SRV', class: 'IN' }]);
    expect(decode(buildQuery('x.app.local', 65)).questions![0]!.type).toBe('UNKNOWN_65');
    expect(() => buildQuery('a..b', 1)).toThrow(RangeError);
    expect(() => buildQuery(`${'a'.repeat(64)}.app.local`, 1)).toThrow(RangeError);
  });

  it('renders answers like Google and Cloudflare', () => {
    expect(json('_http._tcp.api.app.local', 33)).toEqual({
      Status: 0,
      TC: false,
      RD: true,
      RA: false,
      AD: false,
      CD: false,
      Question: [{ name: '_http._tcp.api.app.local.', type: 33 }],
      Answer: [{ name: '_http._tcp.api.app.local.', type: 33, TTL: 25, data: '1 1 443 a-1._http._tcp.api.app.local.' }],
      Additional: [{ name: 'a-1._http._tcp.api.app.local.', type: 1, TTL: 25, data: '10.2.0.1' }],
    });
    expect(json('web.app.local', 1).Answer).toEqual([{ name: 'web.app.local.', type: 5, TTL: 300, data: 'lb.example.com.' }]);
  });

  it('renders NXDOMAIN with the SOA in Authority', () => {
    expect(json('nope.app.local', 1)).toEqual({
      Status: 3,
      TC: false,
      RD: true,
      RA: false,
      AD: false,
      CD: false,
      Question: [{ name: 'nope.app.local.', type: 1 }],
      Authority: [{ name: 'app.local.', type: 6, TTL: 60, data: 'ns1.app.local. hostmaster.app.local. 1 7200 900 1209600 86400' }],
    });
  });

  it('renders REFUSED with no sections', () => {
    expect(json('example.com', 1)).toMatchObject({ Status: 5, Question: [{ name: 'example.com.', type: 1 }] });
    expect(json('example.com', 1).Answer).toBeUndefined();
  });
});
