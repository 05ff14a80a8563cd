// StatAhead (a thread that stats a cached run's files ahead of it) and the cached rerun that uses it.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers.js';
import { corpus, PACK_ARGS, PACK_OPTIONS } from './corpus.js';
// The stat thread is started from dist/runner/stat-worker.cjs: this test runs the built library (npm test builds first).
import { hasEarlyStatAhead, StatAhead, TAKEN_WAIT_MS, type FileStats } from '../../dist/runner/stat-ahead.js';
import { done, STAT_FIELDS, statBase, taken, type StatRing } from '../../dist/runner/stat-protocol.cjs';
import { lintFiles, startStatThreadEarly } from '../../dist/runner/lint-files.js';

/** The stats a cache lookup compares (a file stat'ed on the test's own thread comes as Node's whole Stats). */
const fieldsOf = ({ size, mtimeMs, ctimeMs, ino, mode, uid, gid }: FileStats) => ({ size, mtimeMs, ctimeMs, ino, mode, uid, gid });

describe('StatAhead', () => {
  /** 700 files relative to the run's folder, in a subfolder, and one absolute (outside it); the 300th removed, the 500th a path through a file. */
  function files(): { cwd: string; displays: string[] } {
    const cwd = tempDir();
    const outside = join(tempDir(), 'outside.txt');
    const displays = [outside, ...Array.from({ length: 700 }, (_, i) => `${i % 2 ? 'sub/' : ''}f${String(i).padStart(4, '0')}.txt`)];
    mkdirSync(join(cwd, 'sub'));
    displays.forEach((name, i) => writeFileSync(resolve(cwd, name), 'x'.repeat(i)));
    rmSync(join(cwd, displays[300]));
    // A path through a file, as if its folder had been replaced by one since the walk: it cannot be stat'ed (ENOTDIR).
    displays.splice(500, 0, `${displays[499]}/x.txt`);
    return { cwd, displays };
  }

  /** Every entry StatAhead gives, checked against the file's own stats; `pause` runs before each batch's first. */
  async function walk(cwd: string, displays: string[], pause: (at: number) => Promise<void>): Promise<StatAhead> {
    const rest = displays[Symbol.iterator]();
    const ahead = new StatAhead(cwd).from(() => rest.next().value);
    const seen: string[] = [];
    try {
      for (;;) {
        if (seen.length % 128 === 0) await pause(seen.length);
        const next = ahead.next();
        if (!next) break;
        seen.push(next.display);
        if (next.display === displays[300] || next.display === displays[500]) {
          expect(next.stats).toBeNull();
          continue;
        }
        expect(fieldsOf(next.stats!)).toEqual(fieldsOf(statSync(resolve(cwd, next.display))));
      }
    } finally {
      await ahead.close();
    }
    expect(seen).toEqual(displays);
    return ahead;
  }

  it('gives every path in order with its stats, across batches, and null for a file that cannot be stat\'ed', async () => {
    const { cwd, displays } = files();
    // Asked at once, before the thread has booted: this thread stats files the thread has not got to.
    const eager = await walk(cwd, displays, () => Promise.resolve());
    expect(eager.statedHere).toBeGreaterThan(0);
    // Asked slowly (after the thread has had time to boot, even on a busy machine), its stats are there: it stats
    // (nearly) all of them.
    const slow = await walk(cwd, displays, (at) => new Promise((done) => setTimeout(done, at === 0 ? 500 : 30)));
    expect(slow.statedHere).toBeLessThan(displays.length / 2);
  });

  it('stats paths relative to the working folder as they are when the run is there, joined to its folder otherwise', async () => {
    expect(statBase(process.cwd())).toBe('');
    const { cwd, displays } = files();
    expect(statBase(cwd)).toBe(cwd.endsWith(sep) ? cwd : cwd + sep);
    // The same files named from the process's working folder (../…/f0001.txt), the run's folder being that one.
    const fromHere = displays.map((display) => relative(process.cwd(), resolve(cwd, display)));
    await walk(process.cwd(), fromHere, () => Promise.resolve());
    await walk(process.cwd(), fromHere, (at) => new Promise((done) => setTimeout(done, at === 0 ? 500 : 30)));
  });

  it('gives every path with its stats when its thread is gone', async () => {
    const { cwd, displays } = files();
    const rest = displays[Symbol.iterator]();
    const ahead = new StatAhead(cwd).from(() => rest.next().value);
    await ahead.close();
    const seen: string[] = [];
    for (let next = ahead.next(); next; next = ahead.next()) {
      seen.push(next.display);
      if (next.display === displays[300] || next.display === displays[500]) expect(next.stats).toBeNull();
      else expect(fieldsOf(next.stats!)).toEqual(fieldsOf(statSync(resolve(cwd, next.display))));
    }
    expect(seen).toEqual(displays);
    expect(ahead.statedHere).toBe(displays.length);
  });

  it('waits for a file its thread has taken instead of stat\'ing it twice, and only so long: a stuck thread cannot hang the run', async () => {
    const { cwd, displays } = files();
    const rest = displays[Symbol.iterator]();
    const ahead = new StatAhead(cwd).from(() => rest.next().value);
    await ahead.close();
    const { states, fields } = (ahead as unknown as { ring: StatRing }).ring;
    expect(ahead.next()?.display).toBe(displays[0]);
    // File 1 finished by the thread (made-up stats, which are given as they are); file 2 taken by a thread that never
    // finishes it.
    states[1] = done(0);
    fields.set([11, 12, 13, 14, 15, 16, 17], 1 * STAT_FIELDS);
    states[2] = taken(0);
    const here = ahead.statedHere;
    expect(ahead.next()).toEqual({ display: displays[1], stats: { size: 11, mtimeMs: 12, ctimeMs: 13, ino: 14, mode: 15, uid: 16, gid: 17 } });
    expect(ahead.statedHere).toBe(here);
    const before = performance.now();
    const stuck = ahead.next()!;
    expect(performance.now() - before).toBeGreaterThanOrEqual(TAKEN_WAIT_MS - 1);
    expect(performance.now() - before).toBeLessThan(TAKEN_WAIT_MS * 10);
    expect(stuck.display).toBe(displays[2]);
    expect(fieldsOf(stuck.stats!)).toEqual(fieldsOf(statSync(resolve(cwd, displays[2]))));
    expect(ahead.statedHere).toBe(here + 1);
    expect(ahead.waitedFor).toBe(1);
  });
});

/** Wait until the corpus's files have been unchanged long enough for their stamps to vouch for them (SETTLED_MS, cache.ts). */
function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 3100));
}

describe('a cached rerun over more files than one thread lints alone', () => {
  it('reports what a fresh run reports, and relints the one file that changed', async () => {
    const cwd = corpus(2100);
    await settled();
    const cached = [...PACK_ARGS, 'calls', '-f', 'jsonl', '--cache'];
    const first = runCli(cached, { cwd });
    expect(first.status).toBe(1);
    // Every stamp vouches for its file: the rerun takes the stats the thread made ahead as the files' own.
    expect(readFileSync(join(cwd, '.transcript-lint-cache'), 'latin1')).not.toContain('\tbff0000000000000\t');
    const fresh = runCli([...PACK_ARGS, 'calls', '-f', 'jsonl'], { cwd });
    expect(runCli(cached, { cwd }).stdout).toBe(fresh.stdout);
    // A changed file is seen through the stats made ahead: its new problem is reported.
    const lines = fresh.stdout.trim().split('\n');
    const clean = lines.map((line) => JSON.parse(line) as { filePath: string; messages: unknown[] }).find((r) => r.messages.length === 0)!;
    writeFileSync(resolve(cwd, clean.filePath), '客户: 喂？\n客服: 什么事？\n');
    const rerun = runCli(cached, { cwd }).stdout.trim().split('\n').map((line) => JSON.parse(line) as { filePath: string; messages: { ruleId: string }[] });
    expect(rerun).toHaveLength(lines.length);
    expect(rerun.find((r) => r.filePath === clean.filePath)!.messages.map((m) => m.ruleId)).toContain('t/no-shenme-shi');
  });

  it('meets damage in the cache halfway: says so, lints from there on, and writes a whole cache again', () => {
    const cwd = corpus(2100);
    const cached = [...PACK_ARGS, 'calls', '-f', 'jsonl', '--cache'];
    runCli(cached, { cwd });
    const fresh = runCli([...PACK_ARGS, 'calls', '-f', 'jsonl'], { cwd });
    const file = join(cwd, '.transcript-lint-cache');
    const bytes = readFileSync(file);
    // A byte in the middle of a line halfway down: its checksum fails.
    const at = bytes.indexOf(0x0a, Math.floor(bytes.length / 2)) + 40;
    bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
    writeFileSync(file, bytes);
    const damaged = runCli(cached, { cwd });
    expect(damaged.stderr).toContain('is damaged (its checksum does not match)');
    expect(damaged.stdout).toBe(fresh.stdout);
    const again = runCli(cached, { cwd });
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(fresh.stdout);
    expect(JSON.parse(readFileSync(file, 'latin1').split('\n')[0])).toMatchObject({ entries: 2100 });
  });
});

describe('the stat thread started before the run', () => {
  /** Files changed in every way a stamp tells, after the cache was written: the rerun must see each through the thread's stats. */
  function change(cwd: string): void {
    const at = (i: number) => join(cwd, 'calls', String.fromCharCode(97 + (i % 5)), `call-${String(i).padStart(4, '0')}.txt`);
    // Rewritten at the same size with a problem it did not have (the 1st of each kind is good, rude, traditional, no farewell).
    const good = readFileSync(at(0), 'utf8');
    writeFileSync(at(0), good.replace('您好，请问有什么可以帮您？', '什么事？什么事？什么事？什'));
    expect(statSync(at(0)).size).toBe(Buffer.byteLength(good));
    rmSync(at(1));
    writeFileSync(join(cwd, 'calls', 'a', 'call-0000-new.txt'), '客服: 什么事？\n');
    appendFileSync(at(2), '客服: 什么事？\n');
    // Its mtime set back to what it was: its ctime still tells.
    const { atime, mtime } = statSync(at(3));
    writeFileSync(at(3), readFileSync(at(1 + 4)));
    utimesSync(at(3), atime, mtime);
    // In the last batch, and past the ring's first turn.
    writeFileSync(at(2099), '客服: 什么事？\n');
    writeFileSync(at(1500), '客服: 什么事？\n');
  }

  it('is taken by the run it was started for, which reports what a fresh run reports after files changed', async () => {
    const cwd = corpus(2100);
    await settled();
    const options = { ...PACK_OPTIONS, cwd, cache: true, notice: () => undefined };
    await lintFiles(['calls'], options);
    change(cwd);
    startStatThreadEarly(options);
    expect(hasEarlyStatAhead()).toBe(true);
    const rerun = await lintFiles(['calls'], options);
    expect(hasEarlyStatAhead()).toBe(false);
    const fresh = await lintFiles(['calls'], { ...PACK_OPTIONS, cwd });
    expect(JSON.stringify(rerun)).toBe(JSON.stringify(fresh));
    expect(rerun.find((r) => r.filePath === join('calls', 'a', 'call-0000.txt'))!.errorCount).toBeGreaterThan(0);
    // And again, once what changed has settled: every file from the cache.
    await settled();
    startStatThreadEarly(options);
    expect(JSON.stringify(await lintFiles(['calls'], options))).toBe(JSON.stringify(fresh));
    expect(hasEarlyStatAhead()).toBe(false);
  });

  it('is started only for a cache of enough files; one the run does not take (another folder, no cache) is stopped', async () => {
    const small = corpus(50);
    const options = { ...PACK_OPTIONS, cwd: small, cache: true, notice: () => undefined };
    startStatThreadEarly(options);
    expect(hasEarlyStatAhead()).toBe(false);
    await lintFiles(['calls'], options);
    startStatThreadEarly(options);
    expect(hasEarlyStatAhead()).toBe(false);

    const cwd = corpus(2100);
    const big = { ...PACK_OPTIONS, cwd, cache: true, notice: () => undefined };
    await lintFiles(['calls'], big);
    startStatThreadEarly({ ...big, cache: false });
    expect(hasEarlyStatAhead()).toBe(false);
    // Started for one folder, a run over another (whose cache is small) leaves it: it is stopped, not kept.
    startStatThreadEarly(big);
    expect(hasEarlyStatAhead()).toBe(true);
    const smallRun = await lintFiles(['calls'], options);
    expect(hasEarlyStatAhead()).toBe(false);
    expect(JSON.stringify(smallRun)).toBe(JSON.stringify(await lintFiles(['calls'], { ...PACK_OPTIONS, cwd: small })));
  });

  it('boots under Node\'s own V8 flags and sets the command line\'s flag again once it is up', () => {
    const script = (flag: boolean) => `
      const v8 = require('node:v8');
      const defaults = v8.cachedDataVersionTag();
      ${flag ? "v8.setFlagsFromString(require(process.argv[1]).COMMAND_LINE_V8_FLAG.set);" : ''}
      const before = v8.cachedDataVersionTag();
      import(process.argv[2]).then(async ({ StatAhead }) => {
        const ahead = new StatAhead(process.cwd());
        const booting = v8.cachedDataVersionTag();
        for (let i = 0; i < 1000 && v8.cachedDataVersionTag() !== before; i++) await new Promise((r) => setTimeout(r, 10));
        const after = v8.cachedDataVersionTag();
        await ahead.close();
        console.log(JSON.stringify({ changed: before !== defaults, booting: booting === defaults, after: after === before }));
      });`;
    const run = (flag: boolean) => {
      const args = ['-e', script(flag), join(ROOT, 'dist', 'v8-flag.cjs'), pathToFileURL(join(ROOT, 'dist', 'runner', 'stat-ahead.js')).href];
      const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(child.stderr).toBe('');
      return JSON.parse(child.stdout) as unknown;
    };
    expect(run(true)).toEqual({ changed: true, booting: true, after: true });
    expect(run(false)).toEqual({ changed: false, booting: true, after: true });
  });
});
