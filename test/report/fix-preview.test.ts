// The --fix-dry-run diff: hunks with two lines of context, separate when changes are far apart.
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/report/fix-preview.js';

const lines = (n: number): string[] => Array.from({ length: n }, (_, i) => `客服: 第${i + 1}句`);

describe('unifiedDiff', () => {
  it('makes one hunk per group of nearby changes, counting removed and added lines', () => {
    const before = lines(12);
    const after = [...before];
    after[1] = '客服: 改过的第2句';
    after.splice(9, 1); // line 10 removed (an unused directive, say)
    expect(unifiedDiff({ filePath: 'a.txt', before: before.join('\n') + '\n', after: after.join('\n') + '\n' })).toBe([
      '--- a.txt',
      '+++ a.txt',
      '@@ -1,4 +1,4 @@',
      ' 客服: 第1句',
      '-客服: 第2句',
      '+客服: 改过的第2句',
      ' 客服: 第3句',
      ' 客服: 第4句',
      '@@ -8,5 +8,4 @@',
      ' 客服: 第8句',
      ' 客服: 第9句',
      '-客服: 第10句',
      ' 客服: 第11句',
      ' 客服: 第12句',
      '',
    ].join('\n'));
  });

  it('is empty when nothing changes', () => {
    expect(unifiedDiff({ filePath: 'a.txt', before: 'x\n', after: 'x\n' })).toBe('');
  });
});
