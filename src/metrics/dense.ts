/**
 * Counters and histograms for hot paths (one record per DNS query): label
 * values are small enumerations known in advance, every label combination
 * is a cell of a typed array, and recording one observation is a few array
 * writes with no allocation. prom-client's own `inc`/`observe` build a label
 * object and a key string per call (about 1 µs each here, against ~10 ns for
 * a cell update; docs/metrics.md). The registry (prom-client's `Registry`)
 * reads these metrics through the same `get()` its own metrics implement,
 * at scrape time, so the exposition format is prom-client's.
 *
 * Only cells that were recorded at least once are exported, as prom-client
 * exports only label sets it has seen.
 */
import type { Registry } from 'prom-client';

/** The shape prom-client's `Registry` reads from a metric (`get()`). */
interface Exported {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  values: { value: number; labels: Record<string, string | number>; metricName?: string }[];
}

/** Options of the dense metrics. */
export interface DenseOptions {
  /** Full metric name (`cloudmap_dns_dns_requests_total`). */
  name: string;
  help: string;
  /** Label names, e.g. `['transport', 'type']`. */
  labelNames: readonly string[];
  /** The possible values of each label, in the same order; a cell index counts in this order (`cell`). */
  labelValues: readonly (readonly string[])[];
  /** Registry to register with. */
  registry: Registry;
}

/** Shared cell arithmetic of the dense metrics. */
abstract class Dense {
  readonly name: string;
  readonly help: string;
  readonly aggregator = 'sum' as const;
  readonly labelNames: readonly string[];
  readonly #values: readonly (readonly string[])[];
  readonly #strides: number[];
  /** Number of label combinations. */
  readonly cells: number;

  constructor(o: DenseOptions) {
    if (o.labelNames.length !== o.labelValues.length) throw new Error(`${o.name}: one list of values per label name`);
    this.name = o.name;
    this.help = o.help;
    this.labelNames = o.labelNames;
    this.#values = o.labelValues;
    this.#strides = [];
    let cells = 1;
    for (let i = o.labelValues.length - 1; i >= 0; i--) {
      this.#strides[i] = cells;
      cells *= o.labelValues[i]!.length;
    }
    this.cells = cells;
  }

  /** Cell index of a label combination, from each label's value index (in `labelValues` order). */
  cell(...indices: number[]): number {
    let c = 0;
    for (let i = 0; i < indices.length; i++) c += indices[i]! * this.#strides[i]!;
    return c;
  }

  /** The labels of cell `c`. */
  protected labelsOf(c: number): Record<string, string> {
    const labels: Record<string, string> = {};
    for (let i = 0; i < this.labelNames.length; i++) {
      labels[this.labelNames[i]!] = this.#values[i]![Math.floor(c / this.#strides[i]!) % this.#values[i]!.length]!;
    }
    return labels;
  }

  protected register(registry: Registry): void {
    registry.registerMetric(this as never);
  }
}

/** A counter over enumerated labels; `inc(cell)` allocates nothing. */
export class DenseCounter extends Dense {
  readonly type = 'counter' as const;
  readonly #counts: Float64Array;

  constructor(o: DenseOptions) {
    super(o);
    this.#counts = new Float64Array(this.cells);
    this.register(o.registry);
  }

  /** Adds `n` (default 1) to cell `c` (from `cell(...)`). */
  inc(c: number, n = 1): void {
    this.#counts[c]! += n;
  }

  /** Current value of cell `c`. */
  value(c: number): number {
    return this.#counts[c]!;
  }

  /** Called by prom-client's `Registry` at scrape time. */
  async get(): Promise<Exported> {
    const values: Exported['values'] = [];
    for (let c = 0; c < this.cells; c++) if (this.#counts[c]! > 0) values.push({ value: this.#counts[c]!, labels: this.labelsOf(c) });
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** `Registry.resetMetrics()`. */
  reset(): void {
    this.#counts.fill(0);
  }
}

/** A histogram over enumerated labels; `observe(cell, value)` allocates nothing. */
export class DenseHistogram extends Dense {
  readonly type = 'histogram' as const;
  /** Upper bounds, ascending (the `le` labels; `+Inf` is implied). */
  readonly buckets: readonly number[];
  /** Per cell: one count per bucket (not cumulative) and one for +Inf. */
  readonly #bucketCounts: Float64Array;
  readonly #sums: Float64Array;
  readonly #counts: Float64Array;
  readonly #width: number;

  constructor(o: DenseOptions & { buckets: readonly number[] }) {
    super(o);
    for (let i = 1; i < o.buckets.length; i++) if (!(o.buckets[i]! > o.buckets[i - 1]!)) throw new Error(`${o.name}: buckets must ascend`);
    this.buckets = o.buckets;
    this.#width = o.buckets.length + 1;
    this.#bucketCounts = new Float64Array(this.cells * this.#width);
    this.#sums = new Float64Array(this.cells);
    this.#counts = new Float64Array(this.cells);
    this.register(o.registry);
  }

  /** Records `value` (seconds, bytes...) in cell `c`. */
  observe(c: number, value: number): void {
    const b = this.buckets;
    let i = 0;
    while (i < b.length && value > b[i]!) i++;
    this.#bucketCounts[c * this.#width + i]!++;
    this.#sums[c]! += value;
    this.#counts[c]!++;
  }

  /** Observations in cell `c`. */
  count(c: number): number {
    return this.#counts[c]!;
  }

  /** Called by prom-client's `Registry` at scrape time: cumulative `_bucket`s, `_sum`, `_count` per recorded cell. */
  async get(): Promise<Exported> {
    const values: Exported['values'] = [];
    for (let c = 0; c < this.cells; c++) {
      if (this.#counts[c] === 0) continue;
      const labels = this.labelsOf(c);
      let cumulative = 0;
      for (let i = 0; i < this.#width; i++) {
        cumulative += this.#bucketCounts[c * this.#width + i]!;
        values.push({ value: cumulative, labels: { ...labels, le: i < this.buckets.length ? this.buckets[i]! : '+Inf' }, metricName: `${this.name}_bucket` });
      }
      values.push({ value: this.#sums[c]!, labels, metricName: `${this.name}_sum` });
      values.push({ value: this.#counts[c]!, labels, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** `Registry.resetMetrics()`. */
  reset(): void {
    this.#bucketCounts.fill(0);
    this.#sums.fill(0);
    this.#counts.fill(0);
  }
}

/**
 * `count` bucket bounds starting at `start`, each `factor` times the one
 * before (Prometheus `ExponentialBuckets`), rounded to 12 significant digits.
 */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Number((start * factor ** i).toPrecision(12)));
}
