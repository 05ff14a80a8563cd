// banned: every occurrence is a problem, at its exact position, with the prescribed wording when known.
import { normalizeString } from '../text/normalize.js';
import type { RuleKind } from './rule-kind.js';

const MARK = /[？?！!。.，,；;、]/;

/** 什么事？ → 请问有什么可以帮您？ must not leave ？？: the text's own mark wins over the wording's closing one. */
function withoutRepeatedMark(wording: string, text: string, end: number): string {
  return wording.length > 1 && MARK.test(wording.slice(-1)) && MARK.test(text[end] ?? '') ? wording.slice(0, -1) : wording;
}

export const banned: RuleKind = {
  kind: 'banned',
  summary: 'every occurrence of the phrases is a problem; suggest: gives the wording to use instead',
  compile(builder) {
    const { def, table } = builder;
    const selector = builder.phrases(def.phrases!, ['phrases']);
    // suggest: a single wording, or a map from phrase to wording (keys compared after normalization).
    const suggestFor = new Map<string, string>();
    if (def.suggest && typeof def.suggest === 'object') {
      for (const [phrase, wording] of Object.entries(def.suggest)) suggestFor.set(normalizeString(phrase, table), wording);
    }
    const single = typeof def.suggest === 'string' ? def.suggest : undefined;
    return (context) =>
      context.hits(selector).map((hit) => {
        const suggestion = single ?? suggestFor.get(normalizeString(hit.phrase, table));
        const heard = context.transcript.text.slice(hit.start, hit.end);
        const message = `${def.message ?? 'forbidden wording'} 「${heard}」${suggestion ? ` → 「${suggestion}」` : ''}`;
        return { start: hit.start, end: hit.end, message, suggestion, replacement: suggestion && withoutRepeatedMark(suggestion, context.transcript.text, hit.end) };
      });
  },
};
