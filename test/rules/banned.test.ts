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
