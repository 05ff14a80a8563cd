import { ruleTester } from '../rule-tester.js';
import { describe, expect, it } from 'vitest';
import { unanswered, unansweredIndexed } from '../../src/rules/follow.js';
import type { HitSpan } from '../../src/rules/rule-kind.js';
import { linterFor, packWith, seededRandom } from '../helpers.js';

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

describe('follow: the triggers no response answers, pair by pair and indexed', () => {
  const random = seededRandom(41);
  // As hits come: by start, each ending after the one before it (one inside another is dropped).
  const hits = (n: number): HitSpan[] => {
    const out: HitSpan[] = [];
    let furthest = -1;
    const drawn: HitSpan[] = [];
    for (let i = 0; i < n; i++) {
      const turn = Math.floor(random() * 12);
      const start = turn * 100 + Math.floor(random() * 90);
      drawn.push({ turn, start, end: start + 1 + Math.floor(random() * 8) });
    }
    for (const hit of drawn.sort((a, b) => a.start - b.start || b.end - a.end)) {
      if (hit.end <= furthest) continue;
      furthest = hit.end;
      out.push(hit);
    }
    return out;
  };
  // The rule as written: a response starting after the trigger's end (within N turns of it), or, with or-before, one
  // ending by its start no more than N turns before it.
  const definition = (triggers: HitSpan[], responses: HitSpan[], within: number | undefined, orBefore: number | undefined): number[] =>
    triggers.flatMap((t, i) => responses.some((r) => r.start >= t.end && (within === undefined || r.turn - t.turn <= within))
      || (orBefore !== undefined && responses.some((r) => r.end <= t.start && t.turn - r.turn <= orBefore)) ? [] : [i]);
  it.each([[1, 1], [2, 3], [4, 16], [8, 8], [9, 8], [3, 40], [30, 30]])('%i triggers, %i responses', (nTriggers, nResponses) => {
    for (let round = 0; round < 200; round++) {
      const triggers = hits(nTriggers);
      const responses = hits(Math.floor(random() * (nResponses + 1)));
      const within = random() < 0.5 ? undefined : Math.floor(random() * 4);
      const orBefore = random() < 0.5 ? undefined : Math.floor(random() * 3);
      const expected = definition(triggers, responses, within, orBefore);
      expect(unanswered(triggers, responses, within, orBefore)).toEqual(expected);
      expect(unansweredIndexed(triggers, responses, within, orBefore)).toEqual(expected);
    }
  });
});
