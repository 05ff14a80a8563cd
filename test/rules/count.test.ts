import { describe, expect, it } from 'vitest';
import { linterFor, packWith } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester('count: 您 at least twice, 嗯 at most once', `kind: count
speaker: agent
phrases: [您]
min: 2`, {
  valid: ['客服: 您好，您请说'],
  invalid: [{ text: '客服: 你好\n客服: 您说', errors: ['1:5'], messages: ['(1 < 2)'] }],
});

// 「您」字不离口 as two 您 a call: an agent who answered once, with 您, kept it; twice without 您 did not.
ruleTester('count: min-capped-by-turns', `kind: count
speaker: agent
phrases: [您]
min: 2
min-capped-by-turns: true`, {
  valid: ['客户: 我的订单还没到\n客服: 您好，请把订单号私信给我们', '客服: 您好\n客户: 查话费\n客服: 您的话费是五十元'],
  invalid: [
    { text: '客户: 我的订单还没到\n客服: 好的，订单号多少？', errors: ['2:5'], messages: ['(0 < 1)'] },
    { text: '客服: 您好\n客户: 查话费\n客服: 五十元', errors: ['1:5'], messages: ['(1 < 2)'] },
  ],
});

ruleTester('count: max', `kind: count
phrases: [嗯]
max: 1`, {
  valid: ['客服: 嗯，好的'],
  // Every extra occurrence is a problem, one per line: two extra on one line are one finding.
  invalid: [{ text: '客服: 嗯，嗯，嗯', errors: ['1:7'] }, { text: '客服: 嗯\n客服: 嗯\n客服: 嗯', errors: ['2:5', '3:5'] }],
});

describe('count: a minimum of a speaker who never speaks is not evaluated', () => {
  const linter = linterFor(packWith('rules:\n  r: { kind: count, speaker: agent, phrases: [您], min: 2 }\n'));
  it('customer turns only: no problem, not evaluated', () => {
    const result = linter.lintText('客户: 在吗\n客户: 你好');
    expect(result.messages).toEqual([]);
    expect(result.notEvaluated).toEqual(['test/r']);
  });
  it('the agent spoke: judged', () => {
    const result = linter.lintText('客户: 在吗\n客服: 你好');
    expect(result.messages.map((m) => m.line)).toEqual([2]);
    expect(result.notEvaluated).toBeUndefined();
  });
});
