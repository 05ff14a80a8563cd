// The real executable: stdout, stderr and exit status.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, GREET_RULE, ROOT, runCli, tempDir, SPEAKERS } from '../helpers.js';

const PACK = `name: demo\n${SPEAKERS}rules:
${GREET_RULE}  idk:
    kind: banned
    speaker: agent
    severity: warn
    phrases: [不知道]
    suggest: 我先帮您咨询一下
    message: 禁用语
`;

function project(extra: Record<string, string> = {}): string {
  return tempDir({
    'transcript-lint.yaml': 'extends: ./demo.yaml\n',
    'demo.yaml': PACK,
    'calls/good.txt': '客服: 您好，请问有什么可以帮您？\n客户: 查话费\n',
    'calls/bad.txt': '客服: 什么事？\n客户: 查话费\n客服: 这个我不知道\n',
    ...extra,
  });
}

describe('transcript-lint CLI', () => {
  it('prints the version of package.json for --version and -v (answered before the linter loads), exit 0', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(runCli([flag])).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it('prints line-numbered problems grouped by file and exits 1 on errors', () => {
    const cwd = project();
    const run = runCli(['calls'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('calls/bad.txt');
    expect(run.stdout).toMatch(/ 1:5 +error +开场须先问候 +demo\/greet/);
    expect(run.stdout).toMatch(/ 3:8 +warning +禁用语 「不知道」 +demo\/idk\n +→ 建议: 我先帮您咨询一下\n/);
    expect(run.stdout).toContain('✖ 2 problems (1 error, 1 warning) in 1 of 2 files');
    expect(run.stdout).not.toContain('calls/good.txt');
    expect(run.stdout).not.toMatch(/\x1b\[/); // NO_COLOR / piped: plain
  });

  it('exits 0 when only warnings remain within --max-warnings, 1 above it', () => {
    const cwd = project();
    expect(runCli(['calls', '--rule', 'demo/greet: off'], { cwd }).status).toBe(0);
    const over = runCli(['calls', '--rule', 'demo/greet: off', '--max-warnings', '0'], { cwd });
    expect(over.status).toBe(1);
    expect(over.stderr).toContain('too many warnings (1, at most 0 allowed)');
  });

  it('--quiet reports errors only', () => {
    const run = runCli(['calls', '--quiet', '-f', 'compact'], { cwd: project() });
    expect(run.stdout).toContain('calls/bad.txt:1:5: error 开场须先问候 [demo/greet]');
    expect(run.stdout).not.toContain('demo/idk');
  });

  it('--format json is ESLint-shaped, -o writes it to a file', () => {
    const cwd = project();
    const run = runCli(['calls', '-f', 'json', '-o', 'out/report.json'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const results = JSON.parse(readFileSync(join(cwd, 'out/report.json'), 'utf8'));
    expect(results.map((r: { filePath: string }) => r.filePath)).toEqual(['calls/bad.txt', 'calls/good.txt']);
    expect(results[0]).toMatchObject({
      // `suggest:` wording is a suggestion (ESLint's shape), not a fix: --fix leaves it alone.
      errorCount: 1, warningCount: 1, fatalErrorCount: 0, fixableWarningCount: 0,
      messages: [
        { ruleId: 'demo/greet', severity: 2, line: 1, column: 5, endLine: 1, endColumn: 9 },
        { ruleId: 'demo/idk', severity: 1, line: 3, column: 8, endLine: 3, endColumn: 11, suggestions: [{ fix: { text: '我先帮您咨询一下' } }] },
      ],
    });
  });

  it('a broken pack is reported as FILE:LINE:COLUMN with a hint, exit 2', () => {
    const cwd = project({ 'demo.yaml': PACK.replace('kind: banned', 'kind: baned') });
    const run = runCli(['calls'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('demo.yaml:13:11: unknown rule kind "baned"\n  hint: did you mean "banned"?');
    expect(run.stdout).toBe('');
  });

  it('a file that cannot be linted is reported, the others are still linted, exit 2', () => {
    const cwd = project({ 'calls/binary.txt': '\u0000\u0001\u0002' });
    const run = runCli(['calls', '-f', 'compact'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('calls/binary.txt:0:0: error binary file');
    expect(run.stdout).toContain('calls/bad.txt:1:5: error 开场须先问候 [demo/greet]');
  });

  it('a path that does not exist is an error (exit 2) unless --no-error-on-unmatched-pattern', () => {
    const cwd = project();
    const missing = runCli(['calls', 'nope.txt', '--rule', 'demo/greet: off'], { cwd });
    expect(missing.status).toBe(2);
    expect(missing.stdout).toContain('nope.txt');
    expect(missing.stdout).toContain('no such file or folder');
    expect(runCli(['calls', 'nope/*.txt', '--no-error-on-unmatched-pattern', '--rule', 'demo/greet: off'], { cwd }).status).toBe(0);
  });

  it('--pack and -c select packs; without a config the built-in zh-callcenter pack is used', () => {
    const cwd = tempDir({ 'a.txt': '客服: 什么事\n', 'p.yaml': PACK });
    const builtin = runCli(['a.txt', '-f', 'json'], { cwd });
    expect(JSON.parse(builtin.stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId.startsWith('zh-callcenter/'))).toBe(true);
    const own = runCli(['a.txt', '-f', 'json', '--pack', './p.yaml'], { cwd });
    expect(JSON.parse(own.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['demo/greet']);
    const config = runCli(['a.txt', '-c', 'missing.yaml'], { cwd });
    expect(config.status).toBe(2);
    expect(config.stderr).toContain('missing.yaml: config file not found');
  });

  it('--color forces colors even when piped', () => {
    const run = runCli(['calls', '--color'], { cwd: project() });
    expect(run.stdout).toMatch(/\x1b\[31m/);
  });

  // A terminal made by script(1): colors there unless the environment says no, as Node, chalk and most tools read it.
  // Until 2026-12-01 FORCE_COLOR=0 and TERM=dumb (Emacs shells, some CI consoles) still got escape sequences.
  it.skipIf(!existsSync('/usr/bin/script') || process.platform !== 'linux')('on a terminal: colors, but none with NO_COLOR, FORCE_COLOR=0 or TERM=dumb', () => {
    const cwd = project();
    const onTerminal = (env: NodeJS.ProcessEnv): string => spawnSync('/usr/bin/script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} calls --no-progress`, '/dev/null'],
      { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm-256color', ...env }, timeout: 60_000 }).stdout;
    expect(onTerminal({})).toMatch(/\x1b\[31m/);
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }, { FORCE_COLOR: 'false' }, { TERM: 'dumb' }]) {
      const out = onTerminal(env);
      expect(out, JSON.stringify(env)).toContain('calls/bad.txt');
      expect(out, JSON.stringify(env)).not.toMatch(/\x1b/);
    }
    // A dumb terminal gets no progress bar either (it redraws its line with escape sequences).
    const dumb = spawnSync('/usr/bin/script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} calls`, '/dev/null'],
      { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', TERM: 'dumb' }, timeout: 60_000 }).stdout;
    expect(dumb).toContain('calls/bad.txt');
    expect(dumb).not.toMatch(/\x1b/);
    // --color still forces them.
    expect(spawnSync('/usr/bin/script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} calls --color`, '/dev/null'],
      { cwd, encoding: 'utf8', env: { ...process.env, TERM: 'dumb' }, timeout: 60_000 }).stdout).toMatch(/\x1b\[31m/);
  });

  it('an unknown option or format exits 2 with help', () => {
    expect(runCli(['--bogus']).status).toBe(2);
    const format = runCli(['calls', '-f', 'xml'], { cwd: project() });
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('unknown format "xml"');
  });

  it('-f html report.html (the colon forgotten) exits 2 naming -f html:report.html, writing nothing', () => {
    const cwd = project();
    const run = runCli(['-f', 'html', 'report.html', 'calls'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('write -f html:report.html to put the report there');
    expect(existsSync(join(cwd, 'report.html'))).toBe(false);
  });
});
