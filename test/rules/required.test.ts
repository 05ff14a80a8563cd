import { describe, expect, it } from 'vitest';
import { linterFor, packWith } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester('required: greeting in the agent\'s first turn', `kind: required
speaker: agent
phrases: greeting
scope: { first-turns: 1 }
message: 开场须先问候`, {
  valid: [
    '客服: 您好，请问有什么可以帮您？\n客户: 查账单',
    '客户: 喂？\n客服：早上好！',
    '客服: 您 好',                       // spaces never break a match
    '客服: 妳好'.replace('妳', '您'),
    // A label with no words is no turn of the agent's: the first thing said is (a recorder's empty line, ASR).
    '客服：\n客服：您好，请问有什么可以帮您？\n客户: 查账单',
    '[00:00:01] 客服：\u3000\n[00:00:03] 客服：您好',
  ],
  invalid: [
    { text: '客服: 什么事？\n客户: 查账单\n客服: 您好', errors: ['1:5'], messages: ['开场须先问候'] },
    { text: '客服：\n客服：什么事？\n客服：您好', errors: ['2:4'] },
    { text: '客户: 喂\n客服: 请讲', errors: ['2:5'] },
  ],
}, 'phrases:\n  greeting: [您好, 早上好]\n');

describe('required: words due from a speaker who never speaks are not evaluated', () => {
  const linter = linterFor(packWith(`phrases:\n  greeting: [您好]\nrules:
  r: { kind: required, speaker: agent, phrases: greeting, scope: { first-turns: 1 } }
  any: { kind: required, phrases: greeting }
`));
  it('a chat the agent never answered: not evaluated, no problem', () => {
    const result = linter.lintText('客户: 在吗\n客户: 我的订单没到');
    expect(result.messages.filter((m) => m.ruleId === 'test/r')).toEqual([]);
    expect(result.notEvaluated).toEqual(['test/r']);
  });
  it('the agent spoke without greeting: a problem, evaluated', () => {
    const result = linter.lintText('客户: 在吗\n客服: 请讲');
    expect(result.messages.filter((m) => m.ruleId === 'test/r').map((m) => m.line)).toEqual([2]);
    expect(result.notEvaluated).toBeUndefined();
  });
  it('an agent whose only turn has no words never spoke: not evaluated', () => {
    const result = linter.lintText('客服：\n客户: 在吗');
    expect(result.messages.filter((m) => m.ruleId === 'test/r')).toEqual([]);
    expect(result.notEvaluated).toEqual(['test/r']);
  });
  it('a rule for any speaker is still judged on a customer-only text', () => {
    const result = linter.lintText('客户: 在吗');
    expect(result.messages.filter((m) => m.ruleId === 'test/any').map((m) => m.line)).toEqual([1]);
  });
});

ruleTester('required: all phrases', `kind: required
phrases: [请问, 帮您]
all: true`, {
  valid: ['客服: 请问有什么可以帮您'],
  invalid: [{ text: '客服: 请问贵姓', errors: ['1:5'], messages: ['(1/2)'] }],
});

ruleTester('required: at-least 2 distinct phrases, last turn scope', `kind: required
speaker: agent
phrases: [感谢, 再见, 祝您]
at-least: 2
scope: { last-turns: 1 }`, {
  valid: ['客服: 您好\n客服: 感谢来电，再见', '客服: 您好\n客服: 感谢来电，再见\n客服：'],
  invalid: [{ text: '客服: 感谢来电，再见\n客户: 好\n客服: 再见', errors: ['3:5'] }],
});
