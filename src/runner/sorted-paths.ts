// The order of every run, shard and merge — display paths in code-unit order — and lists of paths kept in that
// order without a string per path: a million files must not cost a million strings before the first is linted.

/** Plain code-unit comparison, independent of locale: the same on every machine. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Names joined by NUL (no path holds one). Many names are kept as their UTF-8 bytes, outside V8's heap: a million
 * names as strings are ~17 MB of live heap, which V8 also sizes its old generation by (a cached rerun over 1,000,000
 * files peaked at 152–154 MB with them, 139–141 MB without). A few names stay a string: a Buffer costs more.
 */
export type JoinedNames = string | Buffer;

/** Below this many characters, names stay one string. */
const NAMES_AS_BYTES_FROM = 1024;

/** A UTF-16 code unit that UTF-8 cannot hold: a surrogate without its pair (a Windows file name may have one). */
const LONE_SURROGATE = /\p{Cs}/u;

export function joinNames(names: readonly string[]): JoinedNames {
  const joined = names.join('\0');
  return joined.length < NAMES_AS_BYTES_FROM || LONE_SURROGATE.test(joined) ? joined : Buffer.from(joined, 'utf8');
}

/**
 * Names not kept but listed again when they are reached, in code-unit order; a string when they cannot be: what went
 * wrong, said of the run's prefix (a folder that was removed since it was walked). `soon`: they will be asked for
 * next, and may be read ahead.
 */
export interface ListNames {
  (): readonly string[] | string;
  soon?: () => void;
}

/** Display paths that share a prefix and follow each other in order. */
export interface PathRun {
  prefix: string;
  names: JoinedNames | ListNames;
}

/**
 * The paths of runs that are in order, one by one. Where names listed again cannot be, the prefix itself comes in
 * their place (it sorts where they would), and `onProblem` is told why. `readAhead`: names to be listed again are
 * asked for a run ahead, which pays only if whoever takes the paths gives the event loop turns.
 */
export function* runPaths(runs: readonly PathRun[], onProblem?: (path: string, message: string) => void, readAhead = false): Generator<string> {
  for (let i = 0; i < runs.length; i++) {
    const { prefix, names: joined } = runs[i];
    const next = readAhead ? runs[i + 1]?.names : undefined;
    if (typeof next === 'function') next.soon?.();
    if (typeof joined === 'function') {
      const listed = joined();
      if (typeof listed === 'string') {
        onProblem?.(prefix, listed);
        yield prefix;
      } else {
        for (const name of listed) yield prefix + name;
      }
      continue;
    }
    // A folder's names are decoded at once when it is reached (one by one from the bytes cost 3× more).
    const names = typeof joined === 'string' ? joined : joined.toString('utf8');
    for (let at = 0; ;) {
      const end = names.indexOf('\0', at);
      yield prefix + names.slice(at, end < 0 ? undefined : end);
      if (end < 0) break;
      at = end + 1;
    }
  }
}

/** Sequences that are each in order, merged into one in order (a binary heap of their heads). */
export function* mergeSorted(sequences: Iterable<string>[]): Generator<string> {
  const heap: { head: string; rest: Iterator<string> }[] = [];
  const below = (i: number, j: number) => comparePaths(heap[i].head, heap[j].head) < 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const least = left + 1 < heap.length && below(left + 1, left) ? left + 1 : left;
      if (least >= heap.length || !below(least, i)) return;
      swap(i, least);
      i = least;
    }
  };
  for (const sequence of sequences) {
    const rest = sequence[Symbol.iterator]();
    const first = rest.next();
    if (first.done) continue;
    heap.push({ head: first.value, rest });
    for (let i = heap.length - 1; i > 0 && below(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
  }
  while (heap.length) {
    yield heap[0].head;
    const next = heap[0].rest.next();
    if (next.done) {
      const last = heap.pop()!;
      if (!heap.length) return;
      heap[0] = last;
    } else {
      heap[0].head = next.value;
    }
    siftDown(0);
  }
}
