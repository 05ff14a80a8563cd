// follow: after `if`, `then` must come (within N turns when set) — an apology after a complaint, thanks after hold.
// A problem stands on the turn that should have responded (the `then` speaker's first turn after the trigger) and
// names the trigger's line; when the transcript ends before that turn, the trigger cannot be judged: not evaluated.
import type { Turn } from '../types.js';
import type { ProblemDraft, RuleKind } from './rule-kind.js';

export const follow: RuleKind = {
  kind: 'follow',
  summary: 'after each occurrence of `if`, `then` must come (within N turns when set); the problem stands on the turn that should have responded',
  compile(builder) {
    const { def } = builder;
    const trigger = builder.speakerPhrases(def.if!, ['if']);
    const response = builder.speakerPhrases(def.then!, ['then']);
    const orBefore = typeof def['or-before'] === 'number' ? def['or-before'] : undefined;
    const responds = (turn: Turn): boolean => response.speaker === 'any' || turn.role === response.speaker;
    return (context) => {
      const responses = context.hits(response);
      const { turns, text } = context.transcript;
      const drafts: ProblemDraft[] = [];
      for (const t of context.hits(trigger)) {
        if (responses.some((r) => r.start >= t.end && (def.within === undefined || r.turn - t.turn <= def.within))) continue;
        // or-before: N — a `then` up to N turns before the trigger already answered it (a complaint repeated right
        // after the apology).
        if (orBefore !== undefined && responses.some((r) => r.end <= t.start && t.turn - r.turn <= orBefore)) continue;
        const due = turns.find((turn) => turn.index > t.turn && responds(turn));
        const first = due?.segments[0];
        if (!first) {
          context.notEvaluated();
          continue;
        }
        const message = `${def.message ?? 'no response'} (line ${context.lineOf(t.start)}: 「${text.slice(t.start, t.end)}」)`;
        drafts.push({ start: first.start, end: first.end, message });
      }
      return drafts;
    };
  },
};
