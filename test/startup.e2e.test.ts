/**
 * A first start as a new user makes it (issue 9): the real bin, spawned the
 * way a user runs it. A wrong or unreachable Redis fails the start within
 * --redis-connect-timeout with one clear message (the URL without its
 * password, and the cause) and exit code 1; a Redis that comes up during
 * that time is waited for; a bad --log-level lists the valid ones; the
 * documented `npx cloudmap-dns` works from the clone.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startBin, startCli } from './support/cli-process.ts';
import { startRedis } from './support/redis-server.ts';

/** A 127.0.0.1 port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const serve = ['serve', '--http-port', '0', '--dns-port', '0', '--grpc-port', '0'];

describe('start-up with a Redis that cannot be used', () => {
  const silent: Server[] = [];
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    for (const server of silent) server.close();
  });

  it('refused: exits 1 within the timeout, naming the URL without its password and ECONNREFUSED', async () => {
    const port = await closedPort();
    const started = Date.now();
    const cli = startBin([...serve, '--redis-connect-timeout', '1'], { REDIS_URL: `redis://:s3cret@127.0.0.1:${port}` });
    const { code } = await cli.exited(15_000);
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    const errors = cli.output().split('\n').filter((line) => line.startsWith('cloudmap-dns:'));
    expect(errors).toEqual([`cloudmap-dns: cannot use Redis at redis://:***@127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port} (still failing after 1 s, --redis-connect-timeout)`]);
    expect(cli.output()).not.toContain('s3cret');
    expect(cli.output()).not.toContain('listening on');
  });

  it('a server that accepts but never answers: exits 1 after the timeout with "no reply"', async () => {
    const server = createServer((socket) => void sockets.push(socket)); // accepts connections, never writes
    silent.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const cli = startBin([...serve, '--redis-url', `redis://127.0.0.1:${port}`, '--redis-connect-timeout', '1.5']);
    const { code } = await cli.exited(15_000);
    expect(code).toBe(1);
    expect(cli.output()).toContain(`cloudmap-dns: cannot use Redis at redis://127.0.0.1:${port}: no reply within`);
  });

  it.each([
    ['http://127.0.0.1:6379', 'has scheme http'],
    ['127.0.0.1:6379', 'is not a URL'],
    ['redis://', 'has no host'],
    ['redis://:pw@host/zero', 'has a database that is not a number'],
    ['not a url', 'is not a URL'],
  ])('an invalid URL %s fails at once, saying why', async (url, why) => {
    const cli = startBin([...serve, '--redis-url', url, '--redis-connect-timeout', '30']);
    const { code } = await cli.exited(10_000);
    expect(code).toBe(1);
    expect(cli.output()).toContain(`cloudmap-dns: --redis-url (or REDIS_URL) ${why}: expected redis://`);
    expect(cli.output()).not.toContain(':pw@');
  });

  it('a Redis that wants a password: fails at once with NOAUTH, not after the timeout', async () => {
    const redis = await startRedis({ throwaway: true });
    const admin = new Redis(redis.url);
    try {
      await admin.config('SET', 'requirepass', 'right');
      const started = Date.now();
      const cli = startBin([...serve, '--redis-url', redis.url, '--redis-connect-timeout', '30']);
      const { code } = await cli.exited(15_000);
      expect(code).toBe(1);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(cli.output()).toMatch(new RegExp(`cloudmap-dns: cannot use Redis at ${redis.url.replace(/[.]/g, '\\.')}: NOAUTH`));
    } finally {
      admin.disconnect();
      await redis.stop();
    }
  });
});

describe('start-up with a Redis that comes up late', () => {
  it('waits for it within --redis-connect-timeout, then serves', async () => {
    const redis = await startRedis({ throwaway: true });
    await redis.kill();
    const cli = startBin([...serve, '--redis-connect-timeout', '20'], { REDIS_URL: redis.url });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(cli.child.exitCode).toBeNull();
      await redis.start();
      await cli.waitForLog((line) => line.listener === 'dns', 20_000);
      expect(cli.logs().find((line) => line.msg === 'cloudmap-dns starting')).toMatchObject({ state: 'redis', redis: redis.url });
    } finally {
      cli.kill();
      await redis.stop();
    }
  });
});

describe('command line', () => {
  it('an invalid --log-level lists the valid levels', async () => {
    const cli = startBin([...serve, '--log-level', 'loud']);
    expect((await cli.exited()).code).toBe(1);
    expect(cli.output().trim()).toBe('cloudmap-dns: --log-level (or LOG_LEVEL) must be one of trace, debug, info, warn, error, fatal, silent; got "loud"');
  });

  it('an invalid LOG_LEVEL says the same', async () => {
    const cli = startBin(serve, { LOG_LEVEL: 'verbose' });
    expect((await cli.exited()).code).toBe(1);
    expect(cli.output()).toContain('must be one of trace, debug, info, warn, error, fatal, silent; got "verbose"');
  });

  it('`npx cloudmap-dns` runs the command from the clone, as the README says', async () => {
    const cli = startCli('npx', ['--no', 'cloudmap-dns', 'serve', '--help']);
    expect((await cli.exited(60_000)).code).toBe(0);
    expect(cli.output()).toContain('Usage: cloudmap-dns serve [options]');
    expect(cli.output()).toContain('--redis-connect-timeout <seconds>');
  });
});
