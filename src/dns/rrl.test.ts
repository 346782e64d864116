import { describe, expect, it } from 'vitest';
import { decode, fixtureView, query } from '../../test/support/dns-fixtures.ts';
import { createResolver } from './resolver.ts';
import { RrlAction, RrlClass, type RrlOptions, ResponseRateLimiter, truncatedResponse } from './rrl.ts';

const resolver = createResolver(fixtureView());
/** A real response of our resolver to `name`/`type` over UDP. */
const answer = (name: string, type: Parameters<typeof query>[1] = 'A'): Uint8Array => resolver.handle(query(name, type), { transport: 'udp' })!;

const positive = answer('backend.app.local');
const positiveAaaa = answer('backend.app.local', 'AAAA');
const nodata = answer('backend.app.local', 'TXT');
const nxdomain = answer('nope-1.app.local');
const refused = answer('example.com');

/** A limiter on a fake clock (`clock.t`, milliseconds). */
function limiter(options: Partial<RrlOptions> = {}) {
  const clock = { t: 1000 };
  const limited: [number, number][] = [];
  const rrl = new ResponseRateLimiter({ responsesPerSecond: 5, seed: 7, now: () => clock.t, onLimited: (a, c) => limited.push([a, c]), ...options });
  return { rrl, clock, limited };
}

/** Actions for `n` responses from `source` at the current time, as letters: s(end) d(rop) t(runcate). */
function run(rrl: ResponseRateLimiter, source: string, response: Uint8Array, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += 'sdt'[rrl.check(source, response)];
  return out;
}

describe('ResponseRateLimiter', () => {
  it('classifies our real responses: positive, NODATA, NXDOMAIN (SOA in authority), REFUSED', () => {
    expect([positive, nodata, nxdomain, refused].map((r) => decode(r).rcode)).toEqual(['NOERROR', 'NOERROR', 'NXDOMAIN', 'REFUSED']);
    const { rrl, limited } = limiter({ responsesPerSecond: 1 });
    for (const r of [positive, nodata, nxdomain, refused]) run(rrl, '192.0.2.1', r, 2);
    expect(limited).toEqual([[1, RrlClass.response], [1, RrlClass.nodata], [1, RrlClass.nxdomain], [1, RrlClass.error]]);
  });

  it('sends `rate` responses at once, then drops and slips every 2nd (slip 2, the default)', () => {
    const { rrl, limited } = limiter();
    expect(run(rrl, '192.0.2.1', positive, 11)).toBe('sssssdtdtdt');
    expect(limited.filter(([a]) => a === RrlAction.slip)).toHaveLength(3);
  });

  it('slip 0 drops every limited response, slip 1 truncates every one, slip 3 every third', () => {
    expect(run(limiter({ slip: 0 }).rrl, '192.0.2.1', positive, 9)).toBe('sssssdddd');
    expect(run(limiter({ slip: 1 }).rrl, '192.0.2.1', positive, 9)).toBe('ssssstttt');
    expect(run(limiter({ slip: 3 }).rrl, '192.0.2.1', positive, 11)).toBe('sssssddtddt');
  });

  it('credits `rate` per second, with at most one second of burst', () => {
    const { rrl, clock } = limiter({ responsesPerSecond: 4, slip: 0 });
    expect(run(rrl, '192.0.2.1', positive, 4)).toBe('ssss');
    clock.t += 500;
    expect(run(rrl, '192.0.2.1', positive, 3)).toBe('ssd');
    clock.t += 60_000;
    expect(run(rrl, '192.0.2.1', positive, 6)).toBe('ssssdd');
  });

  it('makes a flooding network pay back its excess: answered again only after about `window` seconds', () => {
    const { rrl, clock } = limiter({ responsesPerSecond: 10, windowSeconds: 5, slip: 0 });
    for (let s = 0; s < 10; s++, clock.t += 1000) run(rrl, '192.0.2.1', positive, 100);
    clock.t += 3900;
    expect(run(rrl, '192.0.2.1', positive, 1)).toBe('d');
    clock.t += 1500;
    expect(run(rrl, '192.0.2.1', positive, 1)).toBe('s');
  });

  it('shares an account within an IPv4 /24 and an IPv6 /56 (and ::ffff:IPv4 with IPv4); other networks are not affected', () => {
    const { rrl } = limiter({ slip: 0 });
    expect(run(rrl, '127.0.0.2', positive, 5)).toBe('sssss');
    expect(run(rrl, '127.0.0.77', positive, 1)).toBe('d');
    expect(run(rrl, '::ffff:127.0.0.9', positive, 1)).toBe('d');
    expect(run(rrl, '127.0.1.2', positive, 5)).toBe('sssss');
    expect(run(rrl, '2001:db8:0:100::1', positive, 6)).toBe('sssssd');
    expect(run(rrl, '2001:DB8:0:1ff:ffff::2%eth0', positive, 1)).toBe('d');
    expect(run(rrl, '2001:db8:0:200::1', positive, 5)).toBe('sssss');
    expect(run(rrl, '2001:db8::1:2:3:4', positive, 5)).toBe('sssss');
    expect(run(rrl, '::1', positive, 5)).toBe('sssss');
  });

  it('honours other prefix lengths (/32 and /128: one account per address)', () => {
    const { rrl } = limiter({ slip: 0, ipv4PrefixLength: 32, ipv6PrefixLength: 128 });
    expect(run(rrl, '127.0.0.2', positive, 6)).toBe('sssssd');
    expect(run(rrl, '127.0.0.3', positive, 5)).toBe('sssss');
    expect(run(rrl, 'fd00::1', positive, 6)).toBe('sssssd');
    expect(run(rrl, 'fd00::2', positive, 5)).toBe('sssss');
  });

  it('accounts positives per name and type, NXDOMAIN per zone (random subdomains share), errors per network alone', () => {
    const { rrl } = limiter({ slip: 0 });
    expect(run(rrl, '192.0.2.1', positive, 6)).toBe('sssssd');
    expect(run(rrl, '192.0.2.1', positiveAaaa, 5)).toBe('sssss');
    expect(run(rrl, '192.0.2.1', answer('BACKEND.App.Local'), 1)).toBe('d');
    expect(run(rrl, '192.0.2.1', answer('web.app.local', 'CNAME'), 5)).toBe('sssss');
    let nx = '';
    for (let i = 0; i < 7; i++) nx += run(rrl, '192.0.2.1', answer(`random-${i}.app.local`), 1);
    expect(nx).toBe('sssssdd');
    expect(run(rrl, '192.0.2.1', answer('random.pub.example'), 1)).toBe('s');
    let errors = run(rrl, '192.0.2.1', refused, 4);
    errors += run(rrl, '192.0.2.1', answer('other.example.org'), 2);
    expect(errors).toBe('sssssd');
  });

  it('gives each class its own rate, 0 leaving that class unlimited', () => {
    const { rrl } = limiter({ responsesPerSecond: 0, errorsPerSecond: 2, nxdomainsPerSecond: 0, slip: 0 });
    expect(run(rrl, '192.0.2.1', positive, 50)).toBe('s'.repeat(50));
    expect(run(rrl, '192.0.2.1', nxdomain, 50)).toBe('s'.repeat(50));
    expect(run(rrl, '192.0.2.1', nodata, 3)).toBe('sss');
    expect(run(rrl, '192.0.2.1', refused, 3)).toBe('ssd');
  });

  it('keeps a fixed table: spoofed sources evict old accounts instead of growing memory, and a busy flooder stays limited', () => {
    const { rrl, clock } = limiter({ tableSize: 16, slip: 0 });
    expect(rrl.tableSize).toBe(16);
    run(rrl, '198.51.100.1', positive, 5);
    for (let i = 0; i < 20_000; i++) {
      clock.t += 0.01;
      rrl.check(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, positive);
      if (i % 4 === 0) expect(rrl.check('198.51.100.1', positive)).toBe(RrlAction.drop);
    }
    expect(limiter({ tableSize: 100 }).rrl.tableSize).toBe(128);
  });

  it('reads the real clock once per event-loop turn by default, and again in the next turn', async () => {
    const rrl = new ResponseRateLimiter({ responsesPerSecond: 20, slip: 0 });
    expect(run(rrl, '192.0.2.1', positive, 21)).toBe(`${'s'.repeat(20)}d`);
    // 200 ms is 4 responses' worth at 20/s. It was 150 ms, exactly 3: a timer can fire a fraction of a
    // millisecond early by performance.now() (Node starts it from the loop's cached time), and then
    // only 2.99 had come back (it failed so once in a CI run).
    await new Promise((r) => setTimeout(r, 200));
    expect(run(rrl, '192.0.2.1', positive, 2)).toBe('ss');
    expect(run(rrl, '192.0.2.1', positive, 50)).toContain('d');
  });

  it('lets unreadable sources and responses through', () => {
    const { rrl } = limiter({ responsesPerSecond: 1, slip: 0 });
    for (const source of ['', 'localhost', '300.1.1.1', '1.2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1']) expect(run(rrl, source, positive, 3)).toBe('sss');
    expect(run(rrl, '192.0.2.1', new Uint8Array(5), 3)).toBe('sss');
  });

  it('rejects settings out of range with a RangeError naming the setting', () => {
    expect(() => new ResponseRateLimiter({ responsesPerSecond: -1 })).toThrow('RRL responsesPerSecond must be');
    expect(() => new ResponseRateLimiter({ responsesPerSecond: 1, slip: 11 })).toThrow('RRL slip must be');
    expect(() => new ResponseRateLimiter({ responsesPerSecond: 1, ipv4PrefixLength: 33 })).toThrow('IPv4 prefix length');
    expect(() => new ResponseRateLimiter({ responsesPerSecond: 1, windowSeconds: 0 })).toThrow('window');
  });
});

describe('truncatedResponse', () => {
  it('keeps the ID, flags and question, sets TC and empties the sections', () => {
    const big = answer('big.app.local');
    const slipped = decode(truncatedResponse(big));
    const original = decode(big);
    expect(slipped.id).toBe(original.id);
    expect(slipped.flag_tc).toBe(true);
    expect(slipped.flag_aa).toBe(original.flag_aa);
    expect(slipped.questions).toEqual(original.questions);
    expect([slipped.answers, slipped.authorities, slipped.additionals].map((s) => s?.length ?? 0)).toEqual([0, 0, 0]);
    expect(decode(truncatedResponse(refused)).rcode).toBe('REFUSED');
  });

  it('keeps the header alone when the question cannot be read', () => {
    const header = Uint8Array.of(0x12, 0x34, 0x81, 0x01, 0, 1, 0, 0, 0, 0, 0, 0, 70);
    const out = truncatedResponse(header);
    expect([...out]).toEqual([0x12, 0x34, 0x83, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
