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

ruleTester('not-near as a list: each condition with its own window, any one voids the match', `kind: banned
speaker: agent
phrases: [稍等]
not-near: [{ phrases: [结果] }, { phrases: [回复您], chars: 20 }]`, {
  valid: ['客服: 请稍等处理结果', '客服: 您稍等，我已经请技术人员确认了，有结果马上回复您'],
  invalid: [
    // 结果 in the next clause: the first condition looks in the clause only, the second needs 回复您.
    { text: '客服: 请稍等，我查一下处理结果', errors: ['1:6'] },
    // 回复您 further than 20 characters away.
    { text: '客服: 请稍等，我这边需要先确认一下您的账户信息和订单情况，然后再回复您', errors: ['1:6'] },
  ],
});

ruleTester('near as a list: one of the conditions must hold', `kind: banned
speaker: agent
phrases: [等]
near: [{ phrases: [稍] }, { phrases: [查], chars: 8 }]`, {
  valid: ['客服: 您先等一会儿', '客服: 我们等等看吧'],
  invalid: [{ text: '客服: 请稍等', errors: ['1:7'] }, { text: '客服: 等，我帮您查', errors: ['1:5'] }],
});
