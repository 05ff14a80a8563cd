import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReportBatches } from '../../src/runner/merge.js';
import type { LintResult } from '../../src/types.js';
import { parseShard, shardOf } from '../../src/runner/shard.js';
import { ROOT, runCli, tempDir } from '../helpers.js';
import { corpus, PACK_ARGS } from './corpus.js';

describe('--shard K/N', () => {
  it('puts each path in exactly one shard, by its own path only', () => {
    const paths = Array.from({ length: 200 }, (_, i) => `calls/${i % 7}/call-${i}.txt`);
    const shards = paths.map((p) => shardOf(p, 4));
    expect(new Set(shards)).toEqual(new Set([1, 2, 3, 4]));
    expect(shards.filter((s) => s === 1).length).toBeGreaterThan(30);
    // Pinned: the shard of a path is part of the contract between machines (SHA-1 of the path, mod N, plus one).
    expect(['calls/0/call-0.txt', 'calls/1/call-1.txt', 'a.txt'].map((p) => shardOf(p, 4))).toEqual([3, 4, 1]);
  });

  it('rejects shard specs that cannot be right', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1-3']) expect(() => parseShard(bad)).toThrow(/write it as K\/N with 1 ≤ K ≤ N/);
    const run = runCli(['--shard', '0/3', 'fixtures']);
    expect([run.status, run.stderr.trim()]).toEqual([2, expect.stringContaining('--shard 0/3: write it as K/N')]);
  });
});

describe('--merge', () => {
  it('combines shard outputs into the report, totals and exit status of one run over all files', () => {
    // 23 transcripts, one that cannot be decoded (fatal), one pattern that matches nothing.
    const cwd = corpus(23, { 'calls/e/binary.txt': new Uint8Array([0x41, 0, 0x42]) });
    const args = ['calls', 'missing/**/*.txt', ...PACK_ARGS];
    const single = runCli([...args, '-f', 'json'], { cwd });
    const stylish = runCli(args, { cwd });
    expect(single.status).toBe(2);
    const named: string[] = [];
    const parts = [1, 2, 3].map((k) => {
      const run = runCli([...args, '--shard', `${k}/3`, '-f', k === 2 ? 'json' : 'jsonl', '-o', `shard-${k}.out`], { cwd });
      named.push(...run.stderr.split('\n').filter(Boolean).map((line) => line.split(': error ')[0]));
      return run.status;
    });
    // With the report in a file, a shard's log names what it could not lint, and nothing else.
    expect(named.sort()).toEqual(['transcript-lint: calls/e/binary.txt:0:0', 'transcript-lint: missing/**/*.txt:0:0']);
    expect(parts).toContain(2); // the shard that drew the unmatched pattern or the binary file
    const counts = [1, 2, 3].map((k) => {
      const text = readFileSync(join(cwd, `shard-${k}.out`), 'utf8');
      return k === 2 ? (JSON.parse(text) as unknown[]).length : text.split('\n').filter(Boolean).length;
    });
    expect(counts.reduce((a, b) => a + b)).toBe(25);
    expect(Math.min(...counts)).toBeGreaterThan(0);

    const reports = ['shard-3.out', 'shard-1.out', 'shard-2.out'];
    const merged = runCli(['--merge', ...reports, '-f', 'json'], { cwd });
    expect([merged.status, merged.stdout, merged.stderr]).toEqual([single.status, single.stdout, single.stderr]);
    const mergedStylish = runCli(['--merge', ...reports, 'shard-1.out'], { cwd }); // a report given twice counts once
    expect([mergedStylish.status, mergedStylish.stdout]).toEqual([stylish.status, stylish.stdout]);
  });

  it('refuses reports that are not the shards of one run: a shard missing, another N or config, an edited mark, a run without --shard', () => {
    const cwd = corpus(23);
    const args = ['calls', ...PACK_ARGS];
    const shard = (spec: string, out: string, extra: string[] = []): void => {
      const run = runCli([...args, ...extra, '--shard', spec, '-f', 'jsonl', '-o', out], { cwd });
      expect(run.stderr).toBe('');
    };
    for (const k of [1, 2, 3]) shard(`${k}/3`, `s${k}.jsonl`);
    const merge = (...reports: string[]) => {
      const run = runCli(['--merge', ...reports], { cwd });
      return [run.status, run.stdout, run.stderr.trim()];
    };
    expect(merge('s1.jsonl', 's2.jsonl', 's3.jsonl')[0]).toBe(1);
    // The same pack found by another path (another machine's mount) is the same config.
    expect(runCli(['calls', '--pack', join(cwd, 'pack.yaml'), '--no-config-lookup', '--shard', '2/3', '-f', 'jsonl', '-o', 'abs.jsonl'], { cwd }).stderr).toBe('');
    expect(merge('s1.jsonl', 'abs.jsonl', 's3.jsonl')[0]).toBe(1);
    expect(merge('s1.jsonl', 's3.jsonl')).toEqual([2, '', expect.stringMatching(/no results of shard 2\/3 in the reports given: a shard's report is missing/)]);

    shard('1/2', 'half.jsonl');
    expect(merge('s1.jsonl', 's2.jsonl', 's3.jsonl', 'half.jsonl')).toEqual([2, '', expect.stringMatching(/half\.jsonl: result 1 is of shard 1\/2, where s1\.jsonl holds shard 1\/3/)]);
    shard('2/3', 'other-rules.jsonl', ['--rule', 't/no-shenme-shi: off']);
    expect(merge('s1.jsonl', 'other-rules.jsonl', 's3.jsonl')).toEqual([2, '', expect.stringMatching(/other-rules\.jsonl: result 1 was linted with other packs, rules, options/)]);
    writeFileSync(join(cwd, 'edited.jsonl'), readFileSync(join(cwd, 's2.jsonl'), 'utf8').replace('"index":2', '"index":3'));
    expect(merge('s1.jsonl', 'edited.jsonl', 's3.jsonl')).toEqual([2, '', expect.stringMatching(/edited\.jsonl: result 1 says shard 3\/3, but \S+ is a file of shard 2\/3: the report was edited/)]);
    expect(runCli([...args, '-f', 'jsonl', '-o', 'whole.jsonl'], { cwd }).stderr).toBe('');
    expect(merge('whole.jsonl', 's1.jsonl')).toEqual([2, '', expect.stringMatching(/whole\.jsonl holds results of a run without --shard .* s1\.jsonl those of a sharded run/)]);
  });

  it('refuses shards run from another folder, over other paths or with other ignore rules (they merged into a wrong total, exit 0)', () => {
    const cwd = corpus(23);
    const shard = (spec: string, out: string, extra: string[] = [], at = cwd, paths = ['calls']): void => {
      const run = runCli([...paths, ...PACK_ARGS, ...extra, '--shard', spec, '-f', 'jsonl', '-o', join(cwd, out)], { cwd: at });
      expect(run.stderr).toBe('');
    };
    for (const k of [1, 2, 3]) shard(`${k}/3`, `s${k}.jsonl`);
    const merge = (...reports: string[]) => {
      const run = runCli(['--merge', ...reports], { cwd });
      return [run.status, run.stdout, run.stderr.trim()];
    };
    // The same paths written otherwise are the same run.
    shard('2/3', 'slash.jsonl', [], cwd, ['./calls/']);
    expect(merge('s1.jsonl', 'slash.jsonl', 's3.jsonl')[0]).toBe(1);
    // Another archive laid out the same way: the same relative paths, other calls.
    shard('2/3', 'elsewhere.jsonl', [], corpus(23));
    expect(merge('s1.jsonl', 'elsewhere.jsonl', 's3.jsonl')).toEqual([2, '', expect.stringMatching(/^transcript-lint: elsewhere\.jsonl: result 1 was linted in another working folder than s1\.jsonl: run every shard from the same folder/)]);
    shard('2/3', 'fewer.jsonl', [], cwd, ['calls/a', 'calls/b']);
    expect(merge('s1.jsonl', 'fewer.jsonl', 's3.jsonl')).toEqual([2, '', expect.stringMatching(/^transcript-lint: fewer\.jsonl: result 1 was linted over other paths or ignore rules than s1\.jsonl \(the files or folders named, \.transcript-lintignore, --ignore-pattern/)]);
    shard('2/3', 'ignored.jsonl', ['--ignore-pattern', 'calls/a/']);
    expect(merge('s1.jsonl', 'ignored.jsonl', 's3.jsonl')).toEqual([2, '', expect.stringMatching(/ignored\.jsonl: result 1 was linted over other paths or ignore rules than s1\.jsonl/)]);
    writeFileSync(join(cwd, '.transcript-lintignore'), 'calls/b/\n');
    shard('2/3', 'ignore-file.jsonl');
    expect(merge('s1.jsonl', 'ignore-file.jsonl', 's3.jsonl')).toEqual([2, '', expect.stringMatching(/ignore-file\.jsonl: result 1 was linted over other paths or ignore rules than s1\.jsonl/)]);
  });

  it('a shard that found no files writes one result that says so, and an empty report stands for no shard (an empty report from any run stood in for a missing shard)', () => {
    const cwd = corpus(1);
    const args = ['calls', ...PACK_ARGS];
    const single = runCli([...args, '-f', 'json'], { cwd });
    for (const k of [1, 2, 3]) expect(runCli([...args, '--shard', `${k}/3`, '-f', k === 3 ? 'json' : 'jsonl', '-o', `s${k}.out`], { cwd }).stderr).toBe('');
    const reports = [1, 2, 3].map((k) => readFileSync(join(cwd, `s${k}.out`), 'utf8'));
    const results = reports.map((text, i) => (i === 2 ? (JSON.parse(text) as object[]) : text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as object)));
    // Each report holds one result: the call in its shard, and in the two others a mark of the shard's share with
    // no files (filePath ".", no messages, counts 0: what ESLint-JSON readers take as a clean entry).
    expect(results.map((r) => r.length)).toEqual([1, 1, 1]);
    const marks = results.flat().filter((r) => (r as { shard: { empty?: boolean } }).shard.empty);
    expect(marks).toHaveLength(2);
    expect(marks[0]).toMatchObject({ filePath: '.', messages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, shard: { count: 3, last: true, empty: true } });
    const merged = runCli(['--merge', 's1.out', 's2.out', 's3.out', '-f', 'json'], { cwd });
    expect([merged.status, merged.stdout, merged.stderr]).toEqual([single.status, single.stdout, '']);
    const full = `s${results.findIndex((r) => !(r[0] as { shard: { empty?: boolean } }).shard.empty) + 1}.out`;
    const alone = runCli(['--merge', full], { cwd });
    expect([alone.status, alone.stdout, alone.stderr]).toEqual([2, '', expect.stringMatching(/no results of shard \d\/3, \d\/3 in the reports given/)]);
    // Empty reports (of another run, or of a shard that stopped before its first file) stand for no shard.
    writeFileSync(join(cwd, 'stale-a.jsonl'), '');
    writeFileSync(join(cwd, 'stale-b.json'), '[]\n');
    const stale = runCli(['--merge', full, 'stale-a.jsonl', 'stale-b.json'], { cwd });
    expect([stale.status, stale.stdout, stale.stderr]).toEqual([2, '', expect.stringMatching(/no results of shard \d\/3, \d\/3 in the reports given \(2 of the reports given are empty: a shard that finds no files writes a result saying so/)]);
  });

  it('refuses a shard report that ends before its shard did (a shard killed between two results merged as if it had finished, exit 0)', () => {
    const cwd = corpus(23);
    const args = ['calls', ...PACK_ARGS];
    for (const k of [1, 2, 3]) expect(runCli([...args, '--shard', `${k}/3`, '-f', k === 2 ? 'json' : 'jsonl', '-o', `s${k}.out`], { cwd }).stderr).toBe('');
    expect(runCli(['--merge', 's1.out', 's2.out', 's3.out'], { cwd }).status).toBe(1);
    // Killed (out of memory, SIGKILL) after a whole line: every line is a good result, the last files are missing.
    const lines = readFileSync(join(cwd, 's3.out'), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    writeFileSync(join(cwd, 'cut.jsonl'), `${lines.slice(0, -2).join('\n')}\n`);
    const cut = runCli(['--merge', 's1.out', 's2.out', 'cut.jsonl'], { cwd });
    expect([cut.status, cut.stdout, cut.stderr]).toEqual([2, '', expect.stringMatching(/^transcript-lint: cut\.jsonl: shard 3\/3 ends before its last file: the shard was stopped .*; run it again/)]);
    // Only the last result carries the mark.
    const marked = lines.map((line) => (JSON.parse(line) as { shard: { last?: boolean } }).shard.last);
    expect(marked).toEqual([...lines.slice(1).map(() => undefined), true]);
  });

  it('--run-id tells shards of one night from those of another: a report left from an earlier run of the same archive and settings merged as tonight\'s', () => {
    const cwd = corpus(23);
    const shard = (spec: string, out: string, run: string[]): void => {
      const result = runCli(['calls', ...PACK_ARGS, '--shard', spec, ...run, '-f', 'jsonl', '-o', out], { cwd });
      expect(result.stderr).toBe('');
    };
    for (const k of [1, 2, 3]) shard(`${k}/3`, `monday-${k}.jsonl`, ['--run-id', '2026-11-30']);
    for (const k of [1, 2]) shard(`${k}/3`, `tuesday-${k}.jsonl`, ['--run-id', '2026-12-01']);
    const merge = (...extra: string[]) => {
      const run = runCli(['--merge', ...extra], { cwd });
      return [run.status, run.stdout, run.stderr.trim()];
    };
    expect(merge('tuesday-1.jsonl', 'tuesday-2.jsonl', 'monday-3.jsonl')).toEqual([2, '', expect.stringMatching(/^transcript-lint: monday-3\.jsonl: result 1 is of run 2026-11-30, where tuesday-1\.jsonl is of run 2026-12-01: merge the shards of one run; lint again those that did not finish in it/)]);
    // All of Monday's, merged on Tuesday: refused when the merge names its run.
    expect(merge('monday-1.jsonl', 'monday-2.jsonl', 'monday-3.jsonl', '--run-id', '2026-12-01')).toEqual([2, '', expect.stringMatching(/^transcript-lint: monday-1\.jsonl: result 1 is of run 2026-11-30, where the merge is of run 2026-12-01/)]);
    expect(merge('monday-1.jsonl', 'monday-2.jsonl', 'monday-3.jsonl', '--run-id', '2026-11-30')[0]).toBe(1);
    expect(runCli(['calls', ...PACK_ARGS, '-f', 'jsonl', '-o', 'whole.jsonl'], { cwd }).stderr).toBe('');
    expect(merge('whole.jsonl', '--run-id', '2026-12-01')).toEqual([2, '', expect.stringMatching(/^transcript-lint: whole\.jsonl: result 1 is of a run without --shard, where the merge is of run 2026-12-01 \(--run-id\)/)]);
    // Reports with no results at all (every pod failed before writing) are no run's.
    writeFileSync(join(cwd, 'nothing.jsonl'), '');
    expect(merge('nothing.jsonl', '--run-id', '2026-12-01')).toEqual([2, '', expect.stringMatching(/^transcript-lint: nothing\.jsonl: empty: .*\ntranscript-lint: no results of run 2026-12-01 \(--run-id\) in the reports given: give the reports of its shards/)]);
    shard('3/3', 'unnamed-3.jsonl', []);
    expect(merge('tuesday-1.jsonl', 'tuesday-2.jsonl', 'unnamed-3.jsonl')).toEqual([2, '', expect.stringMatching(/unnamed-3\.jsonl: result 1 is of no --run-id, where tuesday-1\.jsonl is of run 2026-12-01/)]);
    const alone = runCli(['calls', ...PACK_ARGS, '--run-id', 'x'], { cwd });
    expect([alone.status, alone.stderr]).toEqual([2, expect.stringContaining('--run-id marks the results of a sharded run')]);
  });

  it('takes the rules and the scorecard from the config, as the shards did: the merged SARIF lists the rules, the summary the pack\'s star bands (it listed none and drew the default bands)', () => {
    const files: Record<string, string> = {};
    for (const name of ['bad-call-rude.txt', 'greet-first.bad.txt', 'greet-first.good.txt', 'count-nin.bad.txt', 'farewell-last.bad.txt']) {
      files[`calls/${name}`] = readFileSync(join(ROOT, 'fixtures/zh', name), 'utf8');
    }
    const cwd = tempDir(files);
    const args = ['calls', '--summary', '-f', 'compact', '-f', 'sarif:run.sarif'];
    const single = runCli(args, { cwd });
    for (const k of [1, 2]) expect(runCli(['calls', '--shard', `${k}/2`, '-f', 'jsonl', '-o', `shard-${k}.jsonl`], { cwd }).stderr).toBe('');
    const merged = runCli(['--merge', 'shard-1.jsonl', 'shard-2.jsonl', '--summary', '-f', 'compact', '-f', 'sarif:merged.sarif'], { cwd });
    expect(single.stdout + single.stderr).toContain('85–94.9');
    expect([merged.status, merged.stdout, merged.stderr]).toEqual([single.status, single.stdout, single.stderr]);
    const rules = (file: string): unknown => JSON.parse(readFileSync(join(cwd, file), 'utf8')).runs[0].tool.driver.rules;
    expect(rules('merged.sarif')).toEqual(rules('run.sarif'));
  });

  it('--stats after --merge counts the rules over the merged results, as after one run (it printed nothing)', () => {
    const files: Record<string, string> = {};
    for (const name of ['bad-call-rude.txt', 'greet-first.bad.txt', 'count-nin.bad.txt']) files[`calls/${name}`] = readFileSync(join(ROOT, 'fixtures/zh', name), 'utf8');
    const cwd = tempDir(files);
    const single = runCli(['calls', '--stats', '-f', 'compact'], { cwd });
    for (const k of [1, 2]) expect(runCli(['calls', '--shard', `${k}/2`, '-f', 'jsonl', '-o', `shard-${k}.jsonl`], { cwd }).stderr).toBe('');
    const merged = runCli(['--merge', 'shard-1.jsonl', 'shard-2.jsonl', '--stats', '-f', 'compact'], { cwd });
    expect(single.stdout + single.stderr).toContain('Rule statistics over 3 files');
    expect([merged.status, merged.stdout, merged.stderr]).toEqual([single.status, single.stdout, single.stderr]);
  });

  it('names the report and line it cannot read, and exits 2', () => {
    const cwd = corpus(1);
    writeFileSync(join(cwd, 'bad.jsonl'), '{"filePath":"a.txt","messages":[],"suppressedMessages":[],"errorCount":0,"warningCount":0,"fatalErrorCount":0,"fixableErrorCount":0,"fixableWarningCount":0}\nnot json\n');
    writeFileSync(join(cwd, 'empty.jsonl'), '');
    const run = runCli(['--merge', 'bad.jsonl', 'empty.jsonl'], { cwd });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', 'transcript-lint: bad.jsonl:2: not a JSON result; merge reads reports written with --format json or --format jsonl\n']);
  });

  it('refuses an empty json report (a shard that did not finish) and says an empty jsonl report has no results', () => {
    const cwd = corpus(1);
    writeFileSync(join(cwd, 'good.jsonl'), '{"filePath":"a.txt","messages":[],"suppressedMessages":[],"errorCount":0,"warningCount":0,"fatalErrorCount":0,"fixableErrorCount":0,"fixableWarningCount":0}\n');
    writeFileSync(join(cwd, 'none.json'), '[]\n');
    writeFileSync(join(cwd, 'empty.json'), '');
    writeFileSync(join(cwd, 'empty.jsonl'), '\n');
    const refused = runCli(['--merge', 'good.jsonl', 'empty.json'], { cwd });
    expect([refused.status, refused.stdout, refused.stderr]).toEqual([2, '', 'transcript-lint: empty.json: empty, where a json report holds at least []: the shard that was to write it did not finish; run it again\n']);
    const merged = runCli(['--merge', 'good.jsonl', 'empty.jsonl', 'none.json'], { cwd });
    expect([merged.status, merged.stdout, merged.stderr]).toEqual([0, '✔ 1 file checked, no problems\n',
      'transcript-lint: empty.jsonl: empty: no results (a shard with no files, or one that stopped before its first); check that it finished\n']);
  });
  it('reads shard reports as it merges them, and merges a report joined out of order in memory', () => {
    const cwd = corpus(1);
    const error = { ruleId: 'p/r', severity: 2, message: 'm', line: 1, column: 1 };
    const line = (path: string, errors = 0): string => `${JSON.stringify({ filePath: path, messages: Array(errors).fill(error), suppressedMessages: [], errorCount: errors, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 })}\n`;
    const paths = Array.from({ length: 600 }, (_, i) => `calls/${String(i).padStart(4, '0')}.txt`);
    writeFileSync(join(cwd, 'even.jsonl'), paths.filter((_, i) => i % 2 === 0).map((p) => line(p)).join(''));
    writeFileSync(join(cwd, 'odd.jsonl'), paths.filter((_, i) => i % 2 === 1).map((p) => line(p)).join(''));
    const notices: string[] = [];
    const batches: Iterator<readonly LintResult[], undefined> = mergeReportBatches([join(cwd, 'even.jsonl'), join(cwd, 'odd.jsonl'), join(cwd, 'even.jsonl')], (n) => notices.push(n))[Symbol.iterator]();
    const first = batches.next().value!.map((r) => r.filePath);
    expect(first).toEqual(paths.slice(0, first.length));
    expect(first.length).toBeLessThan(paths.length);
    // Written after the merge began: read, since each report is read as the merge reaches it.
    appendFileSync(join(cwd, 'odd.jsonl'), line('calls/zz.txt', 1));
    const rest: string[] = [];
    for (let next = batches.next(); !next.done; next = batches.next()) rest.push(...next.value.map((r) => r.filePath));
    expect([...first, ...rest]).toEqual([...paths, 'calls/zz.txt']);
    expect(notices).toEqual([]);

    writeFileSync(join(cwd, 'joined.jsonl'), readFileSync(join(cwd, 'odd.jsonl'), 'utf8') + readFileSync(join(cwd, 'even.jsonl'), 'utf8') + line('calls/0000.txt', 1));
    const joined = [...mergeReportBatches([join(cwd, 'joined.jsonl')], (n) => notices.push(n))].flat();
    expect(joined.map((r) => r.filePath)).toEqual([...paths, 'calls/zz.txt']);
    expect(joined[0].errorCount).toBe(0); // the first seen of a path is kept
    expect(notices).toEqual(['calls/0000.txt appears in several reports with different results; keeping the first (from an earlier report)']);
  });

  it('says why a rule was not evaluated where the shard reports say, and names the rule without a reason where an earlier version\'s report gives none', () => {
    const result = (file: string, extra: object) => JSON.stringify({ filePath: file, messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [], ...extra });
    const cwd = tempDir({
      'new.jsonl': `${result('a.txt', { notEvaluated: ['p/hold'], notEvaluatedReasons: { 'p/hold': 'no-timestamps' } })}\n`,
      'old.jsonl': `${result('b.txt', { notEvaluated: ['p/reply'] })}\n`,
    });
    const run = runCli(['--merge', 'new.jsonl', 'old.jsonl'], { cwd });
    expect(run.stdout).toContain('  not evaluated on 1 file without timestamps: p/hold\n');
    expect(run.stdout).toContain('  not evaluated on 1 file: p/reply\n');
  });
});
