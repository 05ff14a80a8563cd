// required: one of the phrases (or all of them, or at least N distinct ones) occurs in scope.
import { dueSpan, speakerAbsent, type RuleKind } from './rule-kind.js';

export const required: RuleKind = {
  kind: 'required',
  summary: 'one of the phrases must occur in scope (all: every phrase; at-least: N distinct phrases)',
  compile(builder) {
    const { def } = builder;
    const selector = builder.phrases(def.phrases!, ['phrases']);
    const needed = def.all ? selector.phraseIds.length : (def['at-least'] ?? 1);
    if (selector.phraseIds.length && needed > selector.phraseIds.length) {
      builder.error(['at-least'], `at-least is ${needed} but the rule has only ${selector.phraseIds.length} phrases`, 'lower at-least or add phrases');
    }
    return (context) => {
      if (speakerAbsent(context, def)) return [];
      const distinct = new Set(context.hits(selector).map((hit) => hit.phrase));
      if (distinct.size >= needed) return [];
      const draft = dueSpan(context, def);
      if (needed > 1) draft.message = `${context.say(def.message ?? 'required phrases missing')} (${distinct.size}/${needed})`;
      return [draft];
    };
  },
};
