/**
 * Issue 10 item 6: Redis with an ACL user and TLS (`rediss://`, a CA file,
 * a client certificate), on a real redis-server 7 with only a TLS port,
 * client certificates required, the `default` user off and user `cloudmap`
 * restricted to the keys of its prefix and the command categories
 * docs/redis-keys.md recommends.
 *
 * - The whole Store contract runs through that user over TLS: every script
 *   and every read works within the ACL (Redis 7 checks the keys a script
 *   touches too).
 * - The real bin serves the aws CLI and dig from it.
 * - Wrong password, an untrusted server certificate, a missing client
 *   certificate, keys outside the ACL and a TLS file with `redis://` each
 *   fail the start at once with one line naming the cause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../src/store/contract.ts';
import { createRedisClient } from '../src/store/redis/connection.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import { type RedisTarget, resolveRedisTarget } from '../src/store/redis/target.ts';
import { aws } from './support/aws-cli.ts';
import { startBin } from './support/cli-process.ts';
import { dig } from './support/dig-cli.ts';
import { uniquePrefix } from './support/redis-server.ts';
import { startTlsRedis, type TlsRedis } from './support/redis-tls.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { makeTestCertificate } from './support/tls-cert.ts';

/** Every key the ACL user may touch starts with this. */
const ALLOWED = 'cmacl-';

let redis: TlsRedis;
beforeAll(async () => {
  redis = await startTlsRedis(`${ALLOWED}*`);
});
afterAll(async () => {
  await redis?.stop();
});

const url = (password = redis.password): string => `rediss://${redis.user}:${encodeURIComponent(password)}@127.0.0.1:${redis.port}`;
const tlsFlags = (): string[] => ['--redis-tls-ca', redis.pki.caFile, '--redis-tls-cert', redis.clientCertFile, '--redis-tls-key', redis.clientKeyFile];
const target = (): RedisTarget =>
  resolveRedisTarget({ redisUrl: url(), redisTlsCa: redis.pki.caFile, redisTlsCert: redis.clientCertFile, redisTlsKey: redis.clientKeyFile }, {})!;

/** SCAN + UNLINK of a prefix through the ACL user. */
async function deleteKeys(prefix: string): Promise<void> {
  const client = createRedisClient(target(), { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

describeStoreContract('RedisStore over TLS as an ACL user', async (options = {}) => {
  const prefix = `${ALLOWED}${uniquePrefix()}`;
  const store = new RedisStore({
    target: target(), prefix, blockMs: 500,
    ...(options.eventLogSize !== undefined && { streamMaxLength: options.eventLogSize, streamTrim: 'exact' as const }),
    ...(options.maxOperations !== undefined && { maxOperations: options.maxOperations }),
  });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await deleteKeys(prefix);
    },
  };
});

describe('serve on Redis with TLS and an ACL user', () => {
  let server: ServerProcess;
  afterAll(async () => {
    await server?.stop();
  });

  it('starts (the start line names the URL without its password), answers the aws CLI and dig', async () => {
    const prefix = `${ALLOWED}serve:`;
    server = await startServerProcess([...tlsFlags(), '--redis-prefix', prefix], { REDIS_URL: url() });
    const start = server.output().split('\n').find((l) => l.includes('cloudmap-dns starting'))!;
    expect(JSON.parse(start)).toMatchObject({ state: 'redis', redis: `rediss://${redis.user}:***@127.0.0.1:${redis.port}` });
    expect(server.output()).not.toContain(encodeURIComponent(redis.password));
    const created = await aws(server.httpPort, ['create-private-dns-namespace', '--name', 'tls.local', '--vpc', 'vpc-1']);
    expect(created.code, created.stderr).toBe(0);
    const op = await aws(server.httpPort, ['get-operation', '--operation-id', created.json.OperationId]);
    const svc = await aws(server.httpPort, ['create-service', '--name', 'api', '--namespace-id', op.json.Operation.Targets.NAMESPACE, '--dns-config', 'DnsRecords=[{Type=A,TTL=30}]']);
    expect(svc.code, svc.stderr).toBe(0);
    const reg = await aws(server.httpPort, ['register-instance', '--service-id', svc.json.Service.Id, '--instance-id', 'i-1', '--attributes', 'AWS_INSTANCE_IPV4=10.9.0.1']);
    expect(reg.code, reg.stderr).toBe(0);
    const answer = await dig(server.dnsPort, ['api.tls.local', 'A']);
    expect(answer.answer.map((r) => r.data)).toEqual(['10.9.0.1']);
    await server.stop();
    await deleteKeys(prefix);
  });
});

describe('serve refuses a Redis it cannot use, at once and saying why', () => {
  const serve = ['serve', '--http-port', '0', '--dns-port', '0', '--grpc-port', '0', '--redis-connect-timeout', '20'];

  /** Runs the bin, expects exit 1 well before the 20 s timeout, and returns its one error line. */
  async function failure(args: string[], env: Record<string, string>): Promise<string> {
    const started = Date.now();
    const cli = startBin([...serve, ...args], env);
    const { code } = await cli.exited(30_000);
    expect(code, cli.output()).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(cli.output()).not.toContain('listening on');
    const lines = cli.output().split('\n').filter((line) => line.startsWith('cloudmap-dns:'));
    expect(lines, cli.output()).toHaveLength(1);
    return lines[0]!;
  }

  it('a wrong password: WRONGPASS, and the password is not printed', async () => {
    const line = await failure([...tlsFlags(), '--redis-prefix', `${ALLOWED}x:`], { REDIS_URL: url('not-the-password') });
    expect(line).toContain(`cannot use Redis at rediss://${redis.user}:***@127.0.0.1:${redis.port}: WRONGPASS`);
    expect(line).not.toContain('not-the-password');
  });

  it('a server certificate the CA did not sign', async () => {
    const other = makeTestCertificate();
    try {
      const line = await failure(['--redis-tls-ca', other.caFile, '--redis-tls-cert', redis.clientCertFile, '--redis-tls-key', redis.clientKeyFile, '--redis-prefix', `${ALLOWED}x:`], { REDIS_URL: url() });
      expect(line).toContain(': TLS: self-signed certificate in certificate chain (the Redis server certificate does not verify against --redis-tls-ca or the system CAs)');
    } finally {
      other.remove();
    }
  });

  it('no client certificate where the server requires one', async () => {
    const line = await failure(['--redis-tls-ca', redis.pki.caFile, '--redis-prefix', `${ALLOWED}x:`], { REDIS_URL: url() });
    expect(line).toContain(': TLS: the Redis server requires a client certificate (--redis-tls-cert and --redis-tls-key)');
  });

  it('keys outside what the ACL user may touch: NOPERM, naming the key pattern it needs', async () => {
    const line = await failure([...tlsFlags(), '--redis-prefix', 'cloudmap:'], { REDIS_URL: url() });
    expect(line).toContain('NOPERM');
    expect(line).toContain('"cloudmap:{cm}:*"');
  });

  it('a TLS file with a plain redis:// URL is a contradiction', async () => {
    const line = await failure(tlsFlags(), { REDIS_URL: `redis://127.0.0.1:${redis.port}` });
    expect(line).toContain('is plain redis:// but a --redis-tls-* file is given: use rediss:// for TLS');
  });
});
