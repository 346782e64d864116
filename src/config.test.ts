import { describe, expect, it } from 'vitest';
import { resolveServeConfig } from './config.ts';

describe('resolveServeConfig', () => {
  it('uses the documented defaults with no flags and no environment', () => {
    expect(resolveServeConfig({}, {})).toEqual({
      host: '127.0.0.1',
      httpPort: 8053,
      dnsPort: 1053,
      listeners: [
        { kind: 'http', host: '127.0.0.1', port: 8053, maxConnections: 1000 },
        { kind: 'dns', host: '127.0.0.1', port: 1053, maxConnections: 1000, idleTimeoutMs: 10000 },
        { kind: 'grpc', host: '127.0.0.1', port: 8054, maxConnections: 1000 },
      ],
      redisPrefix: 'cloudmap:',
      redisConnectTimeoutMs: 10_000,
      region: 'us-east-1',
      accountId: '123456789012',
      logLevel: 'info',
      anyResponse: 'minimal',
      auth: 'open',
      healthChecks: true,
      healthCheckIntervalMs: 30_000,
      healthCheckConcurrency: 64,
      awsStrict: false,
    });
  });

  it('reads the health check flags: interval in seconds (flag over CLOUDMAP_HEALTH_CHECK_INTERVAL), concurrency, --no-health-checks, --aws-strict', () => {
    expect(resolveServeConfig({ healthCheckInterval: '1' }, { CLOUDMAP_HEALTH_CHECK_INTERVAL: '10' }).healthCheckIntervalMs).toBe(1000);
    expect(resolveServeConfig({}, { CLOUDMAP_HEALTH_CHECK_INTERVAL: '0.5' }).healthCheckIntervalMs).toBe(500);
    expect(resolveServeConfig({ healthCheckConcurrency: '8', healthChecks: false, awsStrict: true }, {})).toMatchObject({
      healthCheckConcurrency: 8, healthChecks: false, awsStrict: true,
    });
    expect(() => resolveServeConfig({ healthCheckInterval: '0' }, {})).toThrow('--health-check-interval must be a number of seconds above 0, got "0"');
    expect(() => resolveServeConfig({ healthCheckConcurrency: '0' }, {})).toThrow('--health-check-concurrency must be a whole number from 1 to 10000, got "0"');
  });

  it('selects Redis from REDIS_URL and lets flags win over the environment', () => {
    const config = resolveServeConfig(
      { httpPort: '0', region: 'eu-west-1' },
      { REDIS_URL: 'redis://127.0.0.1:6390', AWS_REGION: 'us-west-2', CLOUDMAP_ACCOUNT_ID: '000000000000' },
    );
    expect(config).toMatchObject({ httpPort: 0, region: 'eu-west-1', redisUrl: 'redis://127.0.0.1:6390', accountId: '000000000000' });
  });

  it('reads --redis-connect-timeout in seconds (decimals allowed), flag over CLOUDMAP_REDIS_CONNECT_TIMEOUT', () => {
    expect(resolveServeConfig({ redisConnectTimeout: '2.5' }, { CLOUDMAP_REDIS_CONNECT_TIMEOUT: '30' }).redisConnectTimeoutMs).toBe(2500);
    expect(resolveServeConfig({}, { CLOUDMAP_REDIS_CONNECT_TIMEOUT: '30' }).redisConnectTimeoutMs).toBe(30_000);
  });

  it('treats an empty REDIS_URL as unset (memory store)', () => {
    expect(resolveServeConfig({}, { REDIS_URL: '' }).redisUrl).toBeUndefined();
  });

  it.each([
    [{ httpPort: '70000' }, '--http-port must be a port number'],
    [{ dnsPort: 'dns' }, '--dns-port must be a port number'],
    [{ accountId: '123' }, '--account-id must be 12 digits'],
    [{ anyResponse: 'some' }, '--any-response must be minimal or full'],
    [{ redisConnectTimeout: '0' }, '--redis-connect-timeout must be a number of seconds above 0'],
    [{ redisConnectTimeout: '10s' }, '--redis-connect-timeout must be a number of seconds above 0'],
  ])('rejects bad flags %j', (flags, message) => {
    expect(() => resolveServeConfig(flags, {})).toThrow(message);
  });

  it('takes --auth sigv4 only with --credentials, from flags or the environment', () => {
    expect(resolveServeConfig({ auth: 'sigv4', credentials: '/etc/keys' }, {})).toMatchObject({ auth: 'sigv4', credentialsFile: '/etc/keys' });
    expect(resolveServeConfig({}, { CLOUDMAP_AUTH: 'sigv4', CLOUDMAP_CREDENTIALS_FILE: '/k' })).toMatchObject({ auth: 'sigv4', credentialsFile: '/k' });
    expect(() => resolveServeConfig({ auth: 'sigv4' }, {})).toThrow(/--credentials FILE/);
    expect(() => resolveServeConfig({ auth: 'none' }, {})).toThrow(/--auth must be open or sigv4/);
  });
});
