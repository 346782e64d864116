/**
 * Follows the change stream for one `Store.subscribe` call.
 *
 * A loop on a dedicated connection runs `XREAD COUNT <batch> BLOCK <blockMs>
 * STREAMS <events> <last>-0`, decodes the entries (revision = entry id) and
 * hands them to the listener in order. Entry ids are consecutive revisions,
 * so a first entry above `last + 1` means the stream was trimmed past the
 * listener's position: `onGap()` and stop. Each new connection first checks
 * that Redis still holds the history the listener has seen: a store
 * revision below the listener's position, or a different entry at the last
 * delivered id, means Redis lost its data (restart without persistence,
 * FLUSHALL) and the ids started over; that is a gap too, which entry ids
 * alone would not show. Connection failures call
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
  /** Revision key (`RedisKeys.revision`). */
  revisionKey: string;
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
    /** Raw fields of the entry with id `last`, once this follower delivered it. */
    let lastFields: string[] | undefined;
    let delay = o.retryMinMs;
    while (!closed) {
      let reply: StreamReply;
      try {
        if (!conn) {
          conn = o.connect();
          if (await historyLost(conn, o, last, lastFields)) {
            o.listener.onGap();
            break;
          }
        }
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
      lastFields = entries[entries.length - 1]![1];
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

/**
 * True when Redis no longer holds the history up to `last`: its revision is
 * lower, or the entry `last-0` (if not trimmed) differs from the one
 * delivered.
 */
async function historyLost(conn: Redis, o: FollowOptions, last: number, lastFields: string[] | undefined): Promise<boolean> {
  const [revision, entries] = await Promise.all([
    conn.get(o.revisionKey),
    lastFields ? conn.xrange(o.streamKey, `${last}-0`, `${last}-0`) : Promise.resolve([]),
  ]);
  if (Number(revision ?? 0) < last) return true;
  const fields = entries[0]?.[1];
  if (fields === undefined || lastFields === undefined) return false;
  return fields.length !== lastFields.length || fields.some((field, i) => field !== lastFields[i]);
}
