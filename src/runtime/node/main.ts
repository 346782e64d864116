#!/usr/bin/env node
/**
 * Node entry point: `cloudmap-dns <command>` with Node's sockets. On SIGTERM
 * or SIGINT it drains requests in flight, closes everything and exits 0,
 * logging both steps (`src/lifecycle.ts`); a signal during start-up (e.g.
 * while waiting for Redis) exits 1 at once.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { main } from '../../cli.ts';
import { stopOnSignals } from '../../lifecycle.ts';
import { startDnsServer } from './dns-server.ts';
import { startGrpcServer } from './grpc-server.ts';
import { startHttpServer } from './http-server.ts';

const signals = ['SIGTERM', 'SIGINT'] as const;
const whileStarting = (signal: NodeJS.Signals): void => {
  process.stderr.write(`cloudmap-dns: received ${signal} while starting; exiting\n`);
  process.exit(1);
};
for (const signal of signals) process.on(signal, whileStarting);

const code = await main(process.argv.slice(2), {
  runtime: { startHttpServer, startDnsServer, startGrpcServer },
  env: process.env,
  // Compiled by `npm run build` (dist/…/main.js) or run from TypeScript through tsx (src/…/main.ts).
  about: { pid: process.pid, node: process.version, entry: import.meta.url.endsWith('.js') ? 'dist' : 'src' },
  readFile: (path) => readFileSync(path, 'utf8'),
  onRunning: (stop) => {
    for (const signal of signals) process.off(signal, whileStarting);
    for (const signal of signals) process.once(signal, () => void stop().finally(() => process.exit(0)));
  },
  onServing: (server, { logger, inFlight }) => {
    for (const signal of signals) process.off(signal, whileStarting);
    stopOnSignals({ server, inFlight, logger, onSignal: (signal, handler) => process.on(signal, handler), exit: (c) => process.exit(c) });
  },
});
if (code !== 0) process.exit(code);
