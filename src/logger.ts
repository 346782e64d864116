/**
 * The process logger: pino, JSON lines on stdout, level from `--log-level` /
 * `LOG_LEVEL`. Works on Node and Deno (npm:pino).
 */
import { type DestinationStream, pino } from 'pino';
import type { Logger } from './log.ts';

/** The levels `--log-level` accepts: pino's levels, most verbose first, and `silent`. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** One of `LOG_LEVELS`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Checks a `--log-level` / `LOG_LEVEL` value.
 * @throws Error listing the valid levels when `level` is not one of them (case-sensitive, as pino)
 */
export function parseLogLevel(level: string): LogLevel {
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new Error(`--log-level (or LOG_LEVEL) must be one of ${LOG_LEVELS.join(', ')}; got ${JSON.stringify(level)}`);
}

/** Bytes of log lines gathered before one write to stdout. */
const BATCH_BYTES = 8 * 1024;

/** Longest time a log line waits in the batch before it is written, milliseconds. */
const BATCH_MS = 50;

/**
 * Standard output for pino, written in batches: lines gather in memory until
 * `BATCH_BYTES` have accumulated or `BATCH_MS` have passed since the first of
 * them, then go out in one asynchronous write (sonic-boom `minLength`). With a
 * line per API request, one write per line cost about a fifth of the busy time
 * of `npm run bench:api` (fs.write from the main thread, CPU profile). pino's
 * `destination` writes what is left synchronously on `process.exit`, so only
 * a kill -9 can lose up to `BATCH_MS` of log lines.
 */
function batchedStdout(): DestinationStream {
  const stdout = pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    try {
      stdout.flush();
    } catch {
      // destroyed: pino's exit handler has already written the rest synchronously
    }
  };
  return {
    write(line: string): void {
      stdout.write(line);
      if (timer === undefined) {
        timer = setTimeout(flush, BATCH_MS);
        timer.unref?.();
      }
    },
  };
}

/**
 * A pino logger named `cloudmap-dns` at `level`, writing JSON lines to stdout
 * in batches (see `batchedStdout`; every line is out within 50 ms, and on
 * `process.exit`).
 * @throws Error listing the valid levels for an unknown level (see `parseLogLevel`)
 */
export function createLogger(level: string): Logger {
  const options = { name: 'cloudmap-dns', level: parseLogLevel(level), base: { pid: undefined, hostname: undefined } };
  return pino(options, batchedStdout()) as unknown as Logger;
}
