/**
 * Deno 2 entry point: `npm run start:deno` (that is, `deno run --allow-net
 * --allow-env --allow-read --allow-sys src/runtime/deno/main.ts serve ...`).
 *
 * Deno 2 implements `node:net`, `node:dgram`, `node:http2` and
 * `node:process`, so the Node entry and listeners run here unchanged; npm
 * packages resolve from `node_modules` (run `npm ci` first). This file exists
 * so Deno has an entry of its own should it ever need Deno-specific sockets.
 */
import '../node/main.ts';
