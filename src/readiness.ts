/**
 * `GET /readyz`: whether this replica should receive traffic, for a
 * Kubernetes readiness probe. Ready means:
 *
 * - `view`: the DNS view holds the whole state (listeners open while it
 *   loads; until it is complete DNS answers SERVFAIL and this check fails);
 * - `redis` (Redis state only): the store answers a read of its revision
 *   within `timeoutMs`. With memory state there is no such check.
 *
 * 200 `ok` when every check passes, else 503 listing each check in the
 * Kubernetes API server's `/readyz` format (`[+]view ok`, `[-]redis failed:
 * <reason>`). `?verbose` lists the checks on success too; `?exclude=redis`
 * leaves a check out (as `kube-apiserver /readyz?exclude=etcd`), e.g. to keep
 * DNS replicas in a Service while Redis is down (they answer from their last
 * view). `GET /healthz` (liveness) stays a plain `ok`: a replica that lost
 * Redis must not be restarted for it.
 */
import type { Store } from './store/store.ts';

/** The outcome of one read of the state store. */
export interface StateCheck {
  ok: boolean;
  /** The store's latest revision, when it answered. */
  revision?: number;
  /** Why it failed, when it did. */
  error?: string;
  /** Round trip in milliseconds. */
  ms: number;
}

/** Options of `StateProbe`. */
export interface StateProbeOptions {
  /** A read slower than this fails, milliseconds. @default 1000 */
  timeoutMs?: number;
  /** A result younger than this is reused (a probe and a scrape at once make one read), milliseconds. @default 1000 */
  maxAgeMs?: number;
}

/**
 * Reads the store's revision (`Store.revision`, one GET with Redis) to tell
 * whether the store is reachable, sharing one read among callers within
 * `maxAgeMs`. Used by `/readyz` and by the Redis and view metrics.
 */
export class StateProbe {
  readonly #store: Store;
  readonly #timeoutMs: number;
  readonly #maxAgeMs: number;
  #last: { at: number; result: Promise<StateCheck> } | undefined;

  constructor(store: Store, options: StateProbeOptions = {}) {
    this.#store = store;
    this.#timeoutMs = options.timeoutMs ?? 1000;
    this.#maxAgeMs = options.maxAgeMs ?? 1000;
  }

  /** The latest check, reading the store again when the last one is older than `maxAgeMs`. Never rejects. */
  check(): Promise<StateCheck> {
    const now = Date.now();
    if (this.#last && now - this.#last.at < this.#maxAgeMs) return this.#last.result;
    const result = this.#read();
    this.#last = { at: now, result };
    return result;
  }

  async #read(): Promise<StateCheck> {
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const revision = await Promise.race([
        this.#store.revision(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs))),
      ]);
      return { ok: true, revision, ms: performance.now() - started };
    } catch (error) {
      return { ok: false, error: (error as Error).message, ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What `/readyz` looks at. */
export interface ReadinessSources {
  /** The store kind: the `redis` check runs only for `redis`. */
  storeKind: Store['kind'];
  probe: StateProbe;
  /** True once the view holds a snapshot. */
  viewLoaded: () => boolean;
}

/**
 * Answers `GET /readyz[?verbose][&exclude=CHECK...]` (see the module comment).
 * @param search the query string without `?`
 */
export async function readyz(sources: ReadinessSources, search: string): Promise<Response> {
  const params = new URLSearchParams(search);
  const excluded = new Set(params.getAll('exclude'));
  const lines: string[] = [];
  let ready = true;
  const add = (name: string, failure: string | undefined): void => {
    if (excluded.has(name)) {
      lines.push(`[+]${name} excluded: ok`);
      return;
    }
    if (failure !== undefined) ready = false;
    lines.push(failure === undefined ? `[+]${name} ok` : `[-]${name} failed: ${failure}`);
  };
  add('view', sources.viewLoaded() ? undefined : 'the DNS view has not been loaded from the state store yet');
  if (sources.storeKind === 'redis' && !excluded.has('redis')) {
    const check = await sources.probe.check();
    add('redis', check.ok ? undefined : `Redis does not answer: ${check.error}`);
  } else if (sources.storeKind === 'redis') {
    add('redis', undefined);
  }
  const headers = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
  if (ready && !params.has('verbose')) return new Response('ok\n', { status: 200, headers });
  lines.push(ready ? 'readyz check passed' : 'readyz check failed');
  return new Response(`${lines.join('\n')}\n`, { status: ready ? 200 : 503, headers });
}
