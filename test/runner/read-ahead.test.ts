// ReadAhead: a cold run's files read on threads of their own ahead of the lint, where they come from disk.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';
// The threads are started from dist/runner/read-ahead-worker.cjs: this test runs the built library (npm test builds first).
import { READ_AHEAD_MAX_BYTES, readAheadBuffer, readAheadFile } from '../../dist/runner/read-ahead-file.cjs';
import { ReadAhead } from '../../dist/runner/read-ahead.js';
import { lintFiles } from '../../dist/runner/lint-files.js';

/** A time long before the files were written: a read then sets their access time (relatime), which shows it. */
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

function writeFiles(cwd: string, count: number): string[] {
  const displays = Array.from({ length: count }, (_, i) => `calls/${String(Math.floor(i / 1000)).padStart(2, '0')}/c${String(i).padStart(5, '0')}.txt`);
  for (const display of displays) {
    mkdirSync(join(cwd, display, '..'), { recursive: true });
    writeFileSync(join(cwd, display), `客服: 您好\n客户: ${display}\n`);
    utimesSync(join(cwd, display), LONG_AGO, statSync(join(cwd, display)).mtime);
  }
  return displays;
}

const readSince = (cwd: string, display: string): boolean => statSync(join(cwd, display)).atimeMs > LONG_AGO.getTime();

/** Whether reading a file shows in its access time here (not on a folder mounted noatime). */
function atimeShowsReads(): boolean {
  const cwd = tempDir();
  const [display] = writeFiles(cwd, 1);
  readFileSync(join(cwd, display));
  return readSince(cwd, display);
}

describe('readAheadFile', () => {
  const scratch = readAheadBuffer();

  it('reads a regular file, and neither a folder, a file that is not there nor one over READ_AHEAD_MAX_BYTES', () => {
    const cwd = tempDir({ 'a.txt': '客服: 您好\n', 'big.txt': Buffer.alloc(READ_AHEAD_MAX_BYTES + 1) });
    expect(readAheadFile(join(cwd, 'a.txt'), scratch)).toBe(true);
    expect(readAheadFile(cwd, scratch)).toBe(false);
    expect(readAheadFile(join(cwd, 'missing.txt'), scratch)).toBe(false);
    expect(readAheadFile(join(cwd, 'big.txt'), scratch)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('leaves a FIFO\'s bytes to whoever reads it: its writer gives them once', async () => {
    const fifo = join(tempDir(), 'call.txt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `printf '客服: 您好' > "${fifo}"`]);
    try {
      // The writer waits for a reader to open the FIFO: asked again and again meanwhile, readAheadFile never opens it.
      for (let i = 0; i < 50; i++) {
        expect(readAheadFile(fifo, scratch)).toBe(false);
        await sleep(10);
      }
      const reader = spawnSync('cat', [fifo], { encoding: 'utf8', timeout: 10_000 });
      expect(reader.stdout).toBe('客服: 您好');
    } finally {
      writer.kill();
    }
  });
});

describe('ReadAhead', () => {
  it('gives its source\'s paths in order, shorter and longer than it reads ahead, reading or not', async () => {
    for (const count of [0, 10, 10_000]) {
      const displays = Array.from({ length: count }, (_, i) => `missing/${i}.txt`);
      for (const mode of ['always', 'never'] as const) {
        const ahead = new ReadAhead(tempDir(), mode);
        try {
          expect([...ahead.paths(displays)]).toEqual(displays);
          expect(ahead.threads).toBe(mode === 'always' ? 2 : 0);
        } finally {
          await ahead.close();
        }
        expect(ahead.threads).toBe(0);
      }
    }
  });

  it('starts no thread where the first files read as from memory (just written)', async () => {
    const cwd = tempDir();
    const displays = writeFiles(cwd, 300);
    const ahead = new ReadAhead(cwd, 'auto');
    try {
      expect([...ahead.paths(displays)]).toEqual(displays);
      expect(ahead.threads).toBe(0);
    } finally {
      await ahead.close();
    }
  });

  it('probes every 2,048 paths while nothing is read ahead, and starts reading where the files come from disk', async () => {
    const displays = Array.from({ length: 10_000 }, (_, i) => `missing/${i}.txt`);
    const probedFrom: number[] = [];
    // The files from the 5,000th on read as from disk.
    const ahead = new ReadAhead(tempDir(), 'auto', {
      fromDisk: (paths) => {
        probedFrom.push(displays.indexOf(paths[0]));
        return displays.indexOf(paths[0]) >= 5000;
      },
    });
    try {
      const threadsAt: number[] = [];
      const given = [];
      for (const path of ahead.paths(displays)) given.push(path), threadsAt.push(ahead.threads);
      expect(given).toEqual(displays);
      expect(probedFrom).toEqual([0, 2048, 4096, 6144]);
      expect(threadsAt.indexOf(2)).toBe(6144);
    } finally {
      await ahead.close();
    }
  });

  // From the run's first path ('always'), and from a later probe that finds the files come from disk.
  for (const startAt of [0, 2048]) {
    it.skipIf(!atimeShowsReads())(`reads the files up to 1,024 ahead of the path the run has taken, and none beyond (from path ${startAt})`, async () => {
      const cwd = tempDir();
      const displays = writeFiles(cwd, startAt + 2000);
      // (Every read taken for one from disk: the files were just written, and the threads would read only a few.)
      const ahead = new ReadAhead(cwd, startAt ? 'auto' : 'always', { fromDisk: (paths) => paths[0] === displays[startAt], slowReadNs: 0 });
      try {
        const paths = ahead.paths(displays)[Symbol.iterator]();
        for (let i = 0; i <= startAt; i++) expect(paths.next().value).toBe(displays[i]);
        // The threads read the next 1,024 (the run took the first: it is the lint's), each its batches in its own time
        // (on a busy machine one thread may boot long after the other).
        const unread = () => displays.slice(startAt + 1, startAt + 1024).filter((display) => !readSince(cwd, display));
        for (let waited = 0; waited < 30_000 && unread().length > 0; waited += 50) await sleep(50);
        expect(unread()).toEqual([]);
        const readElsewhere = [...displays.slice(0, startAt), ...displays.slice(startAt + 1025)].filter((display) => readSince(cwd, display));
        expect(readElsewhere).toEqual([]);
      } finally {
        await ahead.close();
      }
    });
  }

  it.skipIf(!atimeShowsReads())('reads only the first 8 files of a batch of 128 whose first files read as from memory', async () => {
    const cwd = tempDir();
    const displays = writeFiles(cwd, 2000);
    const ahead = new ReadAhead(cwd, 'always');
    try {
      const paths = ahead.paths(displays)[Symbol.iterator]();
      expect(paths.next().value).toBe(displays[0]);
      // The 8 batches sent (1,024 paths): each thread reads the first 8 files of each of its batches, timed, in turn.
      const batchStarts = Array.from({ length: 8 }, (_, batch) => batch * 128);
      const probesUnread = () => batchStarts.flatMap((start) => displays.slice(Math.max(1, start), start + 8)).filter((display) => !readSince(cwd, display));
      for (let waited = 0; waited < 30_000 && probesUnread().length > 0; waited += 50) await sleep(50);
      expect(probesUnread()).toEqual([]);
      await sleep(200);
      // The rest of each batch is left to the lint (on a busy machine a batch's reads may be slow: then it is read).
      const restRead = batchStarts.flatMap((start) => displays.slice(start + 8, start + 128)).filter((display) => readSince(cwd, display));
      expect(restRead.length).toBeLessThan(120 * 4);
    } finally {
      await ahead.close();
    }
  });

  it('changes nothing a run finds: the same results read ahead or not', async () => {
    const patterns = [join(ROOT, 'fixtures', 'zh'), join(ROOT, 'fixtures', 'zh-hant')];
    const run = (readAhead: 'always' | 'never') => lintFiles(patterns, { cwd: ROOT, noConfigLookup: true, concurrency: 1, readAhead });
    const [read, notRead] = [await run('always'), await run('never')];
    expect(read.length).toBeGreaterThan(100);
    expect(read).toEqual(notRead);
  });
});
