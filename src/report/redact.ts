// --redact: mask personal data in results before any formatter sees them, so that every report format — those
// here and those added later — is covered by one pass. Results are copied, never changed in place, and
// transcripts are never touched (a --fix writes from the unredacted results).
//
// Masking is wider than the pii rule's detection on purpose: any number of 7 or more digits (with separators,
// full-width or spoken) keeps only its last 4 digits, whether or not it passes a check digit — a mistyped card
// number is still a card number — and an e-mail address keeps only the first letter of its name.
import { digitRuns, emailSpans } from '../text/pii-detect.js';
import type { LintResult } from '../types.js';

/** Digits in a run from which on a number is masked. */
const MIN_MASKED_DIGITS = 7;
const KEPT_DIGITS = 4;
const MASK = '*';

/** Fields that name things rather than quote the transcript. */
const KEEP_FIELDS = new Set(['filePath', 'ruleId']);

export function redactText(text: string): string {
  const masked: number[] = [];
  for (const run of digitRuns(text, MIN_MASKED_DIGITS, true)) masked.push(...run.positions.slice(0, -KEPT_DIGITS));
  for (const email of emailSpans(text)) {
    for (let i = email.start + 1; i < email.end && text[i] !== '@'; i++) masked.push(i);
  }
  if (!masked.length) return text;
  const chars = text.split('');
  for (const i of masked) chars[i] = MASK;
  return chars.join('');
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own fields: a metadata field named "__proto__" stays a field.
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, KEEP_FIELDS.has(key) ? field : redactValue(field)]));
  }
  return value;
}

/** A copy of a result with every quoted text masked: messages, excerpts, suggestions, source, output, meta. */
export function redactResult(result: LintResult): LintResult {
  return redactValue(result) as LintResult;
}

export function redactResults(results: readonly LintResult[]): LintResult[] {
  return results.map(redactResult);
}
