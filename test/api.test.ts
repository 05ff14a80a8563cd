// The library API the CLI is built on.
import { describe, expect, it } from 'vitest';
import { FORMATTERS, formatSummary, lintFiles, lintFilesStream, lintText, ruleStats, RuleTally, RunStats } from '../src/index.js';
import { tempDir } from './helpers.js';

describe('library API', () => {
  it('lintText: a text in which no speaker is recognised is a fatal error, not a clean result', () => {
    const result = lintText('今天的账单不对\n多扣了五十元\n', { cwd: tempDir(), filePath: 'call.txt' });
    expect(result.fatalErrorCount).toBe(1);
    expect(result.messages.find((m) => m.fatal)?.message).toMatch(/^no speaker label recognised, so nothing was linted/);
  });

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

  it('streams a report and counts the summary and rule statistics over an archive, as the README shows', async () => {
    const cwd = tempDir({ 'a.txt': '客服: 什么事？\n客户: 账单不对\n', 'b.txt': '客服: 您好，请问有什么可以帮您？\n', 'c.txt': '客服: 不知道\n' });
    const context = { cwd, color: false };
    const sarif = FORMATTERS.get('sarif')!.stream!(context);
    const stats = new RunStats();
    const fired = new RuleTally();
    let text = sarif.start?.() ?? '';
    for await (const result of lintFilesStream(['.'], { cwd })) {
      text += sarif.result?.(result) ?? '';
      stats.add(result);
      fired.add(result);
    }
    text += sarif.end?.() ?? '';
    const results = await lintFiles(['.'], { cwd });
    expect(results.some((r) => r.messages.length)).toBe(true);
    expect(text).toBe(FORMATTERS.get('sarif')!(results, context));
    expect(formatSummary(stats, context)).toBe(formatSummary(results, context));
    expect(ruleStats(fired, ['x/never'])).toEqual(ruleStats(results, ['x/never']));
  });
});
