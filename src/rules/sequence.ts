// sequence: the steps occur in this order (A → B → C); reported at the first step missing or out of order.
import { fillPart } from './message-parts.js';
import { dueAt, dueSpan, hitDraft, type RuleKind } from './rule-kind.js';

export const sequence: RuleKind = {
  kind: 'sequence',
  summary: 'the steps must all occur, in the order given',
  compile(builder) {
    const { def } = builder;
    const steps = def.steps!.map((step, i) => builder.speakerPhrases(step, ['steps', i]));
    const stepNote = builder.part('step');
    // (Options read once here, not per call: see speakerAbsent in rule-kind.ts.)
    const skipUnsaid = def['require-all'] === false;
    const message = def.message ?? 'steps out of order';
    const due = dueAt(def);
    return (context) => {
      let position = -1;
      for (let i = 0; i < steps.length; i++) {
        const hits = context.hits(steps[i]);
        const next = hits.find((hit) => hit.start > position);
        if (next) {
          position = next.start;
          continue;
        }
        // With require-all: false a step that never occurs is skipped: only the order of what was said counts.
        if (hits.length === 0 && skipUnsaid) continue;
        const label = context.say(message) + fillPart(context.say(stepNote), { step: i + 1, steps: steps.length });
        // The step was said, but only before the previous one: point at it; otherwise at where it was due.
        const early = hits[0];
        const draft = early ? hitDraft(early) : dueSpan(context, due);
        draft.message = label;
        return [draft];
      }
      return [];
    };
  },
};
