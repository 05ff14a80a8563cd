// Packs written by a team lead: a pack on its own reads the common speaker labels; an example whose speakers are
// unknown says so; a YAML indentation mistake is one error, in our words.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { linterFor } from '../helpers.js';

function issuesOf(yaml: string): string[] {
  try {
    linterFor(yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.line}:${i.column} ${i.message} | ${i.hint}`);
    throw err;
  }
  return [];
}

/** A pack without `speakers:`, its example in the labels given. */
function packWithout(bad: string, good = '客服: 请问有什么可以帮您？'): string {
  return `name: lead
rules:
  no-shenme-shi:
    kind: banned
    speaker: agent
    phrases: [什么事]
    examples:
      bad: [${JSON.stringify(bad)}]
      good: [${JSON.stringify(good)}]
`;
}

describe('a pack without speakers:', () => {
  it('knows 客服/坐席/客户/顾客, Agent/Customer and their Traditional forms', () => {
    const linter = linterFor(packWithout('坐席: 什么事？\n顧客: 查話費'));
    for (const [label, role] of [['客服', 'agent'], ['坐席', 'agent'], ['Agent', 'agent'], ['AGENT 2', 'agent'], ['客户', 'customer'], ['客戶', 'customer'],
      ['顾客', 'customer'], ['顧客', 'customer'], ['Customer', 'customer'], ['客服小王', 'agent']]) {
      expect([label, linter.compiled.speakers.resolve(label)]).toEqual([label, role]);
    }
    expect(linter.compiled.speakers.resolve('甲')).toBeUndefined();
    expect(linter.lintText('顧客: 什么事\nAgent: 您好\n').messages).toEqual([]);
    expect(linter.lintText('Agent: 什么事\n顾客: 查话费\n').messages.map((m) => m.ruleId)).toEqual(['lead/no-shenme-shi']);
  });

  it("a pack's own labels win over the common ones", () => {
    const linter = linterFor(`name: lead\nspeakers:\n  customer: [坐席]\nrules:\n  a:\n    kind: banned\n    phrases: [什么事]\n`);
    expect(linter.compiled.speakers.resolve('坐席')).toBe('customer');
  });

  it('an example whose speakers are unknown says so, instead of "produces no problem"', () => {
    expect(issuesOf(packWithout('甲: 什么事？\n乙: 查话费'))).toEqual([
      '8:13 this bad example of lead/no-shenme-shi cannot be judged: its speaker labels "甲", "乙" are unknown, so their turns count as "other"' +
        ' | start each turn with a label the packs know (客服:, 客户:, Agent:, Customer:), or add yours under "speakers:"',
    ]);
    expect(issuesOf(packWithout('什么事？'))[0]).toContain('this bad example of lead/no-shenme-shi cannot be judged: it has no speaker label');
    // A known speaker with the wrong words is still the plain mistake.
    expect(issuesOf(packWithout('客服: 您好'))[0]).toContain('this bad example of lead/no-shenme-shi produces no problem | fix the rule or the example');
  });
});

describe('YAML mistakes', () => {
  it('an indentation mistake is one error at its place, in our words', () => {
    const shallow = 'name: lead\nrules:\n  greet:\n    kind: required\n    speaker: agent\n   phrases: [您好]\n    message: 先问候\n';
    expect(issuesOf(shallow)).toEqual(['6:1 YAML syntax error: the indentation here does not line up | keys of one mapping, and items of one list, start in the same column']);
    const deep = 'name: lead\nrules:\n  greet:\n    kind: required\n    speaker: agent\n      phrases: [您好]\n    message: 先问候\n';
    expect(issuesOf(deep)).toEqual(['5:14 YAML syntax error: the next line is indented deeper than this key, as if it belonged to its value | indent the next line like this key, or move this value onto its own lines']);
    const list = 'name: lead\nrules:\n  greet:\n    kind: required\n    phrases:\n    - 您好\n   - 早上好\n    message: 先问候\n';
    const [only, ...rest] = issuesOf(list);
    expect(rest).toEqual([]);
    expect(only).toMatch(/^7:1 YAML syntax error: the indentation here does not line up/);
  });

  it('a phrase placeholder outside quotes in a [ ] list gets the hint to quote it (the hint was to close every [ and {)', () => {
    const hint = 'quote a phrase that holds a placeholder: ["什么{*}事"] (YAML reads an unquoted { as the start of a mapping)';
    const pack = (phrases: string) => `name: lead\nrules:\n  r:\n    kind: banned\n    phrases: ${phrases}\n`;
    expect(issuesOf(pack('[什么{*}事, 为您转接{n}号]'))).toEqual([`5:17 YAML syntax error: something is not closed here | ${hint}`]);
    expect(issuesOf(pack('[{*25}什么]'))[0]).toContain(`| ${hint}`);
    // Quoted, the placeholders are no YAML mistake: the hint is the usual one.
    expect(issuesOf(pack('["什么{*}事", "为您转接{n}号"]]'))[0]).toContain('| check the indentation and quoting around this place');
  });

  it('several duplicate keys are each reported', () => {
    expect(issuesOf('name: a\nname: b\nrules:\n  x:\n    kind: banned\n    phrases: [x]\n    phrases: [y]\n')).toHaveLength(2);
  });
});
