// Writing fixes back: the file's encoding, BOM, line endings and permission bits survive; what cannot be
// written faithfully is not written at all.
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Linter } from '../src/engine/linter.js';
import { fixFile } from '../src/runner/fix-files.js';
import { tempDir } from './helpers.js';
import { CONFIG, FIXED, project, SCRIPT } from './trainer-project.js';

function fixIn(dir: string, name: string, encoding?: string) {
  const linter = Linter.create({ cwd: dir });
  return fixFile(linter, join(dir, name), name, { write: true, encoding });
}

describe('fixFile', () => {
  it('keeps CRLF line endings, the UTF-8 BOM and the permission bits, and leaves no temporary file', () => {
    const dir = project({ 'script.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SCRIPT.replace(/\n/g, '\r\n'))]) });
    chmodSync(join(dir, 'script.txt'), 0o640);
    const fixed = fixIn(dir, 'script.txt');
    expect(fixed.result.messages).toEqual([]);
    expect(fixed.result.output).toBe(FIXED.replace(/\n/g, '\r\n'));
    const written = readFileSync(join(dir, 'script.txt'));
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(written.subarray(3).toString('utf8')).toBe(FIXED.replace(/\n/g, '\r\n'));
    expect(statSync(join(dir, 'script.txt')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['script.txt', 'transcript-lint.yaml']);
  });

  it('writes UTF-16LE and UTF-16BE files back with their BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SCRIPT, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SCRIPT, 'utf16le').swap16()]);
    const dir = project({ 'le.txt': le, 'be.txt': be });
    fixIn(dir, 'le.txt');
    fixIn(dir, 'be.txt');
    expect(readFileSync(join(dir, 'le.txt'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXED, 'utf16le')]));
    expect(readFileSync(join(dir, 'be.txt'))).toEqual(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(FIXED, 'utf16le').swap16()]));
  });

  it('writes a GB18030 file back as GB18030', () => {
    const dir = project({ 'gb.txt': iconv.encode(SCRIPT, 'gb18030') });
    fixIn(dir, 'gb.txt', 'gb18030');
    expect(readFileSync(join(dir, 'gb.txt'))).toEqual(iconv.encode(FIXED, 'gb18030'));
  });

  it('writes the wording into a Big5 file in Traditional script, as Big5', () => {
    const big5 = iconv.encode('客服: 您好，什麼事？\n', 'big5');
    const dir = project({ 'old.txt': big5 });
    fixIn(dir, 'old.txt', 'big5');
    expect(iconv.decode(readFileSync(join(dir, 'old.txt')), 'big5')).toBe('客服: 您好，請問有什麼可以幫您？\n');
  });

  it('refuses a wording the encoding cannot hold, writing nothing', () => {
    const big5 = iconv.encode('客服: 您好，什麼事？\n', 'big5');
    const dir = tempDir({ 'old.txt': big5, 'transcript-lint.yaml': CONFIG.replace('with: 请问有什么可以帮您？', 'with: 请问有什么可以帮您？😀') });
    const fixed = fixIn(dir, 'old.txt', 'big5');
    // The reason, then the file's problems as it stays (until 2026-12-05 the reason alone: they were missing).
    const [reason, ...problems] = fixed.result.messages;
    expect([reason.fatal, reason.message]).toEqual([true, 'a suggested wording has characters that big5 cannot hold; nothing was fixed (save the file as UTF-8 to use --fix)']);
    expect(problems.map((m) => m.ruleId)).toEqual(Linter.create({ cwd: dir }).lintText('客服: 您好，什麼事？\n', 'old.txt').messages.map((m) => m.ruleId));
    expect(problems.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'old.txt'))).toEqual(big5);
  });

  it('fixes the file a symbolic link points to and keeps the link', () => {
    const dir = project({ 'real.txt': SCRIPT });
    symlinkSync('real.txt', join(dir, 'link.txt'));
    fixIn(dir, 'link.txt');
    expect(readFileSync(join(dir, 'real.txt'), 'utf8')).toBe(FIXED);
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
  });

  it('with write: false computes the output and a preview but writes nothing', () => {
    const dir = project({ 'script.txt': SCRIPT });
    const fixed = fixFile(Linter.create({ cwd: dir }), join(dir, 'script.txt'), 'script.txt', { write: false });
    expect(fixed.preview).toMatchObject({ filePath: 'script.txt', before: SCRIPT, after: FIXED });
    expect(fixed.preview!.changes.map((c) => [c.line, c.before, c.after])).toEqual([
      [2, '客服: 您好，什么事？', '客服: 您好，请问有什么可以帮您？'],
      [4, '客服: 这个不知道。', '客服: 这个我先帮您咨询一下。'],
    ]);
    expect(readFileSync(join(dir, 'script.txt'), 'utf8')).toBe(SCRIPT);
  });
});
