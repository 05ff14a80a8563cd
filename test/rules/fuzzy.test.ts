import { describe, expect, it } from 'vitest';
import { ruleTester } from '../rule-tester.js';
import { linterFor, packWith } from '../helpers.js';

ruleTester('fuzzy pinyin: homophones, fillers and doubled characters', `kind: banned
speaker: agent
phrases: [账单不对, "为您转接{*}好吗"]
fuzzy: pinyin`, {
  valid: ['客服: 您好', '客服: 账单没问题', '客户: 帐单不对'],
  invalid: [
    { text: '客服: 您的账单不对', errors: ['1:7:1:11'] },
    { text: '客服: 您的帐单不对', errors: ['1:7:1:11'], messages: ['「帐单不对」'] },       // 帐 = 账
    { text: '客服: 长单部对', errors: ['1:5:1:9'], messages: ['「长单部对」'] },            // 长 reads zhang too; 部 = 不
    { text: '客服: 账单嗯不对', errors: ['1:5:1:10'], messages: ['「账单嗯不对」'] },       // filler inside
    { text: '客服: 账单单不不对', errors: ['1:5:1:11'], messages: ['「账单单不不对」'] },     // stuttered characters
    { text: '客服: 账单嗯单不对', errors: ['1:5:1:11'] },                                   // a stutter around a filler
    { text: '客服: 为您转接呃人工好嘛', errors: ['1:5:1:14'] },                             // placeholder pieces match fuzzily
  ],
});

ruleTester('fuzzy: required phrases heard as homophones', `kind: required
speaker: agent
phrases: [再见]
scope: { last-turns: 1 }
fuzzy: { pinyin: true, fillers: [嗯, 那个] }`, {
  valid: ['客服: 在见', '客服: 好的，再。见', '客服: 那个再那个见'],
  invalid: [{ text: '客服: 拜拜', errors: ['1:5'] }],
});

ruleTester('fuzzy pinyin: at most half of the characters may be sound-alikes', `kind: banned
phrases: [再见, 稍等一下]
fuzzy: pinyin`, {
  valid: ['客服: 那片区在检修', '客服: 烧灯一夏'],
  invalid: [
    { text: '客服: 在见', errors: ['1:5'] },
    { text: '客服: 烧等一夏', errors: ['1:5'] },
  ],
});

ruleTester('fuzzy pinyin: two phrases of a rule on the same words are one problem', `kind: banned
phrases: [再等等, 在等等]
fuzzy: pinyin`, {
  valid: ['客服: 等一下'],
  invalid: [{ text: '客服: 在等等', errors: ['1:5'] }],
});

ruleTester('fuzzy without pinyin: fillers only', `kind: banned
phrases: [不知道]
fuzzy: { pinyin: false }`, {
  valid: ['客服: 不值道'],
  invalid: [{ text: '客服: 不嗯知道', errors: ['1:5:1:9'] }],
});

ruleTester('fuzzy max-edits: Latin phrases within N letter edits, whole words', `kind: required
phrases: ["thank you for calling"]
fuzzy: { max-edits: 2 }`, {
  valid: ['Agent: thank you for callin', 'Agent: thankyou for calling', 'Agent: Thank you, uh, for calling!'],
  invalid: [{ text: 'Agent: thanks for nothing', errors: ['1:8'] }],
});

ruleTester('fuzzy max-edits: a short word stays exact', `kind: banned
phrases: ["no"]
fuzzy: { max-edits: 1 }`, {
  valid: ['Agent: so', 'Agent: on it'],
  invalid: [{ text: 'Agent: no', errors: ['1:8'] }],
});

ruleTester('fuzzy max-edits: matches start and end on word boundaries', `kind: banned
phrases: ["credit card"]
fuzzy: { max-edits: 1 }`, {
  valid: ['Agent: accredit cards'],
  invalid: [{ text: 'Agent: your credit cart please', errors: ['1:13:1:24'] }],
});

describe('fuzzy settings', () => {
  it('a repeated phrase is not swallowed by stutter tolerance (谢谢 needs two characters)', () => {
    const linter = linterFor(packWith('rules:\n  r: { kind: banned, phrases: [谢谢], fuzzy: pinyin }\n'));
    expect(linter.lintText('客户: 谢了').messages).toEqual([]);
    expect(linter.lintText('客户: 写谢您').messages.map((m) => m.excerpt)).toEqual(['写谢']);
    expect(linter.lintText('客户: 谢谢谢').messages.map((m) => m.column)).toEqual([5]);      // a stutter, said once
    // Two matches on one line are one problem (one per rule per line); on two lines, two.
    expect(linter.lintText('客户: 谢谢，谢谢').messages.map((m) => m.column)).toEqual([5]);
    expect(linter.lintText('客户: 谢谢\n客户: 谢谢').messages.map((m) => m.line)).toEqual([1, 2]);
    expect(linter.lintText('客户: 谢谢谢谢').messages.map((m) => m.column)).toEqual([5]);
  });

  it('exact rules stay exact when another rule is fuzzy, even with the same phrase', () => {
    const linter = linterFor(packWith(`rules:
  exact: { kind: banned, phrases: [再见] }
  loose: { kind: banned, phrases: [再见], fuzzy: pinyin }
`));
    expect(linter.lintText('客服: 在见').messages.map((m) => m.ruleId)).toEqual(['test/loose']);
    expect(linter.compiled.fuzzyMatchers).toHaveLength(1);
  });

  it('a pack-level fuzzy applies to its rules, and a rule can turn it off', () => {
    const linter = linterFor(packWith(`fuzzy: pinyin
rules:
  loose: { kind: banned, phrases: [再见] }
  exact: { kind: banned, phrases: [再见], fuzzy: off }
`));
    expect(linter.lintText('客服: 在见').messages.map((m) => m.ruleId)).toEqual(['test/loose']);
  });

  it('without any fuzzy rule no fuzzy matcher is built', () => {
    const linter = linterFor(packWith('rules:\n  r: { kind: banned, phrases: [再见] }\n'));
    expect(linter.compiled.fuzzyMatchers).toEqual([]);
  });

  it('a phrase that starts with a filler stays exact (嗯 as consent is a word)', () => {
    const linter = linterFor(packWith('rules:\n  r: { kind: banned, phrases: [嗯, 嗯好的], fuzzy: pinyin }\n'));
    expect(linter.lintText('客户: 嗯').messages.map((m) => m.excerpt)).toEqual(['嗯']);
    expect(linter.lintText('客户: 好的').messages).toEqual([]);
  });

  it('a one-character phrase does not match its homophones', () => {
    const linter = linterFor(packWith('rules:\n  r: { kind: banned, phrases: [好], fuzzy: pinyin }\n'));
    expect(linter.lintText('客户: 号').messages).toEqual([]);
    expect(linter.lintText('客户: 好').messages.map((m) => m.column)).toEqual([5]);
  });

  /** Why the pack is refused ('' when it loads). */
  const refusal = (yaml: string): string => {
    try {
      linterFor(packWith(yaml));
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('the schema rejects an unknown fuzzy mode', () => {
    expect(refusal('rules:\n  r: { kind: banned, phrases: [再见], fuzzy: sound }\n')).toBe('pack.yaml:6:44: "sound" is not a valid fuzzy\n  hint: use one of: pinyin, off');
  });

  it('a fuzzy mapping with a wrong part is told that part only (it was also told "[object Object]" is not a valid fuzzy)', () => {
    expect(refusal('fuzzy: { pinyin: true, max-edits: 9 }\nrules:\n  r: { kind: banned, phrases: [再见] }\n')).toBe('pack.yaml:5:35: fuzzy.max-edits must be <= 3');
  });
});
