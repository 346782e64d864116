/**
 * Pieces the soak and memory benchmarks share: Cloud Map API calls over
 * plain HTTP, the 1,000 services × 3 instances data set of `bench/dns/data.ts`
 * loaded through the API, and a process's resident set read from
 * `/proc/PID/status` (Linux).
 */
import { readFileSync } from 'node:fs';
import { INSTANCES, SERVICES, ZONE, address, instanceId, port as instancePort, serviceName } from '../dns/data.ts';

/** Node flags `npm start` and the Dockerfile run the server with (keep in step with them). */
export const SHIPPED_NODE_OPTIONS = '--max-semi-space-size=4';
/** glibc malloc arenas `npm start` and the Dockerfile set (`MALLOC_ARENA_MAX`). */
export const SHIPPED_MALLOC_ARENA_MAX = '2';

/** `x-amz-target` prefix of the Cloud Map API (awsJson1_1). */
export const TARGET = 'Route53AutoNaming_v20170314.';

/** An API call that got an HTTP answer: its status and parsed JSON body. */
export interface ApiAnswer {
  status: number;
  body: any;
}

/**
 * POST one Cloud Map operation to `http://127.0.0.1:port/`.
 * @param timeoutMs abort the call after this long (milliseconds)
 * @returns the status and JSON body, whatever the status
 * @throws when no HTTP answer arrives (connection refused or reset, timeout)
 */
export async function callApi(port: number, operation: string, body: unknown, timeoutMs = 10_000): Promise<ApiAnswer> {
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}${operation}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/**
 * `callApi` that wants 200, retrying a 5xx or a call without an answer up to
 * `tries` times a second apart (use it for idempotent calls only: reads,
 * RegisterInstance, creates with a CreatorRequestId).
 * @throws with the operation and the last answer otherwise
 */
export async function api(port: number, operation: string, body: unknown, tries = 5): Promise<any> {
  for (let i = 1; ; i++) {
    let why: string;
    try {
      const r = await callApi(port, operation, body);
      if (r.status === 200) return r.body;
      why = `${r.status} ${JSON.stringify(r.body)}`;
      if (r.status < 500) throw new Error(`${operation}: ${why}`);
    } catch (e) {
      if ((e as Error).message.startsWith(`${operation}:`)) throw e;
      why = String(e);
    }
    if (i >= tries) throw new Error(`${operation}: ${why}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Ids of what `loadDataSet` created. */
export interface DataSet {
  namespaceId: string;
  /** Service ids by index (`svc-0000` is index 0). */
  serviceIds: string[];
  /** Seconds the load took. */
  seconds: number;
}

/**
 * Register `bench/dns/data.ts`'s data set (namespace `bench.local`, SERVICES
 * services × 3 instances, A + SRV) through the API, `parallel` calls in flight
 * (each retried on a 5xx: every call is idempotent).
 * @throws on a call that does not return 200 within its tries
 */
export async function loadDataSet(port: number, parallel = 16): Promise<DataSet> {
  const started = performance.now();
  const created = await api(port, 'CreatePrivateDnsNamespace', { Name: ZONE, Vpc: 'vpc-bench', CreatorRequestId: `ns-${ZONE}` });
  let namespaceId: string | undefined;
  for (let i = 0; i < 100 && !namespaceId; i++) {
    const op = (await api(port, 'GetOperation', { OperationId: created.OperationId })).Operation;
    if (op.Status === 'SUCCESS') namespaceId = op.Targets.NAMESPACE;
    else await new Promise((r) => setTimeout(r, 100));
  }
  if (!namespaceId) throw new Error('CreatePrivateDnsNamespace did not succeed');
  const serviceIds: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < SERVICES; i = next++) {
      const svc = await api(port, 'CreateService', {
        Name: serviceName(i), NamespaceId: namespaceId, CreatorRequestId: `svc-${i}`,
        DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 30 }, { Type: 'SRV', TTL: 30 }] },
      });
      serviceIds[i] = svc.Service.Id;
      for (let j = 0; j < INSTANCES; j++) {
        await api(port, 'RegisterInstance', { ServiceId: svc.Service.Id, InstanceId: instanceId(j), Attributes: { AWS_INSTANCE_IPV4: address(i, j), AWS_INSTANCE_PORT: instancePort(j) } });
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { namespaceId, serviceIds, seconds: (performance.now() - started) / 1000 };
}

/**
 * Resident set size and its peak of process `pid`, in MiB (VmRSS and VmHWM
 * of /proc/PID/status); undefined when the process is gone.
 */
export function rssMiB(pid: number): { rss: number; hwm: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Heap figures from our `/metrics` (prom-client's default Node metrics), MiB; undefined when unreachable. */
export async function heapMiB(port: number): Promise<{ heapUsed: number; heapTotal: number; external: number } | undefined> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const value = (name: string): number => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+]+)`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
    return { heapUsed: value('nodejs_heap_size_used_bytes'), heapTotal: value('nodejs_heap_size_total_bytes'), external: value('nodejs_external_memory_bytes') };
  } catch {
    return undefined;
  }
}

/** Number formatting for the tables. */
export const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Value of `--name N` in argv, or `fallback`. */
export function numberArg(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} wants a positive number, got ${argv[i + 1]}`);
  return n;
}
