import { describe, expect, it } from 'vitest';
import { unpreceded, unprecededIndexed } from '../../src/rules/order.js';
import type { HitSpan } from '../../src/rules/rule-kind.js';
import { seededRandom } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester('order: confirm before transfer', `kind: order
speaker: agent
before: transfer-ask
after: transfer`, {
  valid: [
    '客服: 为您转接到技术部好吗？\n客户: 好\n客服: 正在为您转接',
    '客服: 为您转接技术部好吗',                           // the after lies inside the before: preceded
    '客服: 您好',
  ],
  invalid: [
    { text: '客服: 您好\n客服: 正在为您转接', errors: ['2:7'] },
    { text: '客服: 正在为您转接\n客服: 为您转接技术部好吗', errors: ['1:7'] },
    { text: '客户: 为您转接技术部好吗\n客服: 为您转接', errors: ['2:5'] },   // the customer asking does not count
  ],
}, 'phrases:\n  transfer-ask: ["为您转接{*}好吗"]\n  transfer: [为您转接, 转接到]\n');

ruleTester('order: within N turns', `kind: order
before: [请稍等]
after: [让您久等了]
within: 2`, {
  valid: ['客服: 请稍等\n客户: 好\n客服: 让您久等了'],
  invalid: [{ text: '客服: 请稍等\n客户: 好\n客户: 喂\n客服: 让您久等了', errors: ['4:5'] }],
});

describe('order: the afters no before precedes, pair by pair and indexed', () => {
  const random = seededRandom(14);
  const spans = (n: number): HitSpan[] => {
    const out: HitSpan[] = [];
    for (let i = 0; i < n; i++) {
      const turn = Math.floor(random() * 12);
      const start = turn * 100 + Math.floor(random() * 90);
      out.push({ turn, start, end: start + 1 + Math.floor(random() * 8) });
    }
    // As hits come: by start, longest first.
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  };
  // The rule as written: an after is preceded by a before that ends by its start (within N turns), or enclosed by one.
  const definition = (afters: HitSpan[], befores: HitSpan[], within: number | undefined): HitSpan[] => afters.filter((a) =>
    !befores.some((b) => b.end <= a.start && (within === undefined || a.turn - b.turn <= within))
    && !befores.some((b) => b.start <= a.start && b.end >= a.end));
  it.each([[1, 1], [2, 3], [4, 16], [8, 8], [9, 8], [3, 40], [30, 30]])('%i afters, %i befores', (nAfters, nBefores) => {
    for (let round = 0; round < 200; round++) {
      const afters = spans(nAfters);
      const befores = spans(Math.floor(random() * (nBefores + 1)));
      const within = random() < 0.5 ? undefined : Math.floor(random() * 4);
      const expected = definition(afters, befores, within);
      expect(unpreceded(afters, befores, within)).toEqual(expected);
      expect(unprecededIndexed(afters, befores, within)).toEqual(expected);
    }
  });
});
