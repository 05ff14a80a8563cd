// near / not-near: the sense of a reported phrase, told by the words standing by it in the same turn.
import { ruleTester } from '../rule-tester.js';

ruleTester('not-near: 等待 about a delivery is not a hold (same clause)', `kind: banned
speaker: agent
phrases: [等待]
not-near: { phrases: [处理结果, 发货] }`, {
  valid: ['客服: 请您耐心等待处理结果', '客服: 等待发货就好'],
  invalid: [
    { text: '客服: 请等待一下', errors: ['1:6'] },
    // A comma ends the clause: 处理结果 in the next clause does not change this 等待.
    { text: '客服: 请等待，处理结果明天出', errors: ['1:6'] },
    // Another turn never counts.
    { text: '客服: 请等待\n客户: 处理结果呢', errors: ['1:6'] },
  ],
});

ruleTester('not-near with chars: within N characters, across punctuation', `kind: banned
speaker: agent
phrases: [转交]
not-near: { phrases: [工作人员], chars: 4 }`, {
  valid: ['客服: 已转交给工作人员跟进', '客服: 工作人员，已转交'],
  invalid: [{ text: '客服: 为您转交客户经理，稍后由工作人员联系', errors: ['1:7'] }],
});

ruleTester('near: only where one of the phrases stands by', `kind: follow
speaker: agent
if: [稍等]
then: [久等]
near: { phrases: [查, 看] }`, {
  valid: ['客服: 请稍等一段时间，会有人联系您\n客户: 好\n客服: 好的', '客服: 稍等我帮您查\n客户: 好\n客服: 让您久等了'],
  invalid: [{ text: '客服: 稍等我帮您查\n客户: 好\n客服: 查到了', errors: ['3:5'] }],
});
