// ESLint RuleTester style: for one rule, transcripts that must pass and transcripts that must fail at exact places.
import { describe, expect, it } from 'vitest';
import { linterFor, packWith } from './helpers.js';

export interface InvalidCase {
  text: string;
  /** Expected problems of this rule, as "line:column" (and optionally ":endLine:endColumn"). */
  errors: string[];
  /** Expected messages (substring), in the same order, when given. */
  messages?: string[];
}

export function ruleTester(title: string, ruleYaml: string, cases: { valid: string[]; invalid: InvalidCase[] }, phrasesYaml = ''): void {
  describe(title, () => {
    const linter = linterFor(packWith(`${phrasesYaml}rules:\n  r:\n${ruleYaml.replace(/^/gm, '    ')}\n`));
    const problems = (text: string) => linter.lintText(text).messages.filter((m) => m.ruleId === 'test/r');
    for (const text of cases.valid) {
      it(`valid: ${JSON.stringify(text).slice(0, 60)}`, () => {
        expect(problems(text).map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${JSON.stringify(c.text).slice(0, 60)}`, () => {
        const found = problems(c.text);
        const wantsEnd = c.errors.some((e) => e.split(':').length === 4);
        expect(found.map((m) => (wantsEnd ? `${m.line}:${m.column}:${m.endLine}:${m.endColumn}` : `${m.line}:${m.column}`))).toEqual(c.errors);
        c.messages?.forEach((text, i) => expect(found[i]?.message).toContain(text));
      });
    }
  });
}
