// follow: after `if`, `then` must come (within N turns when set) — an apology after a complaint, thanks after hold.
import { hitDraft, partitionPoint, type RuleKind } from './rule-kind.js';

export const follow: RuleKind = {
  kind: 'follow',
  summary: 'after each occurrence of `if`, `then` must come (within N turns when set)',
  compile(builder) {
    const { def } = builder;
    const trigger = builder.speakerPhrases(def.if!, ['if']);
    const response = builder.speakerPhrases(def.then!, ['then']);
    return (context) => {
      const triggers = context.hits(trigger);
      if (triggers.length === 0) return [];
      // Responses by start; earliestTurn[i] is the first turn any response from the i-th on stands in, so each
      // trigger asks one binary search instead of looking at every response (a long recording has thousands).
      const responses = context.hits(response);
      const earliestTurn = new Array<number>(responses.length + 1);
      earliestTurn[responses.length] = Infinity;
      for (let i = responses.length - 1; i >= 0; i--) earliestTurn[i] = Math.min(responses[i].turn, earliestTurn[i + 1]);
      return triggers.filter((t) => {
        const first = earliestTurn[partitionPoint(responses, (r) => r.start < t.end)];
        return first === Infinity || (def.within !== undefined && first - t.turn > def.within);
      }).map(hitDraft);
    };
  },
};
