// banned: every occurrence is a problem, at its exact position, with the prescribed wording when known: a fix where
// the rule's `fix:` entries say it reads right in place, otherwise a suggestion (see wording.ts).
import { normalizeString } from '../text/normalize.js';
import { problemDraft, triggeredBy, type Hit, type ProblemDraft, type RuleKind } from './rule-kind.js';
import { compileWording, type FixEntryDef, type SpanUnit } from './wording.js';

export const banned: RuleKind = {
  kind: 'banned',
  summary: 'every occurrence of the phrases is a problem; fix: rewrites it where that reads right, suggest: offers wording',
  compile(builder) {
    const { def, table } = builder;
    const selector = builder.phrases(def.phrases!, ['phrases']);
    // suggest: a single wording, or a map from phrase to wording (keys compared after normalization; a phrase with
    // alternatives is found by any of its phrases, or as written).
    const suggestFor = new Map<string, string>();
    if (def.suggest && typeof def.suggest === 'object') {
      for (const [phrase, wording] of Object.entries(def.suggest)) suggestFor.set(normalizeString(phrase, table), wording);
    }
    const single = typeof def.suggest === 'string' ? def.suggest : undefined;
    const wording = compileWording(builder, def.fix as FixEntryDef[] | undefined, def['suggest-span'] as SpanUnit | undefined);
    const suggestionFor = (hit: Hit): string | undefined => suggestFor.get(normalizeString(hit.phrase, table))
      ?? (hit.written === undefined ? undefined : suggestFor.get(normalizeString(hit.written, table)));
    // (Read once here, not per hit: see speakerAbsent in rule-kind.ts.)
    const ruleMessage = def.message ?? 'forbidden wording';
    return triggeredBy([selector], (context) => {
      const drafts: ProblemDraft[] = [];
      for (const hit of context.hits(selector)) {
        const offered = wording.offer(context, hit.turn, hit.start, hit.end, single ?? suggestionFor(hit));
        const heard = context.transcript.text.slice(hit.start, hit.end);
        const message = `${context.say(ruleMessage)} 「${heard}」${offered.suggestion ? ` → 「${offered.suggestion}」` : ''}`;
        drafts.push(problemDraft(hit.start, hit.end, message, offered));
      }
      return drafts;
    });
  },
};
