import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../../dns/resolver.ts';
import { silentLogger } from '../../log.ts';
import { frameTcpMessage, TcpMessageReader } from '../../transport/udp-tcp.ts';
import { decode, fixtureView, query } from '../../../test/support/dns-fixtures.ts';
import { startDnsServer, type DnsServer } from './dns-server.ts';

const resolver = createResolver(fixtureView());

function udpAsk(port: number, msg: Uint8Array, host = '127.0.0.1', timeoutMs = 2000): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      sock.close();
      resolve(null);
    }, timeoutMs);
    sock.on('error', reject);
    sock.on('message', (m) => {
      clearTimeout(timer);
      sock.close();
      resolve(new Uint8Array(m));
    });
    sock.send(msg, port, host);
  });
}

/** Open a TCP connection; collect framed responses. */
function tcpConnect(port: number, host = '127.0.0.1') {
  const socket = net.connect(port, host);
  const responses: Uint8Array[] = [];
  const waiters: (() => void)[] = [];
  const reader = new TcpMessageReader((m) => {
    responses.push(m.slice());
    waiters.splice(0).forEach((w) => w());
  });
  socket.on('data', (d) => reader.push(d));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  return {
    socket,
    responses,
    closed,
    ready: new Promise<void>((resolve) => socket.once('connect', () => resolve())),
    async waitFor(n: number): Promise<Uint8Array[]> {
      while (responses.length < n) await new Promise<void>((r) => waiters.push(r));
      return responses;
    },
  };
}

describe('startDnsServer', () => {
  let server: DnsServer;
  beforeAll(async () => {
    server = await startDnsServer({ host: '127.0.0.1', port: 0, resolver, logger: silentLogger, tcpIdleTimeoutMs: 300 });
  });
  afterAll(() => server.close());

  it('answers UDP and TCP on the same picked port', async () => {
    expect(server.port).toBeGreaterThan(0);
    const u = decode((await udpAsk(server.port, query('backend.app.local', 'A', { id: 11 })))!);
    expect(u.id).toBe(11);
    expect(u.answers).toHaveLength(3);
    const c = tcpConnect(server.port);
    c.socket.write(frameTcpMessage(query('backend.app.local', 'A', { id: 12 })));
    const [r] = await c.waitFor(1);
    expect(decode(r!).id).toBe(12);
    c.socket.destroy();
  });

  it('truncates over UDP and answers in full over TCP', async () => {
    const u = decode((await udpAsk(server.port, query('big.app.local', 'SRV')))!);
    expect(u.raw & 0x0200).toBeTruthy();
    expect(u.answers).toEqual([]);
    const c = tcpConnect(server.port);
    c.socket.write(frameTcpMessage(query('big.app.local', 'SRV')));
    const [r] = await c.waitFor(1);
    expect(decode(r!).answers).toHaveLength(8);
    c.socket.destroy();
  });

  it('answers pipelined TCP queries split across writes, in order', async () => {
    const c = tcpConnect(server.port);
    await c.ready;
    const stream = Buffer.concat([1, 2, 3, 4].map((id) => frameTcpMessage(query(id % 2 ? 'backend.app.local' : 'nope.app.local', 'A', { id }))));
    c.socket.write(stream.subarray(0, 1));
    await new Promise((r) => setTimeout(r, 20));
    c.socket.write(stream.subarray(1, 40));
    await new Promise((r) => setTimeout(r, 20));
    c.socket.write(stream.subarray(40));
    const got = (await c.waitFor(4)).map((m) => decode(m));
    expect(got.map((m) => [m.id, m.rcode])).toEqual([
      [1, 'NOERROR'],
      [2, 'NXDOMAIN'],
      [3, 'NOERROR'],
      [4, 'NXDOMAIN'],
    ]);
    c.socket.destroy();
  });

  it('closes idle TCP connections (RFC 7766 §6.2.3)', async () => {
    const c = tcpConnect(server.port);
    await c.ready;
    const started = Date.now();
    await c.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('survives bad input and client resets', async () => {
    // Short and garbage datagrams: no answer / FORMERR.
    expect(await udpAsk(server.port, new Uint8Array(3), '127.0.0.1', 300)).toBeNull();
    const junk = new Uint8Array(100).fill(0xff);
    junk[2] = 0;
    expect(decode((await udpAsk(server.port, junk))!).rcode).toBe('FORMERR');
    // TCP: garbage frame, then a reset in the middle of a frame.
    const c = tcpConnect(server.port);
    c.socket.write(frameTcpMessage(junk));
    expect(decode((await c.waitFor(1))[0]!).rcode).toBe('FORMERR');
    c.socket.write(new Uint8Array([0, 200, 1, 2, 3]));
    c.socket.resetAndDestroy();
    await c.closed;
    // A frame whose length prefix promises more than is ever sent, then a half-close.
    const d = tcpConnect(server.port);
    await d.ready;
    d.socket.end(new Uint8Array([0xff, 0xff, 1]));
    await d.closed;
    // Still serving.
    expect(decode((await udpAsk(server.port, query('backend.app.local', 'A')))!).answers).toHaveLength(3);
  });

  it('refuses a port that is taken', async () => {
    const taken = dgram.createSocket('udp4');
    await new Promise<void>((r) => taken.bind(0, '127.0.0.1', () => r()));
    const port = taken.address().port;
    await expect(startDnsServer({ host: '127.0.0.1', port, resolver, logger: silentLogger })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    taken.close();
  });
});

describe('startDnsServer lifecycle', () => {
  it('binds IPv6 and releases its port on close', async () => {
    const server = await startDnsServer({ host: '::1', port: 0, resolver, logger: silentLogger });
    const r = decode((await udpAsk(server.port, query('www.pub.example', 'A'), '::1'))!);
    expect(r.answers).toHaveLength(1);
    const open = tcpConnect(server.port, '::1');
    await open.ready;
    await server.close();
    await open.closed;
    const again = await startDnsServer({ host: '::1', port: server.port, resolver, logger: silentLogger });
    expect(again.port).toBe(server.port);
    await again.close();
  });

  it('resolves a host name once and binds both protocols to it', async () => {
    const server = await startDnsServer({ host: 'localhost', port: 0, resolver, logger: silentLogger });
    const host = server.address;
    expect(net.isIP(host)).toBeGreaterThan(0);
    expect(decode((await udpAsk(server.port, query('app.local', 'SOA'), host))!).answers).toHaveLength(1);
    await server.close();
  });
});
