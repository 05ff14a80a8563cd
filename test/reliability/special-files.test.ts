// Reliability, hangs (item 4) and leaks through links (item 10): a FIFO, /dev/zero or a socket is reported and
// never read — given as an argument or as a pack's `extends:` — and the rest of the batch is linted; a symbolic
// link out of the linted folder is followed only with --follow-symlinks.
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GREET_RULE, packWith, runCli, tempDir } from '../helpers.js';

const PACK = packWith(`rules:\n${GREET_RULE}`);
const GOOD = '客服: 您好\n客户: 你好\n';
const canMakeFifo = process.platform !== 'win32';

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

interface JsonResult {
  filePath: string;
  messages: { fatal?: boolean; message: string }[];
  source?: string;
}

describe('item 4: non-regular files', () => {
  it.skipIf(!canMakeFifo)('a FIFO argument is reported (exit 2) and the other files are still linted, without hanging', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': GOOD });
    mkfifo(join(dir, 'pipe.txt'));
    const run = runCli(['--pack', './pack.yaml', '-f', 'json', 'pipe.txt', 'a.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.map((r) => r.filePath)).toEqual(['a.txt', 'pipe.txt']);
    expect(results[0].messages).toEqual([]);
    expect(results[1].messages[0].message).toContain('named pipe (FIFO), not a regular file');
  });

  it('/dev/zero as an argument is reported, not read forever', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': GOOD });
    const run = runCli(['--pack', './pack.yaml', '-f', 'json', '/dev/zero', 'a.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.find((r) => r.filePath === '/dev/zero')?.messages[0].message).toContain('character device, not a regular file');
  });

  it.skipIf(!canMakeFifo)('a FIFO named by extends: is a pack error with a hint, not a hang', () => {
    const dir = tempDir({ 'a.txt': GOOD, 'pack.yaml': `extends: ./parent.yaml\n${PACK}` });
    mkfifo(join(dir, 'parent.yaml'));
    const run = runCli(['--pack', './pack.yaml', 'a.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('parent.yaml: cannot read this pack: a named pipe (FIFO), not a regular file');
  });

  it.skipIf(!canMakeFifo)('a FIFO swapped in after discovery is not read (the reader checks what it opened)', async () => {
    const { Linter } = await import('../../src/engine/linter.js');
    const dir = tempDir({ 'pack.yaml': PACK });
    mkfifo(join(dir, 'late.txt'));
    const linter = Linter.create({ cwd: dir, packs: ['./pack.yaml'], noConfigLookup: true });
    expect(linter.lintFile(join(dir, 'late.txt'), 'late.txt').messages[0].message).toContain('not a regular file');
  });
});

describe('item 6: --max-file-size', () => {
  it('a file over the limit is reported and skipped; the others are linted; a bad size is refused', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': GOOD, 'big.txt': GOOD.repeat(200) });
    const run = runCli(['--pack', './pack.yaml', '-f', 'json', '--max-file-size', '1K', 'a.txt', 'big.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results[0].messages).toEqual([]);
    expect(results[1].messages[0].message).toMatch(/^the file is larger than 1\.0 KiB \(.*\): skipped; raise --max-file-size to lint it$/);
    expect(runCli(['--max-file-size', 'lots', 'a.txt'], { cwd: dir }).status).toBe(2);
  });
});

describe('item 10: symbolic links out of the linted folder', () => {
  function secretSetup(): { dir: string; secretText: string } {
    const secretText = '客服: 您好，密码是 hunter2-secret\n';
    const outside = tempDir({ 'secret.txt': secretText });
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': GOOD });
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'calls', 'leak.txt'));
    return { dir, secretText };
  }

  it('are not followed by default: the target never reaches the report, and stderr says why', () => {
    const { dir } = secretSetup();
    const run = runCli(['--pack', './pack.yaml', '-f', 'html', '-o', 'report.html', 'calls'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('hunter2-secret');
    expect(run.stderr).toContain('1 symbolic link leads out of the linted folders and was not followed (--follow-symlinks follows them)');
  });

  it('are followed with --follow-symlinks', () => {
    const { dir } = secretSetup();
    const run = runCli(['--pack', './pack.yaml', '-f', 'json', '--follow-symlinks', 'calls'], { cwd: dir });
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['calls/a.txt', 'calls/leak.txt']);
  });

  it('a glob does not follow them either; a link inside the folder is followed', () => {
    const { dir } = secretSetup();
    symlinkSync('a.txt', join(dir, 'calls', 'inside.txt'));
    writeFileSync(join(dir, 'calls', 'b.txt'), GOOD);
    const run = runCli(['--pack', './pack.yaml', '-f', 'json', 'calls/*.txt'], { cwd: dir });
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['calls/a.txt', 'calls/b.txt']);
  });
});
