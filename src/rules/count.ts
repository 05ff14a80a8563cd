// count: the phrases occur at least `min` and at most `max` times in scope.
import { dueSpan, hitDraft, speakerAbsent, type ProblemDraft, type RuleKind } from './rule-kind.js';

export const count: RuleKind = {
  kind: 'count',
  summary: 'the phrases must occur at least min and at most max times in scope',
  compile(builder) {
    const { def } = builder;
    const selector = builder.phrases(def.phrases!, ['phrases']);
    if (def.min !== undefined && def.max !== undefined && def.min > def.max) {
      builder.error(['min'], `min (${def.min}) is larger than max (${def.max})`);
    }
    return (context) => {
      // Counted without making the hits: only those past `max` are reported.
      const found = context.countHits(selector);
      const base = def.message ?? 'phrase count out of range';
      if (def.min !== undefined && found < def.min) {
        if (speakerAbsent(context, def)) return [];
        // min-capped-by-turns: 「您」字不离口 as two 您 a call is not broken by a chat the agent answered once, with 您.
        const needed = def['min-capped-by-turns'] ? Math.min(def.min, context.turnsInScope(def.speaker ?? 'any').length) : def.min;
        if (found < needed) {
          const draft = dueSpan(context, def);
          draft.message = `${base} (${found} < ${needed})`;
          return [draft];
        }
      }
      if (def.max !== undefined && found > def.max) {
        const hits = context.hits(selector);
        const drafts: ProblemDraft[] = [];
        for (let i = def.max; i < hits.length; i++) drafts.push(hitDraft(hits[i], `${base} (${found} > ${def.max})`));
        return drafts;
      }
      return [];
    };
  },
};
