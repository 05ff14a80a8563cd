// follow: after `if`, `then` must come (within N turns when set) — an apology after a complaint, thanks after hold.
// A problem stands on the turn that should have responded (the `then` speaker's first turn after the trigger) and
// names the trigger's line; when the transcript ends before that turn, the trigger cannot be judged: not evaluated.
import { fillPart } from './message-parts.js';
import { PAIRS_LOOKED_AT, partitionPoint, prefixMax, problemDraft, triggeredBy, type HitSpan, type ProblemDraft, type RuleKind } from './rule-kind.js';

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
      const responses = context.hits(response);
      const { text } = context.transcript;
      const responders = context.turnsOf(response.speaker);
      const drafts: ProblemDraft[] = [];
      for (const i of unanswered(triggers, responses, within, orBefore)) {
        const t = triggers[i];
        const due = responders[partitionPoint(responders, (turn) => turn.index <= t.turn)];
        const segment = due?.segments[0];
        if (!segment) {
          context.notEvaluated('no-reply');
          continue;
        }
        // A later trigger by the time the responder speaks supersedes this one (「稍等一下好吗？」 … 「请稍等」: the
        // hold that counts is the last one before the return).
        const next = triggers[i + 1];
        if (next && next.turn <= due.index && next.turn > t.turn) continue;
        const said = context.say(message) + fillPart(context.say(lineNote), { line: context.lineOf(t.start), quote: text.slice(t.start, t.end) });
        drafts.push(problemDraft(segment.start, segment.end, said));
      }
      return drafts;
    });
  },
};

/**
 * The indexes of the triggers no response answers: none comes after the trigger (within `within` turns of it), and
 * none of the `orBefore` turns before it (when set). `responses` as hits come: by start, each ending after the one
 * before it (a hit inside another is dropped). A few of each (a generated call has one or two) are looked at pair by
 * pair: the index (an array of the earliest turn from each response on, one of the latest turn up to it, and a
 * binary search with a closure per trigger) cost more to make than the few pairs take to look at.
 */
export function unanswered(triggers: readonly HitSpan[], responses: readonly HitSpan[], within: number | undefined,
  orBefore: number | undefined): number[] {
  if (triggers.length * responses.length > PAIRS_LOOKED_AT) return unansweredIndexed(triggers, responses, within, orBefore);
  const found: number[] = [];
  for (let i = 0; i < triggers.length; i++) {
    const t = triggers[i];
    // The earliest turn of a response that starts at or after the trigger's end, and the latest of one that ends
    // by its start.
    let first = Infinity;
    let latest = -1;
    for (let k = 0; k < responses.length; k++) {
      const r = responses[k];
      if (r.start >= t.end && r.turn < first) first = r.turn;
      if (r.end <= t.start && r.turn > latest) latest = r.turn;
    }
    if (first !== Infinity && (within === undefined || first - t.turn <= within)) continue;
    // or-before: N — a `then` up to N turns before the trigger already answered it (a complaint repeated right
    // after the apology).
    if (orBefore !== undefined && latest >= 0 && t.turn - latest <= orBefore) continue;
    found.push(i);
  }
  return found;
}

/** unanswered for many hits: n·log n in a long call's hits, where looking at each pair was their product. */
export function unansweredIndexed(triggers: readonly HitSpan[], responses: readonly HitSpan[], within: number | undefined,
  orBefore: number | undefined): number[] {
  // Responses by start; earliestTurn[i] is the first turn any response from the i-th on stands in, so each
  // trigger asks one binary search instead of looking at every response (a long recording has thousands).
  const earliestTurn = new Array<number>(responses.length + 1);
  earliestTurn[responses.length] = Infinity;
  for (let i = responses.length - 1; i >= 0; i--) earliestTurn[i] = Math.min(responses[i].turn, earliestTurn[i + 1]);
  // latestTurn[i]: the last turn among the first i responses (for or-before).
  const latestTurn = prefixMax(responses, (r) => r.turn);
  const found: number[] = [];
  triggers.forEach((t, i) => {
    const first = earliestTurn[partitionPoint(responses, (r) => r.start < t.end)];
    if (first !== Infinity && (within === undefined || first - t.turn <= within)) return;
    const earlier = partitionPoint(responses, (r) => r.end <= t.start);
    if (orBefore !== undefined && earlier > 0 && t.turn - latestTurn[earlier - 1] <= orBefore) return;
    found.push(i);
  });
  return found;
}
