/**
 * `export default { fetch }` module of the edge entry (`app.ts`):
 *
 *   REDIS_URL=redis://… deno serve --allow-net --allow-env --allow-read --allow-sys --port 8080 src/runtime/edge/main.ts
 *   REDIS_URL=redis://… npm run serve:edge -- --port 8080
 *
 * The environment comes from `node:process` (Deno, Bun and Workers with
 * Node compatibility provide it). Where the process gets signals (deno
 * serve), SIGTERM and SIGINT close the Redis connections and exit 0:
 * `deno serve` closes its listener on SIGTERM, but the change-stream
 * connection would otherwise keep the process alive.
 */
import process from 'node:process';
import { createEdgeApp } from './app.ts';

const edge = createEdgeApp(process.env);

if (typeof process.once === 'function') {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      const timer = setTimeout(() => process.exit(0), 5000);
      void edge.close().finally(() => {
        clearTimeout(timer);
        process.exit(0);
      });
    });
  }
}

export default { fetch: (request: Request): Promise<Response> => edge.fetch(request) };
