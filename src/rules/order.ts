// order: every `after` must be preceded by a `before` (optionally within N turns) — greet before asking,
// ask before transferring. An `after` that lies inside a `before` match (为您转接 inside 为您转接…好吗) is preceded.
import { hitDraft, PAIRS_LOOKED_AT, partitionPoint, prefixMax, stableSort, triggeredBy, type HitSpan, type ProblemDraft, type RuleKind } from './rule-kind.js';

export const order: RuleKind = {
  kind: 'order',
  summary: 'every occurrence of `after` must be preceded by `before` (within N turns when set)',
  compile(builder) {
    const { def } = builder;
    const before = builder.speakerPhrases(def.before!, ['before']);
    const after = builder.speakerPhrases(def.after!, ['after']);
    // (Read once here, not per hit: see speakerAbsent in rule-kind.ts.)
    const { within } = def;
    return triggeredBy([after], (context) => {
      const afters = context.hits(after);
      if (afters.length === 0) return [];
      const drafts: ProblemDraft[] = [];
      for (const a of unpreceded(afters, context.hits(before), within)) drafts.push(hitDraft(a));
      return drafts;
    });
  },
};

/**
 * The afters no before precedes (within `within` turns), nor encloses; `befores` by start, as hits come. A few of each
 * (a generated call has one or two) are looked at pair by pair: the index (a copy sorted by end, two running maxima
 * and two binary searches with a closure each) cost more to make than the few pairs take to look at.
 */
export function unpreceded<T extends HitSpan>(afters: readonly T[], befores: readonly T[], within: number | undefined): T[] {
  if (afters.length * befores.length > PAIRS_LOOKED_AT) return unprecededIndexed(afters, befores, within);
  const found: T[] = [];
  for (const a of afters) {
    // The latest turn of a before that ends by the after's start; and whether one starts by it and ends past it.
    let latestTurn = -1;
    let encloses = false;
    for (let i = 0; i < befores.length; i++) {
      const b = befores[i];
      if (b.end <= a.start && b.turn > latestTurn) latestTurn = b.turn;
      if (b.start <= a.start && b.end >= a.end) encloses = true;
    }
    if (latestTurn >= 0 && (within === undefined || a.turn - latestTurn <= within)) continue;
    if (!encloses) found.push(a);
  }
  return found;
}

/** unpreceded for many hits: n·log n in a long call's hits, where looking at each pair was their product. */
export function unprecededIndexed<T extends HitSpan>(afters: readonly T[], befores: readonly T[], within: number | undefined): T[] {
  // Befores that end before a point: by end, with the latest turn among the first i (prefix maximum).
  const byEnd = stableSort([...befores], (a, b) => a.end - b.end);
  const latestTurn = prefixMax(byEnd, (b) => b.turn);
  // Befores that start at or before a point: the furthest end among the first i, to find one that encloses.
  const furthestEnd = prefixMax(befores, (b) => b.end);
  const found: T[] = [];
  for (const a of afters) {
    const ended = partitionPoint(byEnd, (b) => b.end <= a.start);
    if (ended > 0 && (within === undefined || a.turn - latestTurn[ended - 1] <= within)) continue;
    // An enclosing before stands in the same turn (a hit never crosses turns), so it is always within N.
    const started = partitionPoint(befores, (b) => b.start <= a.start);
    if (!(started > 0 && furthestEnd[started - 1] >= a.end)) found.push(a);
  }
  return found;
}
