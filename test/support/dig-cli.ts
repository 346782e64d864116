/**
 * `dig @127.0.0.1 -p <port>` for the walkthrough suites: runs and parses with
 * `dig.ts` (one runner and parser for dig/kdig), and splits each record into
 * name, TTL, type and data.
 */
import { parseDig, runClient } from './dig.ts';

/** One resource record line of dig output. */
export interface DigRecord {
  name: string;
  ttl: number;
  type: string;
  data: string;
}

/** Parsed dig answer with structured records. */
export interface DigAnswer {
  status: string;
  flags: string[];
  answer: DigRecord[];
  authority: DigRecord[];
  additional: DigRecord[];
  raw: string;
}

/** `name TTL CLASS TYPE data...` (as `parseDig` prints records) → a record. */
function toRecord(line: string): DigRecord {
  const [name, ttl, , type, ...data] = line.split(' ');
  return { name: name!, ttl: Number(ttl), type: type!, data: data.join(' ') };
}

/**
 * `dig @127.0.0.1 -p <port> <args>`, one try of 2 s; fails with the Debian
 * package name when dig is missing (never skips).
 */
export async function dig(port: number, args: string[]): Promise<DigAnswer> {
  const { stdout, stderr } = await runClient('dig', ['@127.0.0.1', '-p', String(port), '+time=2', '+tries=1', ...args], 20_000);
  const out = parseDig(stdout + stderr);
  return {
    status: out.status,
    flags: out.flags,
    answer: out.answer.map(toRecord),
    authority: out.authority.map(toRecord),
    additional: out.additional.map(toRecord),
    raw: out.raw,
  };
}

/** Polls `probe` every 20 ms until it returns true or `timeoutMs` passes; returns the elapsed milliseconds. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
