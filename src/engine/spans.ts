// Hits as spans of text, indexed for the questions rules ask of them per hit — does an `except` match overlap it,
// does a `near` match stand by it — each answered by binary search, so a rule stays n·log n in a transcript's length.
import { partitionPoint, prefixMax, type Hit } from '../rules/rule-kind.js';
import type { NearSelector } from './compile.js';

/** Spans sorted by start, and the furthest end among the first i + 1 of them: overlap tests by binary search. */
export interface SpanIndex {
  spans: readonly Hit[];
  furthestEnd: number[];
}

export function spanIndex(spans: readonly Hit[]): SpanIndex {
  return { spans, furthestEnd: prefixMax(spans, (span) => span.end) };
}

/** Whether `hit` overlaps any of the spans: some span starting before it ends reaches past its start. */
export function overlapsAny({ spans, furthestEnd }: SpanIndex, hit: Hit): boolean {
  const startingBefore = partitionPoint(spans, (span) => span.start < hit.end);
  return startingBefore > 0 && furthestEnd[startingBefore - 1] > hit.start;
}

/** Punctuation that ends a clause: `near` / `not-near` without `chars` look within one clause. */
const CLAUSE_BREAK = /[，。！？；：,.!?;:\n]/;

/**
 * The hits of a `near` / `not-near` list, by turn, to ask whether one stands by a hit (same turn, overlapping or
 * within `chars` or the clause) in log time. Only the closest list hit on each side can decide: a farther one has a
 * longer gap, which holds the closer one's gap. (Comparing every hit with every list hit was quadratic.) Flat typed
 * arrays ordered by turn, not a map of small lists: a long call's list has a hit in most of a million turns.
 */
export class NearIndex {
  /** By turn, then start (ties in list order). */
  private readonly turns: Int32Array;
  private readonly starts: Int32Array;
  /** The furthest end among the hits of the same turn up to this one. */
  private readonly furthestEnd: Int32Array;
  /** The ends of each turn's hits, ascending within the turn (turns in the same order). */
  private readonly ends: Int32Array;

  constructor(hits: readonly Hit[], private readonly near: NearSelector, private readonly text: string) {
    const n = hits.length;
    const turn = new Int32Array(n);
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    hits.forEach((hit, i) => {
      turn[i] = hit.turn;
      start[i] = hit.start;
      end[i] = hit.end;
    });
    // (Loops, not Array.from / Int32Array.from with a mapping function: those run the iterator protocol, and an
    // index is made per near list per file.)
    const order: number[] = [];
    for (let i = 0; i < n; i++) order.push(i);
    order.sort((a, b) => turn[a] - turn[b] || start[a] - start[b]);
    this.turns = new Int32Array(n);
    this.starts = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      this.turns[k] = turn[order[k]];
      this.starts[k] = start[order[k]];
    }
    this.furthestEnd = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const e = end[order[k]];
      this.furthestEnd[k] = k > 0 && this.turns[k - 1] === this.turns[k] ? Math.max(this.furthestEnd[k - 1], e) : e;
    }
    order.sort((a, b) => turn[a] - turn[b] || end[a] - end[b]);
    this.ends = new Int32Array(n);
    for (let k = 0; k < n; k++) this.ends[k] = end[order[k]];
  }

  standsBy(hit: Hit): boolean {
    const { turns, starts, ends, furthestEnd } = this;
    const first = partitionPoint(turns, (v) => v < hit.turn);
    const last = partitionPoint(turns, (v) => v <= hit.turn, first);
    if (first === last) return false;
    // Overlap: some list hit starting before this one ends reaches past its start.
    const startedBefore = partitionPoint(starts, (v) => v < hit.end, first, last);
    if (startedBefore > first && furthestEnd[startedBefore - 1] > hit.start) return true;
    const endedBefore = partitionPoint(ends, (v) => v <= hit.start, first, last);
    if (endedBefore > first && this.close(ends[endedBefore - 1], hit.start)) return true;
    return startedBefore < last && this.close(hit.end, starts[startedBefore]);
  }

  private close(gapStart: number, gapEnd: number): boolean {
    return this.near.chars !== undefined ? gapEnd - gapStart <= this.near.chars : !CLAUSE_BREAK.test(this.text.slice(gapStart, gapEnd));
  }
}
