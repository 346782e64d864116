/**
 * Fixtures for DNS tests: a view with known zones, services and instances,
 * and helpers to build queries and read responses with dns-packet.
 *
 * Zones: `app.local` (DNS_PRIVATE, SOA TTL 60 s) and `pub.example`
 * (DNS_PUBLIC, no SOA TTL → 15 s); `api.internal` is an HTTP namespace (not a zone).
 */
import dnsPacket from 'dns-packet';
import type { Instance, Namespace, RecordType, RoutingPolicy, Service } from '../../src/model/types.ts';
import { View } from '../../src/view/view.ts';

const T0 = 1_700_000_000_000;

function namespace(id: string, name: string, type: Namespace['type'], soaTtl?: number): Namespace {
  return { id, arn: `arn:aws:servicediscovery:us-east-1:123456789012:namespace/${id}`, name, type, createDate: T0, httpName: name, resourceOwner: '123456789012', ...(soaTtl === undefined ? {} : { soaTtl }) };
}

/** A service in a namespace with DNS record templates `[type, ttl]`. */
export function service(id: string, namespaceId: string, name: string, records: [RecordType, number][], routingPolicy?: RoutingPolicy): Service {
  return {
    id,
    arn: `arn:aws:servicediscovery:us-east-1:123456789012:service/${id}`,
    name,
    namespaceId,
    type: records.length ? 'DNS_HTTP' : 'HTTP',
    createdByAccount: '123456789012',
    resourceOwner: '123456789012',
    createDate: T0,
    instancesRevision: 1,
    ...(records.length ? { dnsRecords: records.map(([type, ttl]) => ({ type, ttl })) } : {}),
    ...(routingPolicy ? { routingPolicy } : {}),
  };
}

/** An instance with attributes and health. */
export function instance(serviceId: string, id: string, attributes: Record<string, string>, healthStatus: Instance['healthStatus'] = 'HEALTHY'): Instance {
  return { id, serviceId, attributes, createdByAccount: '123456789012', createDate: T0, updateDate: T0, healthStatus };
}

/** Number of instances of the `big` service (A + SRV, 100 like the benchmark). */
export const BIG = 100;

/** The snapshot behind `fixtureView`. */
export function fixtureSnapshot() {
  const namespaces = [namespace('ns-app', 'app.local', 'DNS_PRIVATE', 60), namespace('ns-pub', 'pub.example', 'DNS_PUBLIC'), namespace('ns-http', 'api.internal', 'HTTP')];
  const services = [
    service('srv-backend', 'ns-app', 'backend', [['A', 30], ['AAAA', 40], ['SRV', 20]]),
    service('srv-web', 'ns-app', 'web', [['CNAME', 300]], 'WEIGHTED'),
    service('srv-empty', 'ns-app', 'empty', [['A', 10]]),
    service('srv-down', 'ns-app', 'down', [['A', 10]], 'MULTIVALUE'),
    service('srv-weighted', 'ns-app', 'weighted', [['A', 10]], 'WEIGHTED'),
    service('srv-api', 'ns-app', '_http._tcp.api', [['SRV', 25]]),
    service('srv-big', 'ns-app', 'big', [['A', 5], ['SRV', 5]]),
    service('srv-www', 'ns-pub', 'www', [['A', 120]]),
    service('srv-http', 'ns-http', 'orders', []),
  ];
  const instances = [
    instance('srv-backend', 'i-1', { AWS_INSTANCE_IPV4: '10.0.0.1', AWS_INSTANCE_IPV6: 'fd00::1', AWS_INSTANCE_PORT: '8080' }),
    instance('srv-backend', 'i-2', { AWS_INSTANCE_IPV4: '10.0.0.2', AWS_INSTANCE_PORT: '8081' }),
    instance('srv-backend', 'I-Three', { AWS_INSTANCE_IPV4: '10.0.0.3' }),
    instance('srv-backend', 'i-4', { AWS_INSTANCE_IPV4: '10.0.0.4', AWS_INSTANCE_IPV6: 'fd00::4', AWS_INSTANCE_PORT: '9090' }, 'UNHEALTHY'),
    instance('srv-web', 'c-1', { AWS_INSTANCE_CNAME: 'lb.example.com' }),
    instance('srv-down', 'd-1', { AWS_INSTANCE_IPV4: '10.9.0.1' }, 'UNHEALTHY'),
    instance('srv-down', 'd-2', { AWS_INSTANCE_IPV4: '10.9.0.2' }, 'UNHEALTHY'),
    instance('srv-weighted', 'w-1', { AWS_INSTANCE_IPV4: '10.1.0.1' }),
    instance('srv-weighted', 'w-2', { AWS_INSTANCE_IPV4: '10.1.0.2' }),
    instance('srv-weighted', 'w-3', { AWS_INSTANCE_IPV4: '10.1.0.3' }),
    instance('srv-api', 'a-1', { AWS_INSTANCE_IPV4: '10.2.0.1', AWS_INSTANCE_PORT: '443' }),
    instance('srv-www', 'p-1', { AWS_INSTANCE_IPV4: '203.0.113.10' }, 'UNKNOWN'),
    instance('srv-http', 'h-1', { AWS_INSTANCE_IPV4: '10.3.0.1' }),
  ];
  for (let i = 0; i < BIG; i++) {
    instances.push(instance('srv-big', `task-${String(i).padStart(32, '0')}`, { AWS_INSTANCE_IPV4: `10.100.${i >> 8}.${i & 0xff}`, AWS_INSTANCE_PORT: String(20000 + i) }));
  }
  return { revision: 1, namespaces, services, instances };
}

/** A view loaded with `fixtureSnapshot()`. */
export function fixtureView(): View {
  const view = new View();
  view.load(fixtureSnapshot());
  return view;
}

/** Options of `query`. */
export interface QueryOptions {
  id?: number;
  /** Add an OPT record with this UDP payload size; false for none. @default false */
  edns?: number | false;
  ednsVersion?: number;
  dnssecOk?: boolean;
  rd?: boolean;
  cd?: boolean;
}

/** A question type as dns-packet names it (its typings lack `ANY`). */
export type QType = dnsPacket.RecordType | 'ANY';

/** Encode a query (class IN) with dns-packet. */
export function query(name: string, type: QType, opts: QueryOptions = {}): Uint8Array {
  const flags = (opts.rd === false ? 0 : dnsPacket.RECURSION_DESIRED) | (opts.cd ? dnsPacket.CHECKING_DISABLED : 0);
  const additionals: dnsPacket.Answer[] = [];
  if (opts.edns !== undefined && opts.edns !== false) {
    additionals.push({ type: 'OPT', name: '.', udpPayloadSize: opts.edns, ednsVersion: opts.ednsVersion ?? 0, flags: opts.dnssecOk ? dnsPacket.DNSSEC_OK : 0 } as unknown as dnsPacket.Answer);
  }
  return new Uint8Array(dnsPacket.encode({ type: 'query', id: opts.id ?? 4242, flags, questions: [{ name, type: type as dnsPacket.RecordType, class: 'IN' }], additionals }));
}

/** A decoded response with the raw flags word (QR included) and the full RCODE. */
export interface Decoded extends dnsPacket.DecodedPacket {
  /** Full 16-bit flags word. */
  raw: number;
  /** RCODE including the extended bits from OPT. */
  fullRcode: number;
  /** RCODE mnemonic as dns-packet decodes it (`NOERROR`, `NXDOMAIN`). */
  rcode: string;
}

/** Decode a response with dns-packet. */
export function decode(bytes: Uint8Array): Decoded {
  const msg = dnsPacket.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as Decoded;
  msg.raw = (bytes[2]! << 8) | bytes[3]!;
  const opt = msg.additionals?.find((a) => a.type === 'OPT') as { extendedRcode?: number } | undefined;
  msg.fullRcode = (msg.raw & 0xf) | ((opt?.extendedRcode ?? 0) << 4);
  return msg;
}

/** Records of a section as `"name TTL TYPE data"` strings, sorted, OPT left out. */
export function rrs(list: dnsPacket.Answer[] | undefined): string[] {
  return (list ?? [])
    .filter((a) => a.type !== 'OPT')
    .map((a) => {
      const r = a as { name: string; type: string; ttl?: number; data?: unknown };
      const d = r.data as Record<string, unknown> | string;
      let data: string;
      if (r.type === 'SRV') data = `${(d as Record<string, unknown>).priority} ${(d as Record<string, unknown>).weight} ${(d as Record<string, unknown>).port} ${(d as Record<string, unknown>).target}`;
      else if (r.type === 'SOA') {
        const s = d as Record<string, unknown>;
        data = `${s.mname} ${s.rname} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
      } else data = String(d);
      return `${r.name} ${r.ttl} ${r.type} ${data}`;
    })
    .sort();
}

/** A seeded PRNG in [0, 1) (mulberry32), for repeatable routing. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
