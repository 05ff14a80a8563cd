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
 * longer gap, which holds the closer one's gap. (Comparing every hit with every list hit was quadratic.)
 */
export class NearIndex {
  private readonly byTurn = new Map<number, { byStart: SpanIndex; ends: number[] }>();

  constructor(hits: readonly Hit[], private readonly near: NearSelector, private readonly text: string) {
    const grouped = new Map<number, Hit[]>();
    for (const hit of hits) {
      const list = grouped.get(hit.turn);
      if (list) list.push(hit);
      else grouped.set(hit.turn, [hit]);
    }
    for (const [turn, list] of grouped) {
      list.sort((a, b) => a.start - b.start);
      this.byTurn.set(turn, { byStart: spanIndex(list), ends: list.map((h) => h.end).sort((a, b) => a - b) });
    }
  }

  standsBy(hit: Hit): boolean {
    const spans = this.byTurn.get(hit.turn);
    if (!spans) return false;
    if (overlapsAny(spans.byStart, hit)) return true;
    const { ends, byStart } = spans;
    const endedBefore = partitionPoint(ends, (end) => end <= hit.start);
    if (endedBefore > 0 && this.close(ends[endedBefore - 1], hit.start)) return true;
    const startedBefore = partitionPoint(byStart.spans, (span) => span.start < hit.end);
    return startedBefore < byStart.spans.length && this.close(hit.end, byStart.spans[startedBefore].start);
  }

  private close(gapStart: number, gapEnd: number): boolean {
    return this.near.chars !== undefined ? gapEnd - gapStart <= this.near.chars : !CLAUSE_BREAK.test(this.text.slice(gapStart, gapEnd));
  }
}
