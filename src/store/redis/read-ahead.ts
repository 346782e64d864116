/**
 * Reads a sequence of requests with a few of them in flight at once and
 * hands the results to the consumer in request order, one at a time, only
 * as fast as it takes them (issue 11: a snapshot of 100k instances is read
 * as a few hundred script calls without holding all their replies).
 */

/**
 * Yields `read(item)` for each item `next()` gives (until it gives
 * undefined), in that order, keeping at most `inFlight` reads started and
 * not yet taken by the consumer. A failed read rejects the iteration at its
 * place; reads still in flight then settle unobserved (their rejections are
 * handled, never unhandled). Stopping the iteration early starts no more
 * reads.
 * @param inFlight at least 1
 */
export async function* readAhead<T, R>(next: () => T | undefined, read: (item: T) => Promise<R>, inFlight: number): AsyncGenerator<R, void, undefined> {
  const queue: Promise<R>[] = [];
  let exhausted = false;
  const fill = (): void => {
    while (!exhausted && queue.length < inFlight) {
      const item = next();
      if (item === undefined) {
        exhausted = true;
        return;
      }
      const reply = read(item);
      reply.catch(() => undefined);
      queue.push(reply);
    }
  };
  fill();
  while (queue.length > 0) {
    const result = await queue.shift()!;
    fill();
    yield result;
  }
}
