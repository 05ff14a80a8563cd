// Reliability of --merge: a shard's report is data from another machine. However long, it is merged into the report
// and exit status one run would give, or refused naming the report (exit 2); it never ends in an internal error.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReportBatches } from '../../src/runner/merge.js';
import type { LintMessage, LintResult } from '../../src/types.js';
import { runCli, tempDir } from '../helpers.js';

const NO_STACK = /\n\s+at |internal error/;

const ERROR: LintMessage = { ruleId: 'p/greet', severity: 2, message: '请先问候', line: 1, column: 1, endLine: 1, endColumn: 3, excerpt: '喂', speaker: 'agent' };

/** A result as transcript-lint writes it: counts given by its messages. */
function result(filePath: string, messages: LintMessage[] = [ERROR], fields: Partial<LintResult> = {}): LintResult {
  const errors = messages.filter((m) => m.severity === 2).length;
  return {
    filePath, messages, suppressedMessages: [], errorCount: errors, warningCount: messages.length - errors, fatalErrorCount: 0,
    fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [], ...fields,
  };
}

describe('--merge of a json report', () => {
  it('reads it a result at a time: a report far larger than the heap is merged (it was parsed whole: out of memory, and past 512 Mi characters a RangeError)', () => {
    const paths = Array.from({ length: 60_000 }, (_, i) => `calls/${String(i).padStart(6, '0')}.txt`);
    const dir = tempDir({ 'shard.json': `${JSON.stringify(paths.map((p) => result(p)))}\n` });
    const run = runCli(['--merge', 'shard.json', '-f', 'compact', '-o', 'merged.txt'], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=32' } });
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.status).toBe(1);
  });

  it('splits its results where JSON does, whatever their strings hold, as it reads the same results from jsonl', () => {
    const tricky = ['a], [b', '{"x": 1}, ', 'quote \\" and \\\\', '\\\\', '"]}', '中文，】'];
    const results = tricky.map((text, i) => result(`calls/${i}.txt`, [{ ...ERROR, message: text, excerpt: `${text}]` }]));
    const dir = tempDir({
      'spaced.json': `\n  [\n${results.map((r) => JSON.stringify(r, null, 2)).join(' ,\n')}\n ]\n\n`,
      'one-line.json': JSON.stringify(results),
      'lines.jsonl': results.map((r) => `${JSON.stringify(r)}\n`).join(''),
    });
    const read = (name: string): LintResult[] => [...mergeReportBatches([join(dir, name)])].flat();
    expect(read('spaced.json')).toEqual(results);
    expect(read('one-line.json')).toEqual(results);
    expect(read('lines.jsonl')).toEqual(results);
  });

  it('refuses one cut short or with an empty element, naming the report', () => {
    const whole = JSON.stringify([result('a.txt'), result('b.txt')]);
    const cases: [string, string][] = [
      [whole.slice(0, whole.length - 1), 'before its closing ]: the report was cut short'],
      [whole.slice(0, whole.length - 20), 'the report was cut short'],
      [`${whole.slice(0, -1)},]`, 'nothing between result 2 and the closing ]'],
      [`[,${whole.slice(1)}`, 'nothing before a comma'],
      [`${whole} []`, 'text after the closing ]'],
    ];
    for (const [text, reason] of cases) {
      const dir = tempDir({ 'shard.json': text });
      const run = runCli(['--merge', 'shard.json'], { cwd: dir });
      expect(run.stderr).not.toMatch(NO_STACK);
      expect([run.status, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toContain('shard.json: ');
      expect(run.stderr).toContain(reason);
    }
  });
});
