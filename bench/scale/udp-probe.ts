/**
 * A small DNS-over-UDP client for the scale benchmark: one query at a time
 * or a steady prober that records each query's latency (the longest is the
 * stall a reload causes). Runs in the benchmark process (CPU 0).
 */
import { createSocket, type Socket } from 'node:dgram';
import { query } from '../../test/support/dns-fixtures.ts';
import { serviceName, ZONE } from './data.ts';

/** RCODE and answer count of a response. */
export interface Reply {
  rcode: number;
  answers: number;
}

/** RCODE mnemonics for printing. */
export const RCODES: Record<number, string> = { 0: 'NOERROR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 5: 'REFUSED' };

/** A UDP socket sending queries for one name to 127.0.0.1:`port`. */
export class UdpProbe {
  readonly #socket: Socket;
  readonly #port: number;
  #id = 1;
  #waiting = new Map<number, (r: Reply) => void>();

  constructor(port: number) {
    this.#port = port;
    this.#socket = createSocket('udp4');
    this.#socket.on('message', (msg) => {
      const id = msg.readUInt16BE(0);
      const done = this.#waiting.get(id);
      if (!done) return;
      this.#waiting.delete(id);
      done({ rcode: msg[3]! & 0xf, answers: msg.readUInt16BE(6) });
    });
  }

  /** One query; resolves with the reply, or undefined after `timeoutMs` milliseconds. */
  ask(name: string, type: 'A' | 'SRV', timeoutMs = 1000): Promise<Reply | undefined> {
    const id = this.#id = (this.#id % 65535) + 1;
    const bytes = query(name, type, { id });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.#waiting.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.#socket.send(bytes, this.#port, '127.0.0.1');
    });
  }

  close(): void {
    this.#socket.close();
  }
}

/** What a steady probe saw. */
export interface ProbeResult {
  queries: number;
  /** Queries without a reply within 1 s. */
  lost: number;
  /** Replies by RCODE mnemonic. */
  rcodes: Record<string, number>;
  /** Longest and 99th-percentile latency, milliseconds. */
  maxMs: number;
  p99Ms: number;
  /** When the slowest query was sent, milliseconds after the probe started. */
  worstAtMs: number;
}

/**
 * Query `name` back to back (the next query leaves `intervalMs` after the
 * previous reply) until `stop()` resolves; every reply's latency is kept.
 */
export async function probeUntil(port: number, name: string, stop: Promise<unknown>, intervalMs = 1): Promise<ProbeResult> {
  const probe = new UdpProbe(port);
  let stopped = false;
  void stop.then(() => (stopped = true));
  const latencies: number[] = [];
  const rcodes: Record<string, number> = {};
  let lost = 0;
  const started = performance.now();
  let worst = -1;
  let worstAtMs = NaN;
  while (!stopped) {
    const t = performance.now();
    const reply = await probe.ask(name, 'A');
    if (!reply) lost++;
    else {
      const ms = performance.now() - t;
      latencies.push(ms);
      if (ms > worst) [worst, worstAtMs] = [ms, t - started];
      const code = RCODES[reply.rcode] ?? String(reply.rcode);
      rcodes[code] = (rcodes[code] ?? 0) + 1;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  probe.close();
  latencies.sort((a, b) => a - b);
  return {
    queries: latencies.length + lost, lost, rcodes,
    maxMs: latencies.at(-1) ?? NaN,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.ceil(0.99 * latencies.length) - 1)] ?? NaN,
    worstAtMs,
  };
}

/** One A and one SRV query for each of the first `services` services of the scale data set, so every service's record memo is built. @throws on an answer that is not NOERROR with records */
export async function touchEveryService(port: number, services: number): Promise<void> {
  const probe = new UdpProbe(port);
  try {
    for (let i = 0; i < services; i++) {
      for (const type of ['A', 'SRV'] as const) {
        const r = await probe.ask(`${serviceName(i)}.${ZONE}`, type);
        if (!r || r.rcode !== 0 || r.answers === 0) throw new Error(`${serviceName(i)} ${type}: ${r ? RCODES[r.rcode] : 'no reply'}`);
      }
    }
  } finally {
    probe.close();
  }
}
