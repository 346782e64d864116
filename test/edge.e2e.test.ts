/**
 * Issue 9 item 6: the edge-function entry under `deno serve` (the `deno`
 * devDependency), started as the README says, `npm run serve:edge -- --port
 * N` with REDIS_URL, beside a `serve` replica (Node) on the same throwaway
 * redis-server.
 *
 * - DoH GET and POST (RFC 8484, dig +http-plain-get / +http-plain) and the
 *   JSON form answer from Redis state; the Cloud Map API (aws CLI) writes
 *   through the edge and the write is in its DoH answers when it returns.
 * - A write through the `serve` replica reaches the edge's view through the
 *   change stream (no reload), and a write through the edge reaches the
 *   replica's UDP answers.
 * - No REDIS_URL: refused with one line; an unreachable Redis: 503
 *   ServiceUnavailable, then served once Redis answers.
 * - SIGTERM stops it and frees the port.
 */
import { execFileSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { type CliProcess, startCli } from './support/cli-process.ts';
import { dig } from './support/dig-cli.ts';
import { freePort } from './support/free-port.ts';
import { until } from './support/redis-nodes.ts';
import { type RedisHandle, startRedis } from './support/redis-server.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

/** `npm run serve:edge -- --port PORT` with `env`; resolves once deno serve listens. */
async function startEdge(port: number, env: Record<string, string>): Promise<CliProcess> {
  const edge = startCli('npm', ['run', '--silent', 'serve:edge', '--', '--port', String(port)], env);
  await until(() => edge.output().includes(`Listening on http://127.0.0.1:${port}/`) || edge.child.exitCode !== null, 'deno serve to listen', 30_000);
  if (edge.child.exitCode !== null) throw new Error(`serve:edge exited:\n${edge.output()}`);
  return edge;
}

/** TERM and wait; resolves with the exit code. */
async function stop(edge: CliProcess): Promise<number | null> {
  edge.child.kill('SIGTERM');
  return (await edge.exited(15_000)).code;
}

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('edge entry (deno serve) on Redis state', () => {
  let redis: RedisHandle;
  let replica: ServerProcess;
  let edge: CliProcess;
  let port: number;

  beforeAll(async () => {
    redis = await startRedis({ throwaway: true });
    replica = await startServerProcess([], { REDIS_URL: redis.url });
    port = await freePort();
    edge = await startEdge(port, { REDIS_URL: redis.url });
  });
  afterAll(async () => {
    edge?.kill();
    await replica?.stop();
    await redis?.stop();
  });

  it('takes Cloud Map API writes and answers them over DoH GET, POST and JSON at once', async () => {
    const created = await aws(port, ['create-private-dns-namespace', '--name', 'edge.local', '--vpc', 'vpc-1']);
    expect(created.code, created.stderr).toBe(0);
    const op = await aws(port, ['get-operation', '--operation-id', created.json.OperationId]);
    const svc = await aws(port, ['create-service', '--name', 'api', '--namespace-id', op.json.Operation.Targets.NAMESPACE, '--dns-config', 'DnsRecords=[{Type=A,TTL=30}]']);
    expect(svc.code, svc.stderr).toBe(0);
    const reg = await aws(port, ['register-instance', '--service-id', svc.json.Service.Id, '--instance-id', 'e-1', '--attributes', 'AWS_INSTANCE_IPV4=10.5.0.1']);
    expect(reg.code, reg.stderr).toBe(0);
    for (const mode of ['+http-plain-get', '+http-plain-post']) {
      const answer = await dig(port, [mode, 'api.edge.local', 'A']);
      expect({ mode, status: answer.status, data: answer.answer.map((r) => `${r.ttl} ${r.data}`) }).toEqual({ mode, status: 'NOERROR', data: ['30 10.5.0.1'] });
    }
    const json = await fetch(`http://127.0.0.1:${port}/dns-query?name=api.edge.local&type=A`, { headers: { accept: 'application/dns-json' } });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ Status: 0, Answer: [{ name: 'api.edge.local.', type: 1, TTL: 30, data: '10.5.0.1' }] });
    // the write through the edge is in the Node replica's UDP answers too
    await until(async () => (await dig(replica.dnsPort, ['api.edge.local', 'A'])).answer.length === 1, 'the edge write in the replica', 5000);
  });

  it('follows writes made by another replica through the change stream, without reloading', async () => {
    const ns = await aws(replica.httpPort, ['list-namespaces']);
    const nsId = ns.json.Namespaces.find((n: { Name: string }) => n.Name === 'edge.local').Id;
    const svc = await aws(replica.httpPort, ['create-service', '--name', 'web', '--namespace-id', nsId, '--dns-config', 'DnsRecords=[{Type=A,TTL=10}]']);
    await aws(replica.httpPort, ['register-instance', '--service-id', svc.json.Service.Id, '--instance-id', 'w-1', '--attributes', 'AWS_INSTANCE_IPV4=10.5.1.1']);
    await until(async () => (await dig(port, ['+http-plain-get', 'web.edge.local', 'A'])).answer.length === 1, 'the replica write in the edge view', 5000);
    expect(edge.output()).toContain('edge isolate: view loaded, following the change stream');
    expect(edge.output()).not.toContain('reloading the view');
  });

  it('stops on SIGTERM (exit 0), frees its port and leaves no deno process', async () => {
    expect(await stop(edge)).toBe(0);
    expect(await portOpen(port)).toBe(false);
    const left = (): string[] => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('deno serve') && l.includes(`--port ${port} `));
    await until(() => left().length === 0, `no deno serve --port ${port} left`, 5000);
  });
});

describe('edge entry without usable Redis', () => {
  it('refuses to start without REDIS_URL, saying why', async () => {
    const edge = startCli('npm', ['run', '--silent', 'serve:edge', '--', '--port', '0'], {});
    const { code } = await edge.exited(30_000);
    expect(code).toBe(1);
    expect(edge.output()).toContain('serve:edge: the edge entry needs Redis state: set REDIS_URL');
  });

  it('answers 503 ServiceUnavailable while Redis is unreachable, and serves once it answers', async () => {
    const redis = await startRedis({ throwaway: true });
    await redis.kill();
    const port = await freePort();
    const edge = await startEdge(port, { REDIS_URL: redis.url });
    try {
      const call = () => fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Route53AutoNaming_v20170314.ListNamespaces' }, body: '{}' });
      const down = await call();
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ __type: 'ServiceUnavailable' });
      await redis.start();
      const up = await call();
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ Namespaces: [] });
    } finally {
      expect(await stop(edge)).toBe(0);
      await redis.stop();
    }
  });
});
