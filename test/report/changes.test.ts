// A report that shows no changes (compact, checkstyle) lets the run skip working them out; every other report, --fix
// and a baseline get them (the cache keeps results either way, test/runner/cache.test.ts).
import { describe, expect, it } from 'vitest';
import { changesWanted } from '../../src/cli/run.js';
import { ReportPlan } from '../../src/cli/reports.js';
import { FORMATTERS } from '../../src/report/index.js';
import type { LintMessage, LintResult } from '../../src/types.js';
import { Linter } from '../../src/engine/linter.js';
import { tempDir } from '../helpers.js';
import { PACK_OPTIONS } from '../runner/corpus.js';
// The pool starts dist/runner/worker-thread.cjs: this test runs the built library (npm test builds first).
import { lintFilesStream } from '../../dist/index.js';

const PACK = `name: t
speakers:
  agent: [客服]
  customer: [客户]
rules:
  no-shenme-shi:
    kind: banned
    speaker: agent
    phrases: [什么事]
    suggest: 请问有什么可以帮您？
    fix:
      - replace: 什么事[?？]
        with: 请问有什么可以帮您？
  no-bu-zhidao:
    kind: banned
    speaker: agent
    phrases: [不知道]
    suggest: 我先帮您咨询一下
`;
// A fix (什么事？ ends its clause) and a suggestion only (不知道 inside a longer clause).
const TEXT = '客服: 什么事？\n客户: 账单不对。\n客服: 这个我不知道怎么查。\n';

const without = (m: LintMessage): LintMessage => {
  const { fix: _fix, suggestions: _suggestions, ...rest } = m;
  return rest;
};

describe('changes a problem offers', () => {
  const linter = (changes?: boolean): Linter => Linter.create({ cwd: tempDir({ 'pack.yaml': PACK }), ...PACK_OPTIONS, changes });

  it('are worked out by default, and skipped with changes: false, leaving the messages and their wording as they were', () => {
    const full = linter().lintText(TEXT, 'call.txt');
    expect(full.messages.some((m) => m.fix)).toBe(true);
    expect(full.messages.some((m) => !m.fix && m.suggestions?.length)).toBe(true);
    expect(full.fixableErrorCount).toBe(1);
    const skipped = linter(false).lintText(TEXT, 'call.txt');
    expect(skipped.messages.every((m) => m.fix === undefined && m.suggestions === undefined)).toBe(true);
    expect(skipped.messages.map((m) => m.suggestion)).toEqual(['请问有什么可以帮您？', '我先帮您咨询一下']);
    expect(skipped.messages).toEqual(full.messages.map(without));
    expect(skipped.fixableErrorCount).toBe(0);
  });

  it('show in every report but those that say they show none', () => {
    // Two fixes on one line are joined into one problem, whose end and excerpt then reach the second.
    const pack = `${PACK}  no-shenme-shi-twice:\n    kind: banned\n    speaker: agent\n    phrases: [什么事]\n    fix:\n      - { replace: 什么事, with: 请问有什么可以帮您 }\n`;
    const cwd = tempDir({ 'pack.yaml': pack });
    const lint = (changes: boolean): LintResult[] => [Linter.create({ cwd, ...PACK_OPTIONS, changes, keepSource: true }).lintText('客服: 什么事？什么事？\n', 'call.txt')];
    const [full, skipped] = [lint(true), lint(false)];
    const joined = (results: LintResult[]): LintMessage => results[0].messages.find((m) => m.ruleId === 't/no-shenme-shi-twice')!;
    expect([joined(full).excerpt, joined(skipped).excerpt]).toEqual(['什么事？什么事', '什么事']);
    const context = { cwd, color: false };
    for (const [name, formatter] of FORMATTERS) {
      if (formatter.showsChanges === false) expect(formatter(skipped, context), name).toBe(formatter(full, context));
      else expect(formatter(skipped, context), name).not.toBe(formatter(full, context));
    }
  });

  it('are skipped in the worker threads too when the run does not want them', async () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': TEXT, 'calls/b.txt': TEXT, 'calls/c.txt': TEXT });
    const count = async (changes: boolean | undefined): Promise<number> => {
      let n = 0;
      for await (const result of lintFilesStream(['calls'], { cwd: dir, ...PACK_OPTIONS, concurrency: 2, changes })) n += result.fixableErrorCount;
      return n;
    };
    expect(await count(undefined)).toBe(3);
    expect(await count(false)).toBe(0);
  });
});

describe('which runs want changes', () => {
  const plan = (...format: string[]): ReportPlan => ReportPlan.fromOptions({ format, outputFile: undefined, groupBy: undefined, summary: false, quiet: false });
  const none = { fix: false, fixDryRun: false, baseline: undefined, cache: false };

  it('every report shows them but compact and checkstyle', () => {
    expect([...FORMATTERS].filter(([, f]) => f.showsChanges === false).map(([name]) => name)).toEqual(['compact', 'checkstyle']);
    expect(plan('compact').showsChanges).toBe(false);
    expect(plan().showsChanges).toBe(true); // stylish
    expect(plan('compact', 'json:report.json').showsChanges).toBe(true);
  });

  it('a compact run skips them, unless it fixes or keeps a baseline (the cache tells per entry)', () => {
    expect(changesWanted(plan('compact'), none)).toBe(false);
    expect(changesWanted(plan('json'), none)).toBe(true);
    expect(changesWanted(plan('compact'), { ...none, fix: true })).toBe(true);
    expect(changesWanted(plan('compact'), { ...none, fixDryRun: true })).toBe(true);
    expect(changesWanted(plan('compact'), { ...none, baseline: 'baseline.json' })).toBe(true);
    // (Through a variable: a run's options hold more than changesWanted reads, --cache among them.)
    const cached = { ...none, cache: true };
    expect(changesWanted(plan('compact'), cached)).toBe(false);
  });
});
