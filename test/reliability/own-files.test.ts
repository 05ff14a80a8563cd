// Reliability, a run's own files: the reports it writes (-o, -f NAME:FILE) and its --baseline are never linted as
// transcripts, also when they lie in the folder being linted (a nightly job that writes its report beside the calls).
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GREET_RULE, packWith, runCli, tempDir } from '../helpers.js';

const PACK = packWith(`rules:\n${GREET_RULE}`);
const BAD = '客服: 请讲\n客户: 查账单\n';

interface JsonResult {
  filePath: string;
}

describe('a run does not lint its own files', () => {
  it('-o FILE in the linted folder: neither the run that writes it nor the next one lints it', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': BAD });
    const args = ['--pack', './pack.yaml', '--no-config-lookup', 'calls', '-f', 'compact', '-o', 'calls/lint-report.txt', '--max-warnings', '0'];
    for (const run of [runCli(args, { cwd: dir }), runCli(args, { cwd: dir })]) {
      expect(run.status).toBe(1);
      const report = readFileSync(join(dir, 'calls/lint-report.txt'), 'utf8');
      expect(report).toContain('calls/a.txt:1:5: error');
      expect(report).not.toContain('lint-report.txt');
    }
  });

  it('-f json:FILE in the working folder, linted with no path named', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': BAD });
    const args = ['--pack', './pack.yaml', '--no-config-lookup', '-f', 'compact', '-f', 'json:report.json'];
    runCli(args, { cwd: dir });
    const run = runCli(args, { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('report.json');
    expect((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonResult[]).map((r) => r.filePath)).toEqual(['a.txt']);
  });

  it('--baseline FILE in the linted folder: recorded, then used, without linting the baseline as a JSON transcript', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': BAD });
    const base = ['--pack', './pack.yaml', '--no-config-lookup', '.', '--baseline', 'lint-baseline.json'];
    expect(runCli([...base, '--baseline-update'], { cwd: dir }).status).toBe(0);
    const run = runCli(base, { cwd: dir });
    expect(run.stdout).not.toContain('lint-baseline.json');
    expect(run.status).toBe(0);
  });

  it('a pattern that matches only the report of the run says so, not that it is ignored', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'report.txt': 'old report\n' });
    // A glob (a file named outright as both is refused: see below).
    const run = runCli(['--pack', './pack.yaml', '--no-config-lookup', 'rep*.txt', '-f', 'compact', '-o', 'report.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('rep*.txt:0:0: error it matches only the files this run writes');
  });

  it('a transcript named on the command line is never replaced by a report, the baseline or the cache of the run (exit 2)', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': BAD });
    for (const writes of [['-o', 'calls/a.txt'], ['-f', 'stylish', '-f', 'json:./calls/a.txt'], ['--baseline', 'calls/a.txt', '--baseline-update'], ['--cache', '--cache-location', 'calls/a.txt']]) {
      const run = runCli(['--pack', './pack.yaml', '--no-config-lookup', 'calls/a.txt', ...writes], { cwd: dir });
      expect([run.status, run.stdout], writes.join(' ')).toEqual([2, '']);
      expect(run.stderr).toContain('calls/a.txt is named as a transcript to lint and as a file this run writes');
      expect(readFileSync(join(dir, 'calls/a.txt'), 'utf8')).toBe(BAD);
      expect(readdirSync(join(dir, 'calls'))).toEqual(['a.txt']);
    }
  });

  it('a report, the baseline and the cache named as one file are refused before anything is written (exit 2): the baseline replaced the report without a word, exit 0', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': BAD });
    writeFileSync(join(dir, 'out.json'), 'kept\n');
    symlinkSync('out.json', join(dir, 'link.json'));
    const cases: [string[], string][] = [
      [['-f', 'json', '-o', 'out.json', '--baseline', 'out.json', '--baseline-update'], 'the json report and the baseline would both go to out.json'],
      [['-f', 'json', '-o', 'out.json', '--cache', '--cache-location', './out.json'], 'the json report and the cache would both go to out.json'],
      [['-f', 'json', '-o', 'link.json', '--baseline', 'out.json', '--baseline-update'], 'the json report and the baseline would both go to out.json'],
    ];
    for (const [writes, said] of cases) {
      const run = runCli(['--pack', './pack.yaml', '--no-config-lookup', 'calls', ...writes], { cwd: dir });
      expect([run.status, run.stdout], writes.join(' ')).toEqual([2, '']);
      expect(run.stderr, writes.join(' ')).toContain(`${said}; give each a file of its own`);
      expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('kept\n');
    }
    writeFileSync(join(dir, 'none.json'), '[]\n');
    const merged = runCli(['--merge', 'none.json', '-o', 'out.json', '--baseline', 'out.json', '--baseline-update'], { cwd: dir });
    expect([merged.status, merged.stderr]).toEqual([2, expect.stringContaining('the stylish report and the baseline would both go to out.json')]);
  });

  it('a report or the baseline named as a pack or config the run loads, or as its .transcript-lintignore, is refused before anything is written (exit 2): it replaced the pack', () => {
    // Until 2026-12-02 `-o pack.yaml` wrote the report over the pack (exit 1), and `--baseline pack.yaml
    // --baseline-update` recorded a baseline over it ("not valid JSON; recording it afresh"): the next run had no pack.
    const dir = tempDir({ 'packs/own.yaml': PACK, 'transcript-lint.yaml': 'extends: ./packs/own.yaml\n', 'a.txt': BAD, '.transcript-lintignore': 'old/\n' });
    symlinkSync('packs/own.yaml', join(dir, 'own-link.yaml'));
    const cases: [string[], RegExp][] = [
      [['-f', 'json', '-o', 'packs/own.yaml'], /^transcript-lint: the json report would go to packs\/own\.yaml, a pack or config this run loads; it is not replaced: write the json report to another file\n$/],
      [['-f', 'compact', '-f', 'sarif:transcript-lint.yaml'], /^transcript-lint: the sarif report would go to transcript-lint\.yaml, a pack or config this run loads/],
      [['--baseline', 'packs/own.yaml', '--baseline-update'], /^transcript-lint: the baseline would go to packs\/own\.yaml, a pack or config/],
      [['-o', 'own-link.yaml'], /^transcript-lint: the stylish report would go to own-link\.yaml, which is packs\/own\.yaml, a pack or config this run loads/],
      [['--fix', '-o', 'packs/own.yaml'], /would go to packs\/own\.yaml/],
      // The ignore file too: the next run linted, and --fix rewrote, what it left out.
      [['-f', 'compact', '-o', '.transcript-lintignore'], /^transcript-lint: the compact report would go to \.transcript-lintignore, the file of what this run leaves out; it is not replaced/],
    ];
    for (const [args, message] of cases) {
      const run = runCli(['a.txt', ...args], { cwd: dir });
      expect([run.status, run.stdout, run.stderr], args.join(' ')).toEqual([2, '', expect.stringMatching(message)]);
      expect(readFileSync(join(dir, 'packs/own.yaml'), 'utf8')).toBe(PACK);
      expect(readFileSync(join(dir, 'transcript-lint.yaml'), 'utf8')).toBe('extends: ./packs/own.yaml\n');
      expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(BAD);
      expect(readFileSync(join(dir, '.transcript-lintignore'), 'utf8')).toBe('old/\n');
    }
    // --merge too, with the shards' config.
    writeFileSync(join(dir, 'r.json'), '[]');
    const merged = runCli(['--merge', 'r.json', '-f', 'json', '-o', 'packs/own.yaml'], { cwd: dir });
    expect([merged.status, merged.stderr]).toEqual([2, expect.stringMatching(/would go to packs\/own\.yaml, a pack or config this run loads/)]);
    expect(readFileSync(join(dir, 'packs/own.yaml'), 'utf8')).toBe(PACK);
  });

  it('a report named through a link to a transcript of the linted folder does not replace it (exit 2); a link elsewhere is written through', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': BAD, 'calls/b.txt': BAD });
    symlinkSync('calls/a.txt', join(dir, 'r.txt'));
    const run = runCli(['--pack', './pack.yaml', '--no-config-lookup', 'calls', '-o', 'r.txt'], { cwd: dir });
    expect([run.status, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toContain('r.txt is a link to calls/a.txt, a file of the folder this run lints; it is not replaced');
    expect(readFileSync(join(dir, 'calls/a.txt'), 'utf8')).toBe(BAD);
    // A report kept through a link outside the linted folder (latest → reports/today) is written as before.
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports/today.txt'), 'the report of the run before\n');
    symlinkSync('reports/today.txt', join(dir, 'latest.txt'));
    const linked = runCli(['--pack', './pack.yaml', '--no-config-lookup', 'calls', '-f', 'compact', '-o', 'latest.txt'], { cwd: dir });
    expect(linked.status).toBe(1);
    expect(readFileSync(join(dir, 'reports/today.txt'), 'utf8')).toContain('calls/a.txt');
  });

  it('--cache-location FILE in the linted folder: the next run does not lint the cache', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': BAD });
    const args = ['--pack', './pack.yaml', '--no-config-lookup', 'calls', '-f', 'json', '--cache', '--cache-location', 'calls/lint-cache.json'];
    for (const run of [runCli(args, { cwd: dir }), runCli(args, { cwd: dir })]) {
      expect(run.status).toBe(1);
      expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['calls/a.txt']);
    }
  });
});
