import { describe, expect, it } from 'vitest';
import { ruleTester } from '../rule-tester.js';
import { linterFor, packWith } from '../helpers.js';
import { ConfigError } from '../../src/config/errors.js';

ruleTester('timing: first-response within 10 s', `kind: timing
measure: first-response
max-seconds: 10`, {
  valid: ['[00:00:03] 客户: 喂\n[00:00:08] 客服: 您好', '[00:00:10] 客服: 您好'],
  invalid: [
    { text: '[00:00:02] 客户: 喂\n[00:00:02] 客户: 喂？\n[00:00:15] 客服: 您好', errors: ['3:16'], messages: ['first agent response after 15 s (at most 10 s)'] },
    { text: '[00:00:02] 客户: 喂', errors: ['1:16'], messages: ['no agent turn at all (at most 10 s)'] },
  ],
});

ruleTester('timing: reply-time within 60 s (written chat, wall-clock times)', `kind: timing
measure: reply-time
max-seconds: 60`, {
  valid: [
    '[10:00:00] 客户: 在吗\n[10:00:50] 客服: 您好',
    '[10:00:00] 客户: 在吗\n[10:00:30] 客服: 您好\n[10:05:00] 客户: 订单没到\n[10:05:40] 客服: 抱歉，我帮您查',
    '[10:00:00] 客户: 在吗\n[10:00:30] 客服: 您好\n[10:05:00] 客户: 还有一个问题',   // unanswered at the end: not judged
    '[10:00:00] 客户: 在吗\n客服: 您好',                                            // a reply without a time cannot be measured
    '[10:00:00] 客服: 您好\n[10:09:00] 客服: 请问还在吗',                            // nobody was waiting
    '[23:59:40] 客户: 在吗\n[00:00:20] 客服: 您好',                                  // 40 s, across midnight
  ],
  invalid: [
    // The customer waits from the first of two messages, not the last.
    { text: '[10:00:00] 客户: 在吗\n[10:00:50] 客户: 有人吗\n[10:01:10] 客服: 您好', errors: ['3:16'], messages: ['replied 70 s after the customer\'s message (at most 60 s)'] },
    { text: '[10:00:00] 客户: 在吗\n[10:00:20] 客服: 您好\n[10:01:00] 客户: 订单没到\n[10:03:00] 客服: 抱歉', errors: ['4:16'], messages: ['replied 120 s'] },
    // A chat past midnight: 00:05:00 is the next day's, seven minutes after 23:58:00.
    { text: '[23:50:00] 客服: 您好\n[23:58:00] 客户: 订单没到\n[00:05:00] 客服: 抱歉', errors: ['3:16'], messages: ['replied 420 s'] },
  ],
});

ruleTester('timing: reply-time of the first reply only (scope first-turns 1)', `kind: timing
measure: reply-time
scope: { first-turns: 1 }
max-seconds: 30`, {
  valid: ['[10:00:00] 客户: 在吗\n[10:00:20] 客服: 您好\n[10:01:00] 客户: 订单没到\n[10:09:00] 客服: 抱歉'],
  invalid: [{ text: '[10:00:00] 客户: 在吗\n[10:00:45] 客服: 您好\n[10:01:00] 客户: 订单没到\n[10:01:10] 客服: 抱歉', errors: ['2:16'], messages: ['replied 45 s'] }],
});

describe('timing: reply-time on a chat the agent never answered', () => {
  const linter = linterFor(packWith(`rules:
  first-reply:
    kind: timing
    measure: reply-time
    scope: { first-turns: 1 }
    max-seconds: 30
  reply:
    kind: timing
    measure: reply-time
    max-seconds: 60
`));

  it('is not evaluated, with the reason, rather than passed', () => {
    const result = linter.lintText('[10:00:00] 客户: 在吗\n[10:05:00] 客户: 有人吗\n');
    expect(result.messages).toEqual([]);
    expect(result.notEvaluatedReasons).toEqual({ 'test/first-reply': 'speaker-silent', 'test/reply': 'speaker-silent' });
  });

  it('is judged once the agent answers, and a last message left unanswered is no reason', () => {
    const result = linter.lintText('[10:00:00] 客户: 在吗\n[10:00:10] 客服: 您好\n[10:05:00] 客户: 谢谢\n');
    expect(result.messages).toEqual([]);
    expect(result.notEvaluated).toBeUndefined();
  });
});

ruleTester('timing: hold-return within 25 s (seed 001)', `kind: timing
measure: hold-return
hold: [请稍等]
max-seconds: 25
message: 等候超过25秒须转回客户`, {
  valid: [
    '[00:00:05 - 00:00:07] 客服: 请稍等\n[00:00:30] 客服: 久等了',
    '[00:00:05] 客户: 请稍等\n[00:01:30] 客服: 好的',                      // the customer asking to wait is not a hold
    '[00:00:05] 客服: 请稍等\n[00:00:20] 客户: 喂？\n[00:00:25] 客服: 在的',
    // The agent came back in a turn without a time: how long the caller waited is not known, so it is not judged.
    '[00:00:05] 客服: 请稍等\n客服: 久等了\n[00:01:30] 客服: 再见',
    // An end before the start (a typo) is not measured from: 22 s after the hold began, not 27 s after "00:00:05".
    '[00:00:10 - 00:00:05] 客服: 请稍等\n[00:00:32] 客服: 久等了',
  ],
  invalid: [
    { text: '[00:00:05 - 00:00:07] 客服: 请稍等\n[00:00:40] 客服: 久等了', errors: ['1:27'], messages: ['等候超过25秒须转回客户 (caller held 33 s before being spoken to again; at most 25 s)'] },
    { text: '[00:00:05] 客服: 请稍等\n[00:00:20] 客户: 喂？\n[00:01:00] 客户: 有人吗', errors: ['1:16'], messages: ['caller held 55 s and not spoken to again before the call ended'] },
  ],
});

ruleTester('timing: silence over 8 s before the agent speaks', `kind: timing
measure: silence
speaker: agent
max-seconds: 8`, {
  valid: [
    '[00:00:00 - 00:00:05] 客服: 您好\n[00:00:10] 客户: 喂',
    '[00:00:00 - 00:00:05] 客户: 喂\n[00:00:12] 客服: 您好',
    // Turns without a time were said in the gap: it is not known to be silence.
    '[00:00:00 - 00:00:05] 客户: 喂\n客户: 有人吗\n客服: 您好\n[00:00:30] 客服: 请问有什么可以帮您',
    // Across midnight: seconds apart, not a day.
    '[23:59:50] 客服: 您好\n[23:59:55 - 23:59:58] 客户: 喂\n[00:00:02] 客服: 请讲',
  ],
  invalid: [
    { text: '[00:00:00 - 00:00:05] 客户: 喂\n[00:00:14] 客服: 您好', errors: ['2:16'], messages: ['9 s of silence before this turn (at most 8 s)'] },
  ],
});

ruleTester('timing: call-length at most 1 min', `kind: timing
measure: call-length
max-minutes: 1`, {
  valid: ['[00:00:00] 客服: 您好\n[00:00:59 - 00:01:00] 客户: 再见'],
  invalid: [{ text: '[00:00:00] 客服: 您好\n[00:00:50 - 00:01:30] 客户: 再见', errors: ['2:27'], messages: ['call lasted 1.5 min (at most 1 min)'] }],
});

describe('rules that need timestamps, on a transcript without any', () => {
  const linter = linterFor(packWith(`rules:
  quick:
    kind: timing
    measure: first-response
    max-seconds: 10
  greet-early:
    kind: required
    speaker: agent
    phrases: [您好]
    scope: { first-seconds: 30 }
  greet:
    kind: required
    speaker: agent
    phrases: [您好]
    scope: { first-turns: 1 }
`));

  it('are listed as not evaluated, not passed and not failed', () => {
    const result = linter.lintText('客服: 请讲\n客户: 查账单\n');
    expect(result.notEvaluated).toEqual(['test/quick', 'test/greet-early']);
    expect(result.notEvaluatedReasons).toEqual({ 'test/quick': 'no-timestamps', 'test/greet-early': 'no-timestamps' });
    expect(result.messages.map((m) => m.ruleId)).toEqual(['test/greet']);
  });

  it('run when the transcript has timestamps (a seconds scope too)', () => {
    const result = linter.lintText('[00:00:20] 客服: 请讲\n[00:01:00] 客服: 您好\n');
    expect(result.notEvaluated).toBeUndefined();
    expect(result.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)).toEqual(['test/greet@1:16', 'test/greet-early@1:16', 'test/quick@1:16']);
  });

  it('place a turn without a time between its timed neighbours, and are not evaluated when that cannot tell', () => {
    // The untimed greeting came before 00:00:05: inside the first 30 s, so it is not missing.
    expect(linter.lintText('客服: 您好\n[00:00:05] 客户: 查账单\n[00:01:00] 客服: 好的\n').messages.map((m) => m.ruleId)).not.toContain('test/greet-early');
    // Said between 00:00:40 and 00:01:00: after the first 30 s, whatever its time; the greeting is missing.
    const late = linter.lintText('[00:00:00] 客服: 请讲\n[00:00:40] 客户: 查账单\n客服: 您好\n[00:01:00] 客服: 好的\n');
    expect(late.messages.map((m) => m.ruleId)).toContain('test/greet-early');
    // Said between 00:00:20 and 00:01:00: maybe inside the first 30 s, maybe not. Not a finding either way.
    const unknown = linter.lintText('[00:00:00] 客服: 请讲\n[00:00:20] 客户: 查账单\n客服: 您好\n[00:01:00] 客服: 好的\n');
    expect(unknown.messages.map((m) => m.ruleId)).not.toContain('test/greet-early');
    expect(unknown.notEvaluated).toEqual(['test/greet-early']);
    expect(unknown.notEvaluatedReasons).toEqual({ 'test/greet-early': 'no-timestamps' });
  });

  /** A hold-return rule: the agent back within 25 s of 请稍等. */
  const holdPack = packWith(`rules:
  back-in-time:
    kind: timing
    measure: hold-return
    hold: [请稍等]
    max-seconds: 25
`);

  it('a hold-return rule on a call that ends on hold before the limit is not evaluated, where it had passed', () => {
    const hold = linterFor(holdPack);
    const ended = hold.lintText('[00:00:05] 客服: 请稍等\n[00:00:12] 客户: 好\n');
    expect(ended.messages).toEqual([]);
    expect(ended.notEvaluatedReasons).toEqual({ 'test/back-in-time': 'no-reply' });
    // Past the limit before the call ends: the caller was held too long, whatever came after.
    expect(hold.lintText('[00:00:05] 客服: 请稍等\n[00:00:40] 客户: 喂？\n').messages).toHaveLength(1);
    expect(hold.lintText('[00:00:05] 客服: 请稍等\n[00:00:12] 客服: 久等了\n').notEvaluated).toBeUndefined();
  });

  it('a hold-return rule runs only on a call where a hold phrase hits, and measures from the call\'s end only then', () => {
    const linter = linterFor(holdPack);
    // Its hold phrases are its triggers: a call without them is skipped by the engine.
    const rule = linter.compiled.rules.find((r) => r.entry.id === 'test/back-in-time')!;
    expect(rule.triggers?.map((selector) => selector.phraseIds.length)).toEqual([1]);
    const none = linter.lintText('[00:00:05] 客服: 您好\n[00:01:40] 客户: 喂？\n');
    expect(none.messages).toEqual([]);
    expect(none.notEvaluated).toBeUndefined();
    // Said by the customer, the phrase hits but puts nobody on hold (the rule's speaker is the agent): nothing measured.
    expect(linter.lintText('[00:00:05] 客户: 请稍等\n[00:01:40] 客户: 喂？\n').messages).toEqual([]);
    // Held to the end of the call: measured to its last turn's end (a turn without an end lasts its words).
    const toEnd = linter.lintText('[00:00:05] 客服: 请稍等\n[00:00:20] 客户: 好\n[00:00:50] 客户: 还在吗还在吗还在吗\n');
    expect(toEnd.messages.map((m) => m.line)).toEqual([1]);
    expect(toEnd.messages[0].message).toContain('46.5 s');
  });

  it('a hold-return rule without hold phrases is a pack error', () => {
    expect(() => linterFor(packWith('rules:\n  r:\n    kind: timing\n    measure: hold-return\n    max-seconds: 25\n'))).toThrow(ConfigError);
    expect(() => linterFor(packWith('rules:\n  r:\n    kind: timing\n    measure: silence\n'))).toThrow(/max-seconds|max-minutes/);
  });
});

ruleTester('a seconds scope on another kind: banned in the last 10 s of the call', `kind: banned
phrases: [不知道]
scope: { last-seconds: 10 }`, {
  valid: [
    '[00:00:00] 客服: 不知道\n[00:00:30] 客服: 再见',
    // Untimed, between 00:00:00 and 00:00:30: maybe in the last 10 s, maybe not (the rule is not evaluated).
    '[00:00:00] 客服: 您好\n客服: 不知道\n[00:00:30] 客服: 再见',
  ],
  invalid: [
    { text: '[00:00:00] 客服: 不知道\n[00:00:25] 客服: 我不知道\n[00:00:30] 客服: 再见', errors: ['2:17'] },
    // Untimed, after 00:00:25: inside the last 10 s whatever its time.
    { text: '[00:00:00] 客服: 您好\n[00:00:25] 客服: 好的\n客服: 我不知道\n[00:00:30] 客服: 再见', errors: ['3:6'] },
  ],
});

ruleTester('a seconds scope on another kind: count in the first 20 s', `kind: count
speaker: agent
phrases: [您好]
max: 1
scope: { first-seconds: 20 }`, {
  valid: ['[00:00:00] 客服: 您好\n[00:00:30] 客服: 您好'],
  invalid: [{ text: '[00:00:00] 客服: 您好\n[00:00:10] 客服: 您好', errors: ['2:16'] }],
});
