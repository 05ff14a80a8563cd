// Arrays of integers made afresh for each transcript (line starts, segment index, hit spans): plain arrays while
// short, typed arrays when long.
//
// A typed array longer than 64 bytes has its backing store allocated outside the JavaScript heap, which costs more
// than filling a short one (measured on Node 20: ~0.6–0.9 µs for an Int32Array of 40, against ~0.1–0.2 µs for a plain
// array), and a run over many small files made dozens per file. A long call's arrays (a million lines or turns) stay
// typed: 4 bytes an entry instead of 8, outside the collected heap.

/** Longest array made plain. */
const PLAIN_MAX = 4096;

/** Integers by index, zero-filled: a plain array or an Int32Array (both read and written by index). */
export type IntArray = number[] | Int32Array;

export function intArray(length: number): IntArray {
  return length <= PLAIN_MAX ? zeros(length) : new Int32Array(length);
}

/**
 * A plain array of zeros, filled by a loop: Array.prototype.fill is a call into V8's runtime (C++), ~10 thousand
 * instructions of a generated call's ~1 million. Holey small integers either way, one kind for every reader.
 */
function zeros(length: number): number[] {
  const array = new Array<number>(length);
  for (let i = 0; i < length; i++) array[i] = 0;
  return array;
}

/** Small integers (0–255) by index, zero-filled: a plain array or a Uint8Array. */
export type ByteArray = number[] | Uint8Array;

export function byteArray(length: number): ByteArray {
  return length <= PLAIN_MAX ? zeros(length) : new Uint8Array(length);
}

// Binary searches of ascending integers, for what is looked up per hit or per problem (overlaps, `near`, lines):
// partitionPoint with a predicate made a closure at every call, and a shared search that every caller fed arrays,
// typed arrays and predicates of its own could not stay specialized to any of them.

/** The first index in [from, to) whose value is at least `bound` (`to` when none); `values` ascending there. */
export function firstAtLeast(values: IntArray, bound: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [from, to) whose value is more than `bound` (`to` when none): the values are integers. */
export function firstAbove(values: IntArray, bound: number, from = 0, to = values.length): number {
  return firstAtLeast(values, bound + 1, from, to);
}
