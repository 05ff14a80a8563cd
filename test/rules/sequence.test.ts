import { ruleTester } from '../rule-tester.js';

ruleTester('sequence: greet → verify → farewell', `kind: sequence
speaker: agent
steps: [[您好], [核实], [再见]]
message: 流程`, {
  valid: ['客服: 您好\n客服: 我先核实一下\n客服: 再见', '客服: 您好，核实完毕，再见'],
  invalid: [
    { text: '客服: 您好\n客服: 再见', errors: ['1:5'], messages: ['(step 2 of 3)'] },     // a missing step is due in the first turn in scope
    { text: '客服: 核实\n客服: 您好\n客服: 再见', errors: ['1:5'], messages: ['(step 2 of 3)'] },
  ],
});
