import { describe, expect, it } from 'vitest';
import { InFlight } from './lifecycle.ts';

describe('InFlight', () => {
  it('counts a request until its Response exists, and idle() resolves then', async () => {
    const inFlight = new InFlight();
    let answer!: (response: Response) => void;
    const fetch = inFlight.wrap(() => new Promise<Response>((resolve) => (answer = resolve)));
    const pending = fetch(new Request('http://localhost/'));
    expect(inFlight.count).toBe(1);
    const idle = inFlight.idle(5_000);
    answer(new Response('ok'));
    expect(await idle).toBe(true);
    expect(inFlight.count).toBe(0);
    expect(await (await pending).text()).toBe('ok');
  });

  it('idle() gives up after its timeout while a request hangs; a failed request leaves the count', async () => {
    const inFlight = new InFlight();
    void inFlight.wrap(() => new Promise<Response>(() => {}))(new Request('http://localhost/'));
    expect(await inFlight.idle(50)).toBe(false);
    const failing = inFlight.wrap(() => Promise.reject(new Error('boom')));
    await expect(failing(new Request('http://localhost/'))).rejects.toThrow('boom');
    expect(inFlight.count).toBe(1);
  });
});
