// ESLint's conventions where users expect them: no files means the working folder, help in sections, a pattern
// that matches nothing is an error about the command line, "in 4 of 5 files", notices once per run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FORMATTERS } from '../../src/report/index.js';
import { TRANSCRIPT_EXTENSIONS } from '../../src/transcript/index.js';
import { GREET_RULE, ROOT, runCli, SPEAKERS, tempDir } from '../helpers.js';

const PACK = `name: demo\n${SPEAKERS}rules:\n${GREET_RULE}`;
const GOOD = '客服: 您好，请问有什么可以帮您？\n客户: 查话费\n';
const BAD = '客服: 什么事？\n客户: 查话费\n';

function project(files: Record<string, string> = {}): string {
  return tempDir({ 'transcript-lint.yaml': 'extends: ./demo.yaml\n', 'demo.yaml': PACK, ...files });
}

describe('ESLint conventions', () => {
  it('without file arguments lints the working folder, skipping node_modules and dot folders', () => {
    const cwd = project({ 'a.txt': BAD, 'calls/b.txt': BAD, 'calls/c.txt': GOOD, 'node_modules/x/d.txt': BAD, '.git/e.txt': BAD });
    const run = runCli(['-f', 'json'], { cwd });
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual(['a.txt', 'calls/b.txt', 'calls/c.txt']);
    expect(runCli(['node_modules', '-f', 'compact'], { cwd }).stdout).toContain('node_modules/x/d.txt');
  });

  it('--help lists options in sections, every format, and no "(default: false)"', () => {
    const help = runCli(['--help']).stdout;
    for (const section of ['Basic configuration:', 'Output:', 'Handle warnings:', 'Fix problems:', 'Inline configuration comments:', 'Input:', 'Large runs:', 'Writing packs:', 'Editors:', 'Miscellaneous:']) {
      expect(help).toContain(`\n${section}\n`);
    }
    expect(help).not.toContain('(default: false)');
    expect(help).not.toContain('(default: [])');
    // What is read (links followed, files too large) is input, not a matter of large runs.
    const input = help.slice(help.indexOf('\nInput:\n'), help.indexOf('\nLarge runs:\n'));
    for (const option of ['-L, --follow-symlinks', '--max-file-size <size>', '--encoding <name>']) expect(input, option).toContain(option);
    const formats = /report format: ([^(]+)\(/.exec(help.replace(/\s+/g, ' '))![1];
    expect(formats.split(',').map((f) => f.trim()).filter(Boolean).sort()).toEqual([...FORMATTERS.keys()].sort());
  });

  it('a pattern that matches nothing is an error message, not a problem in a file', () => {
    const cwd = project({ 'a.txt': BAD, 'b.txt': GOOD });
    const alone = runCli(['nope.txt'], { cwd });
    expect([alone.status, alone.stdout]).toEqual([2, '✖ "nope.txt": no such file or folder; check the path or pattern (or pass --no-error-on-unmatched-pattern)\n']);
    const mixed = runCli(['a.txt', 'b.txt', 'calls/*.txt'], { cwd });
    expect(mixed.status).toBe(2);
    expect(mixed.stdout).toContain('✖ 1 problem (1 error, 0 warnings) in 1 of 2 files\n');
    expect(mixed.stdout).toContain('\n✖ "calls/*.txt": no transcript files match; check the path');
    expect(mixed.stdout).not.toContain('could not be linted');
    // Programs still get the pattern as a result under its own name (shard reports merge it back).
    const json = JSON.parse(runCli(['a.txt', 'nope.txt', '-f', 'json'], { cwd }).stdout) as { filePath: string; unmatchedPattern?: boolean }[];
    expect(json.map((r) => [r.filePath, r.unmatchedPattern ?? false])).toEqual([['a.txt', false], ['nope.txt', true]]);
  });

  it('the summary says how many of the files had problems', () => {
    const cwd = project({ 'a.txt': BAD, 'b.txt': BAD, 'c.txt': GOOD });
    expect(runCli([], { cwd }).stdout).toContain('✖ 2 problems (2 errors, 0 warnings) in 2 of 3 files\n');
    expect(runCli(['a.txt', 'b.txt'], { cwd }).stdout).toContain('✖ 2 problems (2 errors, 0 warnings) in 2 files\n');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('runs the installed executable on the transcripts a commit touches (ignored ones are not an error)', () => {
    const [hook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; args: string[] }[];
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(hook.id).toBe('transcript-lint');
    expect(hook.language).toBe('node');
    expect(Object.keys(pkg.bin)).toContain(hook.entry);
    const files = new RegExp(hook.files);
    // Transcript formats match; .json is left out because a repository is full of JSON that is not a transcript.
    expect(TRANSCRIPT_EXTENSIONS.filter((ext) => files.test(`scripts/a${ext}`))).toEqual(['.txt', '.srt', '.vtt']);
    expect(files.test('package.json')).toBe(false);
    // pre-commit appends the staged file names to entry + args.
    const cwd = project({ 'scripts/a.txt': BAD, 'scripts/b.txt': GOOD, 'scripts/old/c.txt': BAD, '.transcript-lintignore': 'old/\n' });
    const run = runCli([...hook.args, 'scripts/a.txt', 'scripts/b.txt', 'scripts/old/c.txt'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('scripts/a.txt');
  });
});
