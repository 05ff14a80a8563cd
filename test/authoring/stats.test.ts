import { describe, expect, it } from 'vitest';
import { formatRuleStats, ruleStats } from '../../src/report/rule-stats.js';
import { summarize } from '../../src/engine/lint-transcript.js';
import type { LintMessage } from '../../src/types.js';
import { packWith, runCli, tempDir } from '../helpers.js';

function problem(ruleId: string | null): LintMessage {
  return { ruleId, severity: 2, message: 'm', line: 1, column: 1 };
}

describe('ruleStats', () => {
  it('counts problems and files per rule, most first, and lists active rules that never fired in pack order', () => {
    const results = [
      summarize('a.txt', [problem('p/b'), problem('p/b'), problem(null)]),
      summarize('b.txt', [problem('p/b'), problem('p/a')]),
      summarize('c.txt', []),
    ];
    const stats = ruleStats(results, ['p/a', 'p/b', 'p/z', 'p/c']);
    expect(stats).toEqual({
      files: 3,
      fired: [{ ruleId: 'p/b', problems: 3, files: 2 }, { ruleId: 'p/a', problems: 1, files: 1 }],
      neverFired: ['p/z', 'p/c'],
    });
    expect(formatRuleStats(stats)).toBe([
      'Rule statistics over 3 files:',
      '  problems  files  rule',
      '         3      2  p/b',
      '         1      1  p/a',
      'Never fired (2 of 4 active rules):',
      '  p/z',
      '  p/c',
      '',
    ].join('\n'));
  });
});

const PACK = packWith(`rules:
  no-rude:
    kind: banned
    phrases: [什么事]
    message: 不可以说
  soft:
    kind: banned
    phrases: [喂]
    severity: warn
  never:
    kind: banned
    phrases: [从来不说]
  retired:
    kind: banned
    phrases: [客服]
    severity: off
`, 'demo');

describe('--stats', () => {
  const cwd = tempDir({ 'demo.yaml': PACK, 'calls/a.txt': '客服: 什么事\n客户: 喂\n', 'calls/b.txt': '客服: 什么事？\n客服: 什么事？\n' });

  it('prints the statistics on stdout after the stylish report', () => {
    const run = runCli(['--pack', './demo.yaml', '--stats', 'calls'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/✖ 4 problems \(3 errors, 1 warning\) in 2 files\n\nRule statistics over 2 files:\n/);
    expect(run.stdout.endsWith([
      '  problems  files  rule',
      '         3      2  demo/no-rude',
      '         1      1  demo/soft',
      'Never fired (1 of 3 active rules):',
      '  demo/never',
      '',
    ].join('\n'))).toBe(true);
  });

  it('prints them on stderr with a machine format, so JSON stays parseable', () => {
    const run = runCli(['--pack', './demo.yaml', '--stats', '--format', 'json', 'calls'], { cwd });
    expect(JSON.parse(run.stdout)).toHaveLength(2);
    expect(run.stderr).toContain('         3      2  demo/no-rude\n');
  });

  it('with --quiet counts only error rules as active', () => {
    const run = runCli(['--pack', './demo.yaml', '--stats', '--quiet', '--format', 'compact', 'calls'], { cwd });
    expect(run.stderr).toContain('Never fired (1 of 2 active rules):\n  demo/never\n');
    expect(run.stderr).not.toContain('demo/soft');
  });
});
