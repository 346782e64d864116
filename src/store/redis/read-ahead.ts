/**
 * Reads a sequence of requests with a few of them in flight at once and
 * hands the results to the consumer in request order, one at a time, only
 * as fast as it takes them (issue 11: a snapshot of 100k instances is read
 * as a few hundred script calls without holding all their replies).
 */

/**
 * Yields `read(item)` for each item `next()` gives (until it gives
 * undefined), in the order the reads started, keeping at most `inFlight`
 * reads started and not yet taken by the consumer. When the consumer takes a
 * result, `followUp(result, item)` may name one more item that depends on it
 * (e.g. the next step of a cursor scan); it is read before any further item
 * of `next()`. A failed read rejects the iteration at its place; reads still
 * in flight then settle unobserved (their rejections are handled, never
 * unhandled). Stopping the iteration early starts no more reads.
 * @param inFlight at least 1
 */
export async function* readAhead<T, R>(
  next: () => T | undefined,
  read: (item: T) => Promise<R>,
  inFlight: number,
  followUp?: (result: R, item: T) => T | undefined,
): AsyncGenerator<R, void, undefined> {
  const queue: { item: T; reply: Promise<R> }[] = [];
  const followUps: T[] = [];
  let exhausted = false;
  const fill = (): void => {
    while (queue.length < inFlight) {
      let item = followUps.shift();
      if (item === undefined && !exhausted) {
        item = next();
        if (item === undefined) exhausted = true;
      }
      if (item === undefined) return;
      const reply = read(item);
      reply.catch(() => undefined);
      queue.push({ item, reply });
    }
  };
  fill();
  while (queue.length > 0) {
    const { item, reply } = queue.shift()!;
    const result = await reply;
    const more = followUp?.(result, item);
    if (more !== undefined) followUps.push(more);
    fill();
    yield result;
  }
}
