// The stylish report prints a problem's prescribed wording on a line of its own; json keeps it in the message.
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/lint-transcript.js';
import { formatResults } from '../../src/report/index.js';
import type { LintMessage } from '../../src/types.js';

/** A problem whose wording --fix applies (`fix`), or one only suggested. */
const message = (suggestion: string, text: string, fixable = true): LintMessage => ({
  ruleId: 'p/r', severity: 1, message: `avoid 「${text}」 → 「${suggestion}」`, line: 2, column: 5, suggestion,
  ...(fixable ? { fix: { range: [0, 1], text: suggestion } } : { suggestions: [{ desc: suggestion, fix: { range: [0, 1], text: suggestion } }] }),
});

describe('stylish suggestions', () => {
  it('strips the wording from the message, prints it under the problem, and labels it in the wording\'s language', () => {
    const result = summarize('a.txt', [message('请稍等', '等着'), message('please hold', 'wait', false)]);
    expect(formatResults([result], 'stylish')).toBe([
      '',
      'a.txt',
      '  2:5  warning  avoid 「等着」  p/r',
      '                → 建议: 请稍等  [--fix]',
      '  2:5  warning  avoid 「wait」  p/r',
      '                → say instead: please hold',
      '',
      '✖ 2 problems (0 errors, 2 warnings) in 1 file',
      '  1 problem is fixable with --fix',
      '  1 suggestion waits: --fix --interactive asks about each, --fix --fix-type suggestion applies them all',
      '',
    ].join('\n'));
    expect(JSON.parse(formatResults([result], 'json'))[0].messages[1].message).toBe('avoid 「wait」 → 「please hold」');
  });
});

describe('display width', () => {
  it('counts Chinese as two columns, fast, and agrees with string-width on mixed text', async () => {
    const { displayWidth } = await import('../../src/report/display-width.js');
    const stringWidth = (await import('string-width')).default;
    for (const text of ['开场须先问候 「您好」', 'abc 客服: 1:5', 'ｆｕｌｌ　ｗｉｄｔｈ', '不知道 → 我先帮您咨询一下', 'emoji 😀 和 é', '…「」']) {
      expect(displayWidth(text), text).toBe(stringWidth(text));
    }
  });
});
