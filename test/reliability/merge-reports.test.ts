// Reliability of --merge: a shard's report is data from another machine. However long, however edited, it is merged
// into the report and exit status one run would give, or refused naming the report and the result (exit 2); it
// never passes problems as clean, never reaches a report as markup, and never ends in an internal error.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReportBatches } from '../../src/runner/merge.js';
import type { LintMessage, LintResult, ShownTurn } from '../../src/types.js';
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

describe('--merge of an edited report', () => {
  it('refuses counts its messages do not give: an error counted as none passed the merge as clean, exit 0', () => {
    const dir = tempDir({
      'clean.jsonl': `${JSON.stringify(result('a.txt', [ERROR], { errorCount: 0 }))}\n`,
      'negative.jsonl': `${JSON.stringify(result('b.txt', [], { warningCount: -3 }))}\n`,
    });
    const clean = runCli(['--merge', 'clean.jsonl'], { cwd: dir });
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([2, '', 'transcript-lint: clean.jsonl: line 1 has errorCount 0, where its messages give 1; regenerate the report with --format json or jsonl\n']);
    const negative = runCli(['--merge', 'negative.jsonl'], { cwd: dir });
    expect([negative.status, negative.stderr]).toEqual([2, expect.stringContaining('negative.jsonl: line 1 has warningCount -3, where its messages give 0')]);
  });

  it('refuses values no report holds — a speaker role, stars, a line — before any report is written: a role reached the HTML as markup', () => {
    const turn: ShownTurn = { role: 'agent', label: '客服', lines: [[1, 5, 7]] };
    const cases: [string, LintResult][] = [
      ['turns', result('a.txt', [ERROR], { source: '客服: 喂喂', turns: [{ ...turn, role: 'agent"><img src=x onerror=alert(1)>' as 'agent' }] })],
      ['turns', result('a.txt', [ERROR], { source: '客服: 喂喂', turns: [{ ...turn, lines: [[-1, 5, 7]] }] })],
      ['score', result('a.txt', [ERROR], { score: { points: 50, stars: 7, failed: false, critical: [] } })],
      ['score', result('a.txt', [ERROR], { score: { points: -1, stars: 1, failed: false, critical: [] } })],
      ['speaker', result('a.txt', [{ ...ERROR, speaker: '<b>' as 'agent' }])],
      ['meta', result('a.txt', [ERROR], { meta: { agent: { name: 'x' } as unknown as string } })],
    ];
    for (const [field, edited] of cases) {
      const dir = tempDir({ 'shard.jsonl': `${JSON.stringify(edited)}\n` });
      const run = runCli(['--merge', 'shard.jsonl', '-f', 'html:report.html', '--summary'], { cwd: dir });
      expect(run.stderr).not.toMatch(NO_STACK);
      const where = field === 'speaker' ? 'line 1, message 1' : 'line 1';
      expect([run.status, run.stdout, run.stderr]).toEqual([2, '', `transcript-lint: shard.jsonl: ${where} has the wrong type or value in its "${field}" field; regenerate the report with --format json or jsonl\n`]);
    }
    const dir = tempDir({ 'shard.jsonl': `${JSON.stringify(result('a.txt', [{ ...ERROR, line: -2 }]))}\n` });
    const run = runCli(['--merge', 'shard.jsonl'], { cwd: dir });
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining('shard.jsonl: line 1, message 1 is not a transcript-lint message')]);
  });
});
