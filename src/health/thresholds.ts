/**
 * FailureThreshold: how check outcomes turn into a health status.
 *
 * Source: AWS Cloud Map HealthCheckConfig.FailureThreshold, "the number of
 * consecutive health checks that an endpoint must pass or fail for Route 53
 * to change the current status of the endpoint from unhealthy to healthy or
 * the other way around".
 */
import type { HealthStatus } from '../model/types.ts';

/** Consecutive outcomes of one instance's checks; one of them is always 0. */
export interface Counters {
  successes: number;
  failures: number;
}

/**
 * Counts one outcome into `counters` (in place) and returns the status the
 * instance must get, or undefined to keep `status`: UNHEALTHY after
 * `threshold` consecutive failures, HEALTHY after `threshold` consecutive
 * successes (UNKNOWN counts as neither, so it changes either way).
 * @param threshold 1–10
 */
export function countOutcome(counters: Counters, status: HealthStatus, ok: boolean, threshold: number): HealthStatus | undefined {
  if (ok) {
    counters.successes++;
    counters.failures = 0;
    return counters.successes >= threshold && status !== 'HEALTHY' ? 'HEALTHY' : undefined;
  }
  counters.failures++;
  counters.successes = 0;
  return counters.failures >= threshold && status !== 'UNHEALTHY' ? 'UNHEALTHY' : undefined;
}
