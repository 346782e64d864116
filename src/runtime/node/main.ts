#!/usr/bin/env node
/**
 * Node entry point: `cloudmap-dns <command>` with Node's sockets. Stops
 * cleanly on SIGINT/SIGTERM.
 */
import process from 'node:process';
import { main } from '../../cli.ts';
import { startDnsServer } from './dns-server.ts';
import { startHttpServer } from './http-server.ts';

const code = await main(process.argv.slice(2), {
  runtime: { startHttpServer, startDnsServer },
  env: process.env,
  onServing: (server) => {
    let closing = false;
    const stop = (): void => {
      if (closing) return;
      closing = true;
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
});
if (code !== 0) process.exit(code);
