// order: every `after` must be preceded by a `before` (optionally within N turns) — greet before asking,
// ask before transferring. An `after` that lies inside a `before` match (为您转接 inside 为您转接…好吗) is preceded.
import { hitDraft, partitionPoint, prefixMax, stableSort, triggeredBy, type ProblemDraft, type RuleKind } from './rule-kind.js';

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
      const befores = context.hits(before); // by start
      // Befores that end before a point: by end, with the latest turn among the first i (prefix maximum).
      const byEnd = stableSort([...befores], (a, b) => a.end - b.end);
      const latestTurn = prefixMax(byEnd, (b) => b.turn);
      // Befores that start at or before a point: the furthest end among the first i, to find one that encloses.
      const furthestEnd = prefixMax(befores, (b) => b.end);
      const drafts: ProblemDraft[] = [];
      for (const a of afters) {
        const ended = partitionPoint(byEnd, (b) => b.end <= a.start);
        if (ended > 0 && (within === undefined || a.turn - latestTurn[ended - 1] <= within)) continue;
        // An enclosing before stands in the same turn (a hit never crosses turns), so it is always within N.
        const started = partitionPoint(befores, (b) => b.start <= a.start);
        if (!(started > 0 && furthestEnd[started - 1] >= a.end)) drafts.push(hitDraft(a));
      }
      return drafts;
    });
  },
};

