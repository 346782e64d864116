// `npm run build`: the production build the bin runs (issue 11 item 4).
//
// 1. tsc compiles src/ to dist/, one file per module (type-checked; the
//    benchmarks' responders import single modules from it), and the Lua
//    scripts are copied beside their loader (dist/store/redis/lua).
// 2. esbuild bundles the Node entry (src/runtime/node/main.ts) with the
//    packages `serve` loads at start into dist/bundle/ (main.js plus chunks
//    for what is imported lazily), with the Lua scripts in dist/bundle/lua.
//    Node then reads a few files instead of ~140 modules of ours and several
//    hundred of its dependencies: `serve` is ready 150-400 ms sooner
//    (docs/benchmarks.md, "Cold start").
//
// Packages kept out of the bundle (loaded from node_modules when first
// used): the AWS SDK's Route 53 client and the Kubernetes client, which
// only the reconciler imports, lazily.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const lua = 'src/store/redis/lua';

rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
cpSync(`${root}${lua}`, `${root}dist/store/redis/lua`, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: ['src/runtime/node/main.ts'],
  outdir: 'dist/bundle',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@aws-sdk/*', '@kubernetes/client-node'],
  // Bundled CommonJS packages (ioredis, prom-client, pino, commander) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __cloudmapCreateRequire } from 'node:module'; const require = __cloudmapCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
// scripts.ts reads `./lua/<file>` relative to its own module, which in the bundle is a file of dist/bundle/.
cpSync(`${root}${lua}`, `${root}dist/bundle/lua`, { recursive: true });
