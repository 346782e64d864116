/**
 * Follows the change stream for one `Store.subscribe` call.
 *
 * A loop on a dedicated connection runs `XREAD COUNT <batch> BLOCK <blockMs>
 * STREAMS <events> <last>-0`, decodes the entries (revision = entry id) and
 * hands them to the listener in order. Entry ids are consecutive revisions,
 * so a first entry above `last + 1` means the stream was trimmed past the
 * listener's position: `onGap()` and stop. Connection failures call
 * `onError` and retry on a new connection with exponential backoff,
 * continuing from the last delivered revision. `close()` disconnects the
 * connection, which ends a blocked XREAD at once.
 */
import type { Redis } from 'ioredis';
import type { ChangeEvent } from '../events.ts';
import type { ChangeListener, Subscription } from '../store.ts';
import { decodeEvent } from './codec.ts';
import { toStoreError } from './connection.ts';

/** Settings of one follower. */
export interface FollowOptions {
  /** Stream key (`RedisKeys.events`). */
  streamKey: string;
  /** Deliver events with revision greater than this. */
  after: number;
  listener: ChangeListener;
  /** Opens a new dedicated connection (see `followerConnection`). */
  connect: () => Redis;
  /** XREAD BLOCK time, milliseconds. */
  blockMs: number;
  /** Most entries per XREAD. */
  batch: number;
  /** Backoff after a failure, milliseconds: starts at `min`, doubles up to `max`. */
  retryMinMs: number;
  retryMaxMs: number;
}

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

/** Starts following; see the module comment. */
export function followStream(o: FollowOptions): Subscription {
  let closed = false;
  let conn: Redis | undefined;
  let wake: (() => void) | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(), ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async (): Promise<void> => {
    let last = o.after;
    let delay = o.retryMinMs;
    while (!closed) {
      let reply: StreamReply;
      try {
        conn ??= o.connect();
        reply = (await conn.xread('COUNT', o.batch, 'BLOCK', o.blockMs, 'STREAMS', o.streamKey, `${last}-0`)) as StreamReply;
      } catch (error) {
        if (closed) break;
        conn?.disconnect();
        conn = undefined;
        o.listener.onError?.(toStoreError(error));
        await sleep(delay);
        delay = Math.min(delay * 2, o.retryMaxMs);
        continue;
      }
      delay = o.retryMinMs;
      if (closed) break;
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) continue;
      let events: ChangeEvent[];
      try {
        events = entries.map(([id, fields]) => decodeEvent(id, fields));
      } catch (error) {
        o.listener.onError?.(error as Error);
        o.listener.onGap(); // an entry we cannot apply: the view must reload
        break;
      }
      if (events.some((e, i) => e.revision !== last + 1 + i)) {
        o.listener.onGap();
        break;
      }
      last = events[events.length - 1]!.revision;
      try {
        o.listener.onEvents(events);
      } catch (error) {
        o.listener.onError?.(error as Error);
      }
    }
    conn?.disconnect();
    conn = undefined;
  };

  const done = loop();
  return {
    close: async () => {
      closed = true;
      conn?.disconnect();
      wake?.();
      await done;
    },
  };
}
