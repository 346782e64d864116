/**
 * The process logger: pino, JSON lines on stdout, level from `--log-level` /
 * `LOG_LEVEL`. Works on Node and Deno (npm:pino).
 */
import { pino } from 'pino';
import type { Logger } from './log.ts';

/** A pino logger named `cloudmap-dns` at `level` (trace|debug|info|warn|error|fatal|silent). */
export function createLogger(level: string): Logger {
  return pino({ name: 'cloudmap-dns', level, base: { pid: undefined, hostname: undefined } }) as unknown as Logger;
}
