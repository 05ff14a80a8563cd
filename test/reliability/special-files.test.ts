// Reliability, hangs (item 4) and leaks through links (item 10): a FIFO, /dev/zero or a socket is reported and
// never read — given as an argument or as a pack's `extends:` — and the rest of the batch is linted; a symbolic
// link out of the linted folder is followed only with --follow-symlinks.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, GREET_RULE, packWith, runCli, tempDir } from '../helpers.js';

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

  it.skipIf(!canMakeFifo)('a FIFO or a link to /dev/zero met in a folder or by a glob under a transcript\'s name is reported (exit 2), and the others linted', () => {
    // Until 2026-12-02 both were passed over without a word, exit 0: a recorder's pipe left among the calls was never said.
    const dir = tempDir({ 'pack.yaml': PACK, 'calls/a.txt': GOOD, '.transcript-lintignore': 'calls/ignored.txt\n' });
    mkfifo(join(dir, 'calls/pipe.txt'));
    mkfifo(join(dir, 'calls/ignored.txt'));
    mkfifo(join(dir, 'calls/pipe.wav'));
    symlinkSync('/dev/zero', join(dir, 'calls/zero.srt'));
    for (const pattern of ['calls', 'calls/*']) {
      const run = runCli(['--pack', './pack.yaml', '-f', 'json', pattern], { cwd: dir, timeout: 20_000 });
      expect(run.status).toBe(2);
      const results = JSON.parse(run.stdout) as JsonResult[];
      expect(Object.fromEntries(results.map((r) => [r.filePath, r.messages.map((m) => m.message)]))).toEqual({
        'calls/a.txt': [],
        'calls/pipe.txt': [expect.stringContaining('a named pipe (FIFO), not a regular file; only regular files are linted')],
        'calls/zero.srt': [expect.stringContaining('a character device, not a regular file')],
      });
    }
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
    expect(run.stderr).toContain('parent.yaml: cannot read this file: a named pipe (FIFO), not a regular file');
  });

  it('a folder given as the config is named as a file that cannot be read, not as a pack', () => {
    const dir = tempDir({ 'a.txt': GOOD, 'conf/x.txt': '' });
    const run = runCli(['-c', 'conf', 'a.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('conf: cannot read this file: a folder, not a regular file');
    expect(run.stderr).toContain('a pack or config must be a regular YAML file');
  });

  it.skipIf(!canMakeFifo)('a FIFO or /dev/zero as the --cache-location is not read and not replaced: the run lints without a cache', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': GOOD });
    mkfifo(join(dir, 'pipe.cache'));
    symlinkSync('/dev/zero', join(dir, 'zero.cache'));
    for (const cache of ['pipe.cache', 'zero.cache']) {
      // Killed outright if it hangs: blocked in open(), it cannot act on SIGTERM.
      const run = spawnSync(process.execPath, [BIN, '--pack', './pack.yaml', '-f', 'json', '--cache', '--cache-location', cache, 'a.txt'],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000, killSignal: 'SIGKILL' });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(0);
      expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['a.txt']);
      expect(run.stderr).toContain(`${cache} is not a regular file: not using it as the cache and not replacing it`);
    }
    expect(execFileSync('stat', ['-c', '%F', join(dir, 'pipe.cache')], { encoding: 'utf8' }).trim()).toBe('fifo');
  });

  it.skipIf(!canMakeFifo)('a .transcript-lintignore that is a folder or a FIFO stops the run with exit 2 before any file is linted or fixed, also --watch (a folder was an internal error; a FIFO hung the run, deaf to SIGTERM)', () => {
    for (const make of ['folder', 'fifo'] as const) {
      const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': '客服: 喂\n', 'skip/b.txt': '客服: 喂\n' });
      if (make === 'folder') mkdirSync(join(dir, '.transcript-lintignore'));
      else mkfifo(join(dir, '.transcript-lintignore'));
      for (const args of [['.'], ['--fix', '.'], ['--stdin', '--stdin-filename', 'a.txt'], ['--watch', '.']]) {
        const run = spawnSync(process.execPath, [BIN, '--pack', './pack.yaml', ...args], { cwd: dir, input: '客服: 喂\n', encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000, killSignal: 'SIGKILL' });
        expect(run.signal, `${make} ${args.join(' ')}`).toBeNull();
        expect([run.status, run.stdout], `${make} ${args.join(' ')}`).toEqual([2, '']);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(run.stderr).toBe(`transcript-lint: .transcript-lintignore cannot be read: ${make === 'folder' ? 'a folder' : 'a named pipe (FIFO)'}, not a regular file; make it a text file of patterns, or pass --no-ignore\n`);
      }
      expect(readFileSync(join(dir, 'skip/b.txt'), 'utf8')).toBe('客服: 喂\n');
      expect(runCli(['--pack', './pack.yaml', '--no-ignore', '-f', 'compact', '.'], { cwd: dir }).status).toBe(1);
    }
  });

  it('a .transcript-lintignore that is a broken symbolic link stops the run with exit 2, naming the link, before any file is linted or fixed', () => {
    // Until 2026-12-02 it was taken for no ignore file: every file was linted, and --fix rewrote the ones it was meant
    // to leave out (a team's ignore file linked from a share not mounted).
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': '客服: 喂\n', 'skip/b.txt': '客服: 喂\n' });
    const target = join(dir, 'shared', 'ignore');
    symlinkSync(target, join(dir, '.transcript-lintignore'));
    for (const args of [['.'], ['--fix', '.'], ['--stdin', '--stdin-filename', 'a.txt']]) {
      const run = spawnSync(process.execPath, [BIN, '--pack', './pack.yaml', ...args], { cwd: dir, input: '客服: 喂\n', encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000, killSignal: 'SIGKILL' });
      expect([run.status, run.stdout], args.join(' ')).toEqual([2, '']);
      expect(run.stderr).toBe(`transcript-lint: .transcript-lintignore cannot be read: broken symbolic link (it points to "${target}", which does not exist); fix or remove the link, or pass --no-ignore\n`);
    }
    expect(readFileSync(join(dir, 'skip/b.txt'), 'utf8')).toBe('客服: 喂\n');
  });

  it.skipIf(!canMakeFifo)('a FIFO named as the --baseline is neither read nor replaced by --baseline-update (exit 2)', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': '客服: 喂\n' });
    mkfifo(join(dir, 'baseline.json'));
    const run = runCli(['--pack', './pack.yaml', '--baseline', 'baseline.json', '--baseline-update', 'a.txt'], { cwd: dir });
    expect([run.status, run.stdout]).toEqual([2, '']);
    // Refused before linting, as any baseline that cannot be read (it was refused as the new one was written).
    expect(run.stderr).toBe('transcript-lint: baseline.json: cannot read the baseline: it is a named pipe (FIFO), not a regular file; name a file\n');
    expect(execFileSync('stat', ['-c', '%F', join(dir, 'baseline.json')], { encoding: 'utf8' }).trim()).toBe('fifo');
  });

  it('a baseline that cannot be written where there was none says what to do, and no "previous baseline" (exit 2)', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': '客服: 喂\n' });
    const run = runCli(['--pack', './pack.yaml', '--baseline', 'a.txt/baseline.json', '--baseline-update', 'a.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot write the baseline a.txt/baseline.json: a file stands where a folder of that path should be; choose another path\n');
  });

  it.skipIf(process.platform !== 'linux')('a cache, report or baseline in a folder that cannot be made (under /proc) is said, not a hang', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': GOOD });
    // Node's recursive mkdir never returns there (mkdir says ENOENT below a folder that exists), deaf to SIGTERM.
    const places = [['--cache', '--cache-location', '/proc/transcript-lint/c'], ['-o', '/proc/transcript-lint/r.json'], ['--baseline', '/proc/transcript-lint/b.json', '--baseline-update']];
    for (const place of places) {
      const run = spawnSync(process.execPath, [BIN, '--pack', './pack.yaml', '-f', 'json', ...place, 'a.txt'],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000, killSignal: 'SIGKILL' });
      expect(run.signal, place.join(' ')).toBeNull();
      expect(run.stderr, place.join(' ')).toMatch(/cannot write the (cache|json report to|baseline) \/proc\/transcript-lint\/.*ENOENT/);
    }
  });

  // As root every folder is writable: the run is made as `nobody` then.
  it.skipIf(process.platform === 'win32')('a report in a folder that cannot be made in a read-only folder is said to be a matter of permission', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'a.txt': GOOD });
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(dir, 65534, 65534);
    chmodSync(dir, 0o555);
    try {
      for (const place of [['-o', 'out/r.json'], ['-f', 'csv:out/r.csv']]) {
        const run = spawnSync(process.execPath, [BIN, '--pack', './pack.yaml', '-f', 'json', ...place, 'a.txt'],
          { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
        // Until 2026-12-01: "ENOENT: no such file or directory, open '…/out/r.json'", the folder's refusal lost.
        expect([run.status, run.stderr], place.join(' ')).toEqual([2, expect.stringContaining(`report to ${place[1].replace(/^csv:/, '')}: permission denied; choose a folder you can write to`)]);
      }
    } finally {
      chmodSync(dir, 0o755);
    }
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

  it('so is standard input over the limit, read no further (it was read whole and linted, however large); --fix gives it back unchanged', () => {
    const dir = tempDir({ 'pack.yaml': PACK });
    const big = GOOD.repeat(2000);
    const run = runCli(['--pack', './pack.yaml', '-f', 'json', '--max-file-size', '8K', '--stdin'], { cwd: dir, input: big });
    expect(run.status).toBe(2);
    const [result] = JSON.parse(run.stdout) as JsonResult[];
    expect(result.messages.map((m) => m.message)).toEqual(['standard input holds more than 8.0 KiB: skipped; raise --max-file-size to lint it']);
    // A filter that cannot fix its input passes it on whole (until 2026-12-05 nothing: `> fixed.txt` was left empty).
    const fixing = runCli(['--pack', './pack.yaml', '--max-file-size', '8K', '--stdin', '--fix'], { cwd: dir, input: big });
    expect(fixing.status).toBe(2);
    expect(fixing.stdout === big).toBe(true);
    expect(fixing.stderr).toContain('standard input holds more than 8.0 KiB');
    expect(runCli(['--pack', './pack.yaml', '-f', 'json', '--max-file-size', '8K', '--stdin'], { cwd: dir, input: GOOD }).status).toBe(0);
  });

  /** `count` small calls (every other one breaks the rule) and, after the one numbered `hugeAfter`, a 22 MB ASR JSON
   * file whose parse needs far more than the 96 MB heap Node is given here; linted with the given --concurrency. */
  function runWithHugeFile(concurrency: string, count = 40, hugeAfter = 10): { status: number | null; stderr: string; huge: JsonResult; others: JsonResult[] } {
    const files: Record<string, string> = { 'pack.yaml': PACK };
    for (let i = 0; i < count; i++) files[`calls/a${String(i).padStart(2, '0')}.txt`] = i % 2 ? '客服: 喂\n' : GOOD;
    const segments = Array.from({ length: 300_000 }, (_, i) => `{"speaker":"${i % 2 ? '客户' : '客服'}","text":"您好 ${i}","start":${i},"end":${i + 0.5}}`);
    files[`calls/a${hugeAfter}-huge.json`] = `[${segments.join(',')}]`;
    const dir = tempDir(files);
    const run = spawnSync(process.execPath, ['--max-old-space-size=96', BIN, '--pack', './pack.yaml', '--no-config-lookup', '--concurrency', concurrency, '-f', 'json', 'calls'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000, maxBuffer: 1 << 26 });
    const results = JSON.parse(run.stdout || '[]') as JsonResult[];
    const huge = results.find((r) => r.filePath === join('calls', `a${hugeAfter}-huge.json`))!;
    const others = results.filter((r) => r !== huge);
    expect(others.map((r) => [r.filePath, r.messages.length])).toEqual(Array.from({ length: count }, (_, i) => [join('calls', `a${String(i).padStart(2, '0')}.txt`), i % 2]));
    // With data on stdout, stderr names the file that could not be linted (a cron job's log says why it exited 2);
    // nothing else may be there (a crash, a warning of Node's).
    const named = `transcript-lint: ${huge.filePath}:0:0: error ${huge.messages[0]?.message}\n`;
    expect(run.stderr).toContain(named);
    return { status: run.status, stderr: run.stderr.replace(named, ''), huge, others };
  }

  it('a worker that runs out of memory costs its file only: reported fatal (exit 2), the others are linted by a new worker', () => {
    const { status, stderr, huge } = runWithHugeFile('2');
    expect([status, stderr]).toEqual([2, '']);
    expect(huge.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/^ran out of memory linting this file.*--max-old-space-size.*--max-file-size$/) })]);
  });

  it('a file too large for the main thread\'s heap is left to a worker when it comes to the main thread\'s turn: the same result', () => {
    // The first two batches (64 files) go to the worker; the main thread lints from the third, where the huge file is,
    // while the worker starts. Whichever thread takes it, the worker lints it (and here runs out of memory).
    const { status, stderr, huge } = runWithHugeFile('2', 96, 80);
    expect([status, stderr]).toEqual([2, '']);
    expect(huge.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/^ran out of memory linting this file.*--max-old-space-size.*--max-file-size$/) })]);
  });

  it('in one thread, a file too large for the heap left is reported and skipped (exit 2), not a crash that loses the run', () => {
    const { status, stderr, huge } = runWithHugeFile('off');
    expect([status, stderr]).toEqual([2, '']);
    expect(huge.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/^linting this \d+ MiB file takes up to .* of memory and .* is left: skipped, so that the other files are linted; give Node more memory \(NODE_OPTIONS=--max-old-space-size=MB\)$/) })]);
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

  it('a folder named through a link is linted whole, and a link in it that leads out of its real folder is still not followed', () => {
    const { dir } = secretSetup();
    writeFileSync(join(dir, 'calls', 'b.txt'), GOOD);
    symlinkSync(join(dir, 'calls'), join(dir, 'archive'));
    const run = runCli(['--pack', './pack.yaml', '-f', 'json', 'archive'], { cwd: dir });
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['archive/a.txt', 'archive/b.txt']);
    expect(run.stderr).toContain('1 symbolic link leads out of the linted folders and was not followed');
  });

  it('a glob does not follow them either; a link inside the folder is followed', () => {
    const { dir } = secretSetup();
    symlinkSync('a.txt', join(dir, 'calls', 'inside.txt'));
    writeFileSync(join(dir, 'calls', 'b.txt'), GOOD);
    const run = runCli(['--pack', './pack.yaml', '-f', 'json', 'calls/*.txt'], { cwd: dir });
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual(['calls/a.txt', 'calls/b.txt']);
  });
});
