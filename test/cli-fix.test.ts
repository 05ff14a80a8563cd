// --fix, --fix-dry-run and --stdin through the real executable: what is written, what is printed, exit status.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';
import { FIXED, project, SCRIPT } from './trainer-project.js';


describe('--fix', () => {
  it('writes every suggested wording into the file and leaves everything else as it was', () => {
    const dir = project({ 'script.txt': SCRIPT });
    const run = runCli(['--fix', 'script.txt'], { cwd: dir });
    expect(readFileSync(join(dir, 'script.txt'), 'utf8')).toBe(FIXED);
    expect(run.stdout).toBe('✔ 1 file checked, no problems\n');
    expect(run.status).toBe(0);
    // No temporary file is left behind.
    expect(readdirSync(dir).sort()).toEqual(['script.txt', 'transcript-lint.yaml']);
  });

  it('reports what remains after fixing, and exits 1 for it', () => {
    const dir = project({ 'script.txt': '客服: 什么事？\n' });
    const run = runCli(['--fix', 'script.txt'], { cwd: dir });
    expect(readFileSync(join(dir, 'script.txt'), 'utf8')).toBe('客服: 请问有什么可以帮您？\n');
    expect(run.stdout).toContain('1:5  error    开场须先问候  t/greet');
    expect(run.stdout).not.toContain('t/what');
    expect(run.status).toBe(1);
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

describe('--fix-dry-run', () => {
  it('prints a unified diff of what --fix would change and the problems that would remain; writes nothing', () => {
    const dir = project({ 'script.txt': '客服: 什么事？\n客户: 账单不对\n客服: 不知道\n' });
    const run = runCli(['--fix-dry-run', 'script.txt'], { cwd: dir });
    expect(readFileSync(join(dir, 'script.txt'), 'utf8')).toBe('客服: 什么事？\n客户: 账单不对\n客服: 不知道\n');
    expect(run.stdout).toBe([
      '--- script.txt',
      '+++ script.txt',
      '@@ -1,3 +1,3 @@',
      '-客服: 什么事？',
      '+客服: 请问有什么可以帮您？',
      ' 客户: 账单不对',
      '-客服: 不知道',
      '+客服: 我先帮您咨询一下',
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

  it('with --fix-dry-run -f json reports the output as ESLint does', () => {
    const dir = project({});
    const [result] = JSON.parse(runCli(['--stdin', '--fix-dry-run', '-f', 'json'], { cwd: dir, input: SCRIPT }).stdout) as { filePath: string; output: string }[];
    expect([result.filePath, result.output]).toEqual(['<stdin>', FIXED]);
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
      '                → 建议: 请问有什么可以帮您？',
      '  2:9  error    不要说 「不知道」    t/idk',
      '                → 建议: 我先帮您咨询一下',
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
    const before = JSON.parse(runCli(['-f', 'json', 'role-play.txt'], { cwd: dir }).stdout) as { messages: { ruleId: string; suggestion?: string }[]; suppressedMessages: { ruleId: string }[] }[];
    expect(before[0].messages.filter((m) => m.ruleId.startsWith('training/')).map((m) => [m.ruleId, m.suggestion])).toEqual([
      ['training/no-idk', '我帮您确认一下'],
      ['training/ask-again-politely', '不好意思，请您再说一遍'],
    ]);
    expect(before[0].suppressedMessages.map((m) => m.ruleId)).toContain('training/no-idk');
    runCli(['--fix', 'role-play.txt'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'role-play.txt'), 'utf8');
    const changed = original.split('\n').filter((line, i) => fixed.split('\n')[i] !== line);
    expect(changed.every((line) => line.startsWith('客服:'))).toBe(true);
    expect(fixed.split('\n').filter((l) => l.includes('#'))).toEqual(original.split('\n').filter((l) => l.includes('#')));
    const after = JSON.parse(runCli(['-f', 'json', 'role-play.txt'], { cwd: dir }).stdout) as { fixableErrorCount: number; fixableWarningCount: number }[];
    expect(after[0].fixableErrorCount + after[0].fixableWarningCount).toBe(0);
  });
});
