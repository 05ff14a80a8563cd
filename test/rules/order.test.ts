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
