// A later pack or config changing the options of a rule loaded before ("pack/rule: { within: 3 }"): merged into the
// rule, which keeps its id; checked as a rule of its kind; phrase sets looked up in the overriding pack first.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { Linter } from '../../src/engine/linter.js';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers.js';

const BASE = `name: base
speakers: { agent: [客服], customer: [客户] }
phrases:
  apology: [抱歉]
rules:
  sorry:
    kind: follow
    if: { phrases: [太差], speaker: customer }
    then: { phrases: apology, speaker: agent }
    within: 1
    message: 致歉
    examples:
      bad: ["客户: 太差了\\n客服: 好的"]
      good: ["客户: 太差了\\n客服: 很抱歉"]
  no-ni:
    kind: banned
    speaker: agent
    phrases: [你]
`;

function linterWith(overrides: string): Linter {
  const dir = tempDir({ 'base.yaml': BASE, 'config.yaml': `name: mine\nextends: ./base.yaml\n${overrides}` });
  return Linter.create({ cwd: dir, configFile: 'config.yaml' });
}
function issuesOf(overrides: string): string[] {
  try {
    linterWith(overrides);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}${i.hint ? ` | ${i.hint}` : ''}`);
    throw err;
  }
  return [];
}
const found = (linter: Linter, text: string): string[] => linter.lintText(text).messages.map((m) => `${m.ruleId}@${m.line} ${m.severity}`);

describe('rule option overrides', () => {
  const text = '客户: 太差了\n客服: 好的\n客服: 很抱歉';

  it('without an override the base rule reports (the control case)', () => {
    expect(found(linterWith(''), text)).toEqual(['base/sorry@2 2']);
  });

  it('an option given again replaces the base value; the rule keeps its id and its other options', () => {
    const linter = linterWith('rules:\n  base/sorry: { within: 2 }\n');
    expect(found(linter, text)).toEqual([]);
    const rule = linter.compiled.config.rules.find((r) => r.id === 'base/sorry')!;
    expect(rule.def).toMatchObject({ kind: 'follow', within: 2, message: '致歉' });
    expect(found(linter, '客户: 太差了\n客服: 好的\n客服: 好')).toEqual(['base/sorry@2 2']);
  });

  it('severity and options together', () => {
    expect(found(linterWith('rules:\n  base/sorry: { severity: warn, message: 请致歉 }\n'), text)).toEqual(['base/sorry@2 1']);
    expect(linterWith('rules:\n  base/sorry: { severity: warn, message: 请致歉 }\n').lintText(text).messages[0].message).toContain('请致歉');
  });

  it('a phrase-set name is looked up in the overriding pack first, then in the rule\'s own', () => {
    const mine = linterWith('phrases:\n  apology: [见谅]\nrules:\n  base/sorry: { then: { phrases: apology, speaker: agent } }\n');
    expect(found(mine, '客户: 太差了\n客服: 很抱歉')).toEqual(['base/sorry@2 2']);
    expect(found(mine, '客户: 太差了\n客服: 请见谅')).toEqual([]);
    const theirs = linterWith('rules:\n  base/sorry: { then: { phrases: apology, speaker: agent }, within: 2 }\n');
    expect(found(theirs, text)).toEqual([]);
  });

  it('near / not-near lists in an override', () => {
    const linter = linterWith('rules:\n  base/no-ni: { not-near: [{ phrases: [迷] }, { phrases: [看], chars: 3 }] }\n');
    expect(found(linter, '客服: 迷你套餐')).toEqual([]);
    expect(found(linter, '客服: 你看一下')).toEqual([]);
    expect(found(linter, '客服: 你好')).toEqual(['base/no-ni@1 2']);
  });

  it('the base examples are dropped when the override changes what the rule finds; its own are checked, and reported in its file', () => {
    // [见谅] would break the base's good example (很抱歉); the override brings none, so none is checked.
    expect(issuesOf('rules:\n  base/sorry: { then: { phrases: [见谅], speaker: agent } }\n')).toEqual([]);
    expect(issuesOf('rules:\n  base/sorry:\n    then: { phrases: [见谅], speaker: agent }\n    examples: { good: ["客户: 太差了\\n客服: 很抱歉"] }\n'))
      .toEqual(['config.yaml:6:24 this good example of base/sorry produces a problem: 致歉 (line 1: 「太差」) | fix the rule or the example; examples are checked every time the pack loads']);
  });

  it('mistakes are reported at the override: an unknown option, one the kind does not take, a bad value, a kind, nothing', () => {
    expect(issuesOf('rules:\n  base/sorry: { withn: 2 }\n')).toEqual([
      'config.yaml:4:17 "withn" is not an option a rule can override in rules.base/sorry | did you mean "within"?',
    ]);
    expect(issuesOf('rules:\n  base/no-ni: { within: 2 }\n')[0]).toMatch(/^config\.yaml:4:17 unknown key "within" in rules\.base\/no-ni/);
    expect(issuesOf('rules:\n  base/sorry: { within: -1 }\n')).toEqual(['config.yaml:4:25 rules.base/sorry.within must be >= 0']);
    expect(issuesOf('rules:\n  base/sorry: {}\n')).toEqual([
      'config.yaml:4:15 rules.base/sorry overrides nothing | give a severity (pack/rule: warn) or the options to change',
    ]);
    expect(issuesOf('rules:\n  base/sorry: { then: { phrases: apolgy, speaker: agent } }\n')).toEqual([
      'config.yaml:4:34 unknown phrase set "apolgy" | did you mean "apology"?',
    ]);
    expect(issuesOf('rules:\n  base/sorry: { kind: follow, within: 2 }\n')).toEqual([
      'config.yaml:4:17 "base/sorry" overrides a rule of another pack: it takes no kind | give only the options to change (and severity), or write a new rule under a name of your own',
    ]);
    expect(issuesOf('rules:\n  base/nope: { within: 2 }\n')[0]).toMatch(/^config\.yaml:4:3 no rule "base\/nope" to override/);
    expect(issuesOf('rules:\n  mine-rule: { phrases: [x] }\n')).toEqual([
      'config.yaml:4:3 no rule "mine/mine-rule" to override | a new rule needs "kind:"; list the active rules with --list-rules',
    ]);
  });

  it('names another pack\'s rule by its name alone where only one pack in play defines it, as --rule does', () => {
    expect(found(linterWith('rules:\n  no-ni: off\n'), '客服: 你好')).toEqual([]);
    expect(found(linterWith('rules:\n  no-ni: warn\n'), '客服: 你好')).toEqual(['base/no-ni@1 1']);
    expect(found(linterWith('rules:\n  sorry: { within: 2 }\n'), text)).toEqual([]);
    const graded = linterWith('scorecard:\n  critical: [no-ni]\n').compiled.config.rules.find((r) => r.id === 'base/no-ni');
    expect(graded?.critical).toBe(true);
    // A name this pack defines is its own rule, whatever another pack defines.
    const own = linterWith('rules:\n  no-ni: { kind: banned, speaker: agent, phrases: [喂] }\nscorecard:\n  critical: [no-ni]\n').compiled.config.rules;
    expect(own.filter((r) => r.critical).map((r) => r.id)).toEqual(['mine/no-ni']);
    expect(issuesOf('rules:\n  nope: off\n')).toEqual(['config.yaml:4:3 no rule "mine/nope" to override | list the active rules with --list-rules']);
  });

  it('a name two packs in play define is ambiguous: the error lists the ids to write', () => {
    const dir = tempDir({
      'base.yaml': BASE,
      'other.yaml': 'name: other\nrules:\n  no-ni: { kind: banned, speaker: agent, phrases: [你们] }\n',
      'config.yaml': 'name: mine\nextends: [./base.yaml, ./other.yaml]\nrules:\n  no-ni: off\nscorecard:\n  critical: [no-ni]\n',
    });
    let issues: string[] = [];
    try {
      Linter.create({ cwd: dir, configFile: 'config.yaml' });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      issues = err.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}${i.hint ? ` | ${i.hint}` : ''}`);
    }
    expect(issues).toEqual([
      'config.yaml:4:3 rule name "no-ni" is ambiguous: base/no-ni, other/no-ni | give the full id, pack/rule: "base/no-ni" or "other/no-ni"',
      'config.yaml:6:14 rule name "no-ni" is ambiguous: base/no-ni, other/no-ni | give the full id, pack/rule: "base/no-ni" or "other/no-ni"',
    ]);
    // --rule: the same error (it took the first of them).
    const run = runCli(['--no-config-lookup', '--pack', join(dir, 'base.yaml'), '--pack', join(dir, 'other.yaml'), '--rule', 'no-ni=off', '--stdin'], { input: '客服: 你好\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('rule name "no-ni" is ambiguous: base/no-ni, other/no-ni');
  });
});
