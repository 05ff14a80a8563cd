import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles, displayPath } from '../../src/runner/discover.js';
import { lintFiles } from '../../src/runner/lint-files.js';
import { joinNames, runPaths } from '../../src/runner/sorted-paths.js';
import { newWalkState, walkFolder } from '../../src/runner/walk.js';
import { runCli, tempDir } from '../helpers.js';

const T = '客服: 您好。\n客户: 嗯。\n客服: 再见。\n';

async function found(cwd: string, patterns: string[], options: { ignorePatterns?: string[]; noIgnore?: boolean; keepNamesUpTo?: number } = {}) {
  const { files, unmatched } = await discoverFiles(patterns, { cwd, ...options });
  return { files: files.map((f) => displayPath(f, cwd)), unmatched };
}

describe('discovery', () => {
  it('lists folders, files and globs once each, in code-unit order of their paths', async () => {
    const cwd = tempDir({ 'b/2.txt': T, 'b/10.txt': T, 'a/Z.txt': T, 'a/a.txt': T, 'a/notes.md': 'x', 'c.txt': T });
    expect((await found(cwd, ['b', 'a', 'c.txt', 'a/*.txt'])).files).toEqual(['a/Z.txt', 'a/a.txt', 'b/10.txt', 'b/2.txt', 'c.txt']);
  });

  it('takes a file by its last extension, in any case, and nothing that only ends like one', async () => {
    const cwd = tempDir({ 'a.txt': T, 'b.TXT': T, 'c.Json': T, 'd.notes.srt': T, 'e.txt.bak': T, 'ftxt': T, 'g.vtt': T, 'h.md': T, 'i.': T });
    expect((await found(cwd, ['.'])).files).toEqual(['a.txt', 'b.TXT', 'c.Json', 'd.notes.srt', 'g.vtt']);
  });

  it('matches a walk\'s extensions as extname would, whatever they are: the last dot on', () => {
    // The walk checks the usual case (a name ending in an extension as written) without cutting the extension out;
    // for an extension with more than one dot, or none, that shortcut would be wrong.
    const cwd = tempDir({ 'a.tar.gz': T, 'b.gz': T, 'ctxt': T, 'd.txt': T });
    const names = (extensions: string[]) => walkFolder(cwd, newWalkState(extensions)).flatMap(({ names: joined }) => typeof joined === 'function' ? [] : String(joined).split('\0'));
    expect(names(['.tar.gz'])).toEqual([]);
    expect(names(['.gz'])).toEqual(['a.tar.gz', 'b.gz']);
    expect(names(['txt'])).toEqual([]);
    expect(names(['.txt'])).toEqual(['d.txt']);
  });

  it('keeps code-unit order where a folder name is the start of a file name, and lists overlapping patterns once', async () => {
    const cwd = tempDir({ 'a/x.txt': T, 'a/b/y.txt': T, 'a-b.txt': T, 'a0.txt': T, 'a/b.txt': T, 'a/b-c/z.txt': T });
    const all = ['a-b.txt', 'a/b-c/z.txt', 'a/b.txt', 'a/b/y.txt', 'a/x.txt', 'a0.txt'];
    expect([...all].sort()).toEqual(all);
    expect((await found(cwd, ['.'])).files).toEqual(all);
    // A folder named after another pattern's folder was walked: its files are not listed twice, and none is missed.
    expect((await found(cwd, ['a/b', 'a0.txt', 'a', '.', 'a/x.txt'])).files).toEqual(all);
    const { unmatched } = await found(cwd, ['a', 'a/b']);
    expect(unmatched).toEqual([]);
  });

  it('lists the same paths, in order, when a folder has too many names for one string (kept as bytes)', async () => {
    // Over 1,024 characters of names: kept as UTF-8 bytes (sorted-paths.ts), read back with non-ASCII names intact,
    // beside a subfolder and files of a glob and named on their own, which merge into the same order.
    const names = Array.from({ length: 120 }, (_, i) => `通话-${String(i).padStart(3, '0')}-é.txt`);
    const files: Record<string, string> = { 'd/sub/x.txt': T, 'd/通话-050-a.txt': T, 'e.txt': T };
    for (const name of names) files[`d/${name}`] = T;
    const cwd = tempDir(files);
    const expected = [...names.map((n) => `d/${n}`), 'd/sub/x.txt', 'd/通话-050-a.txt', 'e.txt'].sort();
    expect(names.join('\0').length).toBeGreaterThan(1024);
    expect((await found(cwd, ['d', 'e.txt'])).files).toEqual(expected);
    expect((await found(cwd, ['d/*.txt', 'd/sub', 'e.txt'])).files).toEqual(expected);
  });

  it('lists the same paths when it keeps no names and lists each folder of files again when it reaches it', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `通话-${String(i).padStart(3, '0')}.txt`);
    const files: Record<string, string> = {
      '.transcript-lintignore': 'd/通话-007.txt\n', 'd/.hidden.txt': T, 'd/notes.md': 'x', 'd/sub/x.txt': T, 'e/a.txt': T, 'e/b.txt': T, 'f.txt': T,
    };
    for (const name of names) files[`e/deep/${name}`] = T;
    const cwd = tempDir(files);
    symlinkSync(join(cwd, 'e', 'b.txt'), join(cwd, 'd', 'link.txt'));
    for (const patterns of [['.'], ['e/deep/通话-001.txt', 'e', 'd', 'f.txt'], ['e/deep', 'e/*.txt', 'd/sub']]) {
      const kept = await found(cwd, patterns);
      // A file reached through the link first (d/link.txt) and an ignored one stay out when their folder is listed again.
      expect((await found(cwd, patterns, { keepNamesUpTo: 0 })).files).toEqual(kept.files);
      expect(kept.files.length).toBeGreaterThan(3);
    }
    expect((await found(cwd, ['.'], { keepNamesUpTo: 0 })).files).not.toContain('e/b.txt');
  });

  it('lists a folder of files again as it is then: files added since are listed, files removed are not', async () => {
    const cwd = tempDir({ 'a/1.txt': T, 'a/2.txt': T, 'b/1.txt': T, 'c/1.txt': T });
    const { displayPaths, laterProblems } = await discoverFiles(['.'], { cwd, keepNamesUpTo: 0 });
    expect(displayPaths.count).toBe(4);
    writeFileSync(join(cwd, 'a', '0.txt'), T);
    rmSync(join(cwd, 'a', '2.txt'));
    rmSync(join(cwd, 'b'), { recursive: true });
    // The folder that is gone stands in its files' place, and says why: nothing it held is skipped silently.
    expect([...displayPaths]).toEqual(['a/0.txt', 'a/1.txt', 'b/', 'c/1.txt']);
    expect(laterProblems.get('b/')).toMatch(/^this folder was removed or renamed while the run was linting/);
    // Kept names are not listed again.
    const kept = await discoverFiles(['.'], { cwd });
    rmSync(join(cwd, 'c'), { recursive: true });
    expect([...kept.displayPaths]).toEqual(['a/0.txt', 'a/1.txt', 'c/1.txt']);
  });

  it('reads the next folder to list again ahead while the run works, and not in a pass that counts', async () => {
    const cwd = tempDir({ 'a/1.txt': T, 'b/1.txt': T });
    const { displayPaths } = await discoverFiles(['.'], { cwd, keepNamesUpTo: 0 });
    const afterATurn = async (paths: Iterable<string>) => {
      const it = paths[Symbol.iterator]();
      const first = it.next().value; // asks for b/ ahead (when reading ahead)
      await new Promise((done) => setTimeout(done, 200));
      writeFileSync(join(cwd, 'b', '2.txt'), T);
      const rest = [...{ [Symbol.iterator]: () => it }];
      rmSync(join(cwd, 'b', '2.txt'));
      return [first, ...rest];
    };
    // Read ahead: b/ was listed before the file was added; not read ahead: when the run reached it.
    expect(await afterATurn(displayPaths)).toEqual(['a/1.txt', 'b/1.txt']);
    expect(await afterATurn(displayPaths.withoutReadAhead())).toEqual(['a/1.txt', 'b/1.txt', 'b/2.txt']);
  });

  it('reports a folder removed before the run reached it as a file that could not be linted', async () => {
    const cwd = tempDir({ 'a/1.txt': T, 'b/1.txt': T, 'b/2.txt': T });
    const results = await lintFiles(['.'], { cwd, noConfigLookup: true, keepNamesUpTo: 0, onTotal: () => rmSync(join(cwd, 'b'), { recursive: true }) });
    expect(results.map((r) => [r.filePath, r.fatalErrorCount])).toEqual([['a/1.txt', 0], ['b/', 1]]);
    expect(results[1].messages[0].message).toMatch(/removed or renamed while the run was linting/);
  });

  it('shares files listed again between shards as it shares kept ones: each in exactly one', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`d${i % 4}/${i}.txt`] = T;
    const cwd = tempDir(files);
    const all = (await lintFiles(['.'], { cwd, noConfigLookup: true })).map((r) => r.filePath);
    const shards = await Promise.all([1, 2, 3].map((index) => lintFiles(['.'], { cwd, noConfigLookup: true, keepNamesUpTo: 0, shard: { index, count: 3 } })));
    expect(shards.every((results) => results.length > 0 && results.length < all.length)).toBe(true);
    expect(shards.flat().map((r) => r.filePath).sort()).toEqual([...all].sort());
  });

  it('keeps names that UTF-8 cannot hold (a lone surrogate, possible in a Windows file name) exactly', () => {
    const names = [...Array.from({ length: 100 }, (_, i) => `call-${String(i).padStart(3, '0')}.txt`), 'z\ud800.txt'];
    expect([...runPaths([{ prefix: 'd/', names: joinNames(names) }])]).toEqual(names.map((name) => `d/${name}`));
  });

  it('lists a file reached through a link once', async () => {
    const cwd = tempDir({ 'a/x.txt': T, 'b/y.txt': T });
    // Walked as a plain file first, then reached through the link: listed under its own path.
    symlinkSync(join(cwd, 'a', 'x.txt'), join(cwd, 'b', 'link.txt'));
    expect((await found(cwd, ['.'])).files).toEqual(['a/x.txt', 'b/y.txt']);
    expect((await found(cwd, ['b', '.', 'a'])).files).toEqual(['a/x.txt', 'b/y.txt']);
    // Reached through the link first: listed under the link's path, and not again when its folder is walked.
    symlinkSync(join(cwd, 'b', 'y.txt'), join(cwd, 'a', 'link.txt'));
    expect((await found(cwd, ['.'])).files).toEqual(['a/link.txt', 'a/x.txt']);
  });

  it('skips what .transcript-lintignore and --ignore-pattern name, in .gitignore syntax', async () => {
    const cwd = tempDir({
      '.transcript-lintignore': '# old calls\narchive/2019/\n*.draft.txt\n!keep.draft.txt\n',
      'archive/2019/a.txt': T, 'archive/2020/b.txt': T, 'x.draft.txt': T, 'keep.draft.txt': T, 'tmp/c.txt': T,
    });
    expect((await found(cwd, ['.'])).files).toEqual(['archive/2020/b.txt', 'keep.draft.txt', 'tmp/c.txt']);
    expect((await found(cwd, ['.'], { ignorePatterns: ['tmp'] })).files).toEqual(['archive/2020/b.txt', 'keep.draft.txt']);
    expect((await found(cwd, ['.'], { noIgnore: true, ignorePatterns: ['tmp'] })).files).toHaveLength(5);
  });

  it('reads a .transcript-lintignore whose lines end in a lone CR (or CRLF) as lines', async () => {
    // Until 2026-12-01 a CR-only ignore file was one pattern that matched nothing: every file was linted.
    for (const breaks of ['\r', '\r\n']) {
      const cwd = tempDir({ '.transcript-lintignore': ['# old calls', 'archive/2019/', '*.draft.txt', '!keep.draft.txt', ''].join(breaks), 'archive/2019/a.txt': T, 'x.draft.txt': T, 'keep.draft.txt': T, 'c.txt': T });
      expect((await found(cwd, ['.'])).files, JSON.stringify(breaks)).toEqual(['c.txt', 'keep.draft.txt']);
    }
  });

  it('says why a pattern matched nothing', async () => {
    const cwd = tempDir({ '.transcript-lintignore': 'old/\n', 'old/a.txt': T, 'empty/readme.md': 'x' });
    const { unmatched } = await found(cwd, ['old', 'empty', 'nope.txt', 'calls/**/*.txt']);
    expect(unmatched.map((u) => `${u.pattern}: ${u.reason.split(' (')[0]}`)).toEqual([
      'old: all files it matches are ignored',
      'empty: no transcript files match',
      'nope.txt: no such file or folder',
      'calls/**/*.txt: no transcript files match',
    ]);
  });

  it('exits 2 for an unmatched pattern unless --no-error-on-unmatched-pattern', () => {
    const cwd = tempDir({ 'a.txt': T, '.transcript-lintignore': 'ignored/\n', 'ignored/b.txt': T });
    const run = runCli(['a.txt', 'ignored', '--no-config-lookup', '-f', 'compact'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('ignored:0:0: error all files it matches are ignored');
    expect(runCli(['a.txt', 'ignored', '--no-error-on-unmatched-pattern', '-f', 'compact'], { cwd }).stdout).not.toContain('ignored');
    expect(runCli(['a.txt', 'ignored', '--no-ignore', '-f', 'compact'], { cwd }).stdout).toContain('ignored/b.txt');
    expect(runCli(['.', '--ignore-pattern', '*.txt'], { cwd }).status).toBe(2);
  });
});
