/**
 * Resolver throughput: `npx tsx bench/dns.bench.ts`.
 *
 * Answers A and SRV queries for a service with 100 healthy instances
 * (MULTIVALUE: 8 random records per answer, SRV with 8 additional A records)
 * through `DnsResolver.handle` — the whole hot path a UDP/TCP/DoH/gRPC
 * transport calls: dns-packet decode, resolve over the view, response
 * encoding. Prints queries per second (single thread); no sockets involved.
 */
import dnsPacket from 'dns-packet';
import { createResolver } from '../src/dns/resolver.ts';
import type { Transport } from '../src/dns/wire.ts';
import { View } from '../src/view/view.ts';
import { instance, service } from '../test/support/dns-fixtures.ts';

const INSTANCES = 100;
/** Total timed milliseconds per case (`BENCH_MS`). */
const DURATION_MS = Number(process.env.BENCH_MS ?? 5000);

function buildView(): View {
  const view = new View();
  view.load({
    revision: 1,
    namespaces: [{ id: 'ns-bench', arn: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-bench', name: 'app.local', type: 'DNS_PRIVATE', createDate: 0, httpName: 'app.local', resourceOwner: '123456789012', soaTtl: 60 }],
    services: [service('srv-bench', 'ns-bench', 'backend', [['A', 10], ['SRV', 10]])],
    instances: Array.from({ length: INSTANCES }, (_, i) =>
      instance('srv-bench', `i-${i.toString(16).padStart(17, '0')}`, { AWS_INSTANCE_IPV4: `10.0.${i >> 8}.${i & 0xff}`, AWS_INSTANCE_PORT: String(8000 + i) }),
    ),
  });
  return view;
}

function encodeQuery(name: string, type: dnsPacket.RecordType): Uint8Array {
  return new Uint8Array(
    dnsPacket.encode({
      type: 'query',
      id: 0x1234,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ name, type, class: 'IN' }],
      additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232 } as dnsPacket.Answer],
    }),
  );
}

interface Case {
  label: string;
  query: Uint8Array;
  transport: Transport;
}

/** Queries per second of `handle` over one timed round of about `ms` milliseconds. */
function round(c: Case, ms: number): number {
  const resolver = createResolver(buildView());
  const ctx = { transport: c.transport };
  let n = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 5_000; i++) sink += resolver.handle(c.query, ctx)!.length;
    n += 5_000;
    now = performance.now();
  }
  if (sink === 0) throw new Error('no responses');
  return n / ((now - start) / 1000);
}

function describeAnswer(c: Case): string {
  const msg = dnsPacket.decode(Buffer.from(createResolver(buildView()).handle(c.query, { transport: c.transport })!)) as dnsPacket.DecodedPacket & { rcode: string };
  const additionals = (msg.additionals ?? []).filter((r) => r.type !== 'OPT').length;
  return `${msg.rcode}, ${msg.answers?.length ?? 0} answers, ${additionals} additional`;
}

const cases: Case[] = [
  { label: 'A    backend.app.local (udp)', query: encodeQuery('backend.app.local', 'A'), transport: 'udp' },
  { label: 'SRV  backend.app.local (udp)', query: encodeQuery('backend.app.local', 'SRV'), transport: 'udp' },
  { label: 'A    nope.app.local (NXDOMAIN)', query: encodeQuery('nope.app.local', 'A'), transport: 'udp' },
];
const ROUNDS = 5;
console.log(`cloudmap-dns resolver: service with ${INSTANCES} instances, ${process.version}, median of ${ROUNDS} rounds of ${DURATION_MS / ROUNDS} ms`);
for (const c of cases) round(c, 300); // warm up every path before timing any
const results = new Map<Case, number[]>(cases.map((c) => [c, []]));
for (let r = 0; r < ROUNDS; r++) for (const c of cases) results.get(c)!.push(round(c, DURATION_MS / ROUNDS));
for (const c of cases) {
  const sorted = results.get(c)!.sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `${c.label.padEnd(34)} ${Math.round(median).toLocaleString('en-US').padStart(9)} queries/s  ${(1e9 / median).toFixed(0).padStart(5)} ns/query  (range ${Math.round(sorted[0]! / 1000)}k–${Math.round(sorted.at(-1)! / 1000)}k; ${describeAnswer(c)})`,
  );
}
