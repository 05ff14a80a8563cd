import { describe, expect, it } from 'vitest';
import { explainRule, formatExplanation } from '../../src/authoring/explain.js';
import { findRule } from '../../src/authoring/rule-info.js';
import { linterFor, packWith, runCli, tempDir } from '../helpers.js';

const PACK = packWith(`phrases:
  rude: [什么事, 不知道]
  greeting: [您好]
rules:
  no-rude:
    kind: banned
    speaker: agent
    phrases: rude
    suggest: { 不知道: 我帮您查一下 }
    message: 不可以说
    description: 服务忌语，任何时候都不可以说。
    source: "001 二(一)1"
    examples:
      bad: ["客服: 您好。\\n客户: 账单呢？\\n客服: 这个我不知道啊"]
      good: ["客服: 您好。\\n客户: 账单呢？\\n客服: 我帮您查一下"]
  steps:
    kind: sequence
    speaker: agent
    steps: [greeting, { phrases: [请问], speaker: customer }, [再见]]
    severity: off
`, 'demo');

describe('explainRule', () => {
  const linter = linterFor(PACK);

  it('resolves phrase sets, keeps speakers given per part, and lists the other settings', () => {
    const sequence = explainRule(linter, linter.compiled.config.rules[1]);
    expect(sequence.phrases).toEqual([
      { field: 'steps[1]', set: 'greeting', phrases: ['您好'] },
      { field: 'steps[2]', speaker: 'customer', phrases: ['请问'] },
      { field: 'steps[3]', phrases: ['再见'] },
    ]);
    expect(sequence.settings).toEqual({ speaker: 'agent' });
    expect(sequence.severity).toBe('off');
  });

  it('runs the examples through the linter and underlines the real problem in display columns', () => {
    const text = formatExplanation(explainRule(linter, linter.compiled.config.rules[0]));
    expect(text).toContain('phrases (rude):  什么事, 不知道');
    expect(text).toContain('suggest:  { 不知道: 我帮您查一下 }');
    // 客服: 这个我 is 12 display columns wide; 不知道 is 6.
    expect(text).toContain([
      'Example violation',
      '    1 │ 客服: 您好。',
      '    2 │ 客户: 账单呢？',
      '    3 │ 客服: 这个我不知道啊',
      '      │             ^^^^^^ 3:8 不可以说 「不知道」 → 「我帮您查一下」',
      '',
      'Good example',
      '    1 │ 客服: 您好。',
    ].join('\n'));
    expect(text).toContain('Source:     001 二(一)1\n');
    // A good example is a text the rule passes, not a fix: it was labelled "Fix" and read as what --fix writes.
    expect(text).not.toMatch(/^Fix\b/m);
  });

  it('shows a setting on one line, and a list of fix entries one entry a line (a long one was folded, its line breaks shown as \\n)', () => {
    const fixing = linterFor(packWith(`rules:
  idk:
    kind: banned
    speaker: agent
    phrases: [不知道]
    fix:
      - { replace: '(.*?)(?:我们|我)?(?:也|真的|确实|实在|还)?(?:不知道|不晓得)(?:呢|啊|哦|耶)?', with: $1我先帮您咨询一下, span: sentence }
      - { replace: 不知道, span: phrase }
`, 'demo'));
    const text = formatExplanation(explainRule(fixing, fixing.compiled.config.rules[0]));
    expect(text).not.toContain('\\n');
    // The fix entries are not settings: they stand under their own heading, never confused with the good examples.
    expect(text).not.toContain('  fix:');
    expect(text).toContain([
      'Fix entries (what --fix writes in place of the problem)',
      '  - { replace: (.*?)(?:我们|我)?(?:也|真的|确实|实在|还)?(?:不知道|不晓得)(?:呢|啊|哦|耶)?, with: $1我先帮您咨询一下, span: sentence }',
      '  - { replace: 不知道, span: phrase }',
    ].join('\n'));
  });

  it('finds a rule by id or by name alone, and says what was meant when it cannot', () => {
    const rules = linter.compiled.config.rules;
    expect(findRule(rules, 'demo/no-rude')).toEqual({ rule: rules[0] });
    expect(findRule(rules, 'no-rude')).toEqual({ rule: rules[0] });
    expect(findRule(rules, 'no-rud')).toEqual({ error: 'no rule "no-rud"', hint: 'did you mean "no-rude"?' });
    expect(findRule(rules, 'demo/step')).toEqual({ error: 'no rule "demo/step"', hint: 'did you mean "demo/steps"?' });
  });
});

describe('--explain', () => {
  const cwd = tempDir({ 'demo.yaml': PACK, 'other.yaml': packWith('rules:\n  steps:\n    kind: banned\n    phrases: [x]\n', 'other') });

  it('prints one rule in full (found by name alone; findRule above covers full ids)', () => {
    const short = runCli(['--pack', './demo.yaml', '--explain', 'no-rude'], { cwd });
    expect(short.status).toBe(0);
    expect(short.stdout.split('\n').slice(0, 4)).toEqual(['demo/no-rude  banned, error', '不可以说', '', '服务忌语，任何时候都不可以说。']);
    expect(short.stdout).toContain('Defined in: demo.yaml:9:3\n');
  });

  it('prints JSON with --format json', () => {
    const run = runCli(['--pack', './demo.yaml', '--explain', 'no-rude', '-f', 'json'], { cwd });
    expect(run.status).toBe(0);
    const explained = JSON.parse(run.stdout) as { examples: { bad: { problems: { line: number; column: number }[] }[] } };
    expect(explained.examples.bad[0].problems.map((p) => `${p.line}:${p.column}`)).toEqual(['3:8']);
  });

  it('exits 2 for an unknown or ambiguous rule, with a hint', () => {
    const unknown = runCli(['--pack', './demo.yaml', '--explain', 'demo/no-rud'], { cwd });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('--explain demo/no-rud: no rule "demo/no-rud"\n  hint: did you mean "demo/no-rude"?\n');
    const ambiguous = runCli(['--pack', './demo.yaml', '--pack', './other.yaml', '--explain', 'steps'], { cwd });
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('rule name "steps" is ambiguous: demo/steps, other/steps');
  });
});
