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

ruleTester('sequence: require-all false checks only the order of what was said', `kind: sequence
speaker: agent
require-all: false
steps: [[您好], [工号], [请问]]`, {
  valid: ['客服: 您好，请问'],
  invalid: [{ text: '客服: 请问\n客服: 您好', errors: ['1:5'] }],  // 请问 came before 您好
});
