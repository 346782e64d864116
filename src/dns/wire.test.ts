import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { fixtureView, query } from '../../test/support/dns-fixtures.ts';
import { createResolver } from './resolver.ts';
import { responseCacheTtl, responseSizeLimit } from './wire.ts';

describe('responseSizeLimit (RFC 1035 §4.2.1, RFC 6891 §6.2.5)', () => {
  it.each([
    ['udp', undefined, 512],
    ['udp', 100, 512],
    ['udp', 512, 512],
    ['udp', 1000, 1000],
    ['udp', 1232, 1232],
    ['udp', 4096, 1232],
    ['tcp', undefined, 65535],
    ['tcp', 4096, 65535],
    ['doh', undefined, 65535],
    ['grpc', 512, 65535],
  ] as const)('%s with EDNS size %s → %i bytes', (transport, edns, limit) => {
    expect(responseSizeLimit(transport, edns, 1232)).toBe(limit);
  });

  it('never goes below 512 even if configured lower', () => {
    expect(responseSizeLimit('udp', 4096, 100)).toBe(512);
  });
});

describe('responseCacheTtl (RFC 8484 §5.1)', () => {
  const resolver = createResolver(fixtureView());
  const ttl = (name: string, type: Parameters<typeof query>[1]): number | undefined => responseCacheTtl(resolver.handle(query(name, type), { transport: 'doh' })!);

  it('is the smallest answer TTL', () => {
    expect(ttl('backend.app.local', 'A')).toBe(30);
    expect(ttl('backend.app.local', 'SRV')).toBe(20);
    expect(ttl('web.app.local', 'A')).toBe(300);
  });

  it('is the SOA TTL of negative answers', () => {
    expect(ttl('nope.app.local', 'A')).toBe(60);
    expect(ttl('backend.app.local', 'TXT')).toBe(60);
    expect(ttl('nope.pub.example', 'A')).toBe(15);
  });

  it('is min(SOA TTL, SOA MINIMUM) for a negative answer whose SOA TTL is the larger (RFC 2308 §5)', () => {
    const msg = new Uint8Array(
      dnsPacket.encode({
        type: 'response',
        questions: [{ name: 'x.example', type: 'A' }],
        authorities: [{ name: 'example', type: 'SOA', ttl: 3600, data: { mname: 'ns.example', rname: 'h.example', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 30 } }],
      }),
    );
    expect(responseCacheTtl(msg)).toBe(30);
  });

  it('is undefined without records', () => {
    expect(ttl('example.com', 'A')).toBeUndefined();
    expect(responseCacheTtl(new Uint8Array(5))).toBeUndefined();
  });
});
