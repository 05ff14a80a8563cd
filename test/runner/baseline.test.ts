import { closeSync, ftruncateSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Baseline } from '../../src/runner/baseline.js';
import { linterFor, runCli, tempDir } from '../helpers.js';
import { PACK_ARGS, RUNNER_PACK } from './corpus.js';

const linter = linterFor(RUNNER_PACK);
const OLD = '客服: 什么事？\n客户: 账单不对。\n客服: 什么事啊，说吧。\n客服: 再见。\n';

describe('--baseline', () => {
  it('hides recorded problems by file, rule, text and occurrence — not by line', () => {
    const baseline = Baseline.empty('baseline.json');
    baseline.record(linter.lintText(OLD, 'calls/a.txt'));
    expect(baseline.size()).toEqual({ problems: 3, files: 1 });

    // Lines inserted above and text edited around: the same problems, elsewhere — still hidden.
    const edited = '# call 42\n客服: 什么事？\n客户: 我的账单不对，多扣了钱。\n客服: 什么事啊，说吧。\n客服: 好的，再见。\n';
    expect(baseline.filter(linter.lintText(edited, 'calls/a.txt'))).toMatchObject({ hidden: 3, result: { messages: [], errorCount: 0, fixableErrorCount: 0 } });

    // A third 什么事 is new; so is everything in another file.
    const more = `${OLD}客服: 什么事？\n客服: 再见。\n`;
    const { result, hidden } = baseline.filter(linter.lintText(more, 'calls/a.txt'));
    expect([hidden, result.errorCount, result.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)]).toEqual([3, 1, ['t/no-shenme-shi@5:5']]);
    expect(baseline.filter(linter.lintText(OLD, 'calls/b.txt')).hidden).toBe(0);
  });

  it('refuses a --baseline or -o ending in a slash, which names a folder, before writing anything (a file named like the folder was written)', () => {
    const cwd = tempDir({ 'pack.yaml': RUNNER_PACK, 'calls/a.txt': OLD });
    const baseline = runCli(['calls', '--baseline', 'base/', '--baseline-update', ...PACK_ARGS], { cwd });
    expect([baseline.status, baseline.stderr]).toEqual([2, 'transcript-lint: --baseline base/: a path ending in "/" names a folder; name a file in it, e.g. --baseline base/baseline.json\n']);
    const report = runCli(['calls', '-o', 'reports/', ...PACK_ARGS], { cwd });
    expect([report.status, report.stderr]).toEqual([2, 'transcript-lint: -o reports/: a path ending in "/" names a folder; name a file in it, e.g. -o reports/report.stylish\n']);
    expect(readdirSync(cwd).sort()).toEqual(['calls', 'pack.yaml']);
  });

  it('records once with --baseline-update, then fails only on new problems (CLI)', () => {
    const cwd = tempDir({ 'pack.yaml': RUNNER_PACK, 'calls/a.txt': OLD, 'calls/b.txt': '客服: 您好。\n客服: 再见。\n' });
    expect(runCli(['calls', '--baseline', 'base.json', ...PACK_ARGS], { cwd })).toMatchObject({ status: 2, stderr: expect.stringContaining('base.json: baseline not found; record today\'s problems first with --baseline base.json --baseline-update') });
    const update = runCli(['calls', '--baseline', 'base.json', '--baseline-update', ...PACK_ARGS], { cwd });
    expect([update.status, update.stdout, update.stderr]).toEqual([0, '✔ 2 files checked, no problems\n', 'transcript-lint: baseline base.json: 3 problems in 1 file recorded\n']);
    // Keyed hashes of the problem texts, never the texts (test/reliability/leaks.test.ts).
    const recorded = JSON.parse(readFileSync(join(cwd, 'base.json'), 'utf8')) as { files: Record<string, Record<string, Record<string, number>>> };
    expect(recorded).toMatchObject({ transcriptLintBaseline: 2, salt: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(Object.keys(recorded.files)).toEqual(['calls/a.txt']);
    expect(Object.values(recorded.files['calls/a.txt']['t/greet-first'])).toEqual([1]);
    expect(Object.values(recorded.files['calls/a.txt']['t/no-shenme-shi'])).toEqual([2]);
    writeFileSync(join(cwd, 'calls/b.txt'), '客服: 您好。\n客服: 什么事？\n客服: 再见。\n');
    const run = runCli(['calls', '--baseline', 'base.json', '-f', 'compact', ...PACK_ARGS], { cwd });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      1,
      'calls/b.txt:2:5: error 不可以说 「什么事」 [t/no-shenme-shi]\n\n1 problem\n',
      'transcript-lint: 3 problems recorded in the baseline base.json not reported\n',
    ]);
    // A folder given as the baseline says what to do (it said "(EISDIR)" until 2026-12-01).
    expect(runCli(['calls', '--baseline', 'calls', ...PACK_ARGS], { cwd })).toMatchObject({ status: 2, stderr: expect.stringContaining('calls: cannot read the baseline: it is a folder; name the baseline file in it') });
    writeFileSync(join(cwd, 'bad.json'), '{"files": []}');
    expect(runCli(['calls', '--baseline', 'bad.json', ...PACK_ARGS], { cwd }).stderr).toContain('bad.json: not a transcript-lint baseline');
    // Damaged by hand or by a tool: said, never taken as "nothing recorded" (every problem then reported as new).
    const salt = '0123456789abcdef0123456789abcdef';
    const damaged: [string, string][] = [
      [`{"transcriptLintBaseline": 2, "salt": "", "files": {}}`, 'not a transcript-lint baseline'],
      [`{"transcriptLintBaseline": 2, "salt": "${salt}", "files": []}`, 'not a transcript-lint baseline'],
      [`{"transcriptLintBaseline": 2, "salt": "${salt}", "files": {"calls/a.txt": null}}`, 'the entry of calls/a.txt must be an object of rules'],
      [`{"transcriptLintBaseline": 2, "salt": "${salt}", "files": {"calls/a.txt": {"t/greet-first": [1]}}}`, 'calls/a.txt → t/greet-first must be an object of counts'],
      [`{"transcriptLintBaseline": 2, "salt": "${salt}", "files": {"calls/a.txt": {"t/greet-first": {"x": 0.5}}}}`, 'a count under calls/a.txt → t/greet-first must be a whole number above 0'],
    ];
    for (const [text, said] of damaged) {
      writeFileSync(join(cwd, 'bad.json'), text);
      const damagedRun = runCli(['calls', '--baseline', 'bad.json', ...PACK_ARGS], { cwd });
      expect([damagedRun.status, damagedRun.stderr], text).toEqual([2, expect.stringContaining(`bad.json: ${said}`)]);
    }
  });

  it('--baseline-update does not replace a baseline it cannot read, and says why (a 600 MiB file, longer than a string, was replaced by this run\'s problems alone: every other shard\'s entries lost)', () => {
    const cwd = tempDir({ 'pack.yaml': RUNNER_PACK, 'calls/a.txt': OLD });
    // Sparse: 600 MiB of file, no disk. Node's longest string is 512 MiB.
    const big = join(cwd, 'base.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
    for (const update of [[], ['--baseline-update']]) {
      const run = runCli(['calls', '--baseline', 'base.json', ...update, ...PACK_ARGS], { cwd });
      expect([run.status, run.stdout, run.stderr], update.join(' ')).toEqual([2, '', 'transcript-lint: base.json: cannot read the baseline: it is larger than transcript-lint can read (600 MiB; at most 512 MiB); give each folder or shard of the archive a baseline of its own\n']);
      expect(statSync(big).size).toBe(600 * 1024 * 1024);
    }
  });
});
