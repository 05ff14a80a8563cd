import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEADER_BYTES, readSection, type SectionPlace } from '../../src/runner/cache-store.js';
import { decodeListings, FolderListings, folderStamp } from '../../src/runner/folder-listings.js';
import { xxh32 } from '../../src/runner/line-checksum.js';
import { lintFiles, type LintFilesOptions } from '../../src/runner/lint-files.js';
import { newWalkState, walkFolder } from '../../src/runner/walk.js';
import { runPaths } from '../../src/runner/sorted-paths.js';
import { TRANSCRIPT_EXTENSIONS } from '../../src/transcript/index.js';
import { tempDir } from '../helpers.js';
import { corpus, PACK_OPTIONS } from './corpus.js';

function runner(cwd: string, extra: Partial<LintFilesOptions> = {}, patterns = ['calls']) {
  const notices: string[] = [];
  const options: LintFilesOptions = { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1, notice: (m) => notices.push(m), ...extra };
  return { notices, run: async () => (await lintFiles(patterns, options)).map((r) => r.filePath) };
}

/**
 * Run as if a minute after the corpus was written, so that the folders' stamps are settled and their listings kept.
 * That passes over the guard against a change within the same tick of the filesystem's clock (see SETTLED_MS in
 * cache.ts), so a test changes a folder only after a tick has passed (touchLater).
 */
function aMinuteLater(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 60_000);
}

/** Wait past the filesystem clock's tick (a few milliseconds), then change the tree. */
async function touchLater(change: () => void): Promise<void> {
  await new Promise((done) => setTimeout(done, 30));
  change();
}

/** The folders (relative to cwd) whose kept listing a run takes, as it takes them. */
function spyTaken(cwd: string) {
  const take = vi.spyOn(FolderListings.prototype, 'take');
  return {
    taken: () => take.mock.results.flatMap((r, i) => (r.value ? [String(take.mock.calls[i][0]).slice(cwd.length + 1)] : [])),
    restore: () => take.mockRestore(),
  };
}

function header(cwd: string): { folders?: { at: number; bytes: number } } {
  return JSON.parse(readFileSync(join(cwd, '.transcript-lint-cache'), 'latin1').split('\n')[0]) as { folders?: { at: number; bytes: number } };
}

const FOLDERS = ['calls/a', 'calls/b', 'calls/c', 'calls/d', 'calls/e'];
const GOOD_CALL = '客服: 您好，请问有什么可以帮您？\n客户: 我想查账单。\n客服: 好的，再见。\n';

describe('folder listings kept with --cache', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('lets a rerun take each unchanged folder\'s listing, and lists again a folder a file was added to or removed from', async () => {
    const cwd = corpus(10);
    aMinuteLater();
    const { run, notices } = runner(cwd);
    const first = await run();
    expect(header(cwd).folders).toBeDefined();
    const spy = spyTaken(cwd);
    expect(await run()).toEqual(first);
    expect(spy.taken()).toEqual(FOLDERS);

    await touchLater(() => {
      writeFileSync(join(cwd, 'calls/a/call-new.txt'), GOOD_CALL);
      unlinkSync(join(cwd, 'calls/b/call-0001.txt'));
    });
    spy.restore();
    const again = spyTaken(cwd);
    const after = await run();
    expect(after).toEqual([...first.filter((f) => f !== 'calls/b/call-0001.txt'), 'calls/a/call-new.txt'].sort());
    expect(again.taken()).toEqual(['calls/c', 'calls/d', 'calls/e']);
    expect(notices).toEqual([]);
  });

  it('keeps no listing of a folder changed within seconds of the run: its stamp could stay the same through another change', async () => {
    const cwd = corpus(10);
    await runner(cwd).run();
    // Written a moment ago, every folder is too new for its stamp to vouch for its entries.
    expect(header(cwd).folders).toBeUndefined();
  });

  it('takes no listing once the ignore rules change, and keeps those made under the new rules', async () => {
    const cwd = corpus(10);
    aMinuteLater();
    const all = await runner(cwd).run();
    writeFileSync(join(cwd, '.transcript-lintignore'), 'calls/c/\n*-0000.txt\n');
    const spy = spyTaken(cwd);
    const ignored = (f: string) => f.startsWith('calls/c/') || f.endsWith('-0000.txt');
    expect(await runner(cwd).run()).toEqual(all.filter((f) => !ignored(f)));
    expect(spy.taken()).toEqual([]);
    expect(await runner(cwd).run()).toEqual(all.filter((f) => !ignored(f)));
    expect(spy.taken()).toEqual(FOLDERS);
    // --ignore-pattern and --no-ignore are part of the rules too.
    spy.restore();
    const other = spyTaken(cwd);
    expect(await runner(cwd, { ignorePatterns: ['calls/d/'] }).run()).toEqual(all.filter((f) => !ignored(f) && !f.startsWith('calls/d/')));
    expect(await runner(cwd, { noIgnore: true }).run()).toEqual(all);
    expect(other.taken()).toEqual([]);
  });

  it('lists again a folder replaced by another of the same name, and a linked folder whose link now points elsewhere', async () => {
    const cwd = corpus(10, { 'elsewhere/x/call-x.txt': GOOD_CALL, 'elsewhere/y/call-y.txt': GOOD_CALL });
    symlinkSync(join(cwd, 'elsewhere/x'), join(cwd, 'calls/linked'));
    aMinuteLater();
    const { run } = runner(cwd, { followSymlinks: true });
    const first = await run();
    expect(first).toContain('calls/linked/call-x.txt');
    await touchLater(() => {
      renameSync(join(cwd, 'calls/a'), join(cwd, 'old-a'));
      mkdirSync(join(cwd, 'calls/a'));
      writeFileSync(join(cwd, 'calls/a/other.txt'), GOOD_CALL);
      unlinkSync(join(cwd, 'calls/linked'));
      symlinkSync(join(cwd, 'elsewhere/y'), join(cwd, 'calls/linked'));
    });
    const spy = spyTaken(cwd);
    const after = await run();
    expect(after.filter((f) => f.startsWith('calls/a/') || f.startsWith('calls/linked/'))).toEqual(['calls/a/other.txt', 'calls/linked/call-y.txt']);
    expect(spy.taken()).toEqual(['calls/b', 'calls/c', 'calls/d', 'calls/e']);
  });

  it('keeps the listings of folders a run over part of the archive did not walk, while they exist', async () => {
    const cwd = corpus(10);
    aMinuteLater();
    await runner(cwd).run();
    await runner(cwd, {}, ['calls/b']).run();
    rmSync(join(cwd, 'calls/e'), { recursive: true });
    await runner(cwd, {}, ['calls/b']).run();
    const spy = spyTaken(cwd);
    await runner(cwd).run();
    expect(spy.taken()).toEqual(['calls/a', 'calls/b', 'calls/c', 'calls/d']);
    expect(readFileSync(join(cwd, '.transcript-lint-cache'), 'utf8')).not.toContain(join(cwd, 'calls/e'));
  });

  it('keeps the listings of folders a run did not walk only up to the names a walk keeps', async () => {
    const cwd = corpus(10);
    aMinuteLater();
    await runner(cwd).run();
    // Each folder's two names joined are 27 characters: room for calls/b's own, none for another's beside it.
    await runner(cwd, { keepNamesUpTo: 30 }, ['calls/b']).run();
    const spy = spyTaken(cwd);
    await runner(cwd).run();
    expect(spy.taken()).toEqual(['calls/b']);
  });

  it('keeps only the counts of folders past the names a walk keeps: a rerun takes them, and reads such a folder when it reaches it', async () => {
    const cwd = corpus(10);
    aMinuteLater();
    // Each folder's two names joined are 27 characters: calls/a's are kept, the other folders' are past 30.
    const { run } = runner(cwd, { keepNamesUpTo: 30 });
    const first = await run();
    const section = readFileSync(join(cwd, '.transcript-lint-cache')).subarray(header(cwd).folders!.at);
    const { folders } = JSON.parse(section.toString('utf8', 0, section.indexOf(0x0a))) as { folders: { folder: string; kept: number; namesBytes: number | null }[] };
    expect(folders.map((f) => [f.folder.slice(cwd.length + 1), f.kept, f.namesBytes])).toEqual([['calls/a', 2, 27], ...FOLDERS.slice(1).map((f) => [f, 2, null])]);
    const spy = spyTaken(cwd);
    expect(await run()).toEqual(first);
    expect(spy.taken()).toEqual(FOLDERS);

    // A file added to a folder kept as counts: the folder's stamp changed, so it is walked and the file linted.
    await touchLater(() => writeFileSync(join(cwd, 'calls/c/call-new.txt'), GOOD_CALL));
    spy.restore();
    const again = spyTaken(cwd);
    expect(await run()).toEqual([...first, 'calls/c/call-new.txt'].sort());
    expect(again.taken()).toEqual(['calls/a', 'calls/b', 'calls/d', 'calls/e']);
  });

  it('lists every folder, with a notice, when the kept listings are damaged', async () => {
    const cwd = corpus(10);
    aMinuteLater();
    const { run, notices } = runner(cwd);
    const first = await run();
    const file = join(cwd, '.transcript-lint-cache');
    const bytes = readFileSync(file);
    bytes[header(cwd).folders!.at + 40] ^= 1;
    writeFileSync(file, bytes);
    const spy = spyTaken(cwd);
    expect(await run()).toEqual(first);
    expect(spy.taken()).toEqual([]);
    expect(notices).toEqual([expect.stringMatching(/^the folder listings kept in the cache .* are damaged; listing every folder$/)]);
    expect(await run()).toEqual(first);
    expect(spy.taken()).toEqual(FOLDERS);
    expect(notices).toHaveLength(1);
  });

  it('refuses kept listings whose names could lead out of their folder (a cache written by hand), with a notice', async () => {
    const cwd = corpus(10, { 'secret.txt': GOOD_CALL });
    aMinuteLater();
    const { run, notices } = runner(cwd);
    const first = await run();
    const file = join(cwd, '.transcript-lint-cache');
    const bytes = readFileSync(file);
    const place = header(cwd).folders!;
    const section = bytes.subarray(place.at);
    const lineEnd = section.indexOf(0x0a);
    const fields = JSON.parse(section.toString('utf8', 0, lineEnd)) as { key: string; folders: { folder: string; kept: number; matched: number; namesBytes: number }[] };
    // The first folder's names with one of them replaced by a path up and out, its counts and checksum made to match.
    for (const forged of ['../../secret.txt', '.hidden.txt', 'a.txt\0\0b.txt']) {
      const names = Buffer.from(forged);
      const rest = section.subarray(lineEnd + 1 + fields.folders[0].namesBytes);
      const folders = fields.folders.map((f, i) => (i === 0 ? { ...f, namesBytes: names.length, kept: 1, matched: 1 } : f));
      const newSection = Buffer.concat([Buffer.from(`${JSON.stringify({ key: fields.key, folders })}\n`), names, rest]);
      const head = JSON.parse(bytes.subarray(0, HEADER_BYTES).toString('latin1')) as Record<string, unknown>;
      head.folders = { at: place.at, bytes: newSection.length, checksum: xxh32(newSection) };
      writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(head).padEnd(HEADER_BYTES - 1)}\n`), bytes.subarray(HEADER_BYTES, place.at), newSection]));
      // The forged section passes its checksum: what refuses it below is its names (the notice is the same for both).
      const fd = openSync(file, 'r');
      try {
        expect(readSection(fd, head.folders as SectionPlace)).toEqual(newSection);
      } finally {
        closeSync(fd);
      }
      notices.length = 0;
      const spy = spyTaken(cwd);
      expect(await run()).toEqual(first);
      expect(spy.taken()).toEqual([]);
      spy.restore();
      expect(notices).toEqual([expect.stringMatching(/folder listings kept in the cache .* are damaged/)]);
    }
  });

  it('does not take a listing while a file was reached another way first, nor for a folder that holds the run\'s own file', async () => {
    const cwd = corpus(10, { 'calls/a/report.json': '{}' });
    aMinuteLater();
    const all = await runner(cwd).run();
    expect(all).toContain('calls/a/report.json');
    const spy = spyTaken(cwd);
    // The file named first is linted once, not again as a file of its folder.
    expect(await runner(cwd, {}, ['calls/b/call-0001.txt', 'calls']).run()).toEqual(all);
    expect(spy.taken()).toEqual(['calls/a', 'calls/c', 'calls/d', 'calls/e']);
    spy.restore();
    const own = spyTaken(cwd);
    expect(await runner(cwd, { ownFiles: ['calls/a/report.json'] }).run()).toEqual(all.filter((f) => f !== 'calls/a/report.json'));
    expect(own.taken()).toEqual(['calls/b', 'calls/c', 'calls/d', 'calls/e']);
  });

  it('keeps a listing only of a folder of plain files: a subfolder or a link is walked each time', async () => {
    const cwd = corpus(10, { 'calls/a/sub/call-sub.txt': GOOD_CALL });
    symlinkSync(join(cwd, 'calls/c/call-0002.txt'), join(cwd, 'calls/b/link.txt'));
    aMinuteLater();
    const all = await runner(cwd).run();
    expect(all).toContain('calls/a/sub/call-sub.txt');
    const spy = spyTaken(cwd);
    expect(await runner(cwd).run()).toEqual(all);
    // calls/b holds a link; the file it leads to was reached through it before its folder calls/c was walked.
    expect(spy.taken()).toEqual(['calls/a/sub', 'calls/d', 'calls/e']);
  });
});

describe('kept listings as stored', () => {
  it('reads a listing of counts only (namesBytes null), and refuses one that says nothing of its names', () => {
    const fields = { folder: '/calls/a', real: '/calls/a', stamp: { dev: 1, ino: 2, mtimeMs: 3, ctimeMs: 4 }, matched: 2, kept: 2, ignored: 0 };
    const section = (folder: Record<string, unknown>) => Buffer.from(`${JSON.stringify({ key: 'k', folders: [folder] })}\n`);
    const listings = decodeListings(section({ ...fields, namesBytes: null }), 10)!;
    listings.useKey('k', 1000);
    const { folder: _folder, ...listing } = fields;
    expect(listings.take('/calls/a', '/calls/a', fields.stamp)).toEqual({ ...listing, names: null });
    expect(decodeListings(section(fields), 10)).toBeUndefined();
    expect(decodeListings(section({ ...fields, namesBytes: -1 }), 10)).toBeUndefined();
  });
});

describe('walk with kept listings', () => {
  it('takes a listing whose real path and stamp match the folder, and lists a folder whose stamp differs', () => {
    const cwd = tempDir({ 'calls/a.txt': GOOD_CALL, 'calls/b.txt': GOOD_CALL });
    const folder = join(cwd, 'calls');
    const real = realpathSync(folder);
    const walked = (listings: FolderListings) => {
      listings.useKey('k', 1000);
      const runs = walkFolder(folder, newWalkState(TRANSCRIPT_EXTENSIONS, undefined, false, undefined, listings));
      return [...runPaths(runs.map(({ names }) => ({ prefix: '', names })))];
    };
    const stamp = folderStamp(statSync(folder));
    // A listing that is not what the folder holds shows that it was taken and the folder not read.
    const listing = { real, stamp, names: 'ghost.txt', matched: 1, kept: 1, ignored: 0 };
    expect(walked(new FolderListings(0, 'k', new Map([[folder, listing]])))).toEqual(['ghost.txt']);
    expect(walked(new FolderListings(0, 'k', new Map([[folder, { ...listing, stamp: { ...stamp, mtimeMs: stamp.mtimeMs - 1 } }]])))).toEqual(['a.txt', 'b.txt']);
    expect(walked(new FolderListings(0, 'k', new Map([[folder, { ...listing, stamp: { ...stamp, ino: stamp.ino + 1 } }]])))).toEqual(['a.txt', 'b.txt']);
    expect(walked(new FolderListings(0, 'k', new Map([[folder, { ...listing, real: `${real}-other` }]])))).toEqual(['a.txt', 'b.txt']);
    expect(walked(new FolderListings(0, 'other key', new Map([[folder, listing]])))).toEqual(['a.txt', 'b.txt']);
  });

  it('takes the counts of a listing kept without names, and reads the folder for its names when they are asked for', () => {
    const cwd = tempDir({ 'calls/a.txt': GOOD_CALL, 'calls/b.txt': GOOD_CALL });
    const folder = join(cwd, 'calls');
    const listings = new FolderListings(0, 'k', new Map([[folder, { real: realpathSync(folder), stamp: folderStamp(statSync(folder)), names: null, matched: 7, kept: 5, ignored: 2 }]]));
    listings.useKey('k', 1000);
    const state = newWalkState(TRANSCRIPT_EXTENSIONS, undefined, false, undefined, listings);
    const runs = walkFolder(folder, state);
    // The counts are the listing's (the folder was not read to count its files); its names are the folder's own.
    expect([state.matched, state.kept, state.ignored]).toEqual([7, 5, 2]);
    writeFileSync(join(cwd, 'calls/c.txt'), GOOD_CALL);
    expect([...runPaths(runs.map(({ names }) => ({ prefix: '', names })))]).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });
});

describe('a cache file\'s section', () => {
  // Small sections are checked in JavaScript, large ones (an archive's listings) in WebAssembly's memory: both ways.
  it.each([100, 200_000])('is read whole when its checksum matches, and refused when a byte changed (%i bytes)', (bytes) => {
    const section = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i++) section[i] = (i * 7919) % 251;
    const file = join(tempDir(), 'cache');
    writeFileSync(file, Buffer.concat([Buffer.alloc(HEADER_BYTES, 0x20), section]));
    const place: SectionPlace = { at: HEADER_BYTES, bytes, checksum: xxh32(section) };
    const fd = openSync(file, 'r');
    try {
      expect(readSection(fd, place)?.equals(section)).toBe(true);
      expect(readSection(fd, { ...place, checksum: (place.checksum + 1) >>> 0 })).toBeUndefined();
      const changed = Buffer.from(section);
      changed[bytes - 1] ^= 1;
      writeFileSync(file, Buffer.concat([Buffer.alloc(HEADER_BYTES, 0x20), changed]));
      expect(readSection(fd, place)).toBeUndefined();
    } finally {
      closeSync(fd);
    }
  });
});
