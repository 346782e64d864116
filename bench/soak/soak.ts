/**
 * Fault and soak suite (issue 10 item 7): `npm run soak` (`-- --minutes N`,
 * default 10; `-- --minutes 2` for a short trial). A benchmark: prints what
 * it measured and asserts nothing; not part of `npm test`.
 *
 * Set-up: a Redis Sentinel group (master, replica, three Sentinels, from
 * test/support/redis-sentinel.ts; data nodes with `appendonly yes`,
 * `appendfsync always` so a killed Redis restarts with what it acknowledged;
 * `down-after-milliseconds` 60 s so a 30 s freeze or a restart is not a
 * failover), and two cloudmap-dns replicas (`serve --redis-sentinels …`)
 * from dist/, both pinned to CPU 1; every load generator and Redis runs on
 * CPU 0. 1,000 services × 3 instances are registered through the API.
 *
 * Load, all the time: dnsperf UDP (replica A) and TCP (replica B) at a fixed
 * rate, DoH POST over h2c (Node client, replica A), gRPC through the Go
 * client (CoreDNS's grpc-go + miekg/dns, replica B), and API writes
 * (RegisterInstance / DeregisterInstance through both replicas, every
 * acknowledged write recorded; `writes.ts`).
 *
 * Phases (equal parts of the run), each fault a few seconds in:
 * baseline; Redis master frozen 30 s (SIGSTOP/SIGCONT); Redis master killed
 * (SIGKILL) and restarted; replica B killed (SIGKILL) and restarted; a
 * Sentinel failover (SENTINEL FAILOVER); FLUSHALL on the master, then the
 * data set restored through the API (the reset window); cool-down.
 *
 * Report: failed DNS queries per phase and transport (by kind), API write
 * errors by kind, acknowledged writes lost (checked at the end in the store
 * and in DNS on both replicas; losses to FLUSHALL counted apart), VmRSS of
 * each replica over time, warn/error log lines by message.
 * Needs dnsperf, redis-server, redis-cli, taskset, go (see test/support/grpc-go.ts).
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MASTER_NAME, type SentinelGroup, startSentinelGroup } from '../../test/support/redis-sentinel.ts';
import { redisCli } from '../../test/support/redis-nodes.ts';
import { buildGoGrpcClient } from '../../test/support/grpc-go.ts';
import { INSTANCES, SERVICES, ZONE, queryFile } from '../dns/data.ts';
import { LOAD_CPU, requireTool } from '../dns/procs.ts';
import { fmt, loadDataSet, numberArg, rssMiB } from './common.ts';
import { dnsperfPhase, newCount, startDohLoad, startGrpcLoad, type TransportCount } from './load.ts';
import { logCounts, type Replica, startReplica } from './replica.ts';
import { checkWrites, createWriteServices, newLedger, startWriter } from './writes.ts';

const argv = process.argv.slice(2);
const MINUTES = numberArg(argv, 'minutes', 10);
const UDP_QPS = numberArg(argv, 'udp-qps', 2000);
const TCP_QPS = numberArg(argv, 'tcp-qps', 500);
const DOH_QPS = numberArg(argv, 'doh-qps', 300);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

for (const [tool, pkg] of [['dnsperf', 'dnsperf'], ['redis-server', 'redis-server'], ['redis-cli', 'redis-tools'], ['taskset', 'util-linux']]) requireTool(tool!, pkg!);

const dir = mkdtempSync(join(tmpdir(), 'cloudmap-soak-'));
const cleanups: (() => Promise<void> | void)[] = [];
const started = Date.now();
const at = (): string => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (msg: string): void => console.log(`[${at()}] ${msg}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pin = (pid: number): void => void execFileSync('taskset', ['-pc', LOAD_CPU, String(pid)], { stdio: 'ignore' });

interface Phase {
  name: string;
  /** The fault, run `lead` ms into the phase; resolves when the fault is over (recovery not awaited). */
  fault?: () => Promise<void>;
}

interface PhaseResult {
  name: string;
  seconds: number;
  counts: Record<'UDP' | 'TCP' | 'DoH' | 'gRPC', TransportCount>;
  writes: number;
  notes: string[];
}

async function main(): Promise<void> {
  console.log(`soak: ${MINUTES} min; ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; replicas on CPU 1, load and Redis on CPU ${LOAD_CPU}; ` +
    `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (shared machine)`);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  buildGoGrpcClient();
  const group: SentinelGroup = await startSentinelGroup({ downAfterMs: 60_000, dataArgs: ['--appendonly', 'yes', '--appendfsync', 'always'] });
  cleanups.push(() => group.stop());
  for (const n of [group.master, group.replica, ...group.sentinels]) pin(n.pid);
  const redisArgs = ['--redis-sentinels', group.sentinelsFlag, '--redis-master-name', MASTER_NAME];
  const a = await startReplica('replica-a', dir, redisArgs);
  cleanups.push(() => a.stop());
  const b = await startReplica('replica-b', dir, redisArgs);
  cleanups.push(() => b.stop());
  log(`Sentinel group up (master :${group.master.port}, replica :${group.replica.port}); replicas A (http ${a.httpPort}, dns ${a.dnsPort}) and B (http ${b.httpPort}, dns ${b.dnsPort}, grpc ${b.grpcPort})`);
  const ledger = newLedger();
  const data = await loadDataSet(a.httpPort);
  await createWriteServices(a.httpPort, data.namespaceId, ledger);
  log(`loaded ${SERVICES} services × ${INSTANCES} instances through the API in ${fmt(data.seconds, 1)} s`);
  const queries = join(dir, 'queries.txt');
  writeFileSync(queries, queryFile());

  const rss: { t: number; a?: number; b?: number }[] = [];
  const sampler = setInterval(() => rss.push({ t: (Date.now() - started) / 1000, a: rssMiB(a.pid)?.rss, b: rssMiB(b.pid)?.rss }), 5000);
  cleanups.push(() => clearInterval(sampler));
  const doh = startDohLoad(a.httpPort, DOH_QPS);
  cleanups.push(() => doh.stop());
  const grpc = startGrpcLoad(b.grpcPort);
  cleanups.push(() => grpc.stop());
  const writer = startWriter([a.httpPort, b.httpPort], ledger);
  cleanups.push(() => writer.stop());

  const nodeOnPort = (port: number) => [group.master, group.replica].find((n) => n.port === port)!;
  let resetWindow: [number, number] | undefined;
  const phaseSeconds = Math.max(20, Math.round((MINUTES * 60) / 7));
  const freezeMs = Math.min(30_000, phaseSeconds * 400);
  const phases: Phase[] = [
    { name: 'baseline' },
    {
      name: `Redis master frozen ${freezeMs / 1000} s (SIGSTOP/SIGCONT)`,
      fault: async () => {
        const node = nodeOnPort(await group.masterPort());
        node.pause();
        log(`SIGSTOP redis :${node.port}`);
        await sleep(freezeMs);
        node.resume();
        log(`SIGCONT redis :${node.port}`);
      },
    },
    {
      name: 'Redis master killed (SIGKILL) and restarted',
      fault: async () => {
        const node = nodeOnPort(await group.masterPort());
        await node.kill();
        log(`SIGKILL redis :${node.port}`);
        await sleep(2000);
        await node.restart();
        pin(node.pid);
        log(`redis :${node.port} restarted (AOF)`);
      },
    },
    {
      name: 'replica B killed (SIGKILL) and restarted',
      fault: async () => {
        await b.kill9();
        log('SIGKILL replica B');
        await b.start();
        log('replica B healthy again');
      },
    },
    {
      name: 'Sentinel failover',
      fault: async () => {
        const before = await group.masterPort();
        await group.waitForReplicaInSync(before);
        await redisCli(['-p', String(group.sentinels[0]!.port), 'SENTINEL', 'FAILOVER', MASTER_NAME]);
        log(`SENTINEL FAILOVER from :${before}`);
        const after = before === group.master.port ? group.replica.port : group.master.port;
        await group.waitForMaster(after);
        log(`master is now :${after}`);
      },
    },
    {
      name: 'FLUSHALL, then the data set restored through the API (reset)',
      fault: async () => {
        const port = await group.masterPort();
        const from = Date.now() - 1000;
        ledger.gen++;
        ledger.services = new Map();
        await redisCli(['-p', String(port), 'FLUSHALL']);
        log(`FLUSHALL on :${port}`);
        // Both replicas must have seen the reset (the namespace is gone) before it is restored, or a replica could miss it.
        for (const r of [a, b]) {
          for (let i = 0; i < 300; i++) {
            const res = await fetch(`http://127.0.0.1:${r.httpPort}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Route53AutoNaming_v20170314.ListNamespaces' }, body: '{}' }).then((x) => x.json(), () => undefined);
            if (res && Array.isArray(res.Namespaces) && res.Namespaces.length === 0) break;
            await sleep(100);
          }
        }
        const restored = await loadDataSet(a.httpPort);
        await createWriteServices(a.httpPort, restored.namespaceId, ledger);
        resetWindow = [from, Date.now()];
        log(`data set restored in ${fmt(restored.seconds, 1)} s`);
      },
    },
    { name: 'cool-down' },
  ];

  const results: PhaseResult[] = [];
  for (const phase of phases) {
    const phaseStart = Date.now();
    log(`phase: ${phase.name} (${phaseSeconds} s)`);
    ledger.phase = phase.name.split(' (')[0]!.split(',')[0]!;
    doh.take();
    grpc.take();
    const ackedBefore = ledger.acked;
    const udp = dnsperfPhase(a.dnsPort, queries, phaseSeconds, 'udp', UDP_QPS);
    const tcp = dnsperfPhase(b.dnsPort, queries, phaseSeconds, 'tcp', TCP_QPS);
    const notes: string[] = [];
    const fault = phase.fault
      ? sleep(Math.min(5000, phaseSeconds * 100)).then(phase.fault).catch((e) => {
        notes.push(`fault failed: ${String(e).slice(0, 200)}`);
        log(`fault failed: ${e}`);
      })
      : Promise.resolve();
    const [u, t] = await Promise.all([udp, tcp, fault]);
    if (Date.now() - phaseStart > (phaseSeconds + 10) * 1000) notes.push(`phase overran to ${fmt((Date.now() - phaseStart) / 1000)} s (fault recovery)`);
    results.push({ name: phase.name, seconds: (Date.now() - phaseStart) / 1000, counts: { UDP: u!, TCP: t!, DoH: doh.take(), gRPC: grpc.take() }, writes: ledger.acked - ackedBefore, notes });
    const r = results.at(-1)!;
    log(`  failed: ${(['UDP', 'TCP', 'DoH', 'gRPC'] as const).map((k) => `${k} ${r.counts[k].failed}/${r.counts[k].sent}`).join(', ')}; ${r.writes} writes acknowledged`);
  }

  await writer.stop();
  await grpc.stop();
  doh.stop();
  clearInterval(sampler);
  await sleep(3000);
  const check = await checkWrites(ledger, a.httpPort, [a.dnsPort, b.dnsPort], resetWindow);
  const logs = [a, b].map((r) => [r.name, logCounts(r.logFile)] as const);
  report(results, ledger, check, rss, logs, resetWindow);
}

function report(results: PhaseResult[], ledger: ReturnType<typeof newLedger>, check: Awaited<ReturnType<typeof checkWrites>>,
  rss: { t: number; a?: number; b?: number }[], logs: (readonly [string, Map<string, number>])[], resetWindow?: [number, number]): void {
  const out: string[] = [];
  const p = (s = ''): void => void out.push(s);
  p(`\n## Soak results (${MINUTES} min)\n`);
  p('| phase | s | UDP failed / sent | TCP failed / sent | DoH failed / sent | gRPC failed / sent | writes acked |');
  p('|---|---|---|---|---|---|---|');
  for (const r of results) {
    const c = (k: 'UDP' | 'TCP' | 'DoH' | 'gRPC'): string => `${fmt(r.counts[k].failed)} / ${fmt(r.counts[k].sent)}`;
    p(`| ${r.name} | ${fmt(r.seconds)} | ${c('UDP')} | ${c('TCP')} | ${c('DoH')} | ${c('gRPC')} | ${fmt(r.writes)} |`);
  }
  p('\nFailed DNS queries by kind:');
  for (const r of results) {
    const kinds = (['UDP', 'TCP', 'DoH', 'gRPC'] as const).flatMap((k) => [...r.counts[k].kinds].map(([kind, n]) => `${k} ${kind}: ${fmt(n)}`));
    if (kinds.length || r.notes.length) p(`- ${r.name}: ${[...kinds, ...r.notes].join('; ')}`);
  }
  const outside = results.filter((r) => !r.name.startsWith('FLUSHALL')).reduce((n, r) => n + Object.values(r.counts).reduce((m, c) => m + c.failed, 0), 0);
  p(`\nFailed DNS queries outside the reset phase: ${fmt(outside)} (goal 0)`);
  p(`\nAPI writes: ${fmt(ledger.acked)} acknowledged; errors by phase and kind:`);
  for (const [k, n] of ledger.errors) p(`- ${k}: ${fmt(n)}`);
  p(`\nAcknowledged writes checked at the end: ${fmt(check.checked)} (store: ListInstances; DNS: A at <id>.<service>.${ZONE} on both replicas); ` +
    `${fmt(check.ambiguous)} left out as ambiguous (5xx or no answer: may or may not have been applied)`);
  p(`- lost outside the reset window: store ${check.lostInStore.length}, DNS ${[...check.lostInDns].map(([port, l]) => `:${port} ${l.length}`).join(', ')} (goal 0)` +
    (check.lostInStore.length ? `; store: ${check.lostInStore.slice(0, 10).join(', ')}` : '') +
    [...check.lostInDns].filter(([, l]) => l.length).map(([port, l]) => `; dns :${port}: ${l.slice(0, 10).join(', ')}`).join(''));
  p(`- erased by FLUSHALL (registered before it, by definition lost): ${fmt(check.erasedByReset)}`);
  p(`- lost within the reset window${resetWindow ? ` (${fmt((resetWindow[1] - resetWindow[0]) / 1000, 1)} s)` : ''}: ${check.lostInResetWindow.length}${check.lostInResetWindow.length ? ` (${check.lostInResetWindow.slice(0, 10).join(', ')})` : ''}`);
  p('\nVmRSS (MiB) per minute, replica A / replica B (B restarts in its kill phase):');
  const perMinute = new Map<number, { a?: number; b?: number }>();
  for (const s of rss) perMinute.set(Math.floor(s.t / 60), s);
  p([...perMinute].map(([m, s]) => `${m} min: ${fmt(s.a)} / ${fmt(s.b)}`).join('; '));
  p(`max: A ${fmt(Math.max(...rss.map((s) => s.a ?? 0)))}, B ${fmt(Math.max(...rss.map((s) => s.b ?? 0)))}`);
  p('\nServer log lines at warn and above, by message:');
  for (const [name, counts] of logs) p(`- ${name}: ${[...counts].map(([k, n]) => `${k} ×${n}`).join('; ') || 'none'}`);
  p(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared with other helpers)`);
  console.log(out.join('\n'));
}

try {
  await main();
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      // keep cleaning
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
