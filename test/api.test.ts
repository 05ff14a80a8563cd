// The library API the CLI is built on.
import { describe, expect, it } from 'vitest';
import { lintFiles, lintText } from '../src/index.js';
import { tempDir } from './helpers.js';

describe('library API', () => {
  it('lintText lints with the built-in pack by default', () => {
    const result = lintText('客服: 什么事？\n客户: 查账单\n', { cwd: tempDir(), filePath: 'call.txt' });
    expect(result.filePath).toBe('call.txt');
    expect(result.errorCount).toBeGreaterThan(0);
    expect(result.messages.every((m) => m.ruleId?.startsWith('zh-callcenter/'))).toBe(true);
  });

  it('lintFiles returns one result per file, sorted by path (unmatched patterns among them), with unreadable patterns as fatal results', async () => {
    const cwd = tempDir({ 'b.txt': '客服: 您好\n', 'a.txt': '客服: 您好\n' });
    const results = await lintFiles(['.', 'missing.txt'], { cwd });
    expect(results.map((r) => [r.filePath, r.fatalErrorCount])).toEqual([['a.txt', 0], ['b.txt', 0], ['missing.txt', 1]]);
  });
});
