// The engine lends rules their hits from a pool reused from rule to rule and file to file (src/engine/lint-transcript.ts,
// LentHit), and one rule context is pointed at each rule of a file in turn: neither may show one list's or one rule's
// hits in another's place, past the pool's cap or across files.
import { describe, expect, it } from 'vitest';
import { linterFor, packWith } from '../helpers.js';

const PACK = packWith(`rules:
  transfer-asked:
    kind: order
    speaker: agent
    before: [请问]
    after: [转接]
    within: 1
  no-curse:
    kind: banned
    phrases: [你妹]
  apology:
    kind: follow
    if: { phrases: [太差了], speaker: customer }
    then: { phrases: [抱歉], speaker: agent }
    within: 1
`);

/** Agent turns: 请问 on every third, 转接 on the others — an after is preceded (within 1 turn) only right after a 请问. */
function askAndTransfer(turns: number): string {
  const lines: string[] = [];
  for (let i = 0; i < turns; i++) lines.push(`客服: ${i % 3 === 0 ? '请问您贵姓' : '现在为您转接'}`);
  return lines.join('\n');
}

describe('hits lent to rules', () => {
  const linter = linterFor(PACK);

  it('keeps the two lists one check holds apart, past the pool of 1,024 hits', () => {
    // 1,200 turns: 400 befores and 800 afters held at once, more than the pool lends before making hits afresh.
    const result = linter.lintText(askAndTransfer(1200));
    const lines = result.messages.filter((m) => m.ruleId === 'test/transfer-asked').map((m) => m.line);
    const expected: number[] = [];
    for (let i = 0; i < 1200; i++) if (i % 3 === 2) expected.push(i + 1);
    expect(lines).toEqual(expected);
  });

  it('gives each rule and each file its own hits: a file linted between two lints of another changes neither', () => {
    const a = '客户: 太差了，你妹\n客服: 好的\n客户: 太差了\n客服: 抱歉\n客服: 现在为您转接';
    const b = `${askAndTransfer(40)}\n客户: 你妹的，太差了\n客服: 嗯`;
    const first = linter.lintText(a);
    const snapshot = structuredClone(first);
    const other = linter.lintText(b);
    const again = linter.lintText(a);
    expect(first).toEqual(snapshot);
    expect(again).toEqual(snapshot);
    expect(first.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)).toEqual([
      'test/no-curse@1:9', 'test/apology@2:5', 'test/transfer-asked@5:9',
    ]);
    expect(other.messages.filter((m) => m.ruleId !== 'test/transfer-asked').map((m) => `${m.ruleId}@${m.line}`)).toEqual([
      'test/no-curse@41', 'test/apology@42',
    ]);
  });
});
