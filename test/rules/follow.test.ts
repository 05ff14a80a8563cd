import { ruleTester } from '../rule-tester.js';

ruleTester('follow: apology after a complaint', `kind: follow
if: { phrases: complaint, speaker: customer }
then: { phrases: [抱歉, 对不起], speaker: agent }
within: 2`, {
  valid: [
    '客户: 你们服务太差了\n客服: 非常抱歉给您带来不便',
    '客服: 您好',
    '客户: 太差了\n客户: 真的\n客服: 对不起',
  ],
  invalid: [
    { text: '客户: 你们服务太差了\n客服: 请问您的账号', errors: ['1:9'] },
    { text: '客户: 太差了\n客服: 嗯\n客户: 喂\n客服: 抱歉', errors: ['1:5'] },    // too late
    { text: '客服: 抱歉\n客户: 太差了', errors: ['2:5'] },                      // before does not count
  ],
}, 'phrases:\n  complaint: [太差了, 投诉]\n');
