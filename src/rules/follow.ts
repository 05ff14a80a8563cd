// follow: after `if`, `then` must come (within N turns when set) — an apology after a complaint, thanks after hold.
// A problem stands on the turn that should have responded (the `then` speaker's first turn after the trigger) and
// names the trigger's line; when the transcript ends before that turn, the trigger cannot be judged: not evaluated.
import { fillPart } from './message-parts.js';
import { partitionPoint, prefixMax, problemDraft, triggeredBy, type ProblemDraft, type RuleKind } from './rule-kind.js';

export const follow: RuleKind = {
  kind: 'follow',
  summary: 'after each occurrence of `if`, `then` must come (within N turns when set); the problem stands on the turn that should have responded',
  compile(builder) {
    const { def } = builder;
    const trigger = builder.speakerPhrases(def.if!, ['if']);
    const response = builder.speakerPhrases(def.then!, ['then']);
    const lineNote = builder.part('trigger');
    const orBefore = typeof def['or-before'] === 'number' ? def['or-before'] : undefined;
    // (Read once here, not per trigger: see speakerAbsent in rule-kind.ts.)
    const { within } = def;
    const message = def.message ?? 'no response';
    return triggeredBy([trigger], (context) => {
      const triggers = context.hits(trigger);
      if (triggers.length === 0) return [];
      // Responses by start; earliestTurn[i] is the first turn any response from the i-th on stands in, so each
      // trigger asks one binary search instead of looking at every response (a long recording has thousands).
      const responses = context.hits(response);
      const earliestTurn = new Array<number>(responses.length + 1);
      earliestTurn[responses.length] = Infinity;
      for (let i = responses.length - 1; i >= 0; i--) earliestTurn[i] = Math.min(responses[i].turn, earliestTurn[i + 1]);
      // latestTurn[i]: the last turn among the first i responses (for or-before).
      const latestTurn = prefixMax(responses, (r) => r.turn);
      const { text } = context.transcript;
      const responders = context.turnsOf(response.speaker);
      const drafts: ProblemDraft[] = [];
      triggers.forEach((t, i) => {
        const first = earliestTurn[partitionPoint(responses, (r) => r.start < t.end)];
        if (first !== Infinity && (within === undefined || first - t.turn <= within)) return;
        // or-before: N — a `then` up to N turns before the trigger already answered it (a complaint repeated right
        // after the apology).
        const earlier = partitionPoint(responses, (r) => r.end <= t.start);
        if (orBefore !== undefined && earlier > 0 && t.turn - latestTurn[earlier - 1] <= orBefore) return;
        const due = responders[partitionPoint(responders, (turn) => turn.index <= t.turn)];
        const segment = due?.segments[0];
        if (!segment) {
          context.notEvaluated('no-reply');
          return;
        }
        // A later trigger by the time the responder speaks supersedes this one (「稍等一下好吗？」 … 「请稍等」: the
        // hold that counts is the last one before the return).
        const next = triggers[i + 1];
        if (next && next.turn <= due.index && next.turn > t.turn) return;
        const said = context.say(message) + fillPart(context.say(lineNote), { line: context.lineOf(t.start), quote: text.slice(t.start, t.end) });
        drafts.push(problemDraft(segment.start, segment.end, said));
      });
      return drafts;
    });
  },
};
