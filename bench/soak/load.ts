/**
 * The soak's DNS load on each transport, counted per phase:
 * - UDP and TCP: one dnsperf run per phase (`-Q` rate, the benchmark's
 *   query file: A, SRV and names that do not exist);
 * - DoH: a Node HTTP/2 (h2c) client POSTing RFC 8484 wire queries at a fixed
 *   rate, each answer checked (HTTP 200, NOERROR, at least one answer);
 * - gRPC: the Go client (`test/support/grpc-go-client`, grpc-go + miekg/dns
 *   as CoreDNS's grpc plugin) run in a loop, each reply checked likewise.
 * A failure is a query without an answer (timeout, reset, refused
 * connection) or with an RCODE other than NOERROR (NXDOMAIN too, for the
 * names dnsperf expects to exist it cannot tell, so dnsperf counts SERVFAIL
 * and REFUSED only).
 */
import http2 from 'node:http2';
import { dnsperf } from '../dns/tools.ts';
import { goGrpcQuery } from '../../test/support/grpc-go.ts';
import { query } from '../../test/support/dns-fixtures.ts';
import { SERVICES, ZONE, serviceName } from '../dns/data.ts';

/** Counts of one transport in one phase. */
export interface TransportCount {
  sent: number;
  failed: number;
  /** Failures by kind (`timeout`, `rcode REFUSED`, `lost`, …). */
  kinds: Map<string, number>;
}

export const newCount = (): TransportCount => ({ sent: 0, failed: 0, kinds: new Map() });

const fail = (c: TransportCount, kind: string, n = 1): void => {
  c.failed += n;
  c.kinds.set(kind, (c.kinds.get(kind) ?? 0) + n);
};

/**
 * One dnsperf run of `seconds` at `qps` over `mode` (udp or tcp) against `port`.
 * Lost queries, SERVFAIL and REFUSED are failures; each time dnsperf exits early (a refused TCP connection)
 * is one failure of kind `dnsperf exited` (its unsent queries are not counted) and it is started again.
 */
export async function dnsperfPhase(port: number, queries: string, seconds: number, mode: 'udp' | 'tcp', qps: number): Promise<TransportCount> {
  const c = newCount();
  const end = Date.now() + seconds * 1000;
  // dnsperf exits (an assertion in perf_net_sockeq) when a TCP connection is refused; it is started again for the rest of the phase.
  while (end - Date.now() >= 1000) {
    const left = Math.floor((end - Date.now()) / 1000);
    try {
      const r = await dnsperf(port, queries, left, mode, ['-Q', String(qps), '-c', mode === 'tcp' ? '4' : '2', '-q', '200', '-t', '2']);
      c.sent += r.sent;
      if (r.lost > 0) fail(c, 'lost (no answer in 2 s)', r.lost);
      for (const m of r.rcodes.matchAll(/([A-Z]+) (\d+)/g)) if (m[1] !== 'NOERROR' && m[1] !== 'NXDOMAIN') fail(c, `rcode ${m[1]}`, Number(m[2]));
    } catch (e) {
      const text = String(e);
      fail(c, /perf_net_sockeq|Connection refused/.test(text) ? 'dnsperf exited: connection refused' : `dnsperf exited: ${text.split('\n').slice(1, 3).join(' ').slice(0, 100)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return c;
}

/** A running DoH client; `take()` returns the counts since the last call and starts new ones. */
export interface DohLoad {
  take(): TransportCount;
  stop(): void;
}

/** POST `rate` queries a second (A of random `svc-NNNN.bench.local`) to `http://127.0.0.1:port/dns-query` over h2c; each times out after 2 s. */
export function startDohLoad(port: number, rate: number): DohLoad {
  let count = newCount();
  let session: http2.ClientHttp2Session | undefined;
  const connect = (): http2.ClientHttp2Session => {
    if (session && !session.closed && !session.destroyed) return session;
    const s = http2.connect(`http://127.0.0.1:${port}`);
    s.on('error', () => {});
    s.on('close', () => {
      if (session === s) session = undefined;
    });
    session = s;
    return s;
  };
  const one = (): void => {
    const c = count;
    c.sent++;
    const body = query(`${serviceName(Math.floor(Math.random() * SERVICES))}.${ZONE}`, 'A', { id: Math.floor(Math.random() * 65536) });
    let done = false;
    const finish = (kind?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (kind) fail(c, kind);
    };
    const timer = setTimeout(() => {
      finish('timeout (2 s)');
      req?.close(http2.constants.NGHTTP2_CANCEL);
    }, 2000);
    let req: http2.ClientHttp2Stream | undefined;
    try {
      req = connect().request({ ':method': 'POST', ':path': '/dns-query', 'content-type': 'application/dns-message', accept: 'application/dns-message' });
    } catch (e) {
      return finish(`request: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let status = 0;
    const chunks: Buffer[] = [];
    req.on('response', (h) => (status = Number(h[':status'])));
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('error', (e: NodeJS.ErrnoException) => finish(`stream: ${e.code ?? e.message}`));
    req.on('end', () => {
      if (status !== 200) return finish(`http ${status}`);
      const msg = Buffer.concat(chunks);
      const rcode = msg.length >= 12 ? msg[3]! & 0xf : -1;
      const answers = msg.length >= 12 ? msg.readUInt16BE(6) : 0;
      if (rcode !== 0) return finish(`rcode ${RCODES[rcode] ?? rcode}`);
      if (answers === 0) return finish('NOERROR without answers');
      finish();
    });
    req.end(body);
  };
  const tickMs = 20;
  const perTick = rate * (tickMs / 1000);
  let owed = 0;
  const timer = setInterval(() => {
    owed += perTick;
    for (; owed >= 1; owed--) one();
  }, tickMs);
  return {
    take: () => {
      const c = count;
      count = newCount();
      return c;
    },
    stop: () => {
      clearInterval(timer);
      session?.destroy();
    },
  };
}

const RCODES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

/** A running gRPC client loop; `take()` as for DoH. */
export interface GrpcLoad {
  take(): TransportCount;
  stop(): Promise<void>;
}

/** Run the Go client against 127.0.0.1:`port` with `batch` A queries per connection, back to back, pausing `pauseMs` between runs. */
export function startGrpcLoad(port: number, batch = 20, pauseMs = 200): GrpcLoad {
  let count = newCount();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const c = count;
      const names: [string, string][] = Array.from({ length: batch }, () => [`${serviceName(Math.floor(Math.random() * SERVICES))}.${ZONE}.`, 'A']);
      try {
        const results = await goGrpcQuery(`127.0.0.1:${port}`, names);
        c.sent += names.length;
        for (const r of results) {
          if (r.error) fail(c, `grpc ${r.code ?? 'error'}`);
          else if (!r.match) fail(c, 'reply does not match the question');
          else if (r.rcode !== 'NOERROR') fail(c, `rcode ${r.rcode}`);
          else if (r.answer.length === 0) fail(c, 'NOERROR without answers');
        }
        if (results.length < names.length) fail(c, 'no result from the client', names.length - results.length);
      } catch {
        c.sent += names.length;
        fail(c, 'go client failed (exit or 30 s timeout)', names.length);
      }
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  })();
  return {
    take: () => {
      const c = count;
      count = newCount();
      return c;
    },
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
