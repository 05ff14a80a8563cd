// The stylish report's columns: a problem's message padded by the columns it takes on a terminal (Chinese, Korean and
// full-width two; combining marks and zero-width none; an emoji two), control characters shown as escapes and measured as
// shown, rows without a rule trimmed, and the prescribed wording cut from the message only where it ends it.
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/lint-transcript.js';
import { formatResults } from '../../src/report/index.js';
import type { LintMessage } from '../../src/types.js';

const problem = (message: string, extra: Partial<LintMessage> = {}): LintMessage => ({
  ruleId: 'p/r', severity: 2, message, line: 3, column: 12, endLine: 3, endColumn: 14, ...extra,
});

const messages = [
  problem('开场须先问候，例如「您好」'),
  problem('ascii only', { severity: 1, line: 10 }),
  problem('cafe\u0301 and 😀 and 👍🏽', { ruleId: null }),
  problem('escape \u001b[2J bell \u0007 and \u202eevil', { ruleId: 'p/r\u001b]8' }),
  problem('trailing ideographic space\u3000', { ruleId: '' }),
  problem('rule ends with a blank', { ruleId: 'p/r ' }),
  problem('a lone surrogate \ud800 here'),
  problem('x'.repeat(75)),
  problem('no place', { line: 0, column: 0 }),
  problem('said 「等着」 → 「请稍等」', { suggestion: '请稍等', fix: { range: [0, 1], text: '请稍等' } }),
  problem(' → 「請稍等」', { suggestion: '請稍等' }),
  problem('ends otherwise → 「请稍等」.', { suggestion: '请稍等', fixRefused: 'a new \u001b problem' }),
  problem('wide ｆｕｌｌ　ｗｉｄｔｈ and 한국어', { fixRefused: '' }),
];

describe('stylish columns', () => {
  it('pads each message by its display width, escapes controls, trims rows without a rule', () => {
    expect(formatResults([summarize('dir/a\nb.txt', messages)], 'stylish', { cwd: '/', color: false }).split('\n')).toEqual([
      '',
      'dir/a\\nb.txt',
      '  3:12   error    开场须先问候，例如「您好」                                              p/r',
      '  10:12  warning  ascii only                                                              p/r',
      '  3:12   error    café and 😀 and 👍🏽',
      '  3:12   error    escape \\e[2J bell \\a and \\u202eevil                                     p/r\\e]8',
      '  3:12   error    trailing ideographic space',
      '  3:12   error    rule ends with a blank                                                  p/r',
      '  3:12   error    a lone surrogate \ud800 here                                                  p/r',
      '  3:12   error    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  p/r',
      '         error    no place                                                                p/r',
      '  3:12   error    said 「等着」                                                           p/r',
      '                  → 建议: 请稍等  [--fix]',
      '  3:12   error                                                                            p/r',
      '                  → 建議: 請稍等',
      '  3:12   error    ends otherwise → 「请稍等」.                                            p/r',
      '                  → 建议: 请稍等',
      '                  --fix left this: a new \\e problem',
      '  3:12   error    wide ｆｕｌｌ　ｗｉｄｔｈ and 한국어                                    p/r',
      '',
      '✖ 13 problems (12 errors, 1 warning) in 1 file',
      '  1 change left out: each would have made a new problem (see "--fix left this" above)',
      '  1 problem is fixable with --fix',
      '',
    ]);
  });

  it('colors the same columns on a terminal', () => {
    expect(formatResults([summarize('dir/a\nb.txt', messages)], 'stylish', { cwd: '/', color: true }).split('\n')).toEqual([
      '',
      '\u001b[4mdir/a\\nb.txt\u001b[24m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  开场须先问候，例如「您好」                                              \u001b[2mp/r\u001b[22m',
      '  \u001b[2m10:12\u001b[22m  \u001b[33mwarning\u001b[39m  ascii only                                                              \u001b[2mp/r\u001b[22m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  café and 😀 and 👍🏽',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  escape \\e[2J bell \\a and \\u202eevil                                     \u001b[2mp/r\\e]8\u001b[22m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  trailing ideographic space',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  rule ends with a blank                                                  \u001b[2mp/r \u001b[22m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  a lone surrogate \ud800 here                                                  \u001b[2mp/r\u001b[22m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  \u001b[2mp/r\u001b[22m',
      '  \u001b[2m     \u001b[22m  \u001b[31merror  \u001b[39m  no place                                                                \u001b[2mp/r\u001b[22m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  said 「等着」                                                           \u001b[2mp/r\u001b[22m',
      '                  \u001b[32m→ 建议: 请稍等\u001b[39m\u001b[2m  [--fix]\u001b[22m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m                                                                          \u001b[2mp/r\u001b[22m',
      '                  \u001b[32m→ 建議: 請稍等\u001b[39m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  ends otherwise → 「请稍等」.                                            \u001b[2mp/r\u001b[22m',
      '                  \u001b[32m→ 建议: 请稍等\u001b[39m',
      '                  \u001b[33m--fix left this: a new \\e problem\u001b[39m',
      '  \u001b[2m3:12 \u001b[22m  \u001b[31merror  \u001b[39m  wide ｆｕｌｌ　ｗｉｄｔｈ and 한국어                                    \u001b[2mp/r\u001b[22m',
      '',
      '\u001b[31m\u001b[1m✖ 13 problems (12 errors, 1 warning) in 1 file\u001b[22m\u001b[39m',
      '\u001b[33m  1 change left out: each would have made a new problem (see "--fix left this" above)\u001b[39m',
      '\u001b[2m  1 problem is fixable with --fix\u001b[22m',
      '',
    ]);
  });
});

describe('plainWidth', () => {
  it('refuses every unit terminalSafe escapes (the report then escapes and measures the text), else agrees with displayWidth', async () => {
    const { displayWidth, plainWidth } = await import('../../src/report/display-width.js');
    const { terminalSafe } = await import('../../src/report/terminal-text.js');
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = `a${String.fromCharCode(unit)}好`;
      const width = plainWidth(text);
      if (terminalSafe(text) !== text) expect(width, unit.toString(16)).toBe(-1);
      else if (width >= 0) expect(width, unit.toString(16)).toBe(displayWidth(text));
    }
  });
});

describe('displayWidth of Chinese punctuation', () => {
  it('counts two columns for each unit of the CJK symbols and the full-width forms, as string-width does', async () => {
    const { displayWidth, plainWidth } = await import('../../src/report/display-width.js');
    const stringWidth = (await import('string-width')).default;
    for (const [from, to] of [[0x3000, 0x303e], [0xff01, 0xff60]]) {
      for (let unit = from; unit <= to; unit++) {
        const text = String.fromCharCode(unit);
        expect(displayWidth(text), unit.toString(16)).toBe(stringWidth(text));
        expect(plainWidth(text), unit.toString(16)).toBe(stringWidth(text));
      }
    }
    // U+FF00 is unassigned: string-width counts it one, this measure (isWide's range) always two.
    expect(displayWidth('\uff00')).toBe(2);
  });
});
