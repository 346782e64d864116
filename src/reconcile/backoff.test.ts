import { describe, expect, it } from 'vitest';
import { isRoute53Throttle, retrySoft } from './backoff.ts';

const named = (name: string): Error => Object.assign(new Error(name), { name });

describe('retrySoft: backoff for soft errors', () => {
  it('retries Throttling and PriorRequestNotComplete with growing, jittered delays, then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retrySoft(async () => {
      calls++;
      if (calls === 1) throw named('Throttling');
      if (calls === 2) throw named('PriorRequestNotComplete');
      return 'ok';
    }, { isSoft: isRoute53Throttle, sleep: async (ms) => void delays.push(ms), random: () => 0.999, baseMs: 100 });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([99, 199]);
  });

  it('gives up after the last attempt with the soft error; fatal errors are not retried', async () => {
    let calls = 0;
    const always = retrySoft(async () => {
      calls++;
      throw named('Throttling');
    }, { isSoft: isRoute53Throttle, attempts: 3, sleep: async () => {} });
    await expect(always).rejects.toThrow('Throttling');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retrySoft(async () => {
      calls++;
      throw named('InvalidChangeBatch');
    }, { isSoft: isRoute53Throttle, sleep: async () => {} })).rejects.toThrow('InvalidChangeBatch');
    expect(calls).toBe(1);
  });

  it('caps the delay at maxMs', async () => {
    const delays: number[] = [];
    let calls = 0;
    await retrySoft(async () => {
      if (++calls < 6) throw named('Throttling');
    }, { isSoft: isRoute53Throttle, sleep: async (ms) => void delays.push(ms), random: () => 0.5, baseMs: 1000, maxMs: 3000 });
    expect(delays).toEqual([500, 1000, 1500, 1500, 1500]);
  });
});
