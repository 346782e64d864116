/**
 * The reference next to which `bench/api.bench.ts` reports the Cloud Map API:
 * a trivial Hono app that reads a JSON body and answers a small JSON object,
 * served three ways:
 * - `node-server`: `@hono/node-server` `serve()` on node:http (HTTP/1.1);
 * - `node-server-h2c`: the same with `createServer: http2.createServer` (h2c);
 * - `our-listener`: cloudmap-dns's own HTTP listener
 *   (`src/runtime/node/http-server.ts`: HTTP/1.1 and h2c on one port), so the
 *   difference to cloudmap-dns is our handler alone.
 * Usage: tsx bench/api/reference.ts MODE PORT   (prints "ready PORT")
 */
import http2 from 'node:http2';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { silentLogger } from '../../src/log.ts';
import { startHttpServer } from '../../src/runtime/node/http-server.ts';

const [mode, portText] = process.argv.slice(2);
const port = Number(portText);
const app = new Hono();
app.post('/', async (c) => {
  const body = (await c.req.json()) as Record<string, unknown>;
  return c.json({ OperationId: 'reference', Keys: Object.keys(body).length }, 200, { 'content-type': 'application/x-amz-json-1.1' });
});

if (mode === 'our-listener') {
  const server = await startHttpServer({ host: '127.0.0.1', port, fetch: app.fetch, logger: silentLogger });
  console.log(`ready ${server.port}`);
} else if (mode === 'node-server' || mode === 'node-server-h2c') {
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port, ...(mode === 'node-server-h2c' && { createServer: http2.createServer }) }, (info) =>
    console.log(`ready ${info.port}`));
} else {
  console.error('usage: reference.ts node-server|node-server-h2c|our-listener PORT');
  process.exit(2);
}
