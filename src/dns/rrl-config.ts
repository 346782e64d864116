/**
 * `serve` flags of response-rate limiting (`rrl.ts`), named after BIND's
 * `rate-limit { … }` options with an `--rrl-` prefix. RRL is off unless a
 * rate is above 0.
 */
import type { RrlOptions } from './rrl.ts';

/** RRL settings from flags (everything of `RrlOptions` but the clock, callback and seed). */
export type RrlConfig = Required<Omit<RrlOptions, 'now' | 'onLimited' | 'seed'>>;

/** Raw `--rrl-*` flag values as commander hands them over. */
export interface RrlFlags {
  rrlResponsesPerSecond?: string;
  rrlNodataPerSecond?: string;
  rrlNxdomainsPerSecond?: string;
  rrlErrorsPerSecond?: string;
  rrlSlip?: string;
  rrlWindow?: string;
  rrlIpv4PrefixLength?: string;
  rrlIpv6PrefixLength?: string;
  rrlTableSize?: string;
}

/** `[flags, description]` of every RRL option of `serve`, in help order. */
export const RRL_OPTIONS: readonly (readonly [string, string])[] = [
  ['--rrl-responses-per-second <n>', 'response-rate limiting of UDP answers: positive answers per second per client network and name/type; 0 = RRL off (default: 0)'],
  ['--rrl-nodata-per-second <n>', 'RRL: empty (NODATA) answers per second per network and name; 0 = unlimited (default: --rrl-responses-per-second)'],
  ['--rrl-nxdomains-per-second <n>', 'RRL: NXDOMAIN answers per second per network and zone; 0 = unlimited (default: --rrl-responses-per-second)'],
  ['--rrl-errors-per-second <n>', 'RRL: error answers (REFUSED, FORMERR, SERVFAIL, …) per second per network; 0 = unlimited (default: --rrl-responses-per-second)'],
  ['--rrl-slip <n>', 'RRL: send every n-th limited answer truncated (TC=1) so real clients retry over TCP; 0 = drop all, 1 = truncate all (default: 2)'],
  ['--rrl-window <seconds>', 'RRL: seconds of excess a network pays back before it is answered again (default: 15)'],
  ['--rrl-ipv4-prefix-length <bits>', 'RRL: IPv4 sources in one prefix share an account (default: 24)'],
  ['--rrl-ipv6-prefix-length <bits>', 'RRL: IPv6 sources in one prefix share an account (default: 56)'],
  ['--rrl-table-size <n>', 'RRL: accounts kept (fixed memory, ~30 bytes each; the least recently used is replaced) (default: 65536)'],
];

/** A number from `min` to `max` from a flag (`whole`: no decimals). @throws Error naming the flag */
function number(value: string, flag: string, min: number, max: number, whole: boolean): number {
  const n = Number(value);
  if (!(whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(value) || n < min || n > max) {
    throw new Error(`${flag} must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * RRL settings from the `--rrl-*` flags, or undefined when every rate is 0 (RRL off).
 * @throws Error naming the flag when a value is not a number in its range
 */
export function resolveRrlConfig(flags: RrlFlags): RrlConfig | undefined {
  const rate = (v: string | undefined, flag: string, fallback: number): number => (v === undefined ? fallback : number(v, flag, 0, 1_000_000, false));
  const responsesPerSecond = rate(flags.rrlResponsesPerSecond, '--rrl-responses-per-second', 0);
  const config: RrlConfig = {
    responsesPerSecond,
    nodataPerSecond: rate(flags.rrlNodataPerSecond, '--rrl-nodata-per-second', responsesPerSecond),
    nxdomainsPerSecond: rate(flags.rrlNxdomainsPerSecond, '--rrl-nxdomains-per-second', responsesPerSecond),
    errorsPerSecond: rate(flags.rrlErrorsPerSecond, '--rrl-errors-per-second', responsesPerSecond),
    slip: number(flags.rrlSlip ?? '2', '--rrl-slip', 0, 10, true),
    windowSeconds: number(flags.rrlWindow ?? '15', '--rrl-window', 1, 3600, true),
    ipv4PrefixLength: number(flags.rrlIpv4PrefixLength ?? '24', '--rrl-ipv4-prefix-length', 0, 32, true),
    ipv6PrefixLength: number(flags.rrlIpv6PrefixLength ?? '56', '--rrl-ipv6-prefix-length', 0, 128, true),
    tableSize: number(flags.rrlTableSize ?? '65536', '--rrl-table-size', 8, 1 << 24, true),
  };
  const on = config.responsesPerSecond + config.nodataPerSecond + config.nxdomainsPerSecond + config.errorsPerSecond > 0;
  return on ? config : undefined;
}
