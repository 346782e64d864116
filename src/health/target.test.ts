import { describe, expect, it } from 'vitest';
import type { Instance, Service } from '../model/types.ts';
import { MinHeap } from './heap.ts';
import { checkTarget, HEALTH_SHARDS, isActivelyChecked, shardOf } from './target.ts';
import { countOutcome, type Counters } from './thresholds.ts';

const service = (hc: Service['healthCheckConfig'], custom = false): Service =>
  ({ id: 'srv-a', healthCheckConfig: hc, ...(custom && { healthCheckCustom: true }) }) as Service;
const instance = (attributes: Record<string, string>): Instance => ({ id: 'i-1', attributes }) as unknown as Instance;

describe('checkTarget (HealthCheckConfig + instance attributes)', () => {
  it.each([
    ['HTTP, ResourcePath, IPv4 + port', { type: 'HTTP', resourcePath: '/health' }, { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_PORT: '8080' }, 'http://10.0.0.1:8080/health', 3, undefined],
    ['HTTP default path / and port 80', { type: 'HTTP' }, { AWS_INSTANCE_IPV4: '10.0.0.1' }, 'http://10.0.0.1:80/', 3, undefined],
    ['HTTPS default port 443, path without slash', { type: 'HTTPS', resourcePath: 'ping', failureThreshold: 1 }, { AWS_INSTANCE_IPV4: '10.0.0.1' }, 'https://10.0.0.1:443/ping', 1, undefined],
    ['A and AAAA: the IPv4 address is checked', { type: 'TCP', failureThreshold: 10 }, { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_IPV6: 'fd00::1', AWS_INSTANCE_PORT: '5432' }, 'tcp://10.0.0.1:5432', 10, undefined],
    ['IPv6 only', { type: 'HTTP' }, { AWS_INSTANCE_IPV6: 'fd00::1', AWS_INSTANCE_PORT: '80' }, 'http://[fd00::1]:80/', 3, undefined],
    ['no address', { type: 'HTTP' }, { AWS_INSTANCE_PORT: '80' }, 'http://(no address):80/', 3, 'instance has no AWS_INSTANCE_IPV4 or AWS_INSTANCE_IPV6 attribute to check'],
    ['TCP without port', { type: 'TCP' }, { AWS_INSTANCE_IPV4: '10.0.0.1' }, 'tcp://10.0.0.1:0', 3, 'instance has no usable AWS_INSTANCE_PORT for a TCP check'],
  ] as const)('%s', (_name, hc, attributes, url, threshold, problem) => {
    const t = checkTarget(service(hc as Service['healthCheckConfig']), instance({ ...attributes }))!;
    expect([t.url, t.threshold, t.problem]).toEqual([url, threshold, problem]);
  });

  it('gives no check to services without HealthCheckConfig, custom health services, and alias instances', () => {
    expect(checkTarget(service(undefined), instance({ AWS_INSTANCE_IPV4: '10.0.0.1' }))).toBeUndefined();
    expect(isActivelyChecked(service({ type: 'HTTP' }, true))).toBe(false);
    expect(checkTarget(service({ type: 'HTTP' }, true), instance({ AWS_INSTANCE_IPV4: '10.0.0.1' }))).toBeUndefined();
    expect(checkTarget(service({ type: 'HTTP' }), instance({ AWS_ALIAS_DNS_NAME: 'lb.example.com' }))).toBeUndefined();
  });
});

describe('shardOf', () => {
  it('is stable and spreads instances over every shard', () => {
    expect(shardOf('srv-a', 'i-1')).toBe(shardOf('srv-a', 'i-1'));
    const counts = new Array(HEALTH_SHARDS).fill(0);
    for (let i = 0; i < 32_000; i++) counts[shardOf('srv-p5zdwlg5uvvzjita', `i-${i}`)]++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });
});

describe('countOutcome (FailureThreshold)', () => {
  it('changes the status after threshold consecutive failures, and back after as many successes', () => {
    const c: Counters = { successes: 0, failures: 0 };
    const run = (status: 'HEALTHY' | 'UNHEALTHY', outcomes: boolean[]) => outcomes.map((ok) => countOutcome(c, status, ok, 3));
    expect(run('HEALTHY', [false, false, true, false, false])).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(run('HEALTHY', [false])).toEqual(['UNHEALTHY']);
    expect(c).toEqual({ successes: 0, failures: 3 });
    expect(run('UNHEALTHY', [false, true, true, false, true, true])).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(run('UNHEALTHY', [true])).toEqual(['HEALTHY']);
  });

  it('with threshold 1 follows every check; UNKNOWN changes either way', () => {
    expect(countOutcome({ successes: 0, failures: 0 }, 'HEALTHY', false, 1)).toBe('UNHEALTHY');
    expect(countOutcome({ successes: 0, failures: 0 }, 'HEALTHY', true, 1)).toBeUndefined();
    expect(countOutcome({ successes: 0, failures: 0 }, 'UNKNOWN', true, 1)).toBe('HEALTHY');
  });
});

describe('MinHeap', () => {
  it('pops in due order', () => {
    const heap = new MinHeap<{ due: number }>();
    const dues = Array.from({ length: 1000 }, () => Math.random() * 1000);
    for (const due of dues) heap.push({ due });
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop()!.due);
    expect(out).toEqual([...dues].sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
  });
});
