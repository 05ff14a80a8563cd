import { ruleTester } from '../rule-tester.js';
import { describe, expect, it } from 'vitest';
import { linterFor, packWith } from '../helpers.js';

ruleTester('follow: apology after a complaint', `kind: follow
if: { phrases: complaint, speaker: customer }
then: { phrases: [抱歉, 对不起], speaker: agent }
within: 2`, {
  valid: [
    '客户: 你们服务太差了\n客服: 非常抱歉给您带来不便',
    '客服: 您好',
    '客户: 太差了\n客户: 真的\n客服: 对不起',
    '客服: 抱歉\n客户: 太差了',                    // the call ends before the agent could answer: not evaluated
  ],
  invalid: [
    // The problem stands on the agent turn that should have apologised.
    { text: '客户: 你们服务太差了\n客服: 请问您的账号', errors: ['2:5'] },
    { text: '客户: 太差了\n客服: 嗯\n客户: 喂\n客服: 抱歉', errors: ['2:5'] },    // too late
    { text: '客服: 抱歉\n客户: 太差了\n客服: 好的', errors: ['3:5'] },          // before does not count
    { text: '客户: 太差了，我要投诉\n客服: 好的', errors: ['2:5'] },             // two triggers, one problem
  ],
}, 'phrases:\n  complaint: [太差了, 投诉]\n');

ruleTester('follow: thanks when coming back from hold (same speaker)', `kind: follow
speaker: agent
if: [稍等]
then: [久等, 等候]
within: 4`, {
  valid: ['客服: 请稍等\n客户: 好\n客服: 让您久等了', '客服: 好的，请稍等'],
  invalid: [
    // On the line where the agent came back, naming the line where the hold began.
    { text: '客服: 请稍等\n客户: 好\n客服: 查到了', errors: ['3:5'], messages: ['(line 1: 「稍等」)'] },
  ],
});

describe('follow: a trigger the call ends on is not evaluated', () => {
  const linter = linterFor(packWith(`rules:
  r: { kind: follow, if: { phrases: [太差了], speaker: customer }, then: { phrases: [抱歉], speaker: agent } }
`));
  it('reports the rule as not evaluated instead of a problem', () => {
    const result = linter.lintText('客服: 您好\n客户: 太差了');
    expect(result.messages).toEqual([]);
    expect(result.notEvaluated).toEqual(['test/r']);
  });
  it('is evaluated when the agent answers', () => {
    const result = linter.lintText('客户: 太差了\n客服: 好的');
    expect(result.messages.map((m) => m.line)).toEqual([2]);
    expect(result.notEvaluated).toBeUndefined();
  });
});
