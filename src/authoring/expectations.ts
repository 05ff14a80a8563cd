// Fixture transcripts state the problems they should produce in comment lines:
//   # expect: PACK/RULE-ID @LINE     (one line per expected problem; "@LINE" optional = anywhere in the file)
// A fixture without any "# expect:" line must produce no problem at all.
import { didYouMean } from '../config/errors.js';
import type { LintMessage } from '../types.js';

export interface Expectation {
  ruleId: string;
  /** The 1-based line the problem is reported at; undefined: anywhere in the file. */
  line?: number;
  /** The line of the "# expect:" comment itself. */
  at: number;
}

/** An "# expect:" line that cannot be checked: unreadable, or naming no loaded rule. */
export interface ExpectationError {
  at: number;
  message: string;
  hint?: string;
}

const EXPECT_LINE = /^\s*#\s*expect\s*:(.*)$/i;
const EXPECT_BODY = /^\s*(\S+)(?:\s+@(\d+))?\s*$/;

export function readExpectations(text: string, ruleIds: readonly string[]): { expectations: Expectation[]; errors: ExpectationError[] } {
  const expectations: Expectation[] = [];
  const errors: ExpectationError[] = [];
  const known = new Set(ruleIds);
  text.split(/\r\n?|\n/).forEach((lineText, i) => {
    const at = i + 1;
    const comment = EXPECT_LINE.exec(lineText);
    if (!comment) return;
    const body = EXPECT_BODY.exec(comment[1]);
    if (!body || (body[2] !== undefined && Number(body[2]) < 1)) {
      errors.push({ at, message: `cannot read "${lineText.trim()}"`, hint: 'write one expected problem per line: "# expect: pack/rule @LINE" (@LINE optional)' });
      return;
    }
    const ruleId = body[1];
    if (!known.has(ruleId)) {
      const full = ruleIds.filter((id) => id.endsWith(`/${ruleId}`));
      const hint = full.length === 1 ? `write the full rule id: "${full[0]}"` : didYouMean(ruleId, ruleIds)
        // --list-rules alone reads the project config: the tested pack is loaded alone.
        ?? "list the tested pack's rules: transcript-lint --no-config-lookup --pack PACK --list-rules";
      errors.push({ at, message: `no rule "${ruleId}" in the tested pack`, hint });
      return;
    }
    expectations.push({ ruleId, line: body[2] === undefined ? undefined : Number(body[2]), at });
  });
  return { expectations, errors };
}

export interface Comparison {
  /** Expected problems nobody reported. */
  missing: Expectation[];
  /** Reported problems nobody expected. */
  unexpected: LintMessage[];
}

/**
 * Pair expectations with problems, one problem per expectation: first those that name a line, then those that
 * accept any line take what is left (so "anywhere" never steals the problem a line-bound expectation needs).
 */
export function compareProblems(expectations: readonly Expectation[], problems: readonly LintMessage[]): Comparison {
  const left = [...problems];
  const missing: Expectation[] = [];
  const take = (expectation: Expectation): void => {
    const i = left.findIndex((p) => p.ruleId === expectation.ruleId && (expectation.line === undefined || p.line === expectation.line));
    if (i < 0) missing.push(expectation);
    else left.splice(i, 1);
  };
  expectations.filter((e) => e.line !== undefined).forEach(take);
  expectations.filter((e) => e.line === undefined).forEach(take);
  missing.sort((a, b) => a.at - b.at);
  return { missing, unexpected: left };
}
