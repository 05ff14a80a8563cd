// follow: after `if`, `then` must come (within N turns when set) — an apology after a complaint, thanks after hold.
import { hitDraft, type RuleKind } from './rule-kind.js';

export const follow: RuleKind = {
  kind: 'follow',
  summary: 'after each occurrence of `if`, `then` must come (within N turns when set)',
  compile(builder) {
    const { def } = builder;
    const trigger = builder.speakerPhrases(def.if!, ['if']);
    const response = builder.speakerPhrases(def.then!, ['then']);
    return (context) => {
      const responses = context.hits(response);
      return context.hits(trigger).filter((t) => !responses.some((r) =>
        r.start >= t.end && (def.within === undefined || r.turn - t.turn <= def.within))).map(hitDraft);
    };
  },
};
