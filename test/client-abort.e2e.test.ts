/**
 * A client that disconnects mid-request is not a server fault (issue 10,
 * item 3): the API logs it at debug without a stack, never at error, and
 * the server keeps serving. Spawns the real bin at --log-level debug.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, startBin } from './support/cli-process.ts';

describe('client aborts', () => {
  let cli: CliProcess;
  let port = 0;
  beforeAll(async () => {
    cli = startBin(['serve', '--http-port', '0', '--dns-port', '0', '--grpc-port', '0', '--log-level', 'debug']);
    await cli.waitForLog((line) => line.listener === 'dns');
    port = cli.logs().find((line) => line.listener === 'http')!.port as number;
  });
  afterAll(() => cli?.kill());

  /** Sends `head` and part of a body on a new connection, then resets it. */
  async function abortMidBody(head: string, partial: string): Promise<void> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(head + partial);
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.resetAndDestroy();
  }

  it('an API request cut off mid-body is logged at debug, with no error line and no stack', async () => {
    await abortMidBody('POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: Route53AutoNaming_v20170314.ListNamespaces\r\n' +
      'Content-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n', '{"Max');
    const line = await cli.waitForLog((l) => l.msg === 'api request aborted by the client');
    expect(line).toMatchObject({ level: 20, operation: 'ListNamespaces' });
    expect(line).not.toHaveProperty('stack');
  });

  it('after that and a DoH POST cut off mid-body, nothing was logged at warn or above, and the server still answers', async () => {
    await abortMidBody('POST /dns-query HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/dns-message\r\nContent-Length: 100\r\n\r\n', 'ab');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(cli.logs().filter((l) => (l.level as number) >= 40)).toEqual([]);
  });
});
