/**
 * Cheap byte arrays for responses and encoded records.
 *
 * `new Uint8Array(n)` allocates a fresh ArrayBuffer, which in V8 costs about
 * as much as answering a whole query (~0.6 µs measured on Node 20) and holds
 * a few hundred bytes of bookkeeping. Instead, small arrays are carved out of
 * a shared 64 KiB ArrayBuffer, as Node's `Buffer.allocUnsafe` does, but
 * zero-filled and never handed out twice: a slab is only replaced, never
 * rewound, so an array stays valid for as long as its holder keeps it.
 * Callers must honour `byteOffset` (the arrays are views), as any Uint8Array
 * consumer should.
 *
 * Short-lived responses and long-lived record bodies use separate slabs, so a
 * record kept in the memo never pins a slab full of dead responses.
 */

const SLAB_BYTES = 64 * 1024;
/** Arrays larger than this get their own ArrayBuffer. */
const MAX_POOLED = 8 * 1024;

/** A bump allocator over 64 KiB ArrayBuffers; see the module comment. */
class Slab {
  #buffer = new ArrayBuffer(SLAB_BYTES);
  #used = 0;

  take(size: number): Uint8Array {
    if (size > MAX_POOLED) return new Uint8Array(size);
    if (this.#used + size > SLAB_BYTES) {
      this.#buffer = new ArrayBuffer(SLAB_BYTES);
      this.#used = 0;
    }
    const out = new Uint8Array(this.#buffer, this.#used, size);
    this.#used += (size + 7) & ~7;
    return out;
  }
}

const responses = new Slab();
const records = new Slab();

/**
 * Long-lived record bytes as spans of a shared slab: `array` is one
 * Uint8Array over a whole 64 KiB slab, so a record keeps a reference to it
 * and an offset instead of a Uint8Array view of its own (a view costs about
 * 90 bytes of heap; at 100k instances and three records each that is most of
 * the record memo). Spans are zero-filled and never handed out twice.
 */
class SpanSlab {
  array = new Uint8Array(SLAB_BYTES);
  #used = 0;

  /** Offset of `size` fresh bytes in `this.array` (read `array` after the call: a full slab is replaced). */
  take(size: number): number {
    if (size > SLAB_BYTES) throw new RangeError(`record of ${size} bytes is larger than a slab`);
    if (this.#used + size > SLAB_BYTES) {
      this.array = new Uint8Array(SLAB_BYTES);
      this.#used = 0;
    }
    const at = this.#used;
    this.#used += (size + 7) & ~7;
    return at;
  }
}

const spans = new SpanSlab();

/**
 * `size` zero-filled bytes for data kept until the view changes (encoded
 * records): returns the offset; the bytes are in `recordSpanArray()`, read
 * right after the call.
 * @param size length in bytes, at most 64 KiB
 */
export function allocateRecordSpan(size: number): number {
  return spans.take(size);
}

/** The slab array the last `allocateRecordSpan` offset points into. */
export function recordSpanArray(): Uint8Array {
  return spans.array;
}

/**
 * A zero-filled Uint8Array of `size` bytes for a response or other
 * short-lived message, usually a view into a shared slab.
 * @param size length in bytes (≥ 0)
 */
export function allocateBytes(size: number): Uint8Array {
  return responses.take(size);
}

/**
 * A zero-filled Uint8Array of `size` bytes for data kept until the view
 * changes (encoded records), from a slab of its own.
 * @param size length in bytes (≥ 0)
 */
export function allocateRecordBytes(size: number): Uint8Array {
  return records.take(size);
}
