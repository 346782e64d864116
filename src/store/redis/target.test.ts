import { describe, expect, it } from 'vitest';
import { describeRedisTarget, parseHostPorts, resolveRedisTarget } from './target.ts';

describe('resolveRedisTarget', () => {
  it('no Redis flag or variable: memory state', () => {
    expect(resolveRedisTarget({}, {})).toBeUndefined();
    expect(resolveRedisTarget({}, { REDIS_URL: '' })).toBeUndefined();
  });

  it('a URL: one server, with an ACL user and password (percent-decoded), db and TLS from the scheme', () => {
    expect(resolveRedisTarget({}, { REDIS_URL: 'rediss://app:p%40ss%3Aw@redis.example:6380/2' })).toEqual({
      mode: 'standalone', url: 'rediss://app:p%40ss%3Aw@redis.example:6380/2', host: 'redis.example', port: 6380,
      username: 'app', password: 'p@ss:w', db: 2, tls: {},
    });
    expect(resolveRedisTarget({ redisUrl: 'redis://[::1]' }, {})).toMatchObject({ host: '::1', port: 6379, db: 0 });
    expect(resolveRedisTarget({ redisUrl: 'redis://h' }, {})).not.toHaveProperty('tls');
  });

  it('Sentinel: addresses from the flag, credentials and db from the URL, Sentinel credentials from the environment', () => {
    const target = resolveRedisTarget(
      { redisSentinels: '10.0.0.1:26379, 10.0.0.2:26379', redisMasterName: 'mymaster', redisUrl: 'redis://:pw@ignored/3' },
      { CLOUDMAP_REDIS_SENTINEL_PASSWORD: 'spw' },
    );
    expect(target).toMatchObject({
      mode: 'sentinel', masterName: 'mymaster', password: 'pw', db: 3, sentinelPassword: 'spw',
      sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: '10.0.0.2', port: 26379 }],
    });
    expect(describeRedisTarget(target!)).toBe('sentinel master "mymaster" via 10.0.0.1:26379,10.0.0.2:26379 (db 3)');
    expect(resolveRedisTarget({}, { CLOUDMAP_REDIS_SENTINELS: 's:1', CLOUDMAP_REDIS_MASTER_NAME: 'm' })).toMatchObject({ mode: 'sentinel', db: 0 });
  });

  it('Cluster: seed nodes from the flag; TLS from a CA file alone', () => {
    const target = resolveRedisTarget({ redisClusterNodes: 'n1:7000,[fd00::1]:7001', redisTlsCa: '/ca.pem' }, {});
    expect(target).toMatchObject({ mode: 'cluster', db: 0, tls: { caFile: '/ca.pem' }, nodes: [{ host: 'n1', port: 7000 }, { host: 'fd00::1', port: 7001 }] });
    expect(describeRedisTarget(target!)).toBe('cluster via n1:7000,[fd00::1]:7001 (TLS)');
  });

  it.each([
    [{ redisMasterName: 'm' }, '--redis-master-name needs --redis-sentinels'],
    [{ redisSentinels: 'a:1' }, '--redis-sentinels needs --redis-master-name'],
    [{ redisSentinels: 'a:1', redisMasterName: 'm', redisClusterNodes: 'b:2' }, 'exclude each other'],
    [{ redisClusterNodes: 'b:2', redisUrl: 'redis://x/1' }, 'a Redis Cluster has only database 0'],
    [{ redisClusterNodes: 'b' }, '"b" is not host:port'],
    [{ redisSentinels: 'a:70000', redisMasterName: 'm' }, '"a:70000" is not host:port'],
    [{ redisTlsCa: '/ca.pem' }, 'need Redis state'],
    [{ redisUrl: 'redis://x', redisTlsCa: '/ca.pem' }, 'use rediss:// for TLS'],
    [{ redisUrl: 'rediss://x', redisTlsCert: '/c.pem' }, '--redis-tls-cert and --redis-tls-key go together'],
    [{ redisUrl: 'http://x' }, 'has scheme http'],
  ])('refuses %j', (flags, message) => {
    expect(() => resolveRedisTarget(flags, {})).toThrow(message);
  });

  it('redacts the password in descriptions', () => {
    expect(describeRedisTarget(resolveRedisTarget({ redisUrl: 'redis://u:secret@h:1' }, {})!)).toBe('redis://u:***@h:1');
  });
});

describe('parseHostPorts', () => {
  it('accepts names, IPv4 and bracketed IPv6', () => {
    expect(parseHostPorts('a:1,127.0.0.1:2,[::1]:3', '--x')).toEqual([{ host: 'a', port: 1 }, { host: '127.0.0.1', port: 2 }, { host: '::1', port: 3 }]);
  });
  it('refuses an empty list', () => {
    expect(() => parseHostPorts(' , ', '--x')).toThrow('--x needs at least one host:port');
  });
});
