/**
 * Routing: which of a service's records go into one answer.
 *
 * Route 53 semantics as Cloud Map configures them (AWS Cloud Map `RoutingPolicy`,
 * Route 53 "Multivalue answer routing" and "Weighted routing"):
 * - MULTIVALUE: up to 8 records chosen at random among healthy instances; if
 *   none is healthy, up to 8 among the unhealthy ones (fail open).
 * - WEIGHTED (Cloud Map gives every instance the same weight): one record
 *   chosen at random, with the same fail-open rule.
 *
 * Health is per record type: the pool is the healthy records *of the asked
 * type*, as Route 53 evaluates health per record set.
 */
import type { RecordPool } from './records.ts';

/** Largest MULTIVALUE answer (Route 53 returns up to eight records). */
export const MULTIVALUE_MAX = 8;

/** A random source: returns a float in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

const chosen = new Int32Array(MULTIVALUE_MAX);

/** A uniform integer in [0, n) from `random`; tolerates sources that return 1. */
function below(n: number, random: RandomSource): number {
  const r = Math.floor(random() * n);
  return r >= n ? n - 1 : r < 0 ? 0 : r;
}

/**
 * Choose `k` distinct indices of `[0, n)` uniformly at random, in random
 * order, into the module scratch array `chosen`; returns how many (min(k, n)).
 * Floyd's subset sampling then a Fisher–Yates shuffle: 2k calls of `random`,
 * no retries, no allocation. `k` must be ≤ `MULTIVALUE_MAX`.
 */
function sample(n: number, k: number, random: RandomSource): number {
  const count = k < n ? k : n;
  let size = 0;
  for (let j = n - count; j < n; j++) {
    const t = below(j + 1, random);
    let seen = false;
    for (let i = 0; i < size; i++) {
      if (chosen[i] === t) {
        seen = true;
        break;
      }
    }
    chosen[size++] = seen ? j : t;
  }
  for (let i = size - 1; i > 0; i--) {
    const j = below(i + 1, random);
    const tmp = chosen[i]!;
    chosen[i] = chosen[j]!;
    chosen[j] = tmp;
  }
  return size;
}

/**
 * Which records routing picks from `pool`, as indices: returns the array to
 * take them from (the healthy records, or the unhealthy ones when none is
 * healthy) and leaves the chosen indices, in answer order, in `chosenIndices`
 * (valid until the next call). Returns the count through `chosenCount`.
 *
 * With at most 8 candidates MULTIVALUE returns them all, shuffled
 * (Fisher–Yates, n − 1 calls of `random`); with more, 8 distinct ones.
 *
 * @param pool records of one type at one name, split by health
 * @param single true for WEIGHTED routing (one record), false for MULTIVALUE (up to 8)
 */
export function choose<T>(pool: RecordPool<T>, single: boolean, random: RandomSource): readonly T[] {
  const from = pool.healthy.length > 0 ? pool.healthy : pool.unhealthy;
  const n = from.length;
  if (single) {
    chosenCount = n > 0 ? 1 : 0;
    if (n > 0) chosen[0] = below(n, random);
  } else if (n <= MULTIVALUE_MAX) {
    for (let i = 0; i < n; i++) chosen[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = below(i + 1, random);
      const tmp = chosen[i]!;
      chosen[i] = chosen[j]!;
      chosen[j] = tmp;
    }
    chosenCount = n;
  } else {
    chosenCount = sample(n, MULTIVALUE_MAX, random);
  }
  return from;
}

let chosenCount = 0;

/** The indices chosen by the last `choose` call (first `chosenCount()` entries). */
export const chosenIndices: Readonly<Int32Array> = chosen;

/** How many indices the last `choose` call chose. */
export function chosenLength(): number {
  return chosenCount;
}

/**
 * Append the records routing picks from `pool` to `out` (see `choose`).
 *
 * @param pool records of one type at one name, split by health
 * @param single true for WEIGHTED routing (one record), false for MULTIVALUE (up to 8)
 * @param random source of randomness in [0, 1)
 * @param out array the chosen records are pushed onto (in random order)
 * @returns how many records were appended (0 when the pool is empty)
 */
export function pick<T>(pool: RecordPool<T>, single: boolean, random: RandomSource, out: T[]): number {
  const from = choose(pool, single, random);
  for (let i = 0; i < chosenCount; i++) out.push(from[chosen[i]!]!);
  return chosenCount;
}
