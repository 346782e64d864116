/**
 * The walkthrough with Redis state (a throwaway redis-server, or REDIS_URL
 * with a unique prefix), then: what `redis-cli --scan` shows matches
 * docs/redis-keys.md, and two server processes on one Redis answer each
 * other's registrations in DNS within 1 s.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { dig, waitUntil } from './support/dig-cli.ts';
import { deleteKeys, type RedisHandle, startRedis, uniquePrefix } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { describeWalkthrough } from './walkthrough.ts';

let redis: RedisHandle;
const prefix = uniquePrefix();
const redisEnv = (): Record<string, string> => ({ REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: prefix });

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await deleteKeys(redis.url, prefix);
  await redis.stop();
});

describeWalkthrough('Redis state', () => startServerProcess([], redisEnv()));

/** Key patterns from the table in docs/redis-keys.md: `ns:NSID` → /^ns:.+$/. */
function documentedKeyPatterns(): { doc: string; pattern: RegExp }[] {
  const doc = readFileSync(new URL('../docs/redis-keys.md', import.meta.url), 'utf8');
  const table = doc.slice(doc.indexOf('| Key ('), doc.indexOf('\n\n', doc.indexOf('| Key (')));
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => {
    const key = m[1]!;
    const source = key.split(/[A-Z]{2,}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
    return { doc: key, pattern: new RegExp(`^${source}$`) };
  });
}

describe('docs/redis-keys.md matches redis-cli --scan after the walkthrough', () => {
  it('documents every key that exists, and every documented key kind exists (tags and service attributes: none were given)', () => {
    const scanned = execFileSync('redis-cli', ['-u', redis.url, '--scan', '--pattern', `${prefix}*`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((key) => {
        expect(key.startsWith(`${prefix}{cm}:`), key).toBe(true);
        return key.slice(`${prefix}{cm}:`.length);
      });
    const patterns = documentedKeyPatterns();
    expect(patterns.length).toBeGreaterThanOrEqual(14);
    const undocumented = scanned.filter((key) => !patterns.some((p) => p.pattern.test(key)));
    expect(undocumented).toEqual([]);
    const unseen = patterns.filter((p) => !scanned.some((key) => p.pattern.test(key))).map((p) => p.doc);
    expect(unseen).toEqual(['svc-attrs:SRVID', 'tags:ARN']);
  });

  it('stores records as hashes of plain fields readable with redis-cli', () => {
    const keys = execFileSync('redis-cli', ['-u', redis.url, '--scan', '--pattern', `${prefix}{cm}:inst-attrs:*`], { encoding: 'utf8' }).trim().split('\n');
    expect(keys).toHaveLength(1);
    const fields = execFileSync('redis-cli', ['-u', redis.url, 'HGETALL', keys[0]!], { encoding: 'utf8' }).trim().split('\n');
    expect(fields).toEqual(['AWS_INSTANCE_IPV4', '10.42.1.6', 'AWS_INSTANCE_PORT', '8080']);
  });
});

describe('two server processes on one Redis', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    [a, b] = await Promise.all([startServerProcess([], redisEnv()), startServerProcess([], redisEnv())]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('answers in B’s DNS, within 1 s, an instance registered through A', async () => {
    const ns = await aws(a.httpPort, ['create-private-dns-namespace', '--name', 'replicas.local', '--vpc', 'vpc-1']);
    expect(ns.code, ns.stderr).toBe(0);
    const op = await aws(a.httpPort, ['get-operation', '--operation-id', ns.json.OperationId]);
    const svc = await aws(a.httpPort, [
      'create-service', '--name', 'web', '--namespace-id', op.json.Operation.Targets.NAMESPACE,
      '--dns-config', 'DnsRecords=[{Type=A,TTL=10}]',
    ]);
    expect(svc.code, svc.stderr).toBe(0);
    const reg = await aws(a.httpPort, ['register-instance', '--service-id', svc.json.Service.Id, '--instance-id', 'web-1', '--attributes', 'AWS_INSTANCE_IPV4=10.9.9.9']);
    expect(reg.code, reg.stderr).toBe(0);
    await waitUntil(async () => {
      const answer = await dig(b.dnsPort, ['web.replicas.local', 'A']);
      return answer.answer.some((r) => r.data === '10.9.9.9');
    }, 1_000);
    // And B's API sees it too (it reads Redis).
    const got = await aws(b.httpPort, ['get-instance', '--service-id', svc.json.Service.Id, '--instance-id', 'web-1']);
    expect(got.json.Instance.Attributes.AWS_INSTANCE_IPV4).toBe('10.9.9.9');
  });
});
