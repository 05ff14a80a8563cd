// order: every `after` must be preceded by a `before` (optionally within N turns) — greet before asking,
// ask before transferring. An `after` that lies inside a `before` match (为您转接 inside 为您转接…好吗) is preceded.
import { hitDraft, type RuleKind } from './rule-kind.js';

export const order: RuleKind = {
  kind: 'order',
  summary: 'every occurrence of `after` must be preceded by `before` (within N turns when set)',
  compile(builder) {
    const { def } = builder;
    const before = builder.speakerPhrases(def.before!, ['before']);
    const after = builder.speakerPhrases(def.after!, ['after']);
    return (context) => {
      const befores = context.hits(before);
      return context.hits(after).filter((a) => !befores.some((b) =>
        (b.end <= a.start || (b.start <= a.start && b.end >= a.end)) &&
        (def.within === undefined || a.turn - b.turn <= def.within))).map(hitDraft);
    };
  },
};
