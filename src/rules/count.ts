// count: the phrases occur at least `min` and at most `max` times in scope.
import { dueSpan, hitDraft, speakerAbsent, type RuleKind } from './rule-kind.js';

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
      const hits = context.hits(selector);
      const base = def.message ?? 'phrase count out of range';
      if (def.min !== undefined && hits.length < def.min) {
        if (speakerAbsent(context, def)) return [];
        return [{ ...dueSpan(context, def), message: `${base} (${hits.length} < ${def.min})` }];
      }
      if (def.max !== undefined && hits.length > def.max) {
        return hits.slice(def.max).map((hit) => ({ ...hitDraft(hit), message: `${base} (${hits.length} > ${def.max})` }));
      }
      return [];
    };
  },
};
