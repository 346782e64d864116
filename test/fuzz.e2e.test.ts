/**
 * Bounded fuzzing of the real `cloudmap-dns serve` process on every DNS
 * transport: UDP, TCP, DoH POST and GET (h2c) and the CoreDNS gRPC listener.
 * Seeded mutations (`support/dns-fuzz.ts`, same seed → same messages) of
 * valid queries are sent with bounded concurrency; every reply is checked:
 * ID and question echoed (or FORMERR/NOTIMP without a question, or no reply,
 * when the question cannot be read), QR set, and UDP replies within
 * max(512, EDNS size). At the end the process must still be running, answer
 * a valid query, and have logged no error or warning about an answer it
 * could not build. Counts are printed; a failure lists the first offending
 * queries in hex.
 *
 * Counts per transport are set by `FUZZ_COUNT` (default 20,000 for UDP and
 * TCP, half of that per HTTP transport, whose requests cost more).
 */
import { once } from 'node:events';
import dgram from 'node:dgram';
import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDnsPacket, encodeDnsPacket, frameGrpcMessage, GRPC_QUERY_PATH } from '../src/transport/grpc.ts';
import { checkReply, hex, mustAnswer, mutate, seededRng, seedQueries, setId } from './support/dns-fuzz.ts';
import { decode, query } from './support/dns-fixtures.ts';
import { freePort } from './support/free-port.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { api } from './support/api.ts';

const COUNT = Number(process.env.FUZZ_COUNT ?? 20_000);
const HTTP_COUNT = Math.ceil(COUNT / 2);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
/** Mutated messages per batch, each batch closed by a valid "sentinel" query (UDP and TCP answer in order). */
const BATCH = 200;
/** Requests in flight on an HTTP/2 session. */
const STREAMS = 32;

let server: ServerProcess;

/** Zone `fz.local`: backend (A, AAAA, SRV), big (A + SRV, 40 instances with 60-character ids: SRV answers over 512 bytes), _http._tcp.api (SRV). */
async function register(port: number): Promise<void> {
  const op = await api(port, 'CreatePrivateDnsNamespace', { Name: 'fz.local', Vpc: 'vpc-1' });
  const ns = (await api(port, 'GetOperation', { OperationId: op.OperationId })).Operation.Targets.NAMESPACE;
  const service = async (name: string, records: string[]) =>
    (await api(port, 'CreateService', { Name: name, NamespaceId: ns, DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: records.map((Type) => ({ Type, TTL: 30 })) } })).Service.Id;
  const backend = await service('backend', ['A', 'AAAA', 'SRV']);
  const big = await service('big', ['A', 'SRV']);
  const srv = await service('_http._tcp.api', ['SRV']);
  await api(port, 'RegisterInstance', { ServiceId: backend, InstanceId: 'b-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_IPV6: 'fd00::1', AWS_INSTANCE_PORT: '80' } });
  await api(port, 'RegisterInstance', { ServiceId: srv, InstanceId: 's-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.1.1', AWS_INSTANCE_PORT: '443' } });
  await Promise.all(Array.from({ length: 40 }, (_, i) =>
    api(port, 'RegisterInstance', { ServiceId: big, InstanceId: `instance-${i}-`.padEnd(60, 'x'), Attributes: { AWS_INSTANCE_IPV4: `10.1.0.${i}`, AWS_INSTANCE_PORT: String(8000 + i) } })));
}

/** What one transport run saw. */
interface Tally {
  sent: number;
  replies: number;
  silent: number;
  failures: string[];
  /** HTTP statuses or gRPC statuses seen, with counts. */
  statuses: Record<string, number>;
  /** TCP: connections the server closed. */
  closes: number;
}

const tally = (): Tally => ({ sent: 0, replies: 0, silent: 0, failures: [], statuses: {}, closes: 0 });
const report = (name: string, t: Tally): void => {
  console.log(`fuzz ${name}: ${t.sent} mutated queries, ${t.replies} replies, ${t.silent} unanswered, ${t.failures.length} failures`
    + `${Object.keys(t.statuses).length ? `, statuses ${JSON.stringify(t.statuses)}` : ''}${t.closes ? `, ${t.closes} connections closed by the server` : ''}`);
};
const fail = (t: Tally, what: string, q: Uint8Array): void => {
  t.failures.push(`${what}: query ${hex(q)}`);
};

/** The mutated messages of one transport: `count` from a generator seeded by SEED and `salt`. */
function messages(count: number, salt: number): Uint8Array[] {
  const rng = seededRng(SEED ^ salt);
  const seeds = seedQueries();
  return Array.from({ length: count }, () => mutate(seeds, rng));
}

/** IDs 1..60000 go to mutated queries, 60001.. to sentinels. */
const sentinelId = (batch: number): number => 60_001 + (batch % 5000);

/** Sends batches over `send`, each closed by a sentinel whose reply (in order) ends the batch. */
async function runBatches(list: Uint8Array[], t: Tally, udp: boolean, open: (onReply: (r: Uint8Array) => void, onClose: () => void) => Promise<{ send: (m: Uint8Array) => void; close: () => void }>) {
  let pending = new Map<number, Uint8Array>();
  let sentinel = -1;
  let done: (() => void) | undefined;
  const onReply = (r: Uint8Array): void => {
    const id = r.length >= 2 ? (r[0]! << 8) | r[1]! : -1;
    if (id === sentinel) return done?.();
    const q = pending.get(id);
    if (!q) return void t.failures.push(`reply with unknown or repeated ID ${id}: ${hex(r)}`);
    pending.delete(id);
    t.replies++;
    const wrong = checkReply(q, r, udp);
    if (wrong) fail(t, wrong, q);
  };
  let closed = false;
  const onClose = (): void => {
    t.closes++;
    closed = true;
    done?.();
  };
  let conn = await open(onReply, onClose);
  for (let b = 0, seq = 0; b * BATCH < list.length; b++) {
    pending = new Map();
    for (const m of list.slice(b * BATCH, (b + 1) * BATCH)) {
      const q = m.slice();
      setId(q, (seq++ % 60_000) + 1);
      if (q.length >= 2) pending.set((q[0]! << 8) | q[1]!, q);
      conn.send(q);
      t.sent++;
    }
    sentinel = sentinelId(b);
    const finished = new Promise<void>((resolve) => (done = resolve));
    conn.send(query('backend.fz.local', 'A', { id: sentinel }));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([finished.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 5000)))]);
    clearTimeout(timer);
    if (timedOut) t.failures.push(`batch ${b}: no reply to the sentinel query within 5 s`);
    t.silent += pending.size;
    if (!closed) for (const q of pending.values()) if (mustAnswer(q)) fail(t, 'no reply', q);
    if (closed) {
      closed = false;
      conn.close();
      conn = await open(onReply, onClose);
    } else if (timedOut) break;
  }
  conn.close();
}

function openUdp(port: number) {
  return async (onReply: (r: Uint8Array) => void) => {
    const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 << 20 });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    socket.on('message', (msg) => onReply(msg));
    return { send: (m: Uint8Array) => socket.send(m, port, '127.0.0.1'), close: () => socket.close() };
  };
}

function openTcp(port: number) {
  return async (onReply: (r: Uint8Array) => void, onClose: () => void) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await once(socket, 'connect');
    let buffered = Buffer.alloc(0);
    let closedByUs = false;
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        onReply(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
        buffered = buffered.subarray(2 + buffered.readUInt16BE(0));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => closedByUs || onClose());
    return {
      send: (m: Uint8Array) => {
        const frame = Buffer.alloc(2 + m.length);
        frame.writeUInt16BE(m.length, 0);
        frame.set(m, 2);
        socket.write(frame);
      },
      close: () => {
        closedByUs = true;
        socket.destroy();
      },
    };
  };
}

/** One HTTP/2 request; resolves with status (or grpc-status), body and trailers. */
function h2request(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body?: Uint8Array): Promise<{ status: number; head: http2.IncomingHttpHeaders; body: Buffer; trailers: http2.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = session.request(headers);
    const chunks: Buffer[] = [];
    let status = 0;
    let head: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    req.on('response', (h) => ((head = h), (status = Number(h[':status']))));
    req.on('trailers', (tr) => (trailers = tr));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve({ status, head, body: Buffer.concat(chunks), trailers }));
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `one` over `list` with STREAMS in flight. */
async function pool(list: Uint8Array[], one: (q: Uint8Array) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: STREAMS }, async () => {
    for (let i = next++; i < list.length; i = next++) await one(list[i]!);
  }));
}

/** DoH (RFC 8484) over h2c, POST or GET. 200 must carry a checked reply; 400 is allowed only for what is not a query (`mustAnswer`), 413 for oversize; anything else fails. */
async function fuzzDoh(method: 'POST' | 'GET', list: Uint8Array[]): Promise<Tally> {
  const t = tally();
  const session = http2.connect(`http://127.0.0.1:${server.httpPort}`);
  session.on('error', () => undefined);
  try {
    await pool(list, async (m) => {
      const q = m.slice();
      t.sent++;
      const res = method === 'POST'
        ? await h2request(session, { ':method': 'POST', ':path': '/dns-query', 'content-type': 'application/dns-message', accept: 'application/dns-message' }, q)
        : await h2request(session, { ':method': 'GET', ':path': `/dns-query?dns=${Buffer.from(q).toString('base64url')}`, accept: 'application/dns-message' });
      t.statuses[res.status] = (t.statuses[res.status] ?? 0) + 1;
      if (res.status === 200) {
        t.replies++;
        const wrong = checkReply(q, new Uint8Array(res.body), false);
        if (wrong) fail(t, wrong, q);
      } else if ((res.status === 400 && !mustAnswer(q)) || res.status === 413) t.silent++;
      else fail(t, `HTTP ${res.status}`, q);
    });
  } finally {
    session.close();
  }
  return t;
}

/** CoreDNS `DnsService/Query` over h2c: grpc-status 0 must carry a checked reply; INVALID_ARGUMENT only for what is not a query; other statuses fail. */
async function fuzzGrpc(port: number, list: Uint8Array[]): Promise<Tally> {
  const t = tally();
  const session = http2.connect(`http://127.0.0.1:${port}`);
  session.on('error', () => undefined);
  try {
    await pool(list, async (m) => {
      const q = m.slice();
      t.sent++;
      const res = await h2request(session, { ':method': 'POST', ':path': GRPC_QUERY_PATH, 'content-type': 'application/grpc', te: 'trailers' }, frameGrpcMessage(encodeDnsPacket(q)));
      // A trailers-only response carries grpc-status in its headers (gRPC over HTTP/2 spec).
      const status = String(res.trailers['grpc-status'] ?? res.head['grpc-status'] ?? `http ${res.status}`);
      t.statuses[status] = (t.statuses[status] ?? 0) + 1;
      if (status === '0') {
        const reply = res.body.length >= 5 ? decodeDnsPacket(new Uint8Array(res.body.subarray(5))) : undefined;
        if (!reply) return fail(t, 'grpc-status 0 without a DnsPacket', q);
        t.replies++;
        const wrong = checkReply(q, reply, false);
        if (wrong) fail(t, wrong, q);
      } else if (status === '3' && !mustAnswer(q)) t.silent++;
      else fail(t, `grpc-status ${status}`, q);
    });
  } finally {
    session.close();
  }
  return t;
}

const expectClean = (t: Tally): void => {
  expect(t.failures.slice(0, 10), `${t.failures.length} failures`).toEqual([]);
};

let grpcPort: number;

beforeAll(async () => {
  grpcPort = await freePort();
  server = await startServerProcess(['--grpc-port', String(grpcPort), '--log-level', 'info']);
  await register(server.httpPort);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe(`fuzz: ${COUNT} seeded mutations per transport (HTTP transports ${HTTP_COUNT}), seed ${SEED}`, () => {
  it('UDP: IDs and questions echoed, replies within max(512, EDNS size)', async () => {
    const t = tally();
    await runBatches(messages(COUNT, 1), t, true, openUdp(server.dnsPort));
    report('udp', t);
    expect(t.sent).toBe(COUNT);
    expect(t.replies).toBeGreaterThan(COUNT / 4);
    expectClean(t);
  }, 60_000);

  it('TCP (pipelined): IDs and questions echoed', async () => {
    const t = tally();
    await runBatches(messages(COUNT, 2), t, false, openTcp(server.dnsPort));
    report('tcp', t);
    expect(t.replies).toBeGreaterThan(COUNT / 4);
    expectClean(t);
  }, 60_000);

  it('DoH POST and GET (h2c)', async () => {
    for (const [method, salt] of [['POST', 3], ['GET', 4]] as const) {
      const t = await fuzzDoh(method, messages(HTTP_COUNT, salt));
      report(`doh ${method}`, t);
      expect(t.replies).toBeGreaterThan(HTTP_COUNT / 4);
      expectClean(t);
    }
  }, 60_000);

  it('gRPC (CoreDNS DnsService/Query, h2c)', async () => {
    const t = await fuzzGrpc(grpcPort, messages(HTTP_COUNT, 5));
    report('grpc', t);
    expect(t.replies).toBeGreaterThan(HTTP_COUNT / 4);
    expectClean(t);
  }, 60_000);

  it('TCP streams of random bytes (lying length prefixes, partial frames) on 200 connections', async () => {
    const rng = seededRng(SEED ^ 6);
    let replies = 0;
    let closedByServer = 0;
    await Promise.all(Array.from({ length: 200 }, async () => {
      const socket = net.connect(server.dnsPort, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on('data', () => replies++);
      await once(socket, 'connect');
      const bytes = Uint8Array.from({ length: rng(600) }, () => rng(256));
      socket.write(bytes);
      await new Promise((r) => setTimeout(r, 50));
      if (socket.destroyed || socket.readyState !== 'open') closedByServer++;
      socket.destroy();
    }));
    console.log(`fuzz tcp streams: 200 connections of random bytes, ${replies} reply chunks, ${closedByServer} closed by the server`);
    // A well-behaved client on a new connection is still served.
    const t = tally();
    await runBatches([query('backend.fz.local', 'SRV')], t, false, openTcp(server.dnsPort));
    expect([t.replies, t.failures]).toEqual([1, []]);
  });

  it('leaves the server running and answering, with no answer it failed to build', async () => {
    const socket = dgram.createSocket('udp4');
    socket.send(query('backend.fz.local', 'A', { id: 7 }), server.dnsPort, '127.0.0.1');
    const [reply] = (await once(socket, 'message')) as [Buffer];
    socket.close();
    expect(decode(reply).answers).toHaveLength(1);
    expect(server.exited()).toBe(false);
    const bad = server.output().split('\n').filter((line) => /"level":(40|50|60)/.test(line));
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
