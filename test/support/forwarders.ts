/**
 * Real DNS forwarders from Debian in front of our DNS listener, started by
 * the test on free ports and stopped after:
 * - unbound (package unbound) with a `stub-zone` for each zone;
 * - dnsmasq (package dnsmasq-base) with `--server=/<zone>/127.0.0.1#<port>`.
 * A missing binary is an error naming the package (the suite fails, never skips).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/** A running forwarder. */
export interface Forwarder {
  port: number;
  /** What it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

function requireBinary(path: string, pkg: string): void {
  if (spawnSync('sh', ['-c', `command -v ${path}`], { stdio: 'ignore' }).status !== 0) throw new Error(`${path} is not installed: install the Debian package ${pkg}`);
}

/** Spawn `command`, wait until it answers a DNS query on `port` (UDP) or exits. */
async function launch(command: string, args: string[], port: number, dir: string): Promise<Forwarder> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await once(child, 'exit');
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${command} exited with ${child.exitCode}:\n${out}`);
    }
    const probe = spawnSync('dig', ['@127.0.0.1', '-p', String(port), '+tries=1', '+time=1', 'localhost.', 'A'], { encoding: 'utf8' });
    if (/->>HEADER<<-/.test(probe.stdout)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} did not answer on port ${port} within 10 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, output: () => out, stop };
}

/** unbound resolving `zones` through a stub-zone to our listener at 127.0.0.1:`upstreamPort`. */
export async function startUnbound(zones: string[], upstreamPort: number): Promise<Forwarder> {
  requireBinary('unbound', 'unbound');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-unbound-'));
  const conf = [
    'server:',
    '  interface: 127.0.0.1',
    `  port: ${port}`,
    '  do-daemonize: no',
    '  use-syslog: no',
    '  logfile: ""',
    '  chroot: ""',
    '  username: ""',
    `  directory: "${dir}"`,
    '  pidfile: ""',
    '  do-not-query-localhost: no',
    '  access-control: 127.0.0.0/8 allow',
    '  module-config: "iterator"',
    '  local-zone: "local." nodefault',
    ...zones.map((z) => `  domain-insecure: "${z}"`),
    ...zones.flatMap((z) => ['stub-zone:', `  name: "${z}"`, `  stub-addr: 127.0.0.1@${upstreamPort}`]),
  ].join('\n');
  const file = join(dir, 'unbound.conf');
  writeFileSync(file, `${conf}\n`);
  return launch('unbound', ['-d', '-c', file], port, dir);
}

/** dnsmasq forwarding `zones` to our listener at 127.0.0.1:`upstreamPort`, no other upstream. */
export async function startDnsmasq(zones: string[], upstreamPort: number): Promise<Forwarder> {
  requireBinary('dnsmasq', 'dnsmasq-base');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cloudmap-dns-dnsmasq-'));
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  const args = [
    '--no-daemon',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--conf-file=/dev/null',
    `--pid-file=${join(dir, 'dnsmasq.pid')}`,
    ...user,
    ...zones.map((z) => `--server=/${z}/127.0.0.1#${upstreamPort}`),
  ];
  return launch('dnsmasq', args, port, dir);
}
