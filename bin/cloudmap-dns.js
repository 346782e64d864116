#!/usr/bin/env node
// The `cloudmap-dns` command. Runs the compiled bundle in dist/bundle/ when
// `npm run build` made one and no file in src/ is newer than it (production:
// no TypeScript compiler at run time); otherwise runs the TypeScript sources
// through tsx (a runtime dependency), so a fresh clone works without a build
// step and an edited checkout never runs a stale build.
// CLOUDMAP_DNS_ENTRY=dist or =src forces one (dist fails if it is missing).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const distMain = join(root, 'dist', 'bundle', 'main.js');

/** Newest modification time (ms) of any file under `dir`, or 0 when it does not exist. */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const mtime = statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** 'dist' or 'src', and why (for a note on stderr when a build exists but is not used). */
function chooseEntry() {
  const forced = process.env.CLOUDMAP_DNS_ENTRY;
  if (forced === 'dist' || forced === 'src') return { entry: forced };
  if (!existsSync(distMain)) return { entry: 'src' };
  if (newestMtime(join(root, 'src')) > statSync(distMain).mtimeMs) {
    return { entry: 'src', note: 'cloudmap-dns: dist/ is older than src/; running src/ through tsx (run `npm run build` to refresh dist/)\n' };
  }
  return { entry: 'dist' };
}

const { entry, note } = chooseEntry();
if (note) process.stderr.write(note);
if (entry === 'dist') {
  await import('../dist/bundle/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/runtime/node/main.ts');
}
