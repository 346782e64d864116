/**
 * Metrics of the Cloud Map API (`router.ts` reports every request here,
 * where it writes its log line):
 *
 * - `cloudmap_dns_api_requests_total{operation, code}`: requests by
 *   operation (`RegisterInstance`, …; `unknown` for an unknown or missing
 *   `X-Amz-Target`) and outcome: `OK`, the AWS error code
 *   (`InstanceNotFound`, `ServiceUnavailable`, `InternalFailure`, …) or
 *   `ClientAbort` (the client went away);
 * - `cloudmap_dns_api_request_duration_seconds{operation}`: time to answer,
 *   including the wait for this replica's DNS view to show a write.
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import { exponentialBuckets } from '../metrics/dense.ts';
import { metricName } from '../metrics/registry.ts';

/** One finished API request, as `createApiApp` reports it. */
export interface ApiRequestReport {
  /** The operation, or null when `X-Amz-Target` named none. */
  operation: string | null;
  /** HTTP status sent (0 when the client went away). */
  status: number;
  /** AWS error code (`__type`), or `ClientAbort`; absent on success. */
  errorCode?: string;
  /** Milliseconds from the request's arrival to the response. */
  ms: number;
}

/** Registers the API metrics; returns the function `createApiApp` calls per request (`onRequest`). */
export function registerApiMetrics(registry: Registry): (report: ApiRequestReport) => void {
  const requests = new Counter({
    name: metricName('api', 'requests_total'),
    help: 'Cloud Map API requests, by operation and outcome code (OK or the AWS error code).',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: metricName('api', 'request_duration_seconds'),
    help: 'Time to answer a Cloud Map API request, by operation (writes include the wait for this replica\'s DNS view).',
    labelNames: ['operation'],
    buckets: exponentialBuckets(0.00025, 2, 16),
    registers: [registry],
  });
  return (r) => {
    const operation = r.operation ?? 'unknown';
    requests.inc({ operation, code: r.errorCode ?? 'OK' });
    duration.observe({ operation }, r.ms / 1000);
  };
}
