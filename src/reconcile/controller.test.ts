import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { Controller, exitCode, type Target } from './controller.ts';
import { AlwaysLeader, type Leadership } from './leader.ts';
import type { StateSource } from './sources.ts';
import { groupState } from './state.ts';

const empty = groupState({ revision: 0, namespaces: [], services: [], instances: [] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A source whose change stream the test drives. */
function source(): StateSource & { fire(): void; reads: number } {
  let listener: () => void = () => {};
  const s = {
    kind: 'test', reads: 0,
    read: async () => (s.reads++, empty),
    watch: async (onChange: () => void) => ((listener = onChange), async () => {}),
    fire: () => listener(),
  };
  return s;
}

function target(name: string, behaviour: () => Promise<void> = async () => {}): Target & { runs: number } {
  const t = {
    name, runs: 0,
    run: async () => {
      t.runs++;
      await behaviour();
      return { lines: [`${name}: ok`], changes: 0, conflicts: 0, failures: 0 };
    },
  };
  return t;
}

describe('reconcile loop', () => {
  it('runOnce runs every target; one that throws does not stop the others and makes the exit status 1', async () => {
    const a = target('a', async () => {
      throw new Error('boom');
    });
    const b = target('b');
    const c = new Controller({ source: source(), targets: [a, b], leadership: new AlwaysLeader(), logger: silentLogger });
    const results = await c.runOnce();
    expect(results.map((r) => [r.target, r.error?.message ?? r.report!.lines[0]])).toEqual([['a', 'boom'], ['b', 'b: ok']]);
    expect(exitCode(results)).toBe(1);
    expect(exitCode([results[1]!])).toBe(0);
  });

  it('a burst of change events makes one pass; passes start at least minInterval apart', async () => {
    const src = source();
    const t = target('t');
    const c = new Controller({ source: src, targets: [t], leadership: new AlwaysLeader(), logger: silentLogger, minIntervalMs: 600, intervalMs: 60_000 });
    await c.start();
    await sleep(50);
    expect(t.runs).toBe(1);
    for (let i = 0; i < 20; i++) src.fire();
    await sleep(100);
    expect(t.runs).toBe(1); // still inside minInterval
    await sleep(900);
    expect(t.runs).toBe(2);
    await c.stop();
  });

  it('the periodic resync runs without events', async () => {
    const t = target('t');
    const c = new Controller({ source: source(), targets: [t], leadership: new AlwaysLeader(), logger: silentLogger, minIntervalMs: 10, intervalMs: 100 });
    await c.start();
    await sleep(450);
    expect(t.runs).toBeGreaterThanOrEqual(3);
    await c.stop();
  });

  it('a failing target is retried long before the resync, with backoff; after a success the loop waits for the resync', async () => {
    let fail = true;
    const t = target('t', async () => {
      if (fail) throw new Error('throttled');
    });
    const c = new Controller({ source: source(), targets: [t], leadership: new AlwaysLeader(), logger: silentLogger, minIntervalMs: 20, intervalMs: 60_000 });
    await c.start();
    await sleep(400); // retries after 40, 80, 160 ms: at least three passes, far sooner than the 60 s resync
    expect(t.runs).toBeGreaterThanOrEqual(3);
    fail = false;
    await sleep(700); // the pending retry (at most 320 ms away) succeeds
    const settled = t.runs;
    await sleep(300);
    expect(t.runs).toBe(settled);
    await c.stop();
  });

  it('does nothing while not the leader, and runs when leadership comes', async () => {
    let leader = false;
    let notify: (l: boolean) => void = () => {};
    const lease: Leadership = {
      isLeader: () => leader,
      start: async (onChange) => void (notify = onChange ?? (() => {})),
      stop: async () => {},
    };
    const src = source();
    const t = target('t');
    const c = new Controller({ source: src, targets: [t], leadership: lease, logger: silentLogger, minIntervalMs: 10 });
    await c.start();
    src.fire();
    await sleep(80);
    expect([t.runs, src.reads]).toEqual([0, 0]);
    leader = true;
    notify(true);
    await sleep(80);
    expect(t.runs).toBe(1);
    await c.stop();
  });
});
