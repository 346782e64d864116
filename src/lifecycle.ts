/**
 * Graceful shutdown of `serve`: on SIGTERM or SIGINT, wait (bounded) for the
 * HTTP requests in flight to finish, close the listeners, the follower and
 * the store, log that it happened, and exit. A second signal exits at once.
 *
 * Runtime-neutral: the runtime entry (`src/runtime/node/main.ts`) passes in
 * how to listen for signals and how to exit.
 */
import type { Logger } from './log.ts';
import type { RunningServer, ServeRuntime } from './server.ts';

/** Wait after the last request in flight produced its Response, before closing connections, milliseconds. */
const FLUSH_MS = 100;

/** Counts HTTP requests whose response has not been produced yet. */
export class InFlight {
  #count = 0;
  #idle: (() => void)[] = [];

  /** Requests in flight now. */
  get count(): number {
    return this.#count;
  }

  /** `fetch`, counted from the call until its Response (or error) is produced. */
  wrap(fetch: (request: Request) => Response | Promise<Response>): (request: Request) => Promise<Response> {
    return async (request) => {
      this.#count++;
      try {
        return await fetch(request);
      } finally {
        this.#count--;
        if (this.#count === 0) for (const resolve of this.#idle.splice(0)) resolve();
      }
    };
  }

  /**
   * Resolves when no request is in flight, or after `timeoutMs` milliseconds.
   * @returns true when idle, false on timeout
   */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#idle = this.#idle.filter((d) => d !== done);
        resolve(false);
      }, timeoutMs);
      this.#idle.push(done);
    });
  }
}

/** `runtime` with every HTTP listener's requests counted by `inFlight`. */
export function countingRuntime(runtime: ServeRuntime, inFlight: InFlight): ServeRuntime {
  return { ...runtime, startHttpServer: (options) => runtime.startHttpServer({ ...options, fetch: inFlight.wrap(options.fetch) }) };
}

/** Settings of `stopOnSignals`. */
export interface StopOnSignalsOptions {
  server: RunningServer;
  inFlight: InFlight;
  logger: Logger;
  /** Registers a handler for a signal (e.g. `process.on`). */
  onSignal: (signal: 'SIGTERM' | 'SIGINT', handler: () => void) => void;
  /** Ends the process with a code (e.g. `process.exit`). */
  exit: (code: number) => void;
  /** Longest wait for requests in flight, milliseconds. @default 10000 */
  drainMs?: number;
  /** Longest wait for listeners, follower and store to close, milliseconds. @default 5000 */
  closeMs?: number;
}

/**
 * On the first SIGTERM or SIGINT: log `stopping` (info, with the signal),
 * drain, close, log `stopped` (info, with the signal and the time it took),
 * then `exit(0)`; `exit(1)` when closing failed or took longer than
 * `closeMs`. A second signal logs at warn and exits with 1 at once.
 */
export function stopOnSignals(o: StopOnSignalsOptions): void {
  const { server, inFlight, logger, drainMs = 10_000, closeMs = 5_000 } = o;
  let stopping = false;
  const stop = (signal: 'SIGTERM' | 'SIGINT'): void => {
    if (stopping) {
      logger.warn({ signal }, `received ${signal} again; exiting without finishing the shutdown`);
      o.exit(1);
      return;
    }
    stopping = true;
    const started = Date.now();
    logger.info({ signal, inFlight: inFlight.count, drainMs }, `received ${signal}; draining requests in flight and stopping`);
    void (async () => {
      const drained = await inFlight.idle(drainMs);
      // A request leaves the count when its Response exists; give the runtime a moment to write it out.
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const closed = await Promise.race([
        server.close().then(() => true, (error: Error) => (logger.error({ err: error.message }, 'error while closing'), false)),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), closeMs))),
      ]);
      clearTimeout(timer);
      const fields = { signal, ms: Date.now() - started, drained, abandonedRequests: drained ? 0 : inFlight.count };
      if (closed) logger.info(fields, `stopped on ${signal}`);
      else logger.error({ ...fields, closeMs }, `stopped on ${signal} without closing cleanly`);
      o.exit(closed ? 0 : 1);
    })();
  };
  o.onSignal('SIGTERM', () => stop('SIGTERM'));
  o.onSignal('SIGINT', () => stop('SIGINT'));
}
