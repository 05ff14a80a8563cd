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
