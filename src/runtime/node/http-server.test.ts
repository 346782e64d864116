import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log.ts';
import { sniffProtocol, startHttpServer, type HttpServer } from './http-server.ts';

/** Echoes what the web handler saw. */
async function echo(req: Request): Promise<Response> {
  const body = req.method === 'GET' || req.method === 'HEAD' ? '' : await req.text();
  const url = new URL(req.url);
  return Response.json({ method: req.method, url: req.url, path: url.pathname, host: url.host, body });
}

/** Send raw bytes in pieces with pauses; resolve with everything the server sent until it closes or `until` matches. */
function raw(port: number, pieces: (string | Uint8Array)[], until: RegExp, pauseMs = 15): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let text = '';
    const done = (): void => {
      socket.destroy();
      resolve(text);
    };
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (until.test(text)) done();
    });
    socket.on('close', done);
    socket.on('error', reject);
    socket.once('connect', async () => {
      for (const p of pieces) {
        socket.write(p);
        await new Promise((r) => setTimeout(r, pauseMs));
      }
    });
  });
}

function h2request(port: number, path: string, method = 'GET', body?: string): Promise<{ status: number; body: string; headers: http2.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(`http://127.0.0.1:${port}`);
    client.on('error', reject);
    const req = client.request({ ':method': method, ':path': path, 'content-type': 'text/plain' });
    let data = '';
    let headers: http2.IncomingHttpHeaders = {};
    req.on('response', (h) => (headers = h));
    req.setEncoding('utf8');
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      client.close();
      resolve({ status: Number(headers[':status']), body: data, headers });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('sniffProtocol', () => {
  const preface = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';
  it.each([
    ['', 'unknown'],
    ['P', 'unknown'],
    ['PRI * HTTP/2.0\r\n', 'unknown'],
    [preface, 'h2'],
    [`${preface}\0\0\0\x04`, 'h2'],
    ['POST / HTTP/1.1\r\n', 'http1'],
    ['PUT /x HTTP/1.1\r\n', 'http1'],
    ['GET / HTTP/1.1\r\n', 'http1'],
    ['PRI * HTTP/1.1\r\n', 'http1'],
  ])('%j → %s', (text, expected) => {
    expect(sniffProtocol(new TextEncoder().encode(text))).toBe(expected);
  });
});

describe('startHttpServer: HTTP/1.1 and h2c on one port', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await startHttpServer({ host: '127.0.0.1', port: 0, fetch: echo, logger: silentLogger });
  });
  afterAll(() => server.close());

  it('serves HTTP/1.1 with keep-alive', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ask = (path: string) =>
      new Promise<{ body: string; socket: net.Socket }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: server.port, path, agent }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ body, socket: res.socket }));
          })
          .on('error', reject);
      });
    const a = await ask('/one?x=1');
    const b = await ask('/two');
    expect(JSON.parse(a.body)).toMatchObject({ method: 'GET', path: '/one', url: `http://127.0.0.1:${server.port}/one?x=1` });
    expect(JSON.parse(b.body)).toMatchObject({ path: '/two' });
    expect(a.socket).toBe(b.socket);
    agent.destroy();
  });

  it('serves h2c with prior knowledge, several streams on one session', async () => {
    const client = http2.connect(`http://127.0.0.1:${server.port}`);
    const one = (path: string) =>
      new Promise<string>((resolve, reject) => {
        const req = client.request({ ':path': path });
        let data = '';
        req.setEncoding('utf8');
        req.on('data', (d) => (data += d));
        req.on('end', () => resolve(data));
        req.on('error', reject);
      });
    const bodies = await Promise.all(['/a', '/b', '/c'].map(one));
    expect(bodies.map((b) => JSON.parse(b).path)).toEqual(['/a', '/b', '/c']);
    client.close();
    const post = await h2request(server.port, '/dns-query', 'POST', 'hello');
    expect(post.status).toBe(200);
    expect(JSON.parse(post.body)).toMatchObject({ method: 'POST', path: '/dns-query', body: 'hello' });
  });

  it('accepts absolute-form targets (aws CLI through HTTP_PROXY): the URL path is /', async () => {
    const head = 'POST http://data-localhost:8053/ HTTP/1.1\r\nHost: data-localhost:8053\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n';
    const text = await raw(server.port, [head, '{', '}'], /\}\s*$/);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ method: 'POST', url: 'http://data-localhost:8053/', path: '/', host: 'data-localhost:8053', body: '{}' });
  });

  it('waits for enough bytes to tell the protocols apart', async () => {
    // HTTP/1.1 starting with "P", one byte at a time.
    const req = 'POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc';
    const text = await raw(server.port, [...req], /"body":"abc"/, 2);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toContain('"path":"/slow"');
  });

  it('takes an h2c preface that arrives in pieces', async () => {
    // A relay that forwards the client's first bytes one at a time.
    const relay = net.createServer((client) => {
      const upstream = net.connect(server.port, '127.0.0.1');
      upstream.setNoDelay(true);
      let first = true;
      client.on('data', async (d) => {
        if (!first) return void upstream.write(d);
        first = false;
        client.pause();
        for (const byte of d.subarray(0, 30)) {
          upstream.write(Buffer.from([byte]));
          await new Promise((r) => setTimeout(r, 2));
        }
        upstream.write(d.subarray(30));
        client.resume();
      });
      upstream.on('data', (d) => client.write(d));
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.on('error', () => {});
      upstream.on('error', () => {});
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
    const port = (relay.address() as net.AddressInfo).port;
    const res = await h2request(port, '/pieces');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).path).toBe('/pieces');
    relay.close();
  });

  it('answers garbage with 400 and keeps serving', async () => {
    const text = await raw(server.port, ['\x16\x03\x01garbage\r\n\r\n'], /\r\n\r\n/);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    const res = await h2request(server.port, '/after');
    expect(res.status).toBe(200);
  });
});

describe('startHttpServer lifecycle', () => {
  it('close() ends open HTTP/1.1 and HTTP/2 connections and frees the port', async () => {
    const server = await startHttpServer({ host: '127.0.0.1', port: 0, fetch: echo, logger: silentLogger });
    const h1 = net.connect(server.port, '127.0.0.1');
    const h1Closed = new Promise<void>((r) => h1.on('close', () => r()));
    h1.on('error', () => {});
    h1.resume();
    h1.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const client = http2.connect(`http://127.0.0.1:${server.port}`);
    client.on('error', () => {});
    const h2Closed = new Promise<void>((r) => client.on('close', () => r()));
    await new Promise<void>((r) => client.once('connect', () => r()));
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    await Promise.all([h1Closed, h2Closed]);
    const again = await startHttpServer({ host: '127.0.0.1', port: server.port, fetch: echo, logger: silentLogger });
    expect(again.port).toBe(server.port);
    await again.close();
  });

  it('fails to start on a taken port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    await expect(startHttpServer({ host: '127.0.0.1', port, fetch: echo, logger: silentLogger })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    blocker.close();
  });
});
