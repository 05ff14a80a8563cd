// --fix, --fix-dry-run and --stdin through the real executable: what is written, what is printed, exit status.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter } from '../src/engine/linter.js';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';
import { FIXED, project, SCRIPT } from './trainer-project.js';


describe('--fix', () => {
  it('writes every fix into the files, leaves everything else, and reports what remains and how many changes it made', () => {
    const dir = project({ 'script.txt': SCRIPT, 'rest.txt': '客服: 什么事？\n' });
    const run = runCli(['--fix', '.'], { cwd: dir });
    expect(readFileSync(join(dir, 'script.txt'), 'utf8')).toBe(FIXED);
    expect(readFileSync(join(dir, 'rest.txt'), 'utf8')).toBe('客服: 请问有什么可以帮您？\n');
    expect(run.stdout).toBe('\nrest.txt\n  1:5  error    开场须先问候  t/greet\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 2 files\n  3 changes applied by --fix\n');
    expect(run.status).toBe(1);
    // No temporary file is left behind.
    expect(readdirSync(dir).sort()).toEqual(['rest.txt', 'script.txt', 'transcript-lint.yaml']);
  });

  it('never touches a file with nothing to fix', () => {
    const dir = project({ 'clean.txt': '客服: 您好\n', 'unfixable.txt': '客服: 好的\n' });
    const before = ['clean.txt', 'unfixable.txt'].map((f) => statSync(join(dir, f), { bigint: true }));
    const run = runCli(['--fix', '.'], { cwd: dir });
    const after = ['clean.txt', 'unfixable.txt'].map((f) => statSync(join(dir, f), { bigint: true }));
    expect(after.map((s) => [s.ino, s.mtimeNs])).toEqual(before.map((s) => [s.ino, s.mtimeNs]));
    expect(run.stdout).toContain('unfixable.txt');
    expect(run.status).toBe(1);
  });
});

describe('--fix and ignored files', () => {
  it('leaves alone what --ignore-pattern or .transcript-lintignore leave out, and fixes it with --no-ignore', () => {
    const dir = project({ 'a.txt': '客服: 什么事？\n', 'b.txt': '客服: 什么事？\n', 'c.txt': '客服: 什么事？\n', '.transcript-lintignore': 'c.txt\n' });
    const run = runCli(['--fix', '--ignore-pattern', 'b.txt', '.'], { cwd: dir });
    expect(run.stdout).not.toMatch(/\bb\.txt|\bc\.txt/);
    expect(['a.txt', 'b.txt', 'c.txt'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['客服: 请问有什么可以帮您？\n', '客服: 什么事？\n', '客服: 什么事？\n']);
    runCli(['--fix', '--no-ignore', '.'], { cwd: dir });
    expect(['b.txt', 'c.txt'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['客服: 请问有什么可以帮您？\n', '客服: 请问有什么可以帮您？\n']);
  });
});

describe('--fix-dry-run', () => {
  it('prints each change as the sentence before and after, changed words marked in display columns; writes nothing', () => {
    const dir = project({ 'script.txt': '客服: 什么事？\n客户: 账单不对\n客服: 具体原因我也不知道\n' });
    const run = runCli(['--fix-dry-run', 'script.txt'], { cwd: dir });
    expect(readFileSync(join(dir, 'script.txt'), 'utf8')).toBe('客服: 什么事？\n客户: 账单不对\n客服: 具体原因我也不知道\n');
    expect(run.stdout).toBe([
      '',
      'script.txt',
      '  1:1  t/what',
      '    - 客服: 什么事？',
      '            ^^^^^^',
      '    + 客服: 请问有什么可以帮您？',
      '            ^^^^^^^^^^^^^^^^^^',
      '  3:1  t/idk',
      '    - 客服: 具体原因我也不知道',
      '                      ^^^^^^^^',
      '    + 客服: 具体原因我先帮您咨询一下',
      '                      ^^^^^^^^^^^^^^',
      '',
      '2 changes in 1 file would be written by --fix',
      '',
      '',
      'script.txt',
      '  1:5  error    开场须先问候  t/greet',
      '',
      '✖ 1 problem (1 error, 0 warnings) in 1 file',
      '',
    ].join('\n'));
    expect(run.status).toBe(1);
  });

  it('puts the fixed text in "output" of the json report, as ESLint does', () => {
    const dir = project({ 'script.txt': SCRIPT, 'clean.txt': '客服: 您好\n' });
    const results = JSON.parse(runCli(['--fix-dry-run', '-f', 'json', '.'], { cwd: dir }).stdout) as { filePath: string; output?: string }[];
    expect(results.map((r) => [r.filePath, r.output])).toEqual([['clean.txt', undefined], ['script.txt', FIXED]]);
  });

  it('does not combine with --fix', () => {
    const run = runCli(['--fix', '--fix-dry-run', 'x.txt']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('choose one');
  });
});

describe('--stdin', () => {
  it('lints standard input under the --stdin-filename name', () => {
    const dir = project({});
    const run = runCli(['--stdin', '--stdin-filename', 'scripts/new.txt', '-f', 'compact'], { cwd: dir, input: '客服: 什么事\n' });
    expect(run.stdout).toBe('scripts/new.txt:1:5: error 开场须先问候 [t/greet]\nscripts/new.txt:1:5: error 不可以说 「什么事」 → 「请问有什么可以帮您？」 [t/what]\n\n2 problems\n');
    expect(run.status).toBe(1);
  });

  it('with --fix prints the fixed transcript on stdout and the report on stderr', () => {
    const dir = project({});
    const run = runCli(['--stdin', '--fix'], { cwd: dir, input: SCRIPT.replace('您好，', '') });
    expect(run.stdout).toBe(FIXED.replace('您好，', ''));
    expect(run.stderr).toContain('<stdin>\n  2:5  error    开场须先问候  t/greet');
    expect(run.status).toBe(1);
  });

  it('with --fix passes input that cannot be fixed through unchanged, exiting 2', () => {
    const notUtf8 = Buffer.from([0xbf, 0xcd, 0xb7, 0xfe, 0x3a, 0x20, 0xc4, 0xfa, 0xba, 0xc3, 0x0a]); // GBK 客服: 您好
    const run = spawnSync(process.execPath, [BIN, '--stdin', '--fix', '--encoding', 'utf-8'], { cwd: project({}), input: notUtf8, env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stdout).toEqual(notUtf8);
    expect(run.stderr.toString()).toMatch(/<stdin>\n +error +not valid utf-8/);
    expect(run.status).toBe(2);
  });

  it('with --fix-dry-run -f json reports the output as ESLint does', () => {
    const dir = project({});
    const [result] = JSON.parse(runCli(['--stdin', '--fix-dry-run', '-f', 'json'], { cwd: dir, input: SCRIPT }).stdout) as { filePath: string; output: string }[];
    expect([result.filePath, result.output]).toEqual(['<stdin>', FIXED]);
  });

  it('says that a --stdin-filename the ignore rules leave out is not linted, and passes it through --fix unchanged', () => {
    const dir = project({ '.transcript-lintignore': 'drafts/\n' });
    const input = '客服: 什么事？\n';
    const run = runCli(['--stdin', '--stdin-filename', 'drafts/a.txt', '-f', 'compact'], { cwd: dir, input });
    expect([run.status, run.stdout]).toEqual([0, 'drafts/a.txt:0:0: warning .transcript-lintignore or --ignore-pattern leaves this file out, so it was not linted; --no-ignore lints it\n\n1 problem\n']);
    expect(runCli(['--stdin', '--stdin-filename', 'drafts/a.txt', '--fix'], { cwd: dir, input }).stdout).toBe(input);
    expect(runCli(['--stdin', '--stdin-filename', 'a.txt', '--ignore-pattern', 'a.txt', '-f', 'compact'], { cwd: dir, input }).stdout).toContain('not linted');
    const linted = runCli(['--stdin', '--stdin-filename', 'drafts/a.txt', '--no-ignore', '-f', 'compact'], { cwd: dir, input });
    expect([linted.status, linted.stdout]).toEqual([1, expect.stringContaining('drafts/a.txt:1:5: error')]);
  });

  it('does not also take file names', () => {
    const run = runCli(['--stdin', 'a.txt'], { input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('do not also name files');
  });
});

describe('stylish output for trainers', () => {
  it('shows the wording to use under each fixable problem and counts what --fix can do', () => {
    const dir = project({ 'script.txt': '客服: 您好\n客服: 什么事？不知道\n' });
    const run = runCli(['script.txt'], { cwd: dir });
    expect(run.stdout).toBe([
      '',
      'script.txt',
      '  2:5  error    不可以说 「什么事」  t/what',
      '                → 建议: 请问有什么可以帮您？  [--fix]',
      '  2:9  error    不要说 「不知道」    t/idk',
      '                → 建议: 我先帮您咨询一下  [--fix]',
      '',
      '✖ 2 problems (2 errors, 0 warnings) in 1 file',
      '  2 problems are fixable with --fix',
      '',
    ].join('\n'));
  });
});

describe('the trainer example', () => {
  it('fixes the example role-play script with one command, keeping its comments and directives', () => {
    const original = readFileSync(join(ROOT, 'fixtures/trainer/role-play.txt'), 'utf8');
    const dir = tempDir({ 'transcript-lint.yaml': readFileSync(join(ROOT, 'fixtures/trainer/transcript-lint.yaml'), 'utf8'), 'role-play.txt': original });
    const linter = Linter.create({ cwd: dir });
    const before = linter.lintText(original, 'role-play.txt');
    expect(before.messages.filter((m) => m.ruleId?.startsWith('training/')).map((m) => [m.ruleId, m.line, m.suggestion])).toEqual([
      ['training/no-unsure', 17, '我帮您确认一下'],
      ['training/no-bare-ok', 19, '好的，马上为您办理'],
    ]);
    // The 反面示范 line is left alone, with the reason kept.
    expect(before.suppressedMessages.length).toBeGreaterThan(0);
    expect(before.suppressedMessages.every((m) => m.line === 16 && JSON.stringify(m.suppressions) === '[{"kind":"directive","justification":"反面示范"}]')).toBe(true);
    const fixableLines = [...new Set(before.messages.filter((m) => m.fix).map((m) => m.line))];

    runCli(['--fix', 'role-play.txt'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'role-play.txt'), 'utf8');
    const changedLines = original.split('\n').flatMap((line, i) => (fixed.split('\n')[i] !== line ? [i + 1] : []));
    expect(changedLines).toEqual(fixableLines);
    expect(fixed.split('\n')).toContain('客服: 我帮您确认一下。我可以帮您查一下通话详单，好吗？');
    expect(fixed.split('\n')).toContain('客服: 不知道，你自己再想想吧。');
    expect(linter.lintText(fixed, 'role-play.txt').messages.filter((m) => m.fix)).toEqual([]);
  });
});
