// required: one of the phrases (or all of them, or at least N distinct ones) occurs in scope.
import { dueAt, dueSpan, ruleSpeaker, speakerAbsent, type RuleKind } from './rule-kind.js';

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
    // (Options read once here: see speakerAbsent.)
    const message = def.message ?? 'required phrases missing';
    const speaker = ruleSpeaker(def);
    const due = dueAt(def);
    return (context) => {
      if (speakerAbsent(context, speaker)) return [];
      // One phrase needed (most rules): any hit will do, told by counting them, without a Hit object each nor a set.
      if (needed <= 1) return context.countHits(selector, needed) >= needed ? [] : [dueSpan(context, due)];
      const distinct = new Set(context.hits(selector).map((hit) => hit.phrase));
      if (distinct.size >= needed) return [];
      const draft = dueSpan(context, due);
      draft.message = `${context.say(message)} (${distinct.size}/${needed})`;
      return [draft];
    };
  },
};
