// Reliability, data loss (issue items 1–3): --fix writes all bytes or nothing, never loses lines appended while it
// ran, keeps owner, group and mode, refuses read-only and hard-linked files unless forced, and never writes
// through a link out of the linted folders. Short writes and renames are injected by wrapping node:fs.
import * as realFs from 'node:fs';
import { chmodSync, chownSync, linkSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportOutput } from '../../src/cli/output.js';
import { Linter } from '../../src/engine/linter.js';
import { writeFileAtomic } from '../../src/runner/atomic-write.js';
import { fixFile } from '../../src/runner/fix-files.js';
import { runCli, tempDir } from '../helpers.js';
import { FIXED, project, SCRIPT } from '../trainer-project.js';

/** Faults the tests switch on: each wraps the real call. */
const faults: { maxWrite?: number; failAfterBytes?: number; beforeFsync?: () => void; temporaryOpen?: string; fchown?: string; rename?: string } = {};
let bytesWritten = 0;

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = (fd: number, buffer: Uint8Array | string, offset?: number, length?: number, position?: number | null): number => {
    if (typeof buffer === 'string') return fs.writeSync(fd, buffer);
    const from = offset ?? 0;
    let count = length ?? buffer.length - from;
    if (faults.maxWrite !== undefined) count = Math.min(count, faults.maxWrite);
    if (faults.failAfterBytes !== undefined) {
      if (bytesWritten >= faults.failAfterBytes) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      count = Math.min(count, faults.failAfterBytes - bytesWritten);
    }
    const n = fs.writeSync(fd, buffer, from, count, position);
    bytesWritten += n;
    return n;
  };
  const fsyncSync = (fd: number): void => {
    faults.beforeFsync?.();
    fs.fsyncSync(fd);
  };
  const failing = (code: string | undefined, call: string) => {
    if (code) throw Object.assign(new Error(`${code}: injected, ${call}`), { code });
  };
  const openSync = (path: realFs.PathLike, flags: realFs.OpenMode = 'r', mode?: realFs.Mode | null): number => {
    if (String(path).endsWith('.tmp')) failing(faults.temporaryOpen, 'open');
    return fs.openSync(path, flags, mode);
  };
  const fchownSync = (fd: number, uid: number, gid: number): void => {
    failing(faults.fchown, 'fchown');
    fs.fchownSync(fd, uid, gid);
  };
  const renameSync = (from: realFs.PathLike, to: realFs.PathLike): void => {
    failing(faults.rename, 'rename');
    fs.renameSync(from, to);
  };
  const wrapped = { writeSync, fsyncSync, openSync, fchownSync, renameSync };
  return { ...fs, default: { ...fs, ...wrapped }, ...wrapped };
});

afterEach(() => {
  for (const key of Object.keys(faults) as (keyof typeof faults)[]) delete faults[key];
  bytesWritten = 0;
});

/** A fixable script of about `bytes` bytes. */
function bigScript(bytes: number): string {
  return SCRIPT.repeat(Math.ceil(bytes / Buffer.byteLength(SCRIPT)));
}

function fix(dir: string, name: string, options: { force?: boolean; roots?: string[] } = {}) {
  return fixFile(Linter.create({ cwd: dir }), join(dir, name), name, { write: true, ...options });
}

function fatalOf(result: ReturnType<typeof fix>): string[] {
  return result.result.messages.filter((m) => m.fatal).map((m) => m.message);
}

describe('item 1: short writes', () => {
  it('writes every byte when the system writes fewer than asked each time', () => {
    const dir = project({ 'big.txt': bigScript(12_000) }); // several 4 KiB writes; --fix re-lints each change, so keep it short
    faults.maxWrite = 4096;
    const fixed = fix(dir, 'big.txt');
    expect(fatalOf(fixed)).toEqual([]);
    expect(readFileSync(join(dir, 'big.txt'), 'utf8')).toBe(FIXED.repeat(Math.ceil(12_000 / Buffer.byteLength(SCRIPT))));
  });

  it('on a disk that fills up mid-write keeps the original, leaves no temporary file, and says why', () => {
    const original = bigScript(6_000);
    const dir = project({ 'big.txt': original });
    faults.failAfterBytes = 4096;
    const fixed = fix(dir, 'big.txt');
    expect(fatalOf(fixed)).toEqual([expect.stringContaining('the disk is full')]);
    expect(readFileSync(join(dir, 'big.txt'), 'utf8')).toBe(original);
    expect(readdirSync(dir).sort()).toEqual(['big.txt', 'transcript-lint.yaml']);
  });

  it('a baseline written to a full disk fails without truncating the old one', () => {
    const dir = tempDir({ 'baseline.json': 'old' });
    faults.failAfterBytes = 10;
    expect(() => writeFileAtomic(join(dir, 'baseline.json'), ['x'.repeat(100)])).toThrow(/no space/);
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toBe('old');
  });
});

describe('item 1: -o reports', () => {
  it('a report streamed to -o FILE on a disk that fills up keeps the old report, leaves no temporary file, and says why', () => {
    const dir = tempDir({ 'report.txt': 'the report of last night\n' });
    faults.failAfterBytes = 10;
    let stopped = false;
    const output = new ReportOutput(join(dir, 'report.txt'), () => (stopped = true));
    output.write('x'.repeat(300_000)); // more than a buffer: written at once
    output.end();
    // The output only stops writing: the run's report writers stop the run when no report is left to write.
    expect([output.failure?.code, stopped]).toEqual(['ENOSPC', false]);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe('the report of last night\n');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it.skipIf(!realFs.existsSync('/dev/full'))('the CLI says which report could not be written (-o /dev/full), without a stack trace, and exits 2', () => {
    for (const args of [['-o', '/dev/full'], ['-f', 'json', '-f', 'compact:/dev/full']]) {
      const run = runCli(['fixtures/zh/good-call-billing.txt', ...args]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/cannot write the (stylish|compact) report to \/dev\/full: the disk is full/);
      expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
    }
  });
});

describe('item 1 on a real nearly full tmpfs', () => {
  const mountable = process.platform === 'linux' && process.getuid?.() === 0;
  it.skipIf(!mountable)('--fix exits 2 and keeps the whole transcript (skipped unless root on Linux: needs mount -t tmpfs)', async (ctx) => {
    const { execFileSync } = await import('node:child_process');
    const dir = tempDir();
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir]);
    } catch {
      ctx.skip(); // mount -t tmpfs is not allowed here: reported as skipped, not passed
    }
    try {
      const original = bigScript(6_000);
      const config = readFileSync(join(project({}), 'transcript-lint.yaml'));
      writeFileSync(join(dir, 'transcript-lint.yaml'), config);
      writeFileSync(join(dir, 'big.txt'), original);
      // Fill the disk to about 4 KiB free.
      const free = () => realFs.statfsSync(dir).bavail * realFs.statfsSync(dir).bsize;
      writeFileSync(join(dir, 'filler'), Buffer.alloc(Math.max(0, free() - 4096)));
      const run = runCli(['--fix', 'big.txt'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stdout).toContain('cannot write the fixes');
      expect(readFileSync(join(dir, 'big.txt'), 'utf8')).toBe(original);
    } finally {
      execFileSync('umount', [dir]);
    }
  });
});

describe('item 1: why fixes were not written, and what to do', () => {
  it('names a folder that is not writable', () => {
    const dir = project({ 'a.txt': SCRIPT });
    faults.temporaryOpen = 'EACCES';
    expect(fatalOf(fix(dir, 'a.txt'))).toEqual([expect.stringContaining('its folder is not writable for this user')]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(SCRIPT);
  });

  it('names a file the system does not let be replaced, not its folder, which is writable', () => {
    // rename(2) answers EPERM for an immutable or append-only file (chattr +i, +a) and for another user's file in a
    // sticky folder: "its folder is not writable" sent one to fix a folder that was.
    const dir = project({ 'a.txt': SCRIPT });
    faults.rename = 'EPERM';
    const [why] = fatalOf(fix(dir, 'a.txt'));
    expect(why).toContain('the system does not let the file be replaced');
    expect(why).not.toContain('folder is not writable');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(SCRIPT);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'transcript-lint.yaml']);
  });

  it('keeps the problems of a file whose fixes were not written, beside the reason: they were replaced by it', () => {
    const dir = project({ 'ro.txt': SCRIPT, 'full.txt': SCRIPT });
    chmodSync(join(dir, 'ro.txt'), 0o444);
    const problems = (fixed: ReturnType<typeof fix>): string[] => fixed.result.messages.map((m) => (m.fatal ? 'fatal' : `${m.ruleId}@${m.line}`));
    expect(problems(fix(dir, 'ro.txt'))).toEqual(['fatal', 't/what@2', 't/idk@4']);
    faults.failAfterBytes = 10;
    const full = fix(dir, 'full.txt');
    expect(problems(full)).toEqual(['fatal', 't/what@2', 't/idk@4']);
    expect([full.result.errorCount, full.result.fatalErrorCount, full.result.output]).toEqual([3, 1, undefined]);
  });

  it.skipIf(process.getuid?.() !== 0)('names a file of another user whose owner the fixed file cannot keep (skipped unless root)', () => {
    const dir = project({ 'theirs.txt': SCRIPT });
    chownSync(join(dir, 'theirs.txt'), 65534, 65534);
    faults.fchown = 'EPERM'; // as a user other than the file's owner gets
    expect(fatalOf(fix(dir, 'theirs.txt'))).toEqual([expect.stringContaining('it belongs to another user, and the fixed file would not keep its owner')]);
    expect(readFileSync(join(dir, 'theirs.txt'), 'utf8')).toBe(SCRIPT);
    expect(readdirSync(dir).sort()).toEqual(['theirs.txt', 'transcript-lint.yaml']);
  });
});

describe('item 2: a file that grows while --fix runs', () => {
  it('is not replaced: the appended lines stay and the file is reported', () => {
    const dir = project({ 'live.txt': SCRIPT });
    const appended = `${SCRIPT}客户: 还有一件事\n`;
    faults.beforeFsync = () => {
      faults.beforeFsync = undefined;
      writeFileSync(join(dir, 'live.txt'), appended);
    };
    const fixed = fix(dir, 'live.txt');
    expect(fatalOf(fixed)).toEqual([expect.stringContaining('the file changed while it was being fixed')]);
    expect(readFileSync(join(dir, 'live.txt'), 'utf8')).toBe(appended);
    expect(readdirSync(dir).sort()).toEqual(['live.txt', 'transcript-lint.yaml']);
  });
});

describe('item 3: owner, mode, hard links and links out of the tree', () => {
  it.skipIf(process.getuid?.() !== 0)('keeps the owner and group of a file fixed by root (skipped unless root)', () => {
    const dir = project({ 'theirs.txt': SCRIPT });
    chownSync(join(dir, 'theirs.txt'), 65534, 65534);
    expect(fatalOf(fix(dir, 'theirs.txt'))).toEqual([]);
    const stat = statSync(join(dir, 'theirs.txt'));
    expect([stat.uid, stat.gid]).toEqual([65534, 65534]);
    expect(readFileSync(join(dir, 'theirs.txt'), 'utf8')).toBe(FIXED);
  });

  it('refuses a read-only file unless forced, and keeps its mode when forced', () => {
    const dir = project({ 'ro.txt': SCRIPT });
    chmodSync(join(dir, 'ro.txt'), 0o444);
    expect(fatalOf(fix(dir, 'ro.txt'))).toEqual([expect.stringContaining('read-only')]);
    expect(readFileSync(join(dir, 'ro.txt'), 'utf8')).toBe(SCRIPT);
    expect(fatalOf(fix(dir, 'ro.txt', { force: true }))).toEqual([]);
    expect(readFileSync(join(dir, 'ro.txt'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'ro.txt')).mode & 0o777).toBe(0o444);
  });

  it('keeps the setgid and sticky bits beside the permission bits (the owner is set first, which clears setgid, then the mode)', () => {
    const dir = project({ 'shared.txt': SCRIPT });
    chmodSync(join(dir, 'shared.txt'), 0o3640);
    expect(fatalOf(fix(dir, 'shared.txt'))).toEqual([]);
    expect(readFileSync(join(dir, 'shared.txt'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'shared.txt')).mode & 0o7777).toBe(0o3640);
  });

  it('refuses a file with several hard links unless forced', () => {
    const dir = project({ 'a.txt': SCRIPT });
    linkSync(join(dir, 'a.txt'), join(dir, 'b.txt'));
    expect(fatalOf(fix(dir, 'a.txt'))).toEqual([expect.stringContaining('2 hard links')]);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe(SCRIPT);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(SCRIPT);
  });

  it('--fix does not write through a link that leaves the linted folder, even with --follow-symlinks', () => {
    const outside = tempDir({ 'secret.txt': SCRIPT });
    const dir = project({ 'calls/own.txt': SCRIPT });
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'calls', 'link.txt'));
    const run = runCli(['--fix', '--follow-symlinks', 'calls'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('outside the linted folders');
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe(SCRIPT);
    expect(readFileSync(join(dir, 'calls', 'own.txt'), 'utf8')).toBe(FIXED);
  });
});
