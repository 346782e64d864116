/**
 * The health benchmark's targets (`bench/health.bench.ts` starts it, pinned
 * to core 0): `BENCH_HEALTH_PORTS` HTTP servers on 127.0.0.1 answering
 * `GET /health` with 200, plus one port that refuses connections (for the
 * instances that turn UNHEALTHY). Prints `{"ports":[…],"closed":N}` once
 * listening, then counts requests and prints `{"requests":N}` on SIGTERM.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';

const PORTS = Number(process.env.BENCH_HEALTH_PORTS ?? 100);
let requests = 0;
const ports: number[] = [];
const servers = [];
for (let i = 0; i < PORTS; i++) {
  const server = createHttpServer((req, res) => {
    requests++;
    res.writeHead(req.url === '/health' ? 200 : 404, { 'content-length': '0' }).end();
  });
  server.maxConnections = 100_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 2048, resolve));
  ports.push((server.address() as { port: number }).port);
  servers.push(server);
}
const closed = await new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});
process.stdout.write(`${JSON.stringify({ ports, closed })}\n`);
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ requests })}\n`);
  process.exit(0);
});
