import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DenseCounter, DenseHistogram, exponentialBuckets } from './dense.ts';

describe('dense metrics', () => {
  it('count per label combination and export only recorded cells, in prom-client\'s text format', async () => {
    const registry = new Registry();
    const c = new DenseCounter({ name: 'x_requests_total', help: 'Requests.', labelNames: ['transport', 'rcode'], labelValues: [['udp', 'tcp'], ['NOERROR', 'NXDOMAIN', 'REFUSED']], registry });
    expect(c.cells).toBe(6);
    c.inc(c.cell(1, 2));
    c.inc(c.cell(1, 2), 2);
    c.inc(c.cell(0, 0));
    expect(c.value(c.cell(1, 2))).toBe(3);
    expect(await registry.metrics()).toBe([
      '# HELP x_requests_total Requests.',
      '# TYPE x_requests_total counter',
      'x_requests_total{transport="udp",rcode="NOERROR"} 1',
      'x_requests_total{transport="tcp",rcode="REFUSED"} 3',
      '',
    ].join('\n'));
    registry.resetMetrics();
    expect(await registry.metrics()).toBe('# HELP x_requests_total Requests.\n# TYPE x_requests_total counter\n');
  });

  it('histograms: cumulative buckets, +Inf, sum and count per cell; a value on a bound falls in that bucket', async () => {
    const registry = new Registry();
    const h = new DenseHistogram({ name: 'x_seconds', help: 'Time.', labelNames: ['t'], labelValues: [['a', 'b']], buckets: [0.1, 1], registry });
    h.observe(h.cell(1), 0.1);
    h.observe(h.cell(1), 0.5);
    h.observe(h.cell(1), 7);
    expect(h.count(h.cell(1))).toBe(3);
    expect((await registry.metrics()).split('\n')).toEqual([
      '# HELP x_seconds Time.',
      '# TYPE x_seconds histogram',
      'x_seconds_bucket{t="b",le="0.1"} 1',
      'x_seconds_bucket{t="b",le="1"} 2',
      'x_seconds_bucket{t="b",le="+Inf"} 3',
      'x_seconds_sum{t="b"} 7.6',
      'x_seconds_count{t="b"} 3',
      '',
    ]);
  });

  it('refuse mismatched labels and unsorted buckets', () => {
    const registry = new Registry();
    expect(() => new DenseCounter({ name: 'a', help: 'h', labelNames: ['x'], labelValues: [], registry })).toThrow(/one list of values per label/);
    expect(() => new DenseHistogram({ name: 'b', help: 'h', labelNames: [], labelValues: [], buckets: [1, 1], registry })).toThrow(/ascend/);
  });

  it('exponentialBuckets is Prometheus ExponentialBuckets', () => {
    expect(exponentialBuckets(0.00025, 2, 4)).toEqual([0.00025, 0.0005, 0.001, 0.002]);
    expect(exponentialBuckets(0.0000025, 2, 3)).toEqual([0.0000025, 0.000005, 0.00001]);
  });
});
