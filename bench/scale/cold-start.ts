/**
 * A cold start of `cloudmap-dns serve` on Redis state that already holds the
 * scale data set (issue 11 item 2): spawn, then ask for the last service's
 * A record over UDP until it is answered, counting what DNS answered before
 * (a partial view must never answer NXDOMAIN), then wait for `/readyz` 200.
 */
import { serviceName, ZONE } from './data.ts';
import { type ScaleServer, type ServerOptions, startServer, waitReady } from './server.ts';
import { RCODES, UdpProbe } from './udp-probe.ts';

/** What a cold start measured; times in milliseconds since spawn. */
export interface ColdStart {
  server: ScaleServer;
  /** First NOERROR answer with records for the last service. */
  firstAnswerMs: number;
  /** `/readyz` answered 200. */
  completeMs: number;
  /** What DNS answered before the first answer: rcode mnemonic (or 'no reply') → count. */
  before: Record<string, number>;
}

/**
 * Spawns a server on `redisUrl`/`prefix` (`services` services in the data
 * set) and measures its cold start. The caller stops the returned server.
 * @throws when the server exits, or gives no answer within 120 s
 */
export async function coldStart(redisUrl: string, prefix: string, services: number, options: ServerOptions = {}): Promise<ColdStart> {
  const server = await startServer({ ...options, redisUrl, redisPrefix: prefix });
  const before: Record<string, number> = {};
  const probe = new UdpProbe(server.dnsPort);
  let firstAnswerMs = NaN;
  const deadline = performance.now() + 120_000;
  // The last service: the most likely to be missing from a partial view.
  const name = `${serviceName(services - 1)}.${ZONE}`;
  try {
    while (Number.isNaN(firstAnswerMs)) {
      if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
      if (performance.now() > deadline) throw new Error(`no answer for ${name} within 120 s:\n${server.output()}`);
      // Until the DNS socket is bound, a query waits out its timeout: 20 ms keeps that error small.
      const r = await probe.ask(name, 'A', 20);
      if (r && r.rcode === 0 && r.answers > 0) {
        firstAnswerMs = performance.now() - server.spawnedAt;
        break;
      }
      const key = r ? RCODES[r.rcode] ?? String(r.rcode) : 'no reply';
      before[key] = (before[key] ?? 0) + 1;
      if (r) await new Promise((res) => setTimeout(res, 2));
    }
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    probe.close();
  }
  const completeMs = await waitReady(server);
  return { server, firstAnswerMs, completeMs, before };
}
