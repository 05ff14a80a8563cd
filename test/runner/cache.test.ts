import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeRecord, HEADER_BYTES, RecordReader } from '../../src/runner/cache-store.js';
import { lintFiles, type LintFilesOptions } from '../../src/runner/lint-files.js';
import { tempDir } from '../helpers.js';
import { corpus, PACK_OPTIONS } from './corpus.js';

function runner(cwd: string, extra: Partial<LintFilesOptions> = {}, patterns = ['calls']) {
  const notices: string[] = [];
  const options: LintFilesOptions = { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1, notice: (m) => notices.push(m), ...extra };
  return { notices, run: () => lintFiles(patterns, options) };
}

/** The display paths the cache file holds, in its order. */
function cachedPaths(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').slice(1, -1).map((line) => JSON.parse(line.split('\t')[1]) as string);
}

describe('--cache', () => {
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
    expect(readFileSync(join(cwd, '.transcript-lint-cache'), 'utf8')).toContain(`\t${new Date(2001, 1, 1).getTime()}\t`);
  });

  it('starts afresh with a notice when the packs or options changed', async () => {
    const cwd = corpus(4);
    await runner(cwd).run();
    const { notices, run } = runner(cwd, { rules: ['t/greet-first: off'] });
    const results = await run();
    expect(notices).toEqual([expect.stringMatching(/^packs, rules, options or the working folder changed since the cache .* was written; linting every file$/)]);
    expect(results.flatMap((r) => r.messages).some((m) => m.ruleId === 't/greet-first')).toBe(false);
  });

  it('does not use a cache of an earlier format (results without their filePath): it says so and writes a new one', async () => {
    const cwd = corpus(4);
    const { notices, run } = runner(cwd);
    const fresh = await run();
    const file = join(cwd, '.transcript-lint-cache');
    const lines = readFileSync(file, 'utf8').split('\n');
    const header = JSON.parse(lines[0]) as { transcriptLintCache: number };
    expect(header.transcriptLintCache).toBe(4);
    // Format 3 stored each result without its filePath: restoring one of those would report a file without a name.
    const old = lines.slice(1, -1).map((line) => {
      const fields = line.split('\t');
      const { filePath: _path, ...rest } = JSON.parse(fields[7]) as { filePath: string };
      return encodeRecord(JSON.parse(fields[1]) as string, { size: +fields[2], mtimeMs: +fields[3], ctimeMs: +fields[4], ino: +fields[5] }, fields[6], JSON.stringify(rest));
    });
    writeFileSync(file, Buffer.concat([Buffer.from(`${lines[0].replace('"transcriptLintCache":4', '"transcriptLintCache":3').trimEnd().padEnd(HEADER_BYTES - 1)}\n`), ...old]));
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
    expect(notices).toEqual([expect.stringMatching(/^the cache .* was written by another version of transcript-lint; linting every file$/)]);
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0])).toMatchObject({ transcriptLintCache: 4 });
  });

  it('lints again a file whose cached line holds the result of another file', async () => {
    const cwd = corpus(4);
    const { run } = runner(cwd);
    const fresh = await run();
    const file = join(cwd, '.transcript-lint-cache');
    const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
    // A line with a good checksum whose result names the file before it (a hand-edited or confused cache).
    const fields = lines[1].split('\t');
    const moved = JSON.stringify({ ...JSON.parse(fields[7]), filePath: JSON.parse(lines[0].split('\t')[1]) as string });
    lines[1] = encodeRecord(JSON.parse(fields[1]) as string, { size: +fields[2], mtimeMs: +fields[3], ctimeMs: +fields[4], ino: +fields[5] }, fields[6], moved).toString('utf8').trimEnd();
    writeFileSync(file, [header, ...lines].join('\n'));
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
  });

  it('discards a damaged cache with a notice and replaces it atomically', async () => {
    const cwd = corpus(4);
    const { notices, run } = runner(cwd, { cacheLocation: 'cache/' });
    const fresh = await run();
    const file = join(cwd, 'cache/.transcript-lint-cache');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\t\{"filePath/, '\t{"fileP'));
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

  it('does not cache files that could not be linted', async () => {
    const cwd = corpus(2, { 'calls/bin.txt': new Uint8Array([0x41, 0, 0x42]) });
    const { run } = runner(cwd);
    await run();
    expect(readFileSync(join(cwd, '.transcript-lint-cache'), 'utf8')).not.toContain('bin.txt');
  });

  it('writes nothing when nothing changed, and keeps the entries of files a run did not visit while they exist', async () => {
    const cwd = corpus(10);
    const cacheFile = join(cwd, '.transcript-lint-cache');
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
    const first = reader.next();
    expect(first).toMatchObject({ key: 'a\tb\nc.txt', hash: 'h1', ...stamp, start: HEADER_BYTES });
    expect(reader.resultJson()).toBe('{}');
    expect(reader.next()?.key).toBe('b.txt');
    expect(reader.resultJson()).toBe(long);
    expect(reader.next()?.key).toBe('c.txt');
    expect(reader.resultJson()).toBe('{"n":1}');
    expect(reader.next()).toBeUndefined();
    expect(reader.damagedAt).toBeUndefined();
    closeSync(fd);
  });

  it('reads keys that JSON escapes and keys it leaves as they are', () => {
    const keys = ['', 'a\u0001.txt', 'a"b.txt', 'a\\b.txt', 'a\ud800.txt', 'b/通话 1.txt']; // in path order
    const { fd, end } = write(keys.map((key) => encodeRecord(key, stamp, 'h', '{}')));
    const reader = new RecordReader(fd, HEADER_BYTES, end);
    expect(keys.map(() => reader.next()?.key)).toEqual(keys);
    expect(reader.damagedAt).toBeUndefined();
    closeSync(fd);
  });

  it('stops at a line whose checksum fails, and at one out of order', () => {
    const damaged = encodeRecord('b.txt', stamp, 'h2', '{"a":1}');
    damaged[damaged.length - 3] = 0x32; // one digit changed
    const lines = [encodeRecord('a.txt', stamp, 'h1', '{}'), damaged, encodeRecord('c.txt', stamp, 'h3', '{}')];
    let file = write(lines);
    let reader = new RecordReader(file.fd, HEADER_BYTES, file.end);
    expect(reader.next()?.key).toBe('a.txt');
    expect(reader.next()).toBeUndefined();
    expect(reader.damagedAt).toBe(HEADER_BYTES + lines[0].length);
    file = write([encodeRecord('b.txt', stamp, 'h', '{}'), encodeRecord('a.txt', stamp, 'h', '{}')]);
    reader = new RecordReader(file.fd, HEADER_BYTES, file.end);
    expect(reader.next()?.key).toBe('b.txt');
    expect(reader.next()).toBeUndefined();
    expect(reader.damagedAt).toBeDefined();
  });
});
