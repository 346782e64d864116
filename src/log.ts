/**
 * The logging contract of the core: the subset of pino's API we call, so
 * core modules take a logger without importing a runtime-specific one.
 * `src/runtime/node/logger.ts` provides pino; tests pass `silentLogger`.
 */

/** A pino-style logger: an optional object of fields, then a message. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  debug(msg: string): void;
  info(obj: object, msg?: string): void;
  info(msg: string): void;
  warn(obj: object, msg?: string): void;
  warn(msg: string): void;
  error(obj: object, msg?: string): void;
  error(msg: string): void;
  /** pino's: whether a line at `level` would be written (absent: treat debug as off). */
  isLevelEnabled?(level: string): boolean;
}

const noop = (): void => {};

/** A logger that drops everything (for tests and embedding). */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * True when `error` means the HTTP client went away before its request was
 * read or answered (connection closed mid-body, stream reset): not a server
 * fault, so it is logged at debug without a stack. `signal` is the web
 * Request's, which `@hono/node-server` aborts when the client disconnects.
 */
export function isClientAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const e = error as { code?: unknown; message?: unknown; name?: unknown } | undefined;
  return e?.code === 'ECONNRESET' || e?.code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.name === 'AbortError' || e?.message === 'aborted';
}
