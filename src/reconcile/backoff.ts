/**
 * Retry with exponential backoff for soft errors: Route 53 throttling
 * (`Throttling`, `PriorRequestNotComplete`: AWS Route 53 API reference,
 * "Common errors" and ChangeResourceRecordSets) and Kubernetes 409
 * conflicts. Fatal errors are thrown at once.
 *
 * Delays are "full jitter" (AWS Architecture Blog, "Exponential Backoff and
 * Jitter"): attempt n waits a random time in [0, min(maxMs, baseMs · 2^n)).
 */

/** Options of `retrySoft`. */
export interface BackoffOptions {
  /** Total tries including the first. @default 6 */
  attempts?: number;
  /** Milliseconds before the second try (upper bound of its jitter). @default 200 */
  baseMs?: number;
  /** Largest delay in milliseconds. @default 10000 */
  maxMs?: number;
  /** Which errors are worth another try. */
  isSoft: (error: unknown) => boolean;
  /** Called before each wait, e.g. to count throttles. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** @default setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  random?: () => number;
}

/** Error names Route 53 uses for "slow down and try again". */
export const ROUTE53_SOFT_ERRORS = new Set(['Throttling', 'ThrottlingException', 'PriorRequestNotComplete']);

/** True for a Route 53 throttling error (`error.name`, as the AWS SDK sets it from the error code). */
export function isRoute53Throttle(error: unknown): boolean {
  return error instanceof Error && ROUTE53_SOFT_ERRORS.has(error.name);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn`, retrying soft errors with backoff.
 * @throws the last soft error after `attempts` tries, or the first fatal error
 */
export async function retrySoft<T>(fn: (attempt: number) => Promise<T>, options: BackoffOptions): Promise<T> {
  const { attempts = 6, baseMs = 200, maxMs = 10_000, isSoft, onRetry, sleep = defaultSleep, random = Math.random } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isSoft(error) || attempt + 1 >= attempts) throw error;
      const delay = Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
      onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
