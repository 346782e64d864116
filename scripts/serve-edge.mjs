#!/usr/bin/env node
// `npm run serve:edge -- [--port 8000] [--host 127.0.0.1] [--parallel]`: runs
// the edge entry (src/runtime/edge/main.ts, `export default { fetch }`) with
// `deno serve` (the `deno` devDependency, else deno on PATH). npm appends its
// arguments after the script, where `deno serve` would hand them to the module,
// so this wrapper puts them before the module. State is Redis: REDIS_URL (or
// the Sentinel/Cluster variables) must be set.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const usage = 'usage: npm run serve:edge -- [--port N] [--host ADDRESS] [--parallel]   (REDIS_URL must be set)';
const args = process.argv.slice(2);
let port = '8000';
let host = '127.0.0.1';
const extra = [];
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split(/=(.*)/s);
  const value = () => inline ?? args[++i];
  if (flag === '--port') port = value();
  else if (flag === '--host') host = value();
  else if (flag === '--parallel') extra.push('--parallel');
  else if (flag === '--help' || flag === '-h') {
    console.log(usage);
    process.exit(0);
  } else {
    console.error(`serve:edge: unknown argument ${JSON.stringify(args[i])}\n${usage}`);
    process.exit(2);
  }
}
if (!/^\d+$/.test(port ?? '') || Number(port) > 65535) {
  console.error(`serve:edge: --port must be a port number from 0 to 65535, got ${JSON.stringify(port)}`);
  process.exit(2);
}
if (!process.env.REDIS_URL && !process.env.CLOUDMAP_REDIS_SENTINELS && !process.env.CLOUDMAP_REDIS_CLUSTER_NODES) {
  console.error('serve:edge: the edge entry needs Redis state: set REDIS_URL (an edge isolate keeps no state of its own)');
  process.exit(1);
}
const local = `${root}node_modules/.bin/deno`;
const deno = existsSync(local) ? local : 'deno';
const child = spawn(deno, ['serve', '--allow-net', '--allow-env', '--allow-read', '--allow-sys', '--port', port, '--host', host, ...extra, `${root}src/runtime/edge/main.ts`], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`serve:edge: cannot run deno (${error.message}); run npm ci (the deno package is a devDependency)`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
