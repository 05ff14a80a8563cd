// StatAhead (a thread that stats a cached run's files ahead of it) and the cached rerun that uses it.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { corpus, PACK_ARGS } from './corpus.js';
// The stat thread is started from dist/runner/stat-worker.cjs: this test runs the built library (npm test builds first).
import { StatAhead, type FileStats } from '../../dist/runner/stat-ahead.js';
import { statBase } from '../../dist/runner/stat-protocol.cjs';

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
