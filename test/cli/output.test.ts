import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportOutput } from '../../src/cli/output.js';
import { tempDir } from '../helpers.js';

describe('report output', () => {
  it('writes every piece in order, whatever its size and script, to -o FILE', () => {
    const file = join(tempDir(), 'sub', 'report.txt');
    const output = new ReportOutput(file, () => undefined);
    const pieces = [
      'a.txt:1:1: error 服务禁语「不知道」 [zh/banned]\n',
      '😀 surrogate pairs and é\n',
      '长'.repeat(200_000), // more than a buffer: written on its own, after what came before
      'x'.repeat(30_000),
      '短'.repeat(80_000), // three-byte characters that fill the buffer past its end unless it is flushed first
      ...Array.from({ length: 5_000 }, (_, i) => `line ${i} 第${i}行\n`),
      '',
      'end\n',
    ];
    for (const piece of pieces) output.write(piece);
    output.end();
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
  });
});
