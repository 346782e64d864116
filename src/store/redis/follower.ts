/**
 * Follows the change stream for one `Store.subscribe` call.
 *
 * A loop on a dedicated connection runs `XREAD COUNT <batch> BLOCK <blockMs>
 * STREAMS <events> <last>-0`, decodes the entries (revision = entry id) and
 * hands them to the listener in order. Entry ids are consecutive revisions,
 * so a first entry above `last + 1` means the stream was trimmed past the
 * listener's position: `onGap()` and stop.
 *
 * Lost or swapped data (FLUSHALL, a restart without persistence, a failover
 * to a Redis holding other data) makes the ids start over or belong to
 * another history, which entry ids alone do not show. Two checks catch it:
 * - the epoch key: a random id this follower sets (NX) when it starts and
 *   reads back after every XREAD, in the same round trip (the GET is queued
 *   behind the blocking XREAD). A missing or different value means the data
 *   under the connection changed, so the entries of that round may belong
 *   to another history: they are dropped and `onGap()` is called. A reset
 *   is therefore noticed within `blockMs` even on a live connection.
 * - on each new connection: a store revision below the listener's position,
 *   or a different entry at the last delivered id, is a gap too.
 *
 * Connection failures call `onError` and retry on a new connection with
 * exponential backoff, continuing from the last delivered revision.
 * `close()` disconnects the connection, which ends a blocked XREAD at once.
 */
import type { ChangeEvent } from '../events.ts';
import type { ChangeListener, Subscription } from '../store.ts';
import { decodeEvent } from './codec.ts';
import { type RedisClient, toStoreError } from './connection.ts';

/** Settings of one follower. */
export interface FollowOptions {
  /** Stream key (`RedisKeys.events`). */
  streamKey: string;
  /** Revision key (`RedisKeys.revision`). */
  revisionKey: string;
  /** Epoch key (`RedisKeys.epoch`). */
  epochKey: string;
  /** Deliver events with revision greater than this. */
  after: number;
  listener: ChangeListener;
  /** Opens a new dedicated connection (see `followerConnection`). */
  connect: () => RedisClient;
  /** XREAD BLOCK time, milliseconds; also the longest time a reset under a live connection goes unnoticed. */
  blockMs: number;
  /** Most entries per XREAD. */
  batch: number;
  /** Backoff after a failure, milliseconds: starts at `min`, doubles up to `max`. */
  retryMinMs: number;
  retryMaxMs: number;
}

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

/** Why a follower stops with `onGap` (the text goes into the view's warn line). */
export const GAP_REASONS = {
  trimmed: 'the change stream was trimmed past the view\'s position',
  lost: 'Redis lost its data (revision below the view\'s, or a different entry at its position)',
  epoch: 'Redis data was reset or replaced (epoch key missing or changed)',
  undecodable: 'a change event could not be decoded',
} as const;

/** Starts following; see the module comment. */
export function followStream(o: FollowOptions): Subscription {
  let closed = false;
  let conn: RedisClient | undefined;
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
    /** The data set's epoch as this follower first saw it. */
    let epoch: string | undefined;
    let delay = o.retryMinMs;
    const gap = (reason: string): void => o.listener.onGap(reason);
    while (!closed) {
      let reply: StreamReply;
      let current: string | null;
      try {
        if (!conn) {
          conn = o.connect();
          if (await historyLost(conn, o, last, lastFields)) {
            gap(GAP_REASONS.lost);
            break;
          }
          epoch ??= await establishEpoch(conn, o.epochKey);
        }
        // One round trip: the GET runs right after the XREAD returns (same connection, in order). A pipeline sends
        // both in one socket write (two commands are two writes, and a system call per XREAD round showed in profiles).
        const replies = await conn.pipeline().xread('COUNT', o.batch, 'BLOCK', o.blockMs, 'STREAMS', o.streamKey, `${last}-0`).get(o.epochKey).exec();
        const [xreadResult, getResult] = replies ?? [];
        const failure = xreadResult?.[0] ?? getResult?.[0] ?? (replies ? undefined : new Error('the pipeline was discarded'));
        if (failure) throw failure;
        reply = xreadResult![1] as StreamReply;
        current = getResult![1] as string | null;
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
      if (current !== epoch) {
        gap(GAP_REASONS.epoch);
        break;
      }
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) continue;
      let events: ChangeEvent[];
      try {
        events = entries.map(([id, fields]) => decodeEvent(id, fields));
      } catch (error) {
        o.listener.onError?.(error as Error);
        gap(GAP_REASONS.undecodable); // an entry we cannot apply: the view must reload
        break;
      }
      if (events.some((e, i) => e.revision !== last + 1 + i)) {
        gap(GAP_REASONS.trimmed);
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
 * The data set's epoch: sets `epochKey` to a new random id unless it exists
 * (SET NX), then reads it, atomically (MULTI).
 */
async function establishEpoch(conn: RedisClient, epochKey: string): Promise<string> {
  const replies = await conn.multi().set(epochKey, crypto.randomUUID(), 'NX').get(epochKey).exec();
  const [error, value] = replies?.[1] ?? [new Error('MULTI was discarded'), null];
  if (error) throw error;
  return value as string;
}

/**
 * True when Redis no longer holds the history up to `last`: its revision is
 * lower, or the entry `last-0` (if not trimmed) differs from the one
 * delivered.
 */
async function historyLost(conn: RedisClient, o: FollowOptions, last: number, lastFields: string[] | undefined): Promise<boolean> {
  const [revision, entries] = await Promise.all([
    conn.get(o.revisionKey),
    lastFields ? conn.xrange(o.streamKey, `${last}-0`, `${last}-0`) : Promise.resolve([]),
  ]);
  if (Number(revision ?? 0) < last) return true;
  const fields = entries[0]?.[1];
  if (fields === undefined || lastFields === undefined) return false;
  return fields.length !== lastFields.length || fields.some((field, i) => field !== lastFields[i]);
}
