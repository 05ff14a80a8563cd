import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import type { RuleMeta } from '../../src/report/rule-meta.js';
import { ReportPlan } from '../../src/cli/reports.js';
import { FORMATTERS } from '../../src/report/index.js';
import { DEFAULT_SCORECARD, scoreResult, scorecardSettings, starsFor } from '../../src/report/scorecard.js';
import { summarize } from '../../src/engine/lint-transcript.js';
import type { LintMessage, LintResult } from '../../src/types.js';
import { tempDir } from '../helpers.js';
import { lintDemo } from './fixtures.js';

const rule = (id: string, extra: Partial<RuleMeta> = {}): RuleMeta => ({ id, kind: 'banned', severity: 2, critical: false, ...extra });
const problem = (ruleId: string | null, extra: Partial<LintMessage> = {}): LintMessage => ({ ruleId, severity: 2, message: 'x', line: 1, column: 1, ...extra });
const RULES = [rule('p/a', { weight: 3 }), rule('p/b'), rule('p/timing', { weight: 2 }), rule('p/off', { severity: 0, weight: 50 }), rule('p/hang-up', { critical: true })];

describe('scoreResult', () => {
  it('deducts each broken rule once, by its weight (default weight 1), from the active rules only', () => {
    expect(scoreResult(summarize('a.txt', []), RULES)).toEqual({ points: 100, stars: 5, failed: false, critical: [] });
    // active weight 3 + 1 + 2 + 1 = 7; a broken twice still costs 3
    expect(scoreResult(summarize('a.txt', [problem('p/a'), problem('p/a', { line: 2 })]), RULES)?.points).toBe(57.1);
    expect(scoreResult(summarize('a.txt', [problem('p/b'), problem('p/off')]), RULES)?.points).toBe(85.7);
    // notices without a rule do not count
    expect(scoreResult(summarize('a.txt', [problem(null, { severity: 1 })]), RULES)?.points).toBe(100);
  });

  it('a broken critical rule fails the call with 0 points, whatever else', () => {
    expect(scoreResult(summarize('a.txt', [problem('p/hang-up', { severity: 1 })]), RULES)).toEqual({ points: 0, stars: 1, failed: true, critical: ['p/hang-up'] });
  });

  it('rules that could not be evaluated leave the denominator', () => {
    const result: LintResult = { ...summarize('a.txt', [problem('p/b')]), notEvaluated: ['p/timing'] };
    expect(scoreResult(result, RULES)?.points).toBe(80); // (3 + 1 + 1 - 1) / 5
    expect(scoreResult({ ...result, notEvaluated: ['p/timing', 'p/a'] }, RULES)?.points).toBe(50); // (1 + 1 - 1) / 2
  });

  it('grades stars by the thresholds, fails below the pass mark, and leaves unlinted files ungraded', () => {
    expect([100, 90, 89.9, 75, 60, 59.9, 40, 39.9, 0].map((p) => starsFor(p, DEFAULT_SCORECARD))).toEqual([5, 5, 4, 4, 3, 2, 2, 1, 1]);
    const settings = { stars: [95, 80, 50, 10] as [number, number, number, number], defaultWeight: 1, pass: 90 };
    expect(scoreResult(summarize('a.txt', [problem('p/b')]), RULES, settings)).toEqual({ points: 85.7, stars: 4, failed: true, critical: [] });
    expect(scoreResult(summarize('a.txt', [problem(null, { fatal: true })]), RULES)).toBeUndefined();
  });
});

describe('scorecard settings', () => {
  it('reads the config\'s scorecard over its packs\', key by key', () => {
    const dir = tempDir({
      'base.yaml': 'name: base\nscorecard: { stars: [80, 70, 60, 50], default-weight: 2 }\nrules: {}\n',
      'transcript-lint.yaml': 'extends: [./base.yaml]\nscorecard: { pass: 70 }\n',
    });
    expect(scorecardSettings(Linter.create({ cwd: dir }).compiled.config)).toEqual({ stars: [80, 70, 60, 50], defaultWeight: 2, pass: 70 });
  });

  it('rejects thresholds out of order, naming the file and line', () => {
    const dir = tempDir({ 'transcript-lint.yaml': 'extends: [zh-callcenter]\nscorecard:\n  stars: [60, 75, 90, 40]\n' });
    expect(() => scorecardSettings(Linter.create({ cwd: dir }).compiled.config)).toThrow(/transcript-lint\.yaml:3:\d+: star thresholds must go from highest to lowest/);
  });

  it('rejects a malformed scorecard through the schema', () => {
    const dir = tempDir({ 'transcript-lint.yaml': 'extends: [zh-callcenter]\nscorecard: { stars: [90, 75], weight: 2 }\n' });
    expect(() => Linter.create({ cwd: dir })).toThrow(/transcript-lint\.yaml:2/);
  });

  it('grades the demo calls as a QA team would', async () => {
    const { results } = await lintDemo();
    const scores = Object.fromEntries(results.map((r) => [r.filePath, r.score]));
    expect(scores['calls/王芳/0101.txt']).toEqual({ points: 0, stars: 1, failed: true, critical: ['qa/no-hangup-threat'] });
    expect(scores['calls/王芳/0102.txt']).toEqual({ points: 66.7, stars: 3, failed: false, critical: [] }); // weight 2 of 6
    expect(scores['calls/李强/0202.txt']).toEqual({ points: 83.3, stars: 4, failed: false, critical: [] });
    expect(scores['calls/张敏/0301.txt']).toEqual({ points: 100, stars: 5, failed: false, critical: [] });
  });
});

describe('which runs grade their calls', () => {
  const plan = (format: string[], summary = false): ReportPlan => ReportPlan.fromOptions({ format, outputFile: undefined, groupBy: undefined, summary, quiet: false });

  it('only a run whose reports or summary show scores', () => {
    // Each report that says it shows no score must indeed print none (grading is skipped for it).
    expect([...FORMATTERS].filter(([, f]) => f.showsScores === false).map(([name]) => name)).toEqual(['stylish', 'compact', 'sarif', 'checkstyle']);
    expect(plan(['compact']).showsScores).toBe(false);
    expect(plan([]).showsScores).toBe(false); // stylish
    expect(plan(['compact'], true).showsScores).toBe(true);
    expect(plan(['compact', 'json:report.json']).showsScores).toBe(true);
    expect(plan(['jsonl']).showsScores).toBe(true);
  });

  it('a report that shows no score prints the same whether the results were graded or not', async () => {
    const { results: graded, context } = await lintDemo();
    expect(graded.filter((r) => r.score).length).toBeGreaterThan(1);
    const ungraded = graded.map(({ score: _score, ...rest }) => rest);
    for (const [name, formatter] of FORMATTERS) {
      if (formatter.showsScores === false) expect(formatter(ungraded, context), name).toBe(formatter(graded, context));
      else expect(formatter(ungraded, context), name).not.toBe(formatter(graded, context));
    }
  });
});
