import { describe, expect, it } from 'vitest';
import { linterFor, SPEAKERS } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester('pattern: banned regular expression on folded text', `kind: pattern
speaker: agent
pattern: "工号\\\\s*\\\\d{3,}"
mode: banned`, {
  valid: ['客服: 您好', '客户: 工号 1234'],
  invalid: [
    { text: '客服: 我的工号 1234', errors: ['1:7:1:14'] },
    { text: '客服: 我的工號１２３４', errors: ['1:7'] },               // Traditional and full-width digits fold
    { text: '客服: 好的\n  工号 999', errors: ['2:3'] },
  ],
});

ruleTester('pattern: required', `kind: pattern
speaker: agent
pattern: "\\\\d+号为您服务"
mode: required
scope: { first-turns: 1 }`, {
  valid: ['客服: 您好，128号为您服务'],
  invalid: [{ text: '客服: 您好\n客服: 128号为您服务', errors: ['1:5'] }],
});

ruleTester('pattern: a capture group marks just the group', `kind: pattern
pattern: "[，,。](什么)[？?]"`, {
  valid: ['客服: 什么时候'],
  invalid: [{ text: '客服: 好，什么？', errors: ['1:7:1:9'] }],
});

// All turns are first tried at once (joined, ^ and $ at every line); a turn's ^ must still mean the turn's start only.
ruleTester('pattern: ^ and $ mean the start and end of each turn', `kind: pattern
speaker: agent
pattern: "^嗯|好吗$"`, {
  valid: ['客服: 您好\n  嗯，那个', '客户: 嗯\n客服: 好吗，您说', '客服: 您好\n客户: 嗯', '客服: 您好\n客服: 稍等好吗\n  对'],
  invalid: [
    { text: '客服: 您好\n客户: 对\n客服: 嗯，好的', errors: ['3:5'] },
    { text: '客服: 您好\n客服: 稍等好吗', errors: ['2:7'] },
  ],
});

ruleTester('pattern: \\A pins the turn start as well', `kind: pattern
speaker: agent
pattern: "\\\\A嗯"`, {
  valid: ['客服: 好的，嗯'],
  invalid: [{ text: '客服: 您好\n客服: 嗯，好的', errors: ['2:5'] }],
});

// Patterns that make a backtracking engine run for hours on such a turn (nested and overlapping repetition) finish
// here: the engine has no backtracking. Without that guarantee this test never ends.
ruleTester('pattern: catastrophic-backtracking patterns still match in linear time', `kind: pattern
pattern: "(a+)+$|(x|x)*y|(?:b*)*b*c"`, {
  valid: [`客服: ${'a'.repeat(50_000)}!${'x'.repeat(50_000)}${'b'.repeat(50_000)}`],
  invalid: [{ text: `客服: ${'a'.repeat(50_000)}`, errors: ['1:5'] }],
});

// Turns are first tried a few hundred at a time: a match far into a long call, and in the last stretch, is still found
// (and stretches without one are passed over, which the answers must not show).
const fillers = (n: number): string => Array.from({ length: n }, (_, i) => `客服: 第${i}句`).join('\n');
ruleTester('pattern: matches deep in a long call, in any stretch of turns', `kind: pattern
speaker: agent
pattern: "^嗯"`, {
  valid: [`${fillers(700)}\n客户: 嗯`],
  invalid: [
    { text: `${fillers(300)}\n客服: 嗯，好的\n${fillers(300)}\n客服: 嗯嗯`, errors: ['301:5', '602:5'] },
    { text: `${fillers(512)}\n客服: 嗯`, errors: ['513:5'] },
  ],
});

ruleTester('pattern: required, met only in a late stretch of turns', `kind: pattern
speaker: agent
pattern: "\\\\d+号为您服务"
mode: required`, {
  valid: [`${fillers(600)}\n客服: 128号为您服务`],
  invalid: [{ text: fillers(600), errors: ['1:5'] }],
});

// A pattern every match of which starts a line is tried only on turns with a line that starts as a match does, told
// from their raw first units (regex-prefilter.ts). The same pattern with an alternative no text holds (so that not
// every match starts a line) is tried on every turn: on random calls both must find the same.
describe('pattern: turns ruled out by how their lines start', () => {
  const pack = (pattern: string): string => `name: t
${SPEAKERS}rules:
  filler:
    kind: pattern
    speaker: agent
    pattern: '${pattern}'
`;
  const anchored = String.raw`^\s*(?:嗯|啊|呃)+(?:[\p{P}\s]|$)`;
  // (The last one's line starts fold: full-width digits to ASCII ones.)
  it.each([anchored, String.raw`(?m)^[嗯啊]`, String.raw`\A\s*[嗯啊]+好`, String.raw`^\d+号`])('%s', (source) => {
    const filtered = linterFor(pack(source));
    const plain = linterFor(pack(`${source}|\\x{10FFFD}`));
    const pieces = ['嗯', '啊', '呃', '，', '。', ' ', '　', '好', '的', '您说', 'A', '１', '2', '号', '號'];
    let state = 11;
    const next = (n: number): number => ((state = (state * 1103515245 + 12345) & 0x7fffffff) >>> 8) % n;
    let found = 0;
    for (let call = 0; call < 300; call++) {
      const lines: string[] = [];
      for (let l = 0; l < 1 + next(6); l++) {
        let words = '';
        for (let w = 0; w < next(5); w++) words += pieces[next(pieces.length)];
        // An agent's or a customer's turn, or a line continuing the turn before (a second segment).
        lines.push(next(4) === 0 ? `  ${words}` : `${next(3) ? '客服' : '客户'}: ${words}`);
      }
      const text = lines.join('\n');
      const got = filtered.lintText(text, 'call.txt').messages.map((m) => [m.line, m.column, m.endColumn]);
      expect(got, JSON.stringify(text)).toEqual(plain.lintText(text, 'call.txt').messages.map((m) => [m.line, m.column, m.endColumn]));
      found += got.length;
    }
    expect(found).toBeGreaterThan(10);
  });
});
