/**
 * The process logger: pino, JSON lines on stdout, level from `--log-level` /
 * `LOG_LEVEL`. Works on Node and Deno (npm:pino).
 */
import { pino } from 'pino';
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

/**
 * A pino logger named `cloudmap-dns` at `level`, writing JSON lines to stdout
 * (pino flushes them on `process.exit`).
 * @throws Error listing the valid levels for an unknown level (see `parseLogLevel`)
 */
export function createLogger(level: string): Logger {
  return pino({ name: 'cloudmap-dns', level: parseLogLevel(level), base: { pid: undefined, hostname: undefined } }) as unknown as Logger;
}
