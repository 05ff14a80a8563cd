import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { summarize } from '../../src/engine/lint-transcript.js';
import { encodeResult } from '../../src/runner/cache-result.js';
import { encodeRecord, HEADER_BYTES, RecordReader, RecordWriter, type FileStamp } from '../../src/runner/cache-store.js';
import { xxh32 } from '../../src/runner/line-checksum.js';
import { lintFileBatches, lintFiles, type LintFilesOptions } from '../../src/runner/lint-files.js';
import type { LintResult } from '../../src/types.js';
import { tempDir } from '../helpers.js';
import { corpus, PACK_OPTIONS, RUNNER_PACK } from './corpus.js';

function runner(cwd: string, extra: Partial<LintFilesOptions> = {}, patterns = ['calls']) {
  const notices: string[] = [];
  const options: LintFilesOptions = { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1, notice: (m) => notices.push(m), ...extra };
  return { notices, run: () => lintFiles(patterns, options) };
}

/** The display paths the cache file holds, in its order. */
function cachedPaths(file: string): string[] {
  return cachedRecords(file).map((r) => r.key);
}

/**
 * Run as if a minute after the corpus was written: the stamps of its files then vouch for them (a stamp taken within
 * seconds of its file's last change does not, see SETTLED_MS in cache.ts).
 */
function aMinuteLater(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 60_000);
}

/** Where a cache file's lines end: where the folder listings its header places start, or at its end. */
function linesEnd(file: string): number {
  const header = JSON.parse(readFileSync(file, 'latin1').split('\n')[0]) as { folders?: { at: number } };
  return header.folders?.at ?? statSync(file).size;
}

/**
 * A cache file's lines as bytes, each with its newline, the header first, then the folder listings if any: each line
 * is as long as its length says (a result's lists of problems may hold newline bytes, which no text split keeps).
 */
function fileLines(file: string): Buffer[] {
  const bytes = readFileSync(file);
  const lines: Buffer[] = [bytes.subarray(0, HEADER_BYTES)];
  const end = linesEnd(file);
  for (let at = HEADER_BYTES; at < end; ) {
    const length = bytes.readUInt32LE(at + 5);
    lines.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (end < bytes.length) lines.push(bytes.subarray(end));
  return lines;
}

/** The cache format this version writes (src/runner/cache.ts), and its field in a header. */
const CACHE_FORMAT = 12;
const FORMAT_FIELD = /"transcriptLintCache":\d+/;

/** A number as the 16 hex digits of its 64-bit float, as formats 5 to 10 wrote a stamp's numbers. */
function hex(n: number): string {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b.toString('hex');
}

/**
 * Over a cache of an earlier format: the run lints every file again and says why, gives what a fresh run gives, and
 * writes this format, which the next run reads.
 */
async function expectEveryFileLintedAgain({ notices, run }: ReturnType<typeof runner>, fresh: LintResult[], file: string): Promise<void> {
  const lints = vi.spyOn(Linter.prototype, 'lintBytes');
  try {
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
    expect(lints).toHaveBeenCalledTimes(fresh.length);
  } finally {
    lints.mockRestore();
  }
  expect(notices).toEqual([expect.stringMatching(/^the cache .* was written by another version of transcript-lint; linting every file$/)]);
  expect(JSON.parse(readFileSync(file, 'latin1').split('\n')[0])).toMatchObject({ transcriptLintCache: CACHE_FORMAT });
  expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
}

/**
 * A cache over `cwd` rewritten as format `format` wrote it (each line made by `lineOf` from this format's record and
 * the fresh result), then expectEveryFileLintedAgain. The fresh results, for what a test checks of them.
 */
async function expectFormatNotRead(cwd: string, format: number, lineOf: (record: CachedRecord, fresh: LintResult) => Buffer): Promise<LintResult[]> {
  const linting = runner(cwd);
  const fresh = await linting.run();
  const file = join(cwd, '.transcript-lint-cache');
  const [header] = readFileSync(file, 'latin1').split('\n');
  expect(JSON.parse(header)).toMatchObject({ transcriptLintCache: CACHE_FORMAT });
  const lines = cachedRecords(file).map((record, i) => lineOf(record, fresh[i]));
  writeFileSync(file, Buffer.concat([Buffer.from(`${header.replace(FORMAT_FIELD, `"transcriptLintCache":${format}`)}\n`), ...lines]));
  await expectEveryFileLintedAgain(linting, fresh, file);
  return fresh;
}

/** The records of a cache file, read back. */
interface CachedRecord {
  key: string;
  stamp: FileStamp;
  hash: string;
  result: Buffer;
}

function cachedRecords(file: string): CachedRecord[] {
  const fd = openSync(file, 'r');
  try {
    const record = new RecordReader(fd, HEADER_BYTES, linesEnd(file));
    const records = [];
    while (record.next()) {
      const { key, size, mtimeMs, ctimeMs, ino, hash } = record;
      records.push({ key, stamp: { size, mtimeMs, ctimeMs, ino }, hash, result: record.resultBytes() });
    }
    expect(record.damagedAt).toBeUndefined();
    return records;
  } finally {
    closeSync(fd);
  }
}

describe('--cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives cached results identical to fresh ones, and relints only what changed', async () => {
    const cwd = corpus(12);
    const { notices, run } = runner(cwd);
    const fresh = await run();
    expect(existsSync(join(cwd, '.transcript-lint-cache'))).toBe(true);
    const cached = await run();
    expect(JSON.stringify(cached)).toBe(JSON.stringify(fresh));

    // New content under the same size and mtime is what a cache cannot see; new content with a new mtime it must.
    const rude = join(cwd, 'calls/a/call-0000.txt');
    writeFileSync(rude, '客服: 什么事？\n');
    const changed = await run();
    expect(changed[0].messages.map((m) => m.ruleId)).toContain('t/no-shenme-shi');
    expect(JSON.stringify(changed.slice(1))).toBe(JSON.stringify(fresh.slice(1)));
    expect(notices).toEqual([]);
  });

  it('keeps the result of a file touched but unchanged (content hash), and its new mtime', async () => {
    const cwd = corpus(4);
    const { run } = runner(cwd);
    const fresh = await run();
    const file = join(cwd, 'calls/b/call-0001.txt');
    utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
    const touched = cachedRecords(join(cwd, '.transcript-lint-cache')).find((r) => r.key === 'calls/b/call-0001.txt');
    expect(touched?.stamp.mtimeMs).toBe(new Date(2001, 1, 1).getTime());
  });

  it('does not let a stamp taken within seconds of its file\'s last change vouch for it: the next run checks the content', async () => {
    // A file changed again within the same tick of its filesystem's clock, at the same size, keeps its stamp.
    const cwd = corpus(4);
    const { run } = runner(cwd);
    const fresh = await run();
    const file = join(cwd, '.transcript-lint-cache');
    expect(cachedRecords(file).map((r) => r.stamp.ctimeMs)).toEqual([-1, -1, -1, -1]);

    // What such a change leaves: content the cached result is not of, under the stamp on record.
    const changed = 'calls/a/call-0000.txt';
    const text = readFileSync(join(cwd, changed), 'utf8');
    const rude = '客服: 什么事？\n';
    writeFileSync(join(cwd, changed), rude + ' '.repeat(Buffer.byteLength(text) - Buffer.byteLength(rude)));
    const now = statSync(join(cwd, changed));
    const lines = fileLines(file);
    const at = cachedRecords(file).findIndex((r) => r.key === changed);
    const old = cachedRecords(file)[at];
    lines[at + 1] = encodeRecord(changed, { size: now.size, mtimeMs: now.mtimeMs, ctimeMs: -1, ino: now.ino }, old.hash, old.result);
    writeFileSync(file, Buffer.concat(lines));

    // A minute later: the file whose content changed is linted, the others are checked by their content hash only.
    const lints = vi.spyOn(Linter.prototype, 'lintBytes');
    try {
      aMinuteLater();
      const rerun = await run();
      expect(lints.mock.calls.map(([, display]) => display)).toEqual([changed]);
      expect(rerun[0].messages.map((m) => m.ruleId)).toContain('t/no-shenme-shi');
      expect(JSON.stringify(rerun.slice(1))).toBe(JSON.stringify(fresh.slice(1)));
    } finally {
      lints.mockRestore();
    }
    // Their stamps, taken a minute after the change, now vouch for them.
    const records = cachedRecords(file);
    expect(records.map((r) => r.stamp.ctimeMs)).toEqual(records.map((r) => statSync(join(cwd, r.key)).ctimeMs));
  });

  it('starts afresh with a notice when the packs or options changed', async () => {
    const cwd = corpus(4);
    await runner(cwd).run();
    const { notices, run } = runner(cwd, { rules: ['t/greet-first: off'] });
    const results = await run();
    expect(notices).toEqual([expect.stringMatching(/^the linter's build, packs, rules, options or the working folder changed since the cache .* was written; linting every file$/)]);
    expect(results.flatMap((r) => r.messages).some((m) => m.ruleId === 't/greet-first')).toBe(false);
  });

  it('does not use a cache of an earlier format (stamps as decimal text): it says so and writes a new one', async () => {
    // Format 4 wrote each stamp in decimal and each result as JSON: its lines are not read as this version's.
    await expectFormatNotRead(corpus(4), 4, ({ key, stamp, hash }, r) =>
      Buffer.from(`${'0'.repeat(8)}\t${JSON.stringify(key)}\t${stamp.size}\t${stamp.mtimeMs}\t${stamp.ctimeMs}\t${stamp.ino}\t${hash}\t${JSON.stringify(r)}\n`, 'utf8'));
  });

  it('does not read a cache of format 8 (lines without their length, lists as JSON): it says so, lints again and writes this format', async () => {
    // Lines as format 8 wrote them, checksums good: no length after the checksum, lists as JSON (UTF-16LE when not
    // ASCII, the characters with a TAB or newline byte escaped).
    const list = (l: unknown[]): Buffer => {
      const json = JSON.stringify(l);
      if (!/[^\u0000-\u007f]/.test(json)) return Buffer.from(json, 'latin1');
      const safe = json.replace(/[\s\S]/g, (c) => ([9, 10].includes(c.charCodeAt(0) & 0xff) || [9, 10].includes(c.charCodeAt(0) >> 8) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c));
      return Buffer.from(safe, 'utf16le');
    };
    const fresh = await expectFormatNotRead(corpus(6), 8, ({ key, stamp, hash }, r) => {
      const rest = `\t${r.errorCount}\t${r.warningCount}\t${r.fatalErrorCount}\t${r.fixableErrorCount}\t${r.fixableWarningCount}\t${r.meta ? JSON.stringify(r.meta) : ''}\t${r.notEvaluatedReasons ? JSON.stringify(r.notEvaluatedReasons) : ''}`;
      const body = Buffer.concat([Buffer.from(`${JSON.stringify(key)}\t${hex(stamp.size)}\t${hex(stamp.mtimeMs)}\t${hex(stamp.ctimeMs)}\t${hex(stamp.ino)}\t${hash}\tS\t`), list(r.messages), Buffer.from('\t'), list(r.suppressedMessages), Buffer.from(rest)]);
      return Buffer.concat([Buffer.from(`${crc32(body).toString(16).padStart(8, '0')}\t`), body, Buffer.from('\n')]);
    });
    expect(fresh.some((r) => r.messages.some((m) => /[^\u0000-\u007f]/.test(m.message)))).toBe(true);
  });

  it('does not read a cache of format 10 (stamps as hex digits): it says so, lints again and writes this format', async () => {
    // Lines as format 10 wrote them, checksums and lengths good: each stamp's number as the 16 hex digits of its
    // float (hex), after a TAB of its own.
    await expectFormatNotRead(corpus(4), 10, ({ key, stamp, hash, result }) => {
      const fields = Buffer.concat([Buffer.from(`${JSON.stringify(key)}\t${hex(stamp.size)}\t${hex(stamp.mtimeMs)}\t${hex(stamp.ctimeMs)}\t${hex(stamp.ino)}\t${hash}\t`), result]);
      const body = Buffer.concat([Buffer.from(`${(18 + fields.length + 1).toString(16).padStart(8, '0')}\t`), fields]);
      return Buffer.concat([Buffer.from(`${crc32(body).toString(16).padStart(8, '0')}\t`), body, Buffer.from('\n')]);
    });
  });

  it('does not read a cache of format 11 (CRC-32 checksums): it says so, lints again and writes this format', async () => {
    // Lines as format 11 wrote them: this format's bytes, each checksum zlib's CRC-32 of the same range.
    await expectFormatNotRead(corpus(4), 11, ({ key, stamp, hash, result }) => {
      const line = encodeRecord(key, stamp, hash, result);
      line.writeUInt32LE(crc32(line.subarray(5, line.length - 1)), 0);
      return line;
    });
  });

  it('lints again a file whose cached line holds the result of another file', async () => {
    const cwd = corpus(4);
    const { run } = runner(cwd);
    const fresh = await run();
    const file = join(cwd, '.transcript-lint-cache');
    const [header] = readFileSync(file, 'utf8').split('\n');
    // A line with a good checksum whose result names the file before it (a hand-edited or confused cache).
    const records = cachedRecords(file);
    const lines = records.map(({ key, stamp, hash, result }, i) => encodeRecord(key, stamp, hash, i === 1 ? JSON.stringify({ ...fresh[1], filePath: records[0].key }) : result));
    writeFileSync(file, Buffer.concat([Buffer.from(`${header}\n`), ...lines]));
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
  });

  it('discards a damaged cache with a notice and replaces it atomically', async () => {
    const cwd = corpus(4);
    const { notices, run } = runner(cwd, { cacheLocation: 'cache/' });
    const fresh = await run();
    const file = join(cwd, 'cache/.transcript-lint-cache');
    const bytes = readFileSync(file);
    bytes[HEADER_BYTES + 12] ^= 1; // a letter of the first line's key
    writeFileSync(file, bytes);
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
    expect(notices).toEqual([expect.stringMatching(/cache .* is damaged \(its checksum does not match\); linting the files from there on$/)]);
    expect(readdirSync(join(cwd, 'cache'))).toEqual(['.transcript-lint-cache']);
    notices.length = 0;
    await run();
    expect(notices).toEqual([]);
  });

  it('neither uses nor overwrites a file that is not a cache', async () => {
    const cwd = corpus(2, { 'notes.txt': 'my notes\n' });
    const { notices, run } = runner(cwd, { cacheLocation: 'notes.txt' });
    await run();
    expect(readFileSync(join(cwd, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect(notices).toEqual([expect.stringMatching(/notes\.txt is not a transcript-lint cache: not using it and not overwriting it/)]);
  });

  it('goes on when the cache cannot be written: every result, and a notice that says why', async () => {
    const cwd = corpus(6);
    const fresh = await runner(cwd, { cache: false }).run();
    // A cache under a path through a file: it can be neither read nor written (ENOTDIR, then EEXIST making its folder).
    const { notices, run } = runner(cwd, { cacheLocation: 'calls/a/call-0000.txt/cache' });
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
    expect(notices).toEqual([expect.stringContaining('cannot read the cache'), expect.stringMatching(/^cannot write the cache .*; the results are not kept for the next run$/)]);
  });

  it('does not cache files that could not be linted', async () => {
    const cwd = corpus(2, { 'calls/bin.txt': new Uint8Array([0x41, 0, 0x42]) });
    const { run } = runner(cwd);
    await run();
    expect(readFileSync(join(cwd, '.transcript-lint-cache'), 'utf8')).not.toContain('bin.txt');
  });

  it('writes nothing when nothing changed, and keeps the entries of files a run did not visit while they exist', async () => {
    const cwd = corpus(10);
    const cacheFile = join(cwd, '.transcript-lint-cache');
    aMinuteLater();
    await runner(cwd).run();
    const all = cachedPaths(cacheFile);
    expect(all).toHaveLength(10);
    expect(all).toEqual([...all].sort());
    const before = statSync(cacheFile);
    await runner(cwd).run();
    expect(statSync(cacheFile).ino).toBe(before.ino); // not replaced
    expect(statSync(cacheFile).mtimeMs).toBe(before.mtimeMs);

    // Lint one folder only, after removing a file of another: the other folders' entries stay, the removed file's goes.
    rmSync(join(cwd, 'calls/c/call-0002.txt'));
    const { notices, run } = runner(cwd, {}, ['calls/b']);
    expect((await run()).map((r) => r.filePath)).toEqual(['calls/b/call-0001.txt', 'calls/b/call-0006.txt']);
    expect(notices).toEqual([]);
    expect(cachedPaths(cacheFile)).toEqual(all.filter((p) => p !== 'calls/c/call-0002.txt'));
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('serves a run that keeps sources (html) from the cache too: it reads each file, checks its hash and keeps its line', async () => {
    const cwd = corpus(6);
    aMinuteLater();
    const fresh = await runner(cwd).run();
    const cacheFile = join(cwd, '.transcript-lint-cache');
    const before = statSync(cacheFile);
    const withSource = await runner(cwd, { keepSource: true }).run();
    expect(withSource.every((r) => typeof r.source === 'string' && r.source.length > 0)).toBe(true);
    expect(JSON.stringify(withSource.map(({ source: _source, turns: _turns, ...rest }) => rest))).toBe(JSON.stringify(fresh));
    // Linting a file again would have written its line anew: the cache is left as it was.
    expect(statSync(cacheFile).ino).toBe(before.ino);
    expect(statSync(cacheFile).mtimeMs).toBe(before.mtimeMs);
  });

  it('gives cached results in batches and a file it lints as soon as it is linted', async () => {
    const cwd = corpus(30);
    aMinuteLater();
    const sizes = async () => {
      const batches = [];
      for await (const batch of lintFileBatches(['calls'], { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1 })) batches.push(batch);
      return batches;
    };
    const fresh = await sizes();
    expect(fresh.map((b) => b.length)).toEqual(Array(30).fill(1));
    writeFileSync(join(cwd, 'calls/b/call-0001.txt'), '客服: 什么事？\n');
    const rerun = await sizes();
    // The files before the changed one in one batch, the changed one alone, the rest in one.
    const changedAt = fresh.findIndex(([r]) => r.filePath === 'calls/b/call-0001.txt');
    expect(rerun.map((b) => b.length)).toEqual([changedAt, 1, 30 - changedAt - 1]);
    expect(rerun.flat().map((r) => r.filePath)).toEqual(fresh.flat().map((r) => r.filePath));
    expect(JSON.stringify(rerun.flat().filter((r) => r.filePath !== 'calls/b/call-0001.txt'))).toBe(JSON.stringify(fresh.flat().filter((r) => r.filePath !== 'calls/b/call-0001.txt')));
  });

  it('goes on when a cached file can no longer be stat\'ed: a folder replaced by a file since the walk is reported for each of its files', async () => {
    const cwd = corpus(30);
    aMinuteLater();
    const all = async (midway?: () => void) => {
      const results = [];
      for await (const batch of lintFileBatches(['calls'], { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1 })) {
        results.push(...batch);
        if (results.length === 1) midway?.();
      }
      return results;
    };
    const fresh = await all();
    // The first file changed: the rerun yields it alone, linted, before it looks up the others (calls/b, calls/c…).
    writeFileSync(join(cwd, 'calls/a/call-0000.txt'), '客服: 您好。\n客服: 再见。\n');
    const rerun = await all(() => {
      rmSync(join(cwd, 'calls/c'), { recursive: true });
      writeFileSync(join(cwd, 'calls/c'), 'not a folder');
    });
    expect(rerun.map((r) => r.filePath)).toEqual(fresh.map((r) => r.filePath));
    const inC = rerun.filter((r) => r.filePath.startsWith('calls/c/'));
    expect(inC.length).toBeGreaterThan(0);
    for (const r of inC) expect(r.messages.map((m) => m.message)).toEqual([expect.stringContaining('a part of the path is a file, not a folder')]);
    const others = (results: typeof fresh) => JSON.stringify(results.filter((r) => !r.filePath.startsWith('calls/c/') && r.filePath !== 'calls/a/call-0000.txt'));
    expect(others(rerun)).toBe(others(fresh));
  });

  it('keeps results worked out without changes for runs that want none, and lints again for a run that wants them only the files with problems', async () => {
    const cwd = corpus(8);
    // The corpus pack with a fix, so that its problems offer changes.
    writeFileSync(join(cwd, 'pack.yaml'), RUNNER_PACK.replace('    message: 不可以说\n', '    message: 不可以说\n    fix:\n      - { replace: 什么事, with: 请问有什么可以帮您 }\n'));
    const cold = await lintFiles(['calls'], { cwd, ...PACK_OPTIONS, concurrency: 1 });
    expect(cold.some((r) => r.messages.some((m) => m.fix))).toBe(true);
    const lints = vi.spyOn(Linter.prototype, 'lintBytes');
    try {
      const plain = await runner(cwd, { changes: false }).run();
      expect(plain.flatMap((r) => r.messages).every((m) => m.fix === undefined && m.suggestions === undefined)).toBe(true);
      expect(lints).toHaveBeenCalledTimes(8);
      const lacking = cachedRecords(join(cwd, '.transcript-lint-cache')).filter((r) => r.result[0] === 0x2d).map((r) => r.key);
      const withProblems = plain.filter((r) => r.messages.length > 0).map((r) => r.filePath);
      expect(lacking).toEqual(withProblems);
      expect(withProblems.length).toBeGreaterThan(0);
      expect(withProblems.length).toBeLessThan(8);

      // Without changes again: all from the cache, the same results.
      lints.mockClear();
      expect(JSON.stringify(await runner(cwd, { changes: false }).run())).toBe(JSON.stringify(plain));
      expect(lints).not.toHaveBeenCalled();
      // A run that wants them: the files with problems are linted again (results as a cold run's), and then stored with them.
      const notices: string[] = [];
      const full = await runner(cwd, { notice: (m) => notices.push(m) }).run();
      expect(notices).toEqual([]);
      expect(lints.mock.calls.map(([, display]) => display)).toEqual(withProblems);
      expect(JSON.stringify(full)).toBe(JSON.stringify(cold));
      expect(cachedRecords(join(cwd, '.transcript-lint-cache')).filter((r) => r.result[0] === 0x2d)).toEqual([]);
      lints.mockClear();
      expect(JSON.stringify(await runner(cwd).run())).toBe(JSON.stringify(cold));
      // ...and results with changes serve a run that wants none, as they are.
      expect(JSON.stringify(await runner(cwd, { changes: false }).run())).toBe(JSON.stringify(cold));
      expect(lints).not.toHaveBeenCalled();
    } finally {
      lints.mockRestore();
    }
  });

  it('adds new files in order and serves every other file from the cache', async () => {
    const cwd = corpus(6);
    const fresh = await runner(cwd).run();
    writeFileSync(join(cwd, 'calls/a/call-0003b.txt'), '客服: 什么事？\n');
    writeFileSync(join(cwd, 'calls/zz.txt'), '客服: 您好。\n客服: 再见。\n');
    const results = await runner(cwd).run();
    expect(results.map((r) => r.filePath)).toEqual([...fresh.map((r) => r.filePath), 'calls/a/call-0003b.txt', 'calls/zz.txt'].sort());
    const paths = cachedPaths(join(cwd, '.transcript-lint-cache'));
    expect(paths).toHaveLength(8);
    expect(paths).toEqual([...paths].sort());
    expect(JSON.stringify(await runner(cwd).run())).toBe(JSON.stringify(results));
  });
});

describe('cache file: lines read back as written', () => {
  const stamp = { size: 1, mtimeMs: 1700000000123.25, ctimeMs: 1700000000456.5, ino: 42 };

  function write(lines: Buffer[]): { fd: number; end: number } {
    const file = join(tempDir(), 'cache');
    const bytes = Buffer.concat([Buffer.alloc(HEADER_BYTES, 0x20), ...lines]);
    writeFileSync(file, bytes);
    return { fd: openSync(file, 'r'), end: bytes.length };
  }

  it('reads keys with tabs and newlines, stamps exactly, and a result longer than its buffer', () => {
    const long = JSON.stringify({ messages: ['x'.repeat(3 << 20)] });
    const { fd, end } = write([encodeRecord('a\tb\nc.txt', stamp, 'h1', '{}'), encodeRecord('b.txt', stamp, 'h2', long), encodeRecord('c.txt', stamp, 'h3', '{"n":1}')]);
    const reader = new RecordReader(fd, HEADER_BYTES, end);
    expect(reader.next()).toBe(true);
    const { key, hash, size, mtimeMs, ctimeMs, ino, start } = reader;
    expect({ key, hash, size, mtimeMs, ctimeMs, ino, start }).toEqual({ key: 'a\tb\nc.txt', hash: 'h1', ...stamp, start: HEADER_BYTES });
    expect(reader.resultBytes().toString()).toBe('{}');
    expect(reader.next() && reader.key).toBe('b.txt');
    expect(reader.resultBytes().toString()).toBe(long);
    expect(reader.next() && reader.key).toBe('c.txt');
    expect(reader.resultBytes().toString()).toBe('{"n":1}');
    expect(reader.next()).toBe(false);
    expect(reader.damagedAt).toBeUndefined();
    closeSync(fd);
  });

  it('writes new lines, old lines copied, and a line longer than its buffer, in order, each as encodeRecord makes it', () => {
    const old = [encodeRecord('a.txt', stamp, 'h1', '{}'), encodeRecord('c.txt', stamp, 'h3', '{"n":3}')];
    const { fd, end } = write(old);
    const file = join(tempDir(), 'next');
    const writer = new RecordWriter(file, { fd, end }, (count) => `{"entries":${count}}`);
    const long = JSON.stringify({ messages: ['通'.repeat(1 << 20)] }); // 3 MB of UTF-8: more than the writer's buffer
    writer.copy('a.txt', HEADER_BYTES, HEADER_BYTES + old[0].length);
    writer.add('b.txt', stamp, 'h2', long);
    writer.copy('c.txt', HEADER_BYTES + old[0].length, end);
    writer.add('d.txt', { ...stamp, ino: 7 }, 'h4', '{"n":4}');
    writer.commit();
    closeSync(fd);
    const expected = [old[0], encodeRecord('b.txt', stamp, 'h2', long), old[1], encodeRecord('d.txt', { ...stamp, ino: 7 }, 'h4', '{"n":4}')];
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, HEADER_BYTES).toString().trimEnd()).toBe('{"entries":4}');
    expect(bytes.subarray(HEADER_BYTES).equals(Buffer.concat(expected))).toBe(true);
    const reader = new RecordReader(openSync(file, 'r'), HEADER_BYTES, bytes.length);
    expect(['a.txt', 'b.txt', 'c.txt', 'd.txt'].map(() => reader.next() && reader.key)).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt']);
    expect(reader.damagedAt).toBeUndefined();
  });

  it('reads every stamp back to the same number, fractions and large inodes included', () => {
    const stamps = [{ size: 0, mtimeMs: 0.1 + 0.2, ctimeMs: 1796063622292.2522, ino: 2 ** 53 - 1 }, { size: 2 ** 40, mtimeMs: -5e-324, ctimeMs: 1e21, ino: 0 }];
    const { fd, end } = write(stamps.map((s, i) => encodeRecord(`${i}.txt`, s, 'h', '{}')));
    const reader = new RecordReader(fd, HEADER_BYTES, end);
    for (const s of stamps) {
      expect(reader.next()).toBe(true);
      expect([reader.size, reader.mtimeMs, reader.ctimeMs, reader.ino]).toEqual([s.size, s.mtimeMs, s.ctimeMs, s.ino]);
    }
    closeSync(fd);
  });

  it('reads keys that JSON escapes and keys it leaves as they are', () => {
    const keys = ['', 'a\u0001.txt', 'a"b.txt', 'a\\b.txt', 'a\u007f.txt', 'a\ud800.txt', 'b/通话 1.txt']; // in path order
    const { fd, end } = write(keys.map((key) => encodeRecord(key, stamp, 'h', '{}')));
    const reader = new RecordReader(fd, HEADER_BYTES, end);
    expect(keys.map(() => reader.next() && reader.key)).toEqual(keys);
    expect(reader.damagedAt).toBeUndefined();
    closeSync(fd);
    // Told the key it looks for, a reader takes that string for a line that holds it, and reads any other line's own.
    const again = write(keys.map((key) => encodeRecord(key, stamp, 'h', '{}')));
    const told = new RecordReader(again.fd, HEADER_BYTES, again.end);
    for (const key of keys) {
      expect(told.next(key)).toBe(true);
      expect(told.key).toBe(key);
    }
    closeSync(again.fd);
    const third = write([encodeRecord('a.txt', stamp, 'h', '{}'), encodeRecord('ab.txt', stamp, 'h', '{}'), encodeRecord('b.txt', stamp, 'h', '{}')]);
    const other = new RecordReader(third.fd, HEADER_BYTES, third.end);
    expect(other.next('a') && other.key).toBe('a.txt'); // a prefix of the line's key
    expect(other.next('ab.tx') && other.key).toBe('ab.txt');
    expect(other.next('b.txt!') && other.key).toBe('b.txt'); // longer than it
    expect(other.damagedAt).toBeUndefined();
    closeSync(third.fd);
    // A key asked for whose characters' low bytes are another line's key (Ł is U+0141, A 0x41), keys of non-ASCII
    // characters and of lone surrogates, and a key longer than the reader's first scratch buffer.
    const long = `${'x'.repeat(3000)}.txt`;
    const fourth = write([encodeRecord('A.txt', stamp, 'h', '{}'), encodeRecord('b\u00e9.txt', stamp, 'h', '{}'), encodeRecord('c?.txt', stamp, 'h', '{}'), encodeRecord(long, stamp, 'h', '{}')]);
    const asked = new RecordReader(fourth.fd, HEADER_BYTES, fourth.end);
    expect(asked.next('\u0141.txt') && asked.key).toBe('A.txt');
    expect(asked.next('b\u00e9.txt') && asked.key).toBe('b\u00e9.txt');
    expect(asked.next('c\ud800.txt') && asked.key).toBe('c?.txt');
    expect(asked.next(long) && asked.key).toBe(long);
    expect(asked.damagedAt).toBeUndefined();
    closeSync(fourth.fd);
  });

  it('ends a line where its length says: a result may hold newline and TAB bytes', () => {
    const field = encodeResult(summarize('b.txt', [{ ruleId: 't/r', severity: 2, message: '上\n\t三', line: 10, column: 9, endLine: 10, endColumn: 13, excerpt: '\n' }]));
    expect(field.includes(0x0a)).toBe(true);
    const lines = [encodeRecord('a.txt', stamp, 'h1', '{}'), encodeRecord('b.txt', stamp, 'h2', field), encodeRecord('c.txt', stamp, 'h3', '{}')];
    expect(lines[1].readUInt32LE(5)).toBe(lines[1].length);
    const { fd, end } = write(lines);
    const reader = new RecordReader(fd, HEADER_BYTES, end);
    expect(reader.next() && reader.key).toBe('a.txt');
    expect(reader.next() && reader.key).toBe('b.txt');
    expect(reader.resultBytes().equals(field)).toBe(true);
    expect(JSON.stringify(reader.result('b.txt'))).toBe(JSON.stringify(summarize('b.txt', [{ ruleId: 't/r', severity: 2, message: '上\n\t三', line: 10, column: 9, endLine: 10, endColumn: 13, excerpt: '\n' }])));
    expect([reader.start, reader.end]).toEqual([HEADER_BYTES + lines[0].length, HEADER_BYTES + lines[0].length + lines[1].length]);
    expect(reader.next() && reader.key).toBe('c.txt');
    expect(reader.next()).toBe(false);
    expect(reader.damagedAt).toBeUndefined();
    closeSync(fd);
  });

  it('stops at a line whose length is wrong, or that the file cuts short, or whose result bytes changed', () => {
    const field = encodeResult(summarize('b.txt', [{ ruleId: 't/r', severity: 2, message: '上三', line: 1, column: 1, endLine: 1, endColumn: 3 }]));
    const good = (): Buffer[] => [encodeRecord('a.txt', stamp, 'h1', '{}'), encodeRecord('b.txt', stamp, 'h2', field), encodeRecord('c.txt', stamp, 'h3', '{}')];
    const second = HEADER_BYTES + good()[0].length;
    const lengthOf = (line: Buffer, n: number): Buffer => {
      const copy = Buffer.from(line);
      copy.writeUInt32LE(n, 5);
      return copy;
    };
    const cases: [string, Buffer[], number][] = [
      ['one byte longer', good().map((l, i) => (i === 1 ? lengthOf(l, l.length + 1) : l)), second],
      ['one byte shorter', good().map((l, i) => (i === 1 ? lengthOf(l, l.length - 1) : l)), second],
      ['longer than the file', good().map((l, i) => (i === 1 ? lengthOf(l, 1 << 20) : l)), second],
      ['far too long', good().map((l, i) => (i === 1 ? lengthOf(l, 0x7fffffff) : l)), second],
      ['too short for a line', good().map((l, i) => (i === 1 ? lengthOf(l, 20) : l)), second],
      ['no TAB after its length', good().map((l, i) => (i === 1 ? Buffer.from(l).fill(0x20, 9, 10) : l)), second],
      ['no TAB after its checksum', good().map((l, i) => (i === 1 ? Buffer.from(l).fill(0x20, 4, 5) : l)), second],
      ['a byte of its problems changed', good().map((l, i) => (i === 1 ? Buffer.from(l).fill(0x41, l.length - 40, l.length - 39) : l)), second],
      ['cut short by the end of the file', [...good().slice(0, 2), good()[2].subarray(0, 40)], second + good()[1].length],
      ['cut within its length', [...good().slice(0, 2), good()[2].subarray(0, 7)], second + good()[1].length],
    ];
    for (const [what, lines, at] of cases) {
      const { fd, end } = write(lines);
      const reader = new RecordReader(fd, HEADER_BYTES, end);
      const keys: string[] = [];
      while (reader.next()) keys.push(reader.key);
      expect(reader.damagedAt, what).toBe(at);
      expect(keys, what).toEqual(['a.txt', 'b.txt', 'c.txt'].slice(0, at === second ? 1 : 2));
      closeSync(fd);
    }
  });

  it('reads a key as JSON when the asked key matches its bytes only as Latin-1 or only before JSON escapes', () => {
    // é is C3 A9 in UTF-8, which read as Latin-1 are Ã©; "a\\nb" is the JSON of a, newline, b; "q\\"" of q and a quote.
    const lines = [encodeRecord('a\nb.txt', stamp, 'h', '{}'), encodeRecord('q".txt', stamp, 'h', '{}'), encodeRecord('\u00e9.txt', stamp, 'h', '{}')];
    const { fd, end } = write(lines);
    const reader = new RecordReader(fd, HEADER_BYTES, end);
    expect(reader.next('a\\nb.txt') && reader.key).toBe('a\nb.txt');
    expect(reader.next('q\\".txt') && reader.key).toBe('q".txt');
    expect(reader.next('\u00c3\u00a9.txt') && reader.key).toBe('\u00e9.txt');
    expect(reader.damagedAt).toBeUndefined();
    closeSync(fd);
  });

  it('reads every stamp exactly from its bytes, TAB and newline bytes among them, and takes a stamp that is no finite number for damage', () => {
    // Floats with every byte value somewhere (read by place, little-endian), -1 (UNSETTLED_CTIME), -0, the smallest
    // and largest, and numbers whose bytes are TABs and newlines: 0x0a09 is bytes 09 0a 00 …; the inode's float
    // 0x090a090a090a0909 read as bytes is TABs and newlines only.
    const tabs = new DataView(new ArrayBuffer(8));
    tabs.setBigUint64(0, 0x090a090a090a0909n, true);
    const stamps: FileStamp[] = [
      { size: 0, mtimeMs: 1764739200123.4567, ctimeMs: -1, ino: 2 ** 53 - 1 },
      { size: 0xfedcba98, mtimeMs: 5e-324, ctimeMs: 1.7976931348623157e308, ino: 0x0123456789abc },
      { size: 3, mtimeMs: -0, ctimeMs: 0.1, ino: 4294967295 },
      { size: 0x0a09, mtimeMs: 1796063622292.2522, ctimeMs: -1.5, ino: tabs.getFloat64(0, true) },
    ];
    expect(stamps.every((s) => Number.isFinite(s.ino))).toBe(true);
    for (let byte = 0; byte < 256; byte++) {
      const bytes = new DataView(new ArrayBuffer(8));
      for (let i = 0; i < 8; i++) bytes.setUint8(i, i === 7 ? byte & 0x7f : byte); // sign bit kept off half the time
      const n = bytes.getFloat64(0, true);
      if (Number.isFinite(n)) stamps.push({ size: byte, mtimeMs: n, ctimeMs: -n, ino: 1 });
    }
    const lines = stamps.map((s, i) => encodeRecord(`${String(i).padStart(3, '0')}.txt`, s, 'h', '{}'));
    expect(lines[3].subarray(10 + '"003.txt"'.length).includes(0x0a)).toBe(true);
    let file = write(lines);
    let reader = new RecordReader(file.fd, HEADER_BYTES, file.end);
    for (const s of stamps) {
      expect(reader.next()).toBe(true);
      expect([reader.size, reader.mtimeMs, reader.ctimeMs, reader.ino]).toEqual([s.size, s.mtimeMs, s.ctimeMs, s.ino]);
      expect(Object.is(reader.mtimeMs, s.mtimeMs) && Object.is(reader.ctimeMs, s.ctimeMs)).toBe(true);
    }
    expect(reader.next()).toBe(false);
    expect(reader.damagedAt).toBeUndefined();
    closeSync(file.fd);
    // Each number's float made NaN or an infinity (its exponent's bits all set, written little-endian: the last two
    // bytes), the checksum made to match: damage, not a stamp.
    const good = encodeRecord('a.txt', stamp, 'h', '{}');
    const stampAt = 10 + '"a.txt"'.length + 1;
    expect([good[stampAt - 1], good[stampAt + 32]]).toEqual([0x09, 0x09]);
    for (const field of [0, 1, 2, 3]) {
      for (const low of [0, 1]) {
        const line = Buffer.from(good);
        line.fill(0, stampAt + 8 * field, stampAt + 8 * field + 6);
        line[stampAt + 8 * field] = low; // 0: an infinity; 1: NaN
        line[stampAt + 8 * field + 6] = 0xf0;
        line[stampAt + 8 * field + 7] = 0x7f;
        line.writeUInt32LE(xxh32(line.subarray(5, line.length - 1)), 0);
        file = write([line]);
        reader = new RecordReader(file.fd, HEADER_BYTES, file.end);
        expect(reader.next(), `field ${field}, ${low ? 'NaN' : 'infinity'}`).toBe(false);
        expect(reader.damagedAt).toBe(HEADER_BYTES);
        closeSync(file.fd);
      }
    }
    // One bit of a stamp's byte changed, the checksum left as it was; and the TAB after the stamp made another byte,
    // the checksum made to match.
    for (const at of [stampAt, stampAt + 13, stampAt + 31, stampAt + 32]) {
      const line = Buffer.from(good);
      line[at] ^= 1;
      if (at === stampAt + 32) line.writeUInt32LE(xxh32(line.subarray(5, line.length - 1)), 0);
      file = write([encodeRecord('0.txt', stamp, 'h', '{}'), line]);
      reader = new RecordReader(file.fd, HEADER_BYTES, file.end);
      expect(reader.next()).toBe(true);
      expect(reader.next(), `byte ${at - stampAt} of the stamp`).toBe(false);
      expect(reader.damagedAt).toBe(HEADER_BYTES + good.length);
      closeSync(file.fd);
    }
  });

  it('checks each line\'s checksum wherever the line stands in the reader\'s buffer: a byte only the checksum covers, changed, is damage', () => {
    // 12,000 short lines (more than the reader's first megabyte, so that it reads on from a line within it) and a line
    // of 2 MB (which grows its buffer) in the middle; one byte of the hash or the result changed in a line at the
    // buffer's start, within it, after a refill, and after the long line.
    const keys = Array.from({ length: 12_001 }, (_, i) => `f${String(i).padStart(5, '0')}.txt`);
    const long = JSON.stringify({ messages: ['x'.repeat(2 << 20)] });
    const lines = keys.map((key, i) => encodeRecord(key, stamp, 'abcdef', i === 6_000 ? long : `{"n":${i}}`));
    const starts: number[] = [];
    lines.reduce((at, line) => (starts.push(at), at + line.length), HEADER_BYTES);
    const readAll = (damagedLine?: number, fromEnd?: number): { read: number; damagedAt: number | undefined } => {
      const copy = lines.map((line, i) => {
        if (i !== damagedLine) return line;
        const changed = Buffer.from(line);
        changed[changed.length - fromEnd!] ^= 1;
        return changed;
      });
      const file = write(copy);
      const reader = new RecordReader(file.fd, HEADER_BYTES, file.end);
      let read = 0;
      while (reader.next()) read++;
      closeSync(file.fd);
      return { read, damagedAt: reader.damagedAt };
    };
    expect(readAll()).toEqual({ read: lines.length, damagedAt: undefined });
    for (const at of [0, 1, 4_000, 9_000, 6_001, 12_000]) {
      // The last digit of the result's number (`}` and the newline after it), then the hash's last letter.
      const resultDigit = 3;
      const hashLetter = lines[at].length - lines[at].lastIndexOf('\tabcdef\t') - 6;
      for (const fromEnd of [resultDigit, hashLetter]) expect(readAll(at, fromEnd), `line ${at}, byte ${fromEnd} from its end`).toEqual({ read: at, damagedAt: starts[at] });
    }
  });

  it('reads lines whose checksum and length are bytes of TABs and newlines (read by place)', () => {
    // Lengths of 0x0a0a and 0x090a bytes (0a 0a 00 00, 0a 09 00 00), and results tried until checksums hold a TAB and
    // a newline byte.
    const sized = (key: string, length: number): Buffer => {
      const bare = encodeRecord(key, stamp, 'h', '');
      return encodeRecord(key, stamp, 'h', 'x'.repeat(length - bare.length));
    };
    const lines = [sized('a.txt', 0x0a0a), sized('b.txt', 0x090a)];
    for (const [key, byte] of [['c.txt', 0x0a], ['d.txt', 0x09]] as const) {
      let n = 0;
      while (!encodeRecord(key, stamp, 'h', `{"n":${n}}`).subarray(0, 4).includes(byte)) n++;
      lines.push(encodeRecord(key, stamp, 'h', `{"n":${n}}`));
    }
    expect(lines.map((l) => l.readUInt32LE(5))).toEqual([0x0a0a, 0x090a, lines[2].length, lines[3].length]);
    const { fd, end } = write(lines);
    const reader = new RecordReader(fd, HEADER_BYTES, end);
    const read: [string, number, number][] = [];
    while (reader.next()) read.push([reader.key, reader.end - reader.start, reader.resultBytes().length]);
    expect(reader.damagedAt).toBeUndefined();
    expect(read).toEqual(lines.map((l, i) => [`${'abcd'[i]}.txt`, l.length, l.length - 10 - 7 - 34 - 2 - 1]));
    closeSync(fd);
  });

  it('stops at a line whose checksum fails, and at one out of order', () => {
    const damaged = encodeRecord('b.txt', stamp, 'h2', '{"a":1}');
    damaged[damaged.length - 3] = 0x32; // one digit changed
    const lines = [encodeRecord('a.txt', stamp, 'h1', '{}'), damaged, encodeRecord('c.txt', stamp, 'h3', '{}')];
    let file = write(lines);
    let reader = new RecordReader(file.fd, HEADER_BYTES, file.end);
    expect(reader.next() && reader.key).toBe('a.txt');
    expect(reader.next()).toBe(false);
    expect(reader.damagedAt).toBe(HEADER_BYTES + lines[0].length);
    file = write([encodeRecord('b.txt', stamp, 'h', '{}'), encodeRecord('a.txt', stamp, 'h', '{}')]);
    reader = new RecordReader(file.fd, HEADER_BYTES, file.end);
    expect(reader.next() && reader.key).toBe('b.txt');
    expect(reader.next()).toBe(false);
    expect(reader.damagedAt).toBeDefined();
  });
});
