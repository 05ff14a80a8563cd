import { describe, expect, it } from 'vitest';
import { linterFor, packWith } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

// The message says what was counted and what is allowed in plain words, in the language of the rule's message (it
// read 「(1 < 2)」, which only a reader of the pack could make out).
ruleTester('count: 您 at least twice, 嗯 at most once', `kind: count
speaker: agent
phrases: [您]
min: 2
message: 「您」字不离口`, {
  valid: ['客服: 您好，您请说'],
  invalid: [
    { text: '客服: 你好\n客服: 您说', errors: ['1:5'], messages: ['「您」字不离口（本通话 1 次，至少 2 次）'] },
    { text: '客服: 你好\n客服: 你说', errors: ['1:5'], messages: ['「您」字不离口（本通话 0 次，至少 2 次）'] },
  ],
});

ruleTester('count: a message in English says it in English', `kind: count
speaker: agent
phrases: [please]
min: 2
message: Say please`, {
  valid: ['Agent: Please hold. Please wait.'],
  invalid: [
    { text: 'Agent: Hold on.', errors: ['1:8'], messages: ['Say please (0 times in this call; at least 2)'] },
    { text: 'Agent: Please hold.', errors: ['1:8'], messages: ['Say please (1 time in this call; at least 2)'] },
  ],
});

ruleTester('count: with a scope, the count is of the part checked', `kind: count
speaker: agent
phrases: [您好]
min: 1
scope: { first-turns: 1 }
message: 开场要问候`, {
  valid: ['客服: 您好'],
  invalid: [{ text: '客服: 喂\n客服: 您好', errors: ['1:5'], messages: ['开场要问候（检查范围内 0 次，至少 1 次）'] }],
});

// 「您」字不离口 as two 您 a call: an agent who answered once, with 您, kept it; twice without 您 did not.
ruleTester('count: min-capped-by-turns', `kind: count
speaker: agent
phrases: [您]
min: 2
min-capped-by-turns: true`, {
  valid: ['客户: 我的订单还没到\n客服: 您好，请把订单号私信给我们', '客服: 您好\n客户: 查话费\n客服: 您的话费是五十元'],
  invalid: [
    { text: '客户: 我的订单还没到\n客服: 好的，订单号多少？', errors: ['2:5'], messages: ['(0 times in this call; at least 1)'] },
    { text: '客服: 您好\n客户: 查话费\n客服: 五十元', errors: ['1:5'], messages: ['(1 time in this call; at least 2)'] },
  ],
});

// 「请」字当头 puts 请 before what the agent asks or requests: an agent who only answers or thanks has no place for it,
// and an agent who asks or requests without 请 is reported.
ruleTester('count: min-if', `kind: count
speaker: agent
phrases: [请]
min: 1
min-if: [吗, 麻烦, 多少]`, {
  valid: ['客户: 服务真好\n客服: 谢谢您的肯定，我们会继续努力', '客户: 查话费\n客服: 请问您的号码是多少？', '客户: 查话费\n客服: 五十元\n客服: 请问还有别的问题吗？'],
  invalid: [
    { text: '客户: 查话费\n客服: 您的号码是多少？', errors: ['2:5'], messages: ['(0 times in this call; at least 1)'] },
    // Reported where a missing minimum is: at the agent's first turn, whichever turn asks.
    { text: '客服: 您好\n客户: 宽带坏了\n客服: 麻烦您报一下宽带账号', errors: ['1:5'] },
  ],
});

// min-if's phrases make a turn ask only said together (建议您, not 「…的建议，您的…」), and min-if's except voids what only
// looks like asking (商量是否 reports a deliberation) — never the counted phrases: 请 inside an except still counts.
ruleTester('count: min-if words said together, and min-if except', `kind: count
speaker: agent
phrases: [请]
min: 1
min-if: { phrases: [建议您, 是否, 吗], except: ["商量是否", "是否{*4}请"] }`, {
  valid: [
    '客户: 能改吗\n客服: 感谢您的建议，您的建议已记录',
    '客户: 能改吗\n客服: 感謝您的建議，您的建議已記錄',
    '客户: 能改吗\n客服: 正在商量是否更改',
    // 吗 asks; the except that voids 是否 does not void the 请 it overlaps.
    '客户: 能改吗\n客服: 是否需要请同事回电吗',
  ],
  invalid: [
    { text: '客户: 能改吗\n客服: 建议您重启', errors: ['2:5'] },
    { text: '客户: 能改吗\n客服: 建議您重啟', errors: ['2:5'] },
    { text: '客户: 能改吗\n客服: 您是否需要更改', errors: ['2:5'] },
    { text: '客户: 能改嗎\n客服: 您是否需要變更', errors: ['2:5'] },
    { text: '客户: 能改吗\n客服: 正在商量是否更改，您看行吗', errors: ['2:5'] },
  ],
});

// With min-capped-by-turns, the cap counts the turns the phrases are due in: 「您」字不离口 as two 您 a call is kept by an
// agent who addressed the caller once, with 您, and otherwise said 不客气.
ruleTester('count: min-if with min-capped-by-turns', `kind: count
speaker: agent
phrases: [您]
min: 2
min-capped-by-turns: true
min-if: [您, 你, 吗]`, {
  valid: ['客户: 收费吗\n客服: 您好，这项服务免费\n客户: 谢谢\n客服: 不客气', '客户: 谢谢\n客服: 不客气\n客服: 再见'],
  invalid: [
    { text: '客户: 收费吗\n客服: 您好，免费\n客户: 怎么退订\n客服: 你发短信退订', errors: ['2:5'], messages: ['(1 time in this call; at least 2)'] },
    { text: '客户: 收费吗\n客服: 免费的，还有问题吗', errors: ['2:5'], messages: ['(0 times in this call; at least 1)'] },
  ],
});

describe('count: min-if', () => {
  const linter = linterFor(packWith('rules:\n  r: { kind: count, speaker: agent, phrases: [请], min: 1, min-if: [吗] }\n'));
  it('a call where the agent asks nothing has nothing to judge: it passes (not evaluated is for what cannot be judged)', () => {
    const result = linter.lintText('客户: 服务真好\n客服: 谢谢您的肯定');
    expect(result.messages).toEqual([]);
    expect(result.notEvaluated).toBeUndefined();
  });
  it('a call where the agent asks, with 请, is evaluated and passes', () => {
    const result = linter.lintText('客户: 查话费\n客服: 请问是本机吗');
    expect(result.messages).toEqual([]);
    expect(result.notEvaluated).toBeUndefined();
  });
  it('takes a pattern: a question shown only by its mark is a turn that asks', () => {
    const marked = linterFor(packWith("rules:\n  r: { kind: count, speaker: agent, phrases: [请], min: 1, min-if: { phrases: [吗], pattern: '[?？]' } }\n"));
    expect(marked.lintText('客户: 宽带断了\n客服: 您的宽带账号是？').messages.map((m) => m.line)).toEqual([2]);
    expect(marked.lintText('客户: 宽带断了\n客服: 您的宽带账号已登记。').messages).toEqual([]);
  });
  it('a pattern that cannot be used is reported where it stands', () => {
    expect(() => linterFor(packWith("rules:\n  r: { kind: count, phrases: [请], min: 1, min-if: { pattern: '(?<=a)b' } }\n"))).toThrow(/pack.yaml:6:62: pattern cannot be used/);
  });
  it('names another speaker: the minimum is due where the customer says the phrases', () => {
    const apology = linterFor(packWith('rules:\n  r: { kind: count, speaker: agent, phrases: [抱歉], min: 1, min-if: { phrases: [投诉], speaker: customer } }\n'));
    expect(apology.lintText('客户: 查话费\n客服: 五十元').messages).toEqual([]);
    expect(apology.lintText('客户: 我要投诉\n客服: 五十元').messages.map((m) => m.line)).toEqual([2]);
  });
});

ruleTester('count: max', `kind: count
phrases: [嗯]
max: 1
message: 少用「嗯」`, {
  valid: ['客服: 嗯，好的'],
  // Every extra occurrence is a problem, one per line: two extra on one line are one finding.
  invalid: [
    { text: '客服: 嗯，嗯，嗯', errors: ['1:7'], messages: ['少用「嗯」（本通话 3 次，至多 1 次）'] },
    { text: '客服: 嗯\n客服: 嗯\n客服: 嗯', errors: ['2:5', '3:5'] },
  ],
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
