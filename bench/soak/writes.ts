/**
 * The soak's API writes and their ledger: RegisterInstance of new instances
 * and DeregisterInstance of acknowledged ones, through both replicas in
 * turn, every answer recorded. At the end every acknowledged write is
 * checked against the store (ListInstances) and DNS (the A record at the
 * instance's host name `<id>.<service>.bench.local`, RFC 1035 over UDP).
 *
 * A 200 is an acknowledged write; a 4xx or a refused connection is a
 * refused one (not applied); a 5xx or no answer is ambiguous (it may or may not have been applied) and
 * that instance leaves the check, counted as such.
 */
import dgram from 'node:dgram';
import { ZONE } from '../dns/data.ts';
import { query } from '../../test/support/dns-fixtures.ts';
import { api, callApi } from './common.ts';

/** Names of the services the writer writes to. */
export const WRITE_SERVICES = Array.from({ length: 10 }, (_, i) => `soak-w-${i}`);

/** One instance the writer touched. */
export interface WriteRecord {
  id: string;
  service: string;
  ip: string;
  /** Data generation (bumped by a reset) it was written in. */
  gen: number;
  /** When RegisterInstance was acknowledged (epoch ms). */
  registeredAt?: number;
  /** When DeregisterInstance was acknowledged (epoch ms). */
  deregisteredAt?: number;
  /** A deregistration was sent (acknowledged or not). */
  deregisterSent?: boolean;
  /** Why its state is unknown (a 5xx or no answer). */
  ambiguous?: string;
}

/** The writer's shared state, read by the soak and the check. */
export interface Ledger {
  records: Map<string, WriteRecord>;
  /** Service ids of the current generation, by name. */
  services: Map<string, string>;
  gen: number;
  /** Error answers by kind (`RegisterInstance 503 ServiceUnavailable`, `DeregisterInstance fetch failed`). */
  errors: Map<string, number>;
  acked: number;
  /** The soak phase now, prefixed to error kinds. */
  phase: string;
}

export const newLedger = (): Ledger => ({ records: new Map(), services: new Map(), gen: 1, errors: new Map(), acked: 0, phase: '' });

/** Create the write services in namespace `namespaceId` (idempotent, by CreatorRequestId per generation) and record their ids. */
export async function createWriteServices(port: number, namespaceId: string, ledger: Ledger): Promise<void> {
  const ids = new Map<string, string>();
  for (const name of WRITE_SERVICES) {
    const r = await api(port, 'CreateService', {
      Name: name, NamespaceId: namespaceId, CreatorRequestId: `${name}-${ledger.gen}`,
      DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 30 }, { Type: 'SRV', TTL: 30 }] },
    });
    ids.set(name, r.Service.Id);
  }
  ledger.services = ids;
}

const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);

/** A running writer. */
export interface Writer {
  stop(): Promise<void>;
}

/**
 * `workers` loops, each: a write, then `pauseMs`. 30 % of writes deregister a
 * random acknowledged instance of the current generation, the rest register a
 * new one (`w-N`, 10.200.x.y) in a random write service. Targets alternate over `ports`.
 */
export function startWriter(ports: number[], ledger: Ledger, workers = 2, pauseMs = 100): Writer {
  let stopped = false;
  let next = 0;
  let turn = 0;
  const live: string[] = [];
  const worker = async (): Promise<void> => {
    while (!stopped) {
      const port = ports[turn++ % ports.length]!;
      if (live.length > 20 && Math.random() < 0.3) {
        const at = Math.floor(Math.random() * live.length);
        const id = live[at]!;
        live[at] = live[live.length - 1]!;
        live.pop();
        const rec = ledger.records.get(id)!;
        if (rec.gen === ledger.gen && ledger.services.has(rec.service)) {
          rec.deregisterSent = true;
          await write(port, 'DeregisterInstance', { ServiceId: ledger.services.get(rec.service), InstanceId: id }, rec, (t) => (rec.deregisteredAt = t));
        }
      } else {
        const n = next++;
        const service = WRITE_SERVICES[n % WRITE_SERVICES.length]!;
        const serviceId = ledger.services.get(service);
        const rec: WriteRecord = { id: `w-${n}`, service, ip: `10.200.${(n >> 8) & 255}.${n & 255}`, gen: ledger.gen };
        ledger.records.set(rec.id, rec);
        if (serviceId) {
          await write(port, 'RegisterInstance', { ServiceId: serviceId, InstanceId: rec.id, Attributes: { AWS_INSTANCE_IPV4: rec.ip, AWS_INSTANCE_PORT: '80' } }, rec, (t) => {
            rec.registeredAt = t;
            live.push(rec.id);
          });
        }
      }
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const write = async (port: number, operation: string, body: unknown, rec: WriteRecord, acked: (t: number) => void): Promise<void> => {
    try {
      const r = await callApi(port, operation, body, 10_000);
      if (r.status === 200) {
        ledger.acked++;
        return acked(Date.now());
      }
      bump(ledger.errors, `${ledger.phase}: ${operation} ${r.status} ${r.body?.__type ?? ''}`.trim());
      if (r.status >= 500) rec.ambiguous = `${operation} ${r.status}`;
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      bump(ledger.errors, `${ledger.phase}: ${operation} no answer (${cause})`);
      // A refused connection sent nothing, so nothing was applied.
      if (cause !== 'ECONNREFUSED') rec.ambiguous = `${operation} no answer`;
    }
  };
  const loops = Array.from({ length: workers }, worker);
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** What the final check found. */
export interface CheckResult {
  /** Acknowledged writes checked (instances with an acknowledged last state). */
  checked: number;
  ambiguous: number;
  /** Acknowledged registrations of an earlier generation (erased by FLUSHALL). */
  erasedByReset: number;
  /** Acknowledged within the reset window (from 1 s before FLUSHALL to the end of the restore): lost ones. */
  lostInResetWindow: string[];
  /** Acknowledged outside the reset window and not as acknowledged, in the store. */
  lostInStore: string[];
  /** Acknowledged outside the reset window and not as acknowledged, in DNS, per replica port. */
  lostInDns: Map<number, string[]>;
}

/**
 * Check every acknowledged write: present (registered, not deregistered) or
 * absent (deregistered) in ListInstances through `apiPort` and in DNS on each of `dnsPorts`.
 * @param resetWindow [start, end] epoch ms of the reset, if there was one
 */
export async function checkWrites(ledger: Ledger, apiPort: number, dnsPorts: number[], resetWindow?: [number, number]): Promise<CheckResult> {
  const stored = new Map<string, string>();
  for (const [name, serviceId] of ledger.services) {
    let token: string | undefined;
    do {
      const r = await api(apiPort, 'ListInstances', { ServiceId: serviceId, MaxResults: 100, ...(token && { NextToken: token }) });
      for (const i of r.Instances ?? []) stored.set(`${name}/${i.Id}`, i.Attributes?.AWS_INSTANCE_IPV4);
      token = r.NextToken;
    } while (token);
  }
  const result: CheckResult = { checked: 0, ambiguous: 0, erasedByReset: 0, lostInResetWindow: [], lostInStore: [], lostInDns: new Map(dnsPorts.map((p) => [p, []])) };
  const toCheck: { rec: WriteRecord; present: boolean }[] = [];
  const inWindow = (t: number | undefined): boolean => !!resetWindow && t !== undefined && t >= resetWindow[0] && t <= resetWindow[1];
  for (const rec of ledger.records.values()) {
    if (rec.registeredAt === undefined) continue;
    if (rec.ambiguous) {
      result.ambiguous++;
      continue;
    }
    if (rec.gen !== ledger.gen) {
      if (rec.deregisteredAt === undefined) result.erasedByReset++;
      continue;
    }
    result.checked++;
    const present = rec.deregisteredAt === undefined;
    const there = stored.get(`${rec.service}/${rec.id}`) === rec.ip;
    if (present !== there) {
      if (inWindow(rec.deregisteredAt ?? rec.registeredAt)) result.lostInResetWindow.push(`${rec.id} (store)`);
      else result.lostInStore.push(rec.id);
    }
    toCheck.push({ rec, present });
  }
  for (const port of dnsPorts) {
    const answers = await resolveAll(port, toCheck.map(({ rec }) => `${rec.id}.${rec.service}.${ZONE}`));
    toCheck.forEach(({ rec, present }, i) => {
      const a = answers[i]!;
      const ok = present ? a.rcode === 0 && a.addresses.includes(rec.ip) : a.rcode === 3;
      if (ok) return;
      if (inWindow(rec.deregisteredAt ?? rec.registeredAt)) result.lostInResetWindow.push(`${rec.id} (dns ${port})`);
      else result.lostInDns.get(port)!.push(`${rec.id}: ${present ? 'missing' : 'still served'} (rcode ${a.rcode})`);
    });
  }
  return result;
}

/** A query for each name's A record over UDP, 64 in flight, retried up to 3 times; rcode -1 when never answered. */
async function resolveAll(port: number, names: string[]): Promise<{ rcode: number; addresses: string[] }[]> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const pending = new Map<number, (msg: Buffer) => void>();
  socket.on('message', (msg) => pending.get(msg.readUInt16BE(0))?.(msg));
  let nextId = 1;
  const one = (name: string): Promise<{ rcode: number; addresses: string[] }> =>
    new Promise((resolve) => {
      const id = nextId++ & 0xffff;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ rcode: -1, addresses: [] });
      }, 2000);
      pending.set(id, (msg) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve({ rcode: msg[3]! & 0xf, addresses: aRecords(msg) });
      });
      socket.send(query(name, 'A', { id }), port, '127.0.0.1');
    });
  const out: { rcode: number; addresses: string[] }[] = new Array(names.length);
  let at = 0;
  await Promise.all(Array.from({ length: 64 }, async () => {
    for (let i = at++; i < names.length; i = at++) {
      let r = await one(names[i]!);
      for (let t = 0; t < 3 && r.rcode === -1; t++) r = await one(names[i]!);
      out[i] = r;
    }
  }));
  socket.close();
  return out;
}

/** IPv4 addresses of the A records in a DNS reply's answer section (RFC 1035 §4.1). */
function aRecords(msg: Buffer): string[] {
  const skipName = (at: number): number => {
    for (;;) {
      const len = msg[at]!;
      if (len === 0) return at + 1;
      if ((len & 0xc0) === 0xc0) return at + 2;
      at += len + 1;
    }
  };
  let at = 12;
  for (let q = msg.readUInt16BE(4); q > 0; q--) at = skipName(at) + 4;
  const out: string[] = [];
  for (let a = msg.readUInt16BE(6); a > 0; a--) {
    at = skipName(at);
    const type = msg.readUInt16BE(at);
    const rdlength = msg.readUInt16BE(at + 8);
    if (type === 1 && rdlength === 4) out.push(`${msg[at + 10]}.${msg[at + 11]}.${msg[at + 12]}.${msg[at + 13]}`);
    at += 10 + rdlength;
  }
  return out;
}
