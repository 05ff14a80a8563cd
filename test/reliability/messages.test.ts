// Reliability, internal errors (item 7) and messages (item 13): each hostile input gets a clear message naming the
// file (and line and column where there is one), never a stack trace.
import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, DecodeError } from '../../src/transcript/decode.js';
import { lintFilesStream, lintThreadCount } from '../../src/runner/lint-files.js';
import type { LintResult } from '../../src/types.js';
import { GREET_RULE, packWith, runCli, tempDir } from '../helpers.js';

const PACK = packWith(`rules:\n${GREET_RULE}`);
const NO_STACK = /\n\s+at |internal error/;

describe('item 7: no internal errors', () => {
  it('--group-by meta:constructor and meta:toString group nothing instead of crashing', () => {
    for (const key of ['constructor', 'toString', '__proto__']) {
      const run = runCli(['--group-by', `meta:${key}`, 'fixtures/zh']);
      expect(run.stderr).not.toMatch(NO_STACK);
      expect(run.stdout).toContain(`(no ${key})`);
    }
  });

  it('a billion-laughs pack and a 5,000-deep one are refused, naming the file', () => {
    const laughs = ['name: x', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    const dir = tempDir({ 'laughs.yaml': laughs.join('\n'), 'deep.yaml': `name: y\nrules: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'a.txt': '客服: 您好\n' });
    const laughing = runCli(['--pack', './laughs.yaml', 'a.txt'], { cwd: dir });
    expect([laughing.status, laughing.stderr]).toEqual([2, expect.stringMatching(/^laughs\.yaml:5:\d+: too many YAML aliases/)]);
    const deep = runCli(['--pack', './deep.yaml', 'a.txt'], { cwd: dir });
    expect(deep.status).toBe(2);
    expect(deep.stderr).toMatch(/^deep\.yaml:2:\d+: the YAML is nested too deeply to read/);
    expect(laughing.stderr + deep.stderr).not.toMatch(NO_STACK);
  });

  it('a pack whose aliases expand too often, name no anchor, or hold themselves is refused at the alias', () => {
    const laughs = ['name: x', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c']]) laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    const flat = ['name: z', 'a: &a [x]', 'b:', ...Array.from({ length: 120 }, () => '  - *a')];
    const dir = tempDir({
      'laughs.yaml': laughs.join('\n'),
      'flat.yaml': flat.join('\n'),
      'unset.yaml': 'name: u\nrules:\n  r: *nothing\n',
      'loop.yaml': 'name: l\nphrases:\n  x: &x\n    - 你好\n    - *x\n',
      'a.txt': '客服: 您好\n',
    });
    const run = (pack: string) => runCli(['--pack', `./${pack}`, 'a.txt'], { cwd: dir });
    // The library counts expansions as it builds the data; the first alias past the limit is named.
    expect(run('laughs.yaml')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^laughs\.yaml:5:\d+: too many YAML aliases/) });
    expect(run('flat.yaml')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^flat\.yaml:103:5: too many YAML aliases/) });
    expect(run('unset.yaml')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^unset\.yaml:3:6: the alias \*nothing names no anchor/) });
    expect(run('loop.yaml')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^loop\.yaml:5:7: the alias \*x stands inside the value of its own anchor/) });
    for (const pack of ['laughs.yaml', 'flat.yaml', 'unset.yaml', 'loop.yaml']) expect(run(pack).stderr).not.toMatch(NO_STACK);
  });

  it('--merge refuses a report whose messages hold null, naming the report', () => {
    const dir = tempDir({ 'r.jsonl': `${JSON.stringify({ filePath: 'a.txt', messages: [null], errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 })}\n` });
    const run = runCli(['--merge', 'r.jsonl'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('r.jsonl: line 1, message 1 is not a transcript-lint message');
    expect(run.stderr).not.toMatch(NO_STACK);
  });

  it('--merge refuses a report whose other fields have the wrong type (hand-edited), naming the report and the field', () => {
    const result = { filePath: 'a.txt', messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [] };
    const message = { ruleId: 'p/r', severity: 2, message: 'm', line: 1, column: 1 };
    const wrong: [string, Record<string, unknown>][] = [
      ['score', { score: 'x' }],
      ['score', { score: { points: 50, stars: 3, failed: false, critical: 'p/r' } }],
      ['source', { source: 5 }],
      ['turns', { source: '客服: 您好', turns: 'x' }],
      ['turns', { source: '客服: 您好', turns: [{ role: 'agent', label: '客服', lines: 'x' }] }],
      ['suggestions', { messages: [{ ...message, suggestions: [null] }] }],
      ['endLine', { messages: [{ ...message, endLine: 'x' }] }],
      ['suppressions', { suppressedMessages: [{ ...message, suppressions: [null] }] }],
    ];
    for (const [field, fields] of wrong) {
      const dir = tempDir({ 'r.jsonl': `${JSON.stringify({ ...result, ...fields })}\n` });
      const run = runCli(['--merge', 'r.jsonl', '-f', 'sarif', '-f', 'html:r.html'], { cwd: dir });
      expect(run.stderr).not.toMatch(NO_STACK);
      expect([run.status, run.stderr]).toEqual([2, expect.stringContaining(`r.jsonl: line 1`)]);
      expect(run.stderr).toContain(`"${field}"`);
    }
  });

  it('--concurrency 1000 starts a sane number of threads', () => {
    expect(lintThreadCount(1000, 100_000)).toBe(Math.max(4, 2 * availableParallelism()));
  });
});

describe('item 13: messages say what and where', () => {
  it('an extends loop is reported at the extends entry that closes it', () => {
    const dir = tempDir({ 'a.yaml': 'name: a\nextends: ./b.yaml\n', 'b.yaml': 'name: b\nrules: {}\nextends:\n  - ./a.yaml\n', 't.txt': '客服: 您好\n' });
    const run = runCli(['--pack', './a.yaml', 't.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('b.yaml:4:5: packs extend each other in a loop: a.yaml → b.yaml → a.yaml');
  });

  it('a BOM + GB18030 file names the offending byte counted from the start of the file', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('客服: '), iconv.encode('您好', 'gb18030')]);
    let error: DecodeError | undefined;
    try {
      decode(bytes);
    } catch (err) {
      error = err as DecodeError;
    }
    const offset = 3 + Buffer.byteLength('客服: ');
    expect(error?.message).toContain(`(byte ${offset})`);
    expect(error?.byteOffset).toBe(offset);
  });

  it('a symlink loop named on the command line is called a loop, not a broken link', () => {
    const dir = tempDir({ 'pack.yaml': PACK });
    symlinkSync('b.txt', join(dir, 'a.txt'));
    symlinkSync('a.txt', join(dir, 'b.txt'));
    const run = runCli(['--pack', './pack.yaml', '-f', 'compact', 'a.txt'], { cwd: dir });
    expect(run.stdout.split('\n')[0]).toBe('a.txt:0:0: error symbolic links point at each other in a loop; fix or remove the link');
  });

  it('a BOM-less UTF-16 file with one lone surrogate is damaged text at a place, not "binary"', () => {
    const text = Buffer.from('客服: 您好，请问有什么可以帮您？\n客户: 我的账单不对\n', 'utf16le');
    const bytes = Buffer.concat([text, Buffer.from([0x00, 0xd8]), Buffer.from('好\n', 'utf16le')]);
    expect(() => decode(bytes)).toThrow(`not valid utf-16le: half of a character (a lone surrogate) at byte ${text.length}`);
  });

  it('a file removed after the run found it is said to be gone since, not sent back to the command line ("check the path"); the others are linted', async () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': '客服: 您好\n', 'calls/b.txt': '客服: 您好\n', 'calls/c.txt': '客服: 请讲\n' });
    const results: LintResult[] = [];
    const options = { cwd: dir, packs: ['./pack.yaml'], noConfigLookup: true, concurrency: 1, onTotal: () => rmSync(join(dir, 'calls/b.txt')) };
    for await (const result of lintFilesStream(['calls'], options)) results.push(result);
    expect(results.map((r) => [r.filePath, r.messages.map((m) => m.message)])).toEqual([
      ['calls/a.txt', []],
      ['calls/b.txt', ['file not found: it was removed or moved after the run found it, while the run went on (or it is a broken symbolic link); lint it again where it is now']],
      ['calls/c.txt', ['开场须先问候']],
    ]);
  });

  it.skipIf(process.platform !== 'linux')('a file name that is not UTF-8 is called that, not "file not found"', () => {
    const dir = tempDir({ 'pack.yaml': PACK });
    // A GBK name: bytes the shell passes through but Node reads as U+FFFD.
    execFileSync('sh', ['-c', `printf '客服: 您好\\n' > "$(printf 'call-\\266\\324.txt')"`], { cwd: dir });
    const run = runCli(['--pack', './pack.yaml', '-f', 'compact', '.'], { cwd: dir });
    expect(run.stdout).toContain('the file name is not valid UTF-8');
    expect(run.stdout).not.toContain('file not found');
  });
});
