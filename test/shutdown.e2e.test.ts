/**
 * Stopping as an operator does (issue 9): SIGTERM and SIGINT drain the
 * requests in flight, log the signal, close every listener and exit 0; and
 * `kill` of the `npm start` PID leaves no node process listening behind it.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, isAlive, startBin, startCli } from './support/cli-process.ts';

const serve = ['serve', '--http-port', '0', '--dns-port', '0', '--grpc-port', '0'];

/** True when a TCP connection to 127.0.0.1:port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Ports from the `listening on` lines. */
async function ports(cli: CliProcess): Promise<{ http: number; dns: number; pid: number }> {
  const dns = await cli.waitForLog((line) => line.listener === 'dns');
  const http = cli.logs().find((line) => line.listener === 'http')!;
  const starting = cli.logs().find((line) => line.msg === 'cloudmap-dns starting')!;
  return { http: http.port as number, dns: dns.port as number, pid: starting.pid as number };
}

describe('shutdown on a signal', () => {
  const started: CliProcess[] = [];
  afterEach(() => {
    for (const cli of started.splice(0)) cli.kill();
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s: logs the signal, closes the listeners and exits 0', async (signal) => {
    const cli = startBin(serve);
    started.push(cli);
    const { http, dns } = await ports(cli);
    cli.child.kill(signal);
    expect(await cli.exited(15_000)).toEqual({ code: 0, signal: null });
    const messages = cli.logs().filter((line) => line.signal === signal).map((line) => line.msg);
    expect(messages).toEqual([`received ${signal}; draining requests in flight and stopping`, `stopped on ${signal}`]);
    expect(await refused(http)).toBe(true);
    expect(await refused(dns)).toBe(true);
  });

  it('SIGTERM waits for a request in flight and answers it before exiting', async () => {
    const cli = startBin(serve);
    started.push(cli);
    const { http } = await ports(cli);
    const socket = connect(http, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
    // Headers and half the body: the request is in flight until the rest arrives.
    socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: Route53AutoNaming_v20170314.ListNamespaces\r\n' +
      'Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{');
    await new Promise((resolve) => setTimeout(resolve, 300));
    cli.child.kill('SIGTERM');
    await cli.waitForLog((line) => line.signal === 'SIGTERM' && line.inFlight === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cli.child.exitCode).toBeNull(); // still draining
    socket.end('}');
    expect(await cli.exited(15_000)).toEqual({ code: 0, signal: null });
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('"Namespaces":[]');
    expect(cli.logs().find((line) => line.msg === 'stopped on SIGTERM')).toMatchObject({ drained: true, abandonedRequests: 0 });
  });

  it('kill of the `npm start` PID stops the node server too (no orphan left listening)', async () => {
    const npm = startCli('npm', ['start', '--', ...serve.slice(1)]);
    started.push(npm);
    const { http, pid } = await ports(npm);
    expect(pid).not.toBe(npm.child.pid);
    expect(isAlive(pid)).toBe(true);
    try {
      npm.child.kill('SIGTERM');
      await npm.exited(15_000);
      const deadline = Date.now() + 10_000;
      while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(isAlive(pid)).toBe(false);
      expect(await refused(http)).toBe(true);
    } finally {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
