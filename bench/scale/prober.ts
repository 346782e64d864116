/**
 * The scale benchmarks' DNS prober as a process of its own, pinned to the
 * load CPU (`LOAD_CPU`, or `BENCH_PROBER_CPU`) like every load generator: in the benchmark's own
 * process it shares a core and the event loop with the registrations, the
 * /metrics polling and their garbage, and its replies were seen waiting
 * 50–100 ms there while a prober in another process saw under 10 ms from
 * the same server at the same moment (docs/benchmarks.md).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { LOAD_CPU } from '../dns/procs.ts';
import type { ProbeResult } from './udp-probe.ts';

const CLI = fileURLToPath(new URL('./probe-cli.ts', import.meta.url));
/** CPUs the prober may run on (`BENCH_PROBER_CPU`, a taskset list; default the load CPU). */
const PROBER_CPU = process.env.BENCH_PROBER_CPU ?? LOAD_CPU;

/** A running prober. */
export interface Prober {
  /** Stops it and returns what it saw. */
  stop(): Promise<ProbeResult>;
}

/** Starts `probe-cli.ts` on 127.0.0.1:`port` asking A of `name` back to back; resolves once it is probing. */
export async function startProber(port: number, name: string): Promise<Prober> {
  const child = spawn('taskset', ['-c', PROBER_CPU, process.execPath, '--import', 'tsx', CLI, String(port), name], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  while (!out.includes('probing\n')) {
    if (child.exitCode !== null) throw new Error(`prober exited with ${child.exitCode}: ${out}`);
    await new Promise((res) => setTimeout(res, 10));
  }
  return {
    async stop() {
      child.stdin!.end();
      if (child.exitCode === null) await once(child, 'exit');
      return JSON.parse(out.slice(out.indexOf('probing\n') + 8)) as ProbeResult;
    },
  };
}

/** `startProber` until `until` settles. */
export async function probeDuring(port: number, name: string, until: Promise<unknown>): Promise<ProbeResult> {
  const prober = await startProber(port, name);
  await until.catch(() => undefined);
  return prober.stop();
}
