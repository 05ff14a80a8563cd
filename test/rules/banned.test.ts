import { describe, expect, it } from 'vitest';
import { linterFor, packWith } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester('banned: forbidden wording with suggestions', `kind: banned
speaker: agent
phrases: [不知道, 什么事, "喂，喂，听不见"]
except: [知不知道]
suggest: { 不知道: 我先帮您咨询一下 }
message: 禁用语`, {
  valid: [
    '客服: 您好，请问有什么可以帮您？',
    '客户: 我不知道怎么办',                          // a customer's words are not the agent's violation
    '客服: 您知不知道合同号？',                      // except: voids the overlapping match
  ],
  invalid: [
    { text: '客服: 这个我不知道。', errors: ['1:8:1:11'], messages: ['「不知道」 → 「我先帮您咨询一下」'] },
    { text: '客服: 什麼事？', errors: ['1:5:1:8'], messages: ['「什麼事」'] },        // Traditional text, Simplified phrase
    { text: '客服: 喂喂 听不见', errors: ['1:5:1:11'] },                              // punctuation and spaces ignored
    { text: '客服: 不知道\n客服: 还是不知道', errors: ['1:5', '2:7'] },               // every occurrence
    { text: '客服: 这个\n  我不知道', errors: ['2:4'] },                               // continuation lines keep their place
    { text: '[00:00:01] 客服：不知道', errors: ['1:15'] },
  ],
});

ruleTester('banned: invisible characters and PDF forms of ideographs do not keep a phrase apart', `kind: banned
speaker: agent
phrases: [不知道, 听不见]`, {
  valid: ['客服: 不知\u0301 道不', '客服: 听不\u2ec5'], // a visible mark is a letter; a radical with no ideograph of its own
  invalid: [
    { text: '客服: 不\ufe0f知\u034f道', errors: ['1:5:1:10'] },  // variation selector, combining grapheme joiner
    { text: '客服: 不\u{e0100}知道', errors: ['1:5:1:9'] },         // an ideographic variation selector, outside the BMP
    { text: '客服: 不知\u3164道', errors: ['1:5:1:9'] },            // Hangul filler
    { text: '客服: 听不\u2f92', errors: ['1:5:1:8'] },              // ⾒ KANGXI RADICAL SEE, as a PDF gives 見
    { text: '客服: \uf967知道', errors: ['1:5:1:8'] },              // a CJK compatibility ideograph of 不
  ],
});

ruleTester('banned: Latin phrases match whole words', `kind: banned
phrases: ["no", "I don't know"]`, {
  valid: ['Agent: I know the answer', 'Agent: Not now', 'Agent: nobody'],
  invalid: [
    { text: 'Agent: No, sorry', errors: ['1:8'] },
    { text: 'Agent: well, I DON\u2019T   know.', errors: ['1:14'] },
  ],
});

ruleTester('banned: Simplified phrase in a pack, Traditional text, and the reverse', `kind: banned
phrases: [帮您转接, 幫您查詢]`, {
  valid: ['客服: 帮您看看'],
  invalid: [
    { text: '客服: 我幫您轉接', errors: ['1:6'] },
    { text: '客服: 我帮您查询', errors: ['1:6'] },
    { text: '客服：ＡＢ幫您查詢', errors: ['1:6'] },
  ],
});

ruleTester('banned: a phrase inside a longer phrase of the same rule counts once', `kind: banned
phrases: [听到了吧, 能听到了吧]`, {
  valid: ['客服: 听到了'],
  invalid: [{ text: '客服: 能听到了吧', errors: ['1:5'] }, { text: '客服: 听到了吧', errors: ['1:5'] }],
});

ruleTester('banned: {*25} reaches further than {*}', `kind: banned
phrases: ["转接{*25}吗"]`, {
  valid: ['客服: 转接一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十吗'],
  invalid: [{ text: '客服: 我为您转接到我们的账单专员团队那边可以吗', errors: ['1:8'] }],
});

ruleTester('banned: except with a speaker voids only that speaker\'s words', `kind: banned
phrases: [转接]
except: { phrases: [能帮我转接], speaker: agent }`, {
  valid: ['客服: 能帮我转接吗'],
  invalid: [{ text: '客户: 能帮我转接吗', errors: ['1:8'] }],
});

// Phrases match across punctuation, but an except phrase of words only voids words said together: 「不知道您的」 is the
// polite question, 「我不知道，您的宽带要等通知」 says 不知道. A gap ({*}) or a mark written in the phrase may span one.
ruleTester('banned: an except phrase of words only does not reach across a clause mark', `kind: banned
phrases: [不知道, 挂]
except: [不知道您的, "不说话{*}挂", "不知道，反正"]`, {
  valid: [
    '客服: 不知道您的订单号是多少？',
    '客服: 您再不说话，我就挂了', // the gap spans the comma
    '客服: 不知道，反正很快',      // the comma is written in the except phrase
  ],
  invalid: [
    { text: '客服: 我不知道，您的宽带要等通知。', errors: ['1:6'] },
    { text: '客服: 我不知道。您的宽带要等通知。', errors: ['1:6'] },
  ],
});

// Two phrases of one list that match the same words (为您{*}好吗 and 为您转接{*}好吗 over 为您转接技术部好吗): the one
// listed first stands for them, with its suggestion, though the shorter anchor is found first. With a few of the
// list's phrases found, and with more than sixteen (the customer's words, which the rule does not report on).
const absent = Array.from({ length: 30 }, (_, i) => `罕见词${i}`);
const customerWords = ['春天', '夏天', '秋天', '冬天', '东方', '西方', '南方', '北方', '红色', '绿色', '蓝色', '黄色', '白色', '黑色', '紫色', '橙色', '金色', '银色', '铜板', '铁板'];
const agentAsks = '客服: 为您转接技术部好吗';
// Each phrase found twice: their hits arrive as two runs, merged by start, the first listed first on a tie.
const asksTwice = '客服: 为您转接技术部好吗，为您转接财务部好吗';
const many = `客户: ${customerWords.join('')}\n${agentAsks}`;
for (const [first, second, suggested] of [['为您转接{*}好吗', '为您{*}好吗', '建议甲'], ['为您{*}好吗', '为您转接{*}好吗', '建议乙']]) {
  ruleTester(`banned: of two phrases over the same words, the first listed (${first}) stands for them`, `kind: banned
speaker: agent
phrases: [${[...customerWords, first, second, ...absent].map((p) => JSON.stringify(p)).join(', ')}]
suggest: { "为您转接{*}好吗": 建议甲, "为您{*}好吗": 建议乙 }`, {
    valid: [],
    invalid: [agentAsks, many, asksTwice].map((text) => ({ text, errors: [text === many ? '2:5' : '1:5'], messages: [`→ 「${suggested}」`] })),
  });
}

describe('banned: one wording suggested in turn to calls of different scripts and mark widths', () => {
  // adapt keeps each wording's conversion per style: a Simplified call, a Traditional one, a half-width one and the
  // first again must each get the wording in their own style, not one another's.
  const linter = linterFor(packWith('rules:\n  r:\n    kind: banned\n    speaker: agent\n    phrases: [不知道]\n    suggest: 我先帮您咨询一下，请稍等。\n'));
  const suggested = (text: string): string | undefined => linter.lintText(text).messages.find((m) => m.ruleId === 'test/r')?.suggestion;
  it('gives each call the wording in its script and marks, whatever came before', () => {
    for (let round = 0; round < 2; round++) {
      expect(suggested('客服: 这个我不知道。')).toBe('我先帮您咨询一下，请稍等。');
      expect(suggested('客服: 這個我不知道。請問還有別的問題嗎？')).toBe('我先幫您諮詢一下，請稍等。');
      expect(suggested('客服: 这个我不知道, 好吧?')).toBe('我先帮您咨询一下,请稍等.');
    }
  });
});
