/**
 * Production start without a runtime compiler (issue 11, item 4): in a copy
 * of the clone, `npm run build` emits dist/ (with the Lua scripts, without
 * test-only modules) and the bundle in dist/bundle/, the bin then runs the bundle (its start line says
 * `"entry":"dist"`) and serves the API on Redis state; with src/ edited
 * after the build, or without dist/, it runs src/ through tsx.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startCli } from './support/cli-process.ts';
import { type RedisHandle, startRedis } from './support/redis-server.ts';

const serve = ['bin/cloudmap-dns.js', 'serve', '--http-port', '0', '--dns-port', '0', '--grpc-port', '0'];

describe('npm run build and the bin', () => {
  let clone: string;
  let redis: RedisHandle;

  beforeAll(async () => {
    clone = mkdtempSync(join(tmpdir(), 'cloudmap-build-'));
    for (const path of ['bin', 'scripts', 'src', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(ROOT, path), join(clone, path), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    redis = await startRedis({ throwaway: true });
  });
  afterAll(async () => {
    if (clone) rmSync(clone, { recursive: true, force: true });
    await redis?.stop();
  });

  /** Starts the bin in the copy and returns its start line and HTTP port (then stops it). */
  async function run(env: Record<string, string> = {}) {
    const cli = startCli(process.execPath, serve, { CLOUDMAP_DNS_ENTRY: '', ...env }, clone);
    try {
      await cli.waitForLog((line) => line.listener === 'dns', 30_000);
      const starting = cli.logs().find((line) => line.msg === 'cloudmap-dns starting')!;
      const port = cli.logs().find((line) => line.listener === 'http')!.port as number;
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Route53AutoNaming_v20170314.CreateHttpNamespace' },
        body: JSON.stringify({ Name: `build-${Math.random().toString(36).slice(2, 8)}` }),
      });
      return { starting, status: response.status, output: cli.output() };
    } finally {
      cli.kill();
    }
  }

  it('without dist/, the bin runs src/ through tsx', async () => {
    const { starting, status, output } = await run({ REDIS_URL: redis.url });
    expect(starting.entry).toBe('src');
    expect(status).toBe(200);
    expect(output).not.toContain('dist/ is older');
  });

  it('`npm run build` emits dist/ and dist/bundle/, each with the Lua scripts, and no test-only modules', async () => {
    const build = startCli('npm', ['run', 'build'], {}, clone);
    const { code } = await build.exited(120_000);
    expect(code, build.output()).toBe(0);
    expect(existsSync(join(clone, 'dist/runtime/node/main.js'))).toBe(true);
    expect(existsSync(join(clone, 'dist/store/redis/lua'))).toBe(true);
    expect(existsSync(join(clone, 'dist/bundle/main.js'))).toBe(true);
    expect(existsSync(join(clone, 'dist/bundle/lua/readInstances-N.lua'))).toBe(true);
    const files = readdirSync(join(clone, 'dist'), { recursive: true }).map(String);
    expect(files.filter((f) => /\.test\.js$|contract\.js$|test-harness\.js$|fixtures\.js$/.test(f))).toEqual([]);
  });

  it('with a fresh dist/, the bin runs the bundle (Redis state, so the Lua scripts load from dist/bundle/lua)', async () => {
    const { starting, status } = await run({ REDIS_URL: redis.url });
    expect(starting.entry).toBe('dist');
    expect(status).toBe(200);
  });

  it('with src/ edited after the build, the bin runs src/ and says why', async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(clone, 'src/cli.ts'), later, later);
    const { starting, output } = await run();
    expect(starting.entry).toBe('src');
    expect(output).toContain('cloudmap-dns: dist/ is older than src/; running src/ through tsx');
    const forced = await run({ CLOUDMAP_DNS_ENTRY: 'dist' });
    expect(forced.starting.entry).toBe('dist');
  });
});
