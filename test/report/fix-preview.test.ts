// The --fix-dry-run view: each change as its sentence before and after, changed words marked under them in
// display columns (a Chinese character takes two), so that the marks stand under the words they mean.
import { describe, expect, it } from 'vitest';
import type { FixChange } from '../../src/engine/fix.js';
import { formatChange, formatFixPreviews } from '../../src/report/fix-preview.js';
import { fixUntilStable } from '../../src/engine/fix.js';
import { Linter } from '../../src/engine/linter.js';

const change = (before: string, after: string, changedBefore: [number, number], changedAfter: [number, number], kind: FixChange['kind'] = 'fix'): FixChange =>
  ({ ruleId: 'p/r', kind, line: 3, column: 1, before, after, changedBefore, changedAfter });

describe('formatChange', () => {
  it('marks the changed words under Chinese, Latin and mixed text at the right display column', () => {
    expect(formatChange(change('客服: 这个我不知道。', '客服: 这个我先帮您咨询一下。', [7, 10], [7, 14]))).toEqual([
      '  3:1  p/r',
      '    - 客服: 这个我不知道。',
      '                  ^^^^^^',
      '    + 客服: 这个我先帮您咨询一下。',
      '                  ^^^^^^^^^^^^^^',
    ]);
    expect(formatChange(change('Agent: OK, 你 wait', 'Agent: OK, 您 wait', [11, 12], [11, 12]), false).slice(1)).toEqual([
      '    - Agent: OK, 你 wait',
      '                 ^^',
      '    + Agent: OK, 您 wait',
      '                 ^^',
    ]);
  });

  it('marks nothing on a side where nothing stands (a deletion) and names a suggestion', () => {
    expect(formatChange(change('客服: 喂，什么事？', '客服: 什么事？', [4, 6], [4, 4], 'suggestion'))).toEqual([
      '  3:1  p/r (suggestion)',
      '    - 客服: 喂，什么事？',
      '            ^^^^',
      '    + 客服: 什么事？',
    ]);
  });
});

describe('formatFixPreviews', () => {
  it('lists the files with changes and counts them; nothing when nothing changes', () => {
    const one = change('客服: 你好', '客服: 您好', [4, 5], [4, 5]);
    expect(formatFixPreviews([{ filePath: 'a.txt', changes: [one, one] }, { filePath: 'b.txt', changes: [] }])).toBe(
      ['', 'a.txt', ...formatChange(one), ...formatChange(one), '', '2 changes in 1 file would be written by --fix', ''].join('\n'));
    expect(formatFixPreviews([{ filePath: 'b.txt', changes: [] }])).toBe('');
  });

  it('shows the changes in the order of their lines, a later pass\'s by its line (they came after the rest of the file)', () => {
    const at = (line: number, before: string, after: string): FixChange => ({ ...change(before, after, [4, 5], [4, 5]), line });
    const passOne = [at(3, '客服: 喂，什么事？', '客服: 什么事？'), at(7, '客服: 你说', '客服: 您说')];
    const passTwo = at(3, '客服: 什么事？', '客服: 您好，请问有什么可以帮您？');
    const shown = formatFixPreviews([{ filePath: 'a.txt', changes: [...passOne, passTwo] }]);
    expect(shown.split('\n').filter((l) => /^ {2}\d+:/.test(l) || l.startsWith('    + '))).toEqual([
      '  3:1  p/r', '    + 客服: 什么事？', '  3:1  p/r', '    + 客服: 您好，请问有什么可以帮您？', '  7:1  p/r', '    + 客服: 您说',
    ]);
  });
});

describe('an unused disable comment removed', () => {
  it('is shown as its own line, named, and the line as removed (not two lines joined by \\n, with no rule)', () => {
    const text = '客服: 您好，工号128为您服务，请问有什么可以帮您？\n# transcript-lint-disable-next-line zh-callcenter/banned-ni\n客户: 查话费。\n客服: 好的，请问还有什么可以帮您？感谢您的来电，再见！\n';
    const linter = Linter.create({ noConfigLookup: true, reportUnusedDisableDirectives: true });
    const { changes } = fixUntilStable(text, (t) => linter.lintText(t, 'a.txt'));
    expect(changes.map((c) => formatChange(c))).toEqual([[
      '  2:1  unused disable comment',
      '    - # transcript-lint-disable-next-line zh-callcenter/banned-ni',
      `      ${'^'.repeat(59)}`,
      '    + (line removed)',
    ]]);
  });
});
