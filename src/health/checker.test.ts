/**
 * The health checker in one process (memory state, every shard): real
 * servers on loopback flap, the use-case layer writes the status, the view
 * follows. Intervals of 100 ms keep it fast.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FlappingServer, startFlappingServer } from '../../test/support/flapping-server.ts';
import type { Logger } from '../log.ts';
import type { HealthCheckConfig } from '../model/types.ts';
import { createNamespace, createService, type OpsDeps, registerInstance } from '../ops/index.ts';
import { deregisterInstance } from '../ops/instances.ts';
import { updateService } from '../ops/services.ts';
import { MemoryStore } from '../store/memory/memory-store.ts';
import { ViewFollower } from '../view/follower.ts';
import type { CheckReport } from './observer.ts';
import { type HealthRole, startHealthRole } from './role.ts';

const INTERVAL = 100;
/** Wait limit for a transition: generous, the bound itself is asserted end to end (test/health-suite.ts). */
const SOON = 3000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Harness {
  ops: OpsDeps;
  follower: ViewFollower;
  role: HealthRole;
  logs: { level: string; fields: Record<string, unknown>; msg: string }[];
  status(serviceId: string, instanceId: string): string | undefined;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function harness(concurrency = 64): Promise<Harness> {
  const store = new MemoryStore();
  const follower = new ViewFollower(store);
  await follower.start();
  const ops: OpsDeps = { store, region: 'us-east-1', accountId: '123456789012', awaitRevision: async (r) => void (await follower.waitFor(r)) };
  const logs: Harness['logs'] = [];
  const log = (level: string) => (fields: object | string, msg?: string) => {
    logs.push(typeof fields === 'string' ? { level, fields: {}, msg: fields } : { level, fields: fields as Record<string, unknown>, msg: msg ?? '' });
  };
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } as Logger;
  const role = startHealthRole({ follower, ops, intervalMs: INTERVAL, concurrency, logger });
  cleanups.push(async () => {
    await role.close();
    await follower.stop();
  });
  const status = (s: string, i: string) => follower.view.services.get(s)?.instances.get(i)?.healthStatus;
  return { ops, follower, role, logs, status };
}

async function server(kind: 'http' | 'tcp' = 'http', delayMs = 0): Promise<FlappingServer> {
  const s = await startFlappingServer({ kind, delayMs });
  cleanups.push(() => s.close());
  return s;
}

async function serviceWith(h: Harness, hc: HealthCheckConfig | 'custom', name = 'backend'): Promise<string> {
  const { namespace } = await createNamespace(h.ops, { type: 'DNS_PRIVATE', name: `${name}.local`, vpc: 'vpc-1' });
  const svc = await createService(h.ops, {
    name, namespaceId: namespace!.id, dnsConfig: { dnsRecords: [{ type: 'A', ttl: 10 }] },
    ...(hc === 'custom' ? { healthCheckCustom: true } : { healthCheckConfig: hc }),
  });
  return svc.id;
}

const register = (h: Harness, serviceId: string, instanceId: string, port: number) =>
  registerInstance(h.ops, { serviceId, instanceId, attributes: { AWS_INSTANCE_IPV4: '127.0.0.1', AWS_INSTANCE_PORT: String(port) } });

async function until(probe: () => boolean, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (!probe()) {
    if (performance.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(5);
  }
  return performance.now() - start;
}

describe('HealthChecker (memory state)', () => {
  it('starts HEALTHY, turns UNHEALTHY after FailureThreshold failures and HEALTHY after as many successes, logging each transition', async () => {
    const h = await harness();
    const web = await server();
    const svc = await serviceWith(h, { type: 'HTTP', resourcePath: '/health', failureThreshold: 2 });
    await register(h, svc, 'web-1', web.port);
    expect(h.status(svc, 'web-1')).toBe('HEALTHY');
    await until(() => web.hits >= 2, 1000);
    expect(h.status(svc, 'web-1')).toBe('HEALTHY');

    await web.set('fail');
    await until(() => h.status(svc, 'web-1') === 'UNHEALTHY', SOON);
    await web.set('ok');
    await until(() => h.status(svc, 'web-1') === 'HEALTHY', SOON);
    const transitions = h.logs.filter((l) => l.fields.from !== undefined);
    expect(transitions.map((l) => [l.fields.instanceId, l.fields.service, l.fields.from, l.fields.to])).toEqual([
      ['web-1', 'backend', 'HEALTHY', 'UNHEALTHY'], ['web-1', 'backend', 'UNHEALTHY', 'HEALTHY'],
    ]);
    expect(transitions[0]!.fields.reason).toBe(`2 consecutive failures, last: HTTP 503 from http://127.0.0.1:${web.port}/health`);
    expect(transitions[0]!.msg).toContain('web-1 of service backend');

    const [last] = await h.role.inspector.lastChecks({ serviceId: svc });
    expect(last).toMatchObject<Partial<CheckReport>>({ instanceId: 'web-1', outcome: 'success', detail: 'HTTP 200', checkedBy: 'local', consecutiveFailures: 0 });
    expect(last!.time).toBeGreaterThan(Date.now() - 60_000); // epoch milliseconds, not seconds
    expect(last!.latencyMs).toBeGreaterThan(0);
  });

  it('never checks HealthCheckCustomConfig services or services without a health check', async () => {
    const h = await harness();
    const web = await server();
    const custom = await serviceWith(h, 'custom', 'custom');
    await register(h, custom, 'c-1', web.port);
    const { namespace } = await createNamespace(h.ops, { type: 'HTTP', name: 'plain' });
    const plain = await createService(h.ops, { name: 'plain', namespaceId: namespace!.id });
    await register(h, plain.id, 'p-1', web.port);
    await sleep(3 * INTERVAL);
    expect(web.hits).toBe(0);
    expect(h.role.checker.tracker.size).toBe(0);
  });

  it('keeps at most `concurrency` checks in flight and still checks every instance', async () => {
    const h = await harness(4);
    const slow = await server('http', 30);
    const svc = await serviceWith(h, { type: 'HTTP', resourcePath: '/health', failureThreshold: 1 });
    for (let i = 0; i < 40; i++) await register(h, svc, `i-${i}`, slow.port);
    await until(() => h.role.checker.lastChecks(svc).length === 40, 3000);
    expect(slow.maxOpen).toBeLessThanOrEqual(4);
    expect(slow.maxOpen).toBeGreaterThan(1);
    expect(h.role.checker.lastChecks(svc).every((r) => r.outcome === 'success')).toBe(true);
  });

  it('stops checking a deregistered instance, follows a re-registration to a new port, and checks TCP', async () => {
    const h = await harness();
    const a = await server('tcp');
    const b = await server('tcp');
    const svc = await serviceWith(h, { type: 'TCP', failureThreshold: 1 });
    await register(h, svc, 'db-1', a.port);
    await until(() => a.hits >= 1, 1000);
    await register(h, svc, 'db-1', b.port); // RegisterInstance again: a new health check of the new address
    await until(() => b.hits >= 2, 1000);
    const hitsOnA = a.hits;
    await b.set('down');
    await until(() => h.status(svc, 'db-1') === 'UNHEALTHY', SOON);
    await deregisterInstance(h.ops, { serviceId: svc, instanceId: 'db-1' });
    await b.set('ok');
    const hitsOnB = b.hits;
    await sleep(3 * INTERVAL);
    expect([a.hits, b.hits]).toEqual([hitsOnA, hitsOnB]);
    expect(h.role.checker.tracker.size).toBe(0);
  });

  it('stops checking when UpdateService removes the health check (statuses reset) and starts again when it is added', async () => {
    const h = await harness();
    const web = await server();
    const svc = await serviceWith(h, { type: 'HTTP', resourcePath: '/health', failureThreshold: 1 }, 'flip');
    await register(h, svc, 'w-1', web.port);
    await web.set('fail');
    await until(() => h.status(svc, 'w-1') === 'UNHEALTHY', SOON);
    await updateService(h.ops, { serviceId: svc, healthCheckConfig: null });
    expect(h.status(svc, 'w-1')).toBe('UNKNOWN');
    const hits = web.hits;
    await sleep(3 * INTERVAL);
    expect(web.hits).toBeLessThanOrEqual(hits + 1); // at most one check that was already in flight
    await updateService(h.ops, { serviceId: svc, healthCheckConfig: { type: 'HTTP', resourcePath: '/health', failureThreshold: 1 } });
    expect(h.status(svc, 'w-1')).toBe('HEALTHY');
    await until(() => h.status(svc, 'w-1') === 'UNHEALTHY', SOON);
  });
});
