/**
 * Issue 9 item 5: `cloudmap-dns inspect` (the real bin) on a throwaway
 * redis-server, and the redis-cli one-liners in scripts/.
 *
 * - The tree: namespaces, services, instances with health and the health
 *   checker's last check; `--keys`, `--json`, `--namespace`/`--service`.
 * - `--check`: no violation on state the store wrote; each deliberately
 *   broken key named with its rule, exit 1.
 * - `--follow`: events as they are written, `--from 0` replays, SIGINT
 *   stops it with exit 0.
 * - Memory state: the tree through a running server's API; `--check` and
 *   `--follow` say they need Redis.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCheckResults } from '../src/health/results.ts';
import { aNamespace, anInstance, anOperation, aService } from '../src/store/contract.ts';
import { RedisKeys } from '../src/store/redis/keys.ts';
import { RedisStore } from '../src/store/redis/redis-store.ts';
import { aws } from './support/aws-cli.ts';
import { type CliProcess, startBin } from './support/cli-process.ts';
import { until } from './support/redis-nodes.ts';
import { type RedisHandle, startRedis } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

const SCRIPTS = fileURLToPath(new URL('../scripts/', import.meta.url));

let redis: RedisHandle;
let admin: Redis;
let store: RedisStore;
const prefix = 'inspect-test:';
const keys = new RedisKeys(prefix);
const env = (): Record<string, string> => ({ REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: prefix });
const ns = aNamespace('shop.local', { id: 'ns-shop0000000000001' });
const api = aService(ns, 'api', { id: 'srv-api0000000000001', healthCheckConfig: { type: 'HTTP', resourcePath: '/health', failureThreshold: 2 } });
const web = aService(ns, 'web', { id: 'srv-web0000000000001', dnsRecords: [{ type: 'A', ttl: 30 }], routingPolicy: 'WEIGHTED' });

/** Runs the bin to completion; resolves with its exit code and output. */
async function run(args: string[], extraEnv: Record<string, string> = env()): Promise<{ code: number | null; out: string }> {
  const cli = startBin(['inspect', ...args], extraEnv);
  const { code } = await cli.exited(30_000);
  return { code, out: cli.output() };
}

/** Runs a script of scripts/ with REDIS_CLI and PREFIX set for the test server. */
function script(name: string, args: string[] = []): Promise<string> {
  const port = new URL(redis.url).port;
  return new Promise((resolve, reject) => {
    execFile('sh', [`${SCRIPTS}${name}`, ...args], { env: { ...process.env, REDIS_CLI: `redis-cli -p ${port}`, PREFIX: prefix } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${name}: ${stderr || error.message}`)) : resolve(stdout));
  });
}

beforeAll(async () => {
  redis = await startRedis({ throwaway: true });
  admin = new Redis(redis.url);
  store = new RedisStore({ url: redis.url, prefix });
  await store.createNamespace(ns, anOperation('CREATE_NAMESPACE', { NAMESPACE: ns.id }));
  await store.createService(api);
  await store.createService(web);
  const reg = (svc: typeof api, id: string, ip: string) => store.registerInstance(anInstance(svc, id, { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '8080' }), anOperation('REGISTER_INSTANCE', { SERVICE: svc.id, INSTANCE: id }));
  await reg(api, 'api-1', '10.1.0.1');
  await reg(api, 'api:2', '10.1.0.2');
  await reg(web, 'web-1', '10.2.0.1');
  await store.setInstanceHealth(api.id, 'api:2', 'UNHEALTHY', Date.now());
  await admin.set(keys.epoch, 'epoch-of-the-test');
  const results = new RedisCheckResults({ redis: admin, keys, retentionMs: 600_000 });
  results.checked({ serviceId: api.id, instanceId: 'api-1', target: 'http://10.1.0.1:8080/health', time: Date.now() - 3000, outcome: 'success', latencyMs: 4, detail: 'HTTP 200', lagMs: 1, consecutiveSuccesses: 5, consecutiveFailures: 0, checkedBy: 'host-a:42:abc' });
  await results.flush();
});
afterAll(async () => {
  await store?.close();
  admin?.disconnect();
  await redis?.stop();
});

describe('inspect on Redis state', () => {
  it('prints the tree with health and the last check; --keys adds each record\'s key', async () => {
    const { code, out } = await run(['--keys']);
    expect(code, out).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(`source ${redis.url} prefix ${prefix}  revision 7  epoch epoch-of-the-test`);
    expect(lines.slice(1)).toEqual([
      '',
      `namespace shop.local  ${ns.id}  DNS_PRIVATE  vpc-0abc  services 2  [${keys.namespace(ns.id)}]`,
      `  service api  ${api.id}  DNS_HTTP  MULTIVALUE  A:60,SRV:30  health-check HTTP /health x2  instances 2  [${keys.service(api.id)}]`,
      `    instance api-1  HEALTHY  AWS_INSTANCE_IPV4=10.1.0.1 AWS_INSTANCE_PORT=8080  [${keys.instance(api.id, 'api-1')}]`,
      expect.stringMatching(/^ {6}last check \d+ s ago {2}success {2}HTTP 200 {2}4 ms {2}http:\/\/10\.1\.0\.1:8080\/health {2}5 ok in a row {2}by host-a:42:abc$/),
      `    instance api:2  UNHEALTHY  AWS_INSTANCE_IPV4=10.1.0.2 AWS_INSTANCE_PORT=8080  [${keys.instance(api.id, 'api:2')}]`,
      `  service web  ${web.id}  DNS_HTTP  WEIGHTED  A:30  health-check HTTP /health x3  instances 1  [${keys.service(web.id)}]`,
      `    instance web-1  HEALTHY  AWS_INSTANCE_IPV4=10.2.0.1 AWS_INSTANCE_PORT=8080  [${keys.instance(web.id, 'web-1')}]`,
    ]);
  });

  it('--json, narrowed with --namespace and --service (names or ids)', async () => {
    const { code, out } = await run(['--json', '--namespace', 'SHOP.local', '--service', web.id]);
    expect(code, out).toBe(0);
    const state = JSON.parse(out);
    expect(state).toMatchObject({ revision: 7, epoch: 'epoch-of-the-test', namespaces: [{ id: ns.id }], services: [{ id: web.id }], instances: [{ id: 'web-1', healthStatus: 'HEALTHY' }] });
    const missing = await run(['--service', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('cloudmap-dns: --service "nope": no service has this name or id');
  });

  it('--check: no violations on what the store wrote (exit 0)', async () => {
    const { code, out } = await run(['--check']);
    expect(code, out).toBe(0);
    expect(out).toMatch(/^checked \d+ keys under inspect-test:\{cm\}: at revision 7: no violations$/m);
  });

  it('--check names each deliberately broken key and exits 1', async () => {
    const other = 'inspect-broken:';
    const b = new RedisKeys(other);
    const copy = new RedisStore({ url: redis.url, prefix: other });
    try {
      const n = aNamespace('broken.local');
      await copy.createNamespace(n, anOperation('CREATE_NAMESPACE', { NAMESPACE: n.id }));
      const s = aService(n, 'svc');
      await copy.createService(s);
      await copy.registerInstance(anInstance(s, 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1' }), anOperation('REGISTER_INSTANCE', {}));
      await admin.set(b.epoch, 'e');
      await admin.sadd(b.instancesOf(s.id), 'ghost'); // an index entry without its hash
      await admin.hset(b.namespaceNames, 'gone.local', 'ns-gone'); // a name pointing nowhere
      await admin.hset(b.instance(s.id, 'i-1'), 'healthStatus', 'SICK');
      await admin.set(b.revision, '2'); // below the last change event (3-0)
      await admin.set(`${other}{cm}:svc-instances`, 'x'); // no such kind
      await admin.hset(b.instancesJson(s.id), 'stray', JSON.stringify({ id: 'stray', serviceId: s.id })); // JSON of no instance
      const { code, out } = await run(['--check'], { REDIS_URL: redis.url, CLOUDMAP_REDIS_PREFIX: other });
      expect(code).toBe(1);
      const lines = out.split('\n');
      for (const expected of [
        `${b.instance(s.id, 'ghost')}: is missing, but ${b.instancesOf(s.id)} lists ghost [instance-index]`,
        `${b.namespaceNames}: maps "gone.local" to ns-gone, which does not exist [namespace-names]`,
        `${b.instance(s.id, 'i-1')}: has healthStatus "SICK", not HEALTHY, UNHEALTHY or UNKNOWN [health-status]`,
        `${b.revision}: is 2, but the last change event is 3-0 (every write sets the revision to its event's id) [revision-stream]`,
        `${b.service(s.id)}: has instancesRevision 3, above the revision 2 [instances-revision]`,
        `${other}{cm}:svc-instances: a key of no kind docs/redis-keys.md lists (written by hand or by another program?) [key-kind]`,
        `${b.instancesJson(s.id)}: holds stray, which is not in ${b.instancesOf(s.id)} [instances-json]`,
        `${b.instancesJson(s.id)}: holds i-1 with healthStatus "HEALTHY", but its instance hash has SICK [instances-json]`,
        `${b.instancesJson(s.id)}: does not hold ghost, though instancesJsonRevision says it holds every instance (a snapshot would miss it) [instances-json]`,
      ]) expect(lines).toContain(expected);
      expect(out).toContain('at revision 2: 9 violations');
      expect(out).toContain('cloudmap-dns: --check found 9 violations of docs/redis-keys.md');
    } finally {
      await copy.close();
    }
  });

  it('--follow prints events as they are written; --from 0 replays the stream; SIGINT stops it with exit 0', async () => {
    const live: CliProcess = startBin(['inspect', '--follow'], env());
    const deadline = Date.now() + 20_000;
    let revision = 7;
    // Write until the follower has started and printed one (it starts from the revision current when it connects).
    while (!live.output().includes('InstanceHealthChanged') && Date.now() < deadline) {
      const event = await store.setInstanceHealth(api.id, 'api-1', revision % 2 ? 'UNHEALTHY' : 'HEALTHY', Date.now());
      revision = event!.revision;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(live.output()).toMatch(new RegExp(`^\\d+-0  InstanceHealthChanged  ${api.id}/api-1  (UN)?HEALTHY$`, 'm'));
    live.child.kill('SIGINT');
    expect((await live.exited()).code).toBe(0);
    await store.setInstanceHealth(api.id, 'api-1', 'HEALTHY', Date.now());

    const replay = await run(['--follow', '--from', '0', '--count', '3']);
    expect(replay.code, replay.out).toBe(0);
    expect(replay.out.trimEnd().split('\n')).toEqual([
      `1-0  NamespaceUpserted  ${ns.id}  shop.local  DNS_PRIVATE`,
      `2-0  ServiceUpserted  ${api.id}  api  in ${ns.id}  A:60,SRV:30`,
      `3-0  ServiceUpserted  ${web.id}  web  in ${ns.id}  A:30`,
    ]);
  });
});

describe('scripts/ redis-cli one-liners', () => {
  it('redis-state.sh prints the same tree with redis-cli alone', async () => {
    const out = await script('redis-state.sh');
    expect(out).toContain(`namespace shop.local ${ns.id} DNS_PRIVATE`);
    expect(out).toContain(`  service api ${api.id} records A:60,SRV:30`);
    expect(out).toMatch(/ {4}instance api:2 UNHEALTHY AWS_INSTANCE_IPV4 10\.1\.0\.2 AWS_INSTANCE_PORT 8080/);
  });

  it('redis-find.sh resolves names to ids; redis-instance.sh shows one instance and its last check', async () => {
    expect(await script('redis-find.sh', ['Shop.Local', 'API'])).toBe(`namespace ${ns.id}\nservice ${api.id}\ninstance api-1\ninstance api:2\n`);
    const inst = await script('redis-instance.sh', [api.id, 'api-1']);
    expect(inst).toContain(`# ${keys.instance(api.id, 'api-1')}`);
    expect(inst).toContain('AWS_INSTANCE_IPV4 10.1.0.1');
    expect(inst).toContain('checkedBy host-a:42:abc');
  });

  it('redis-tail.sh prints an event written after it started', async () => {
    const port = new URL(redis.url).port;
    const child = spawn('sh', [`${SCRIPTS}redis-tail.sh`], { env: { ...process.env, REDIS_CLI: `redis-cli -p ${port}`, PREFIX: prefix }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise((r) => setTimeout(r, 500));
      const event = await store.setInstanceHealth(web.id, 'web-1', 'UNHEALTHY', Date.now());
      await until(() => out.includes(`"${event!.revision}-0"`), 'the event in the tail', 10_000);
      expect(out).toContain('"InstanceHealthChanged"');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('inspect with memory state', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reads the tree through the server\'s Cloud Map API', async () => {
    const created = await aws(server.httpPort, ['create-private-dns-namespace', '--name', 'mem.local', '--vpc', 'vpc-1']);
    const op = await aws(server.httpPort, ['get-operation', '--operation-id', created.json.OperationId]);
    const svc = await aws(server.httpPort, ['create-service', '--name', 'api', '--namespace-id', op.json.Operation.Targets.NAMESPACE, '--dns-config', 'DnsRecords=[{Type=A,TTL=30}]', '--health-check-custom-config', 'FailureThreshold=1']);
    await aws(server.httpPort, ['register-instance', '--service-id', svc.json.Service.Id, '--instance-id', 'm-1', '--attributes', 'AWS_INSTANCE_IPV4=10.3.0.1']);
    const { code, out } = await run(['--endpoint', `http://127.0.0.1:${server.httpPort}/`], {});
    expect(code, out).toBe(0);
    expect(out).toContain(`source api http://127.0.0.1:${server.httpPort}/`);
    expect(out).toContain(`  service api  ${svc.json.Service.Id}  DNS_HTTP  MULTIVALUE  A:30  health-check custom  instances 1`);
    expect(out).toMatch(/ {4}instance m-1 {2}HEALTHY {2}AWS_INSTANCE_IPV4=10\.3\.0\.1/);
  });

  it('--check and --follow say they need Redis state', async () => {
    for (const flag of ['--check', '--follow']) {
      const { code, out } = await run([flag, '--endpoint', `http://127.0.0.1:${server.httpPort}/`], {});
      expect(code).toBe(1);
      expect(out).toContain(`cloudmap-dns: ${flag} needs Redis state (--redis-url or REDIS_URL, --redis-sentinels or --redis-cluster-nodes)`);
    }
  });
});
