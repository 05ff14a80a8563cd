// ReadAhead: a cold run's files read on threads of their own ahead of the lint, where they come from disk.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';
// The threads are started from dist/runner/read-ahead-worker.cjs: this test runs the built library (npm test builds first).
import { READ_AHEAD_MAX_BYTES, readAheadBuffer, readAheadFile, slowMedian, timedRead } from '../../dist/runner/read-ahead-file.cjs';
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

  it('times a read (-1: not read), and tells a median read from disk among those read', () => {
    const cwd = tempDir({ 'a.txt': '客服: 您好\n' });
    expect(timedRead(join(cwd, 'a.txt'), scratch)).toBeGreaterThanOrEqual(0);
    expect(timedRead(join(cwd, 'missing.txt'), scratch)).toBe(-1);
    expect(slowMedian([90, 10, 20], 50)).toBe(false);
    expect(slowMedian([90, 60, 20], 50)).toBe(true);
    expect(slowMedian([], 0)).toBe(false);
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

  it('gives its source\'s paths in order on \'auto\', a source ending at, before or after a probe, read ahead from any probe', async () => {
    for (const count of [0, 1, 255, 256, 257, 2047, 2048, 2049, 2304, 2305, 4352]) {
      const displays = Array.from({ length: count }, (_, i) => `missing/${i}.txt`);
      for (const diskFrom of [0, 2048, Infinity]) {
        const probes: string[][] = [];
        const ahead = new ReadAhead(tempDir(), 'auto', { fromDisk: (paths) => (probes.push([...paths]), displays.indexOf(paths[0]) >= diskFrom) });
        try {
          expect([...ahead.paths(displays)]).toEqual(displays);
          // Each probe is given the next 256 paths (those left, at the end), every 2,048 until one reads as from disk.
          const probedFrom = probes.map((paths) => displays.indexOf(paths[0]));
          expect(probes.map((paths) => paths.length)).toEqual(probedFrom.map((from) => Math.min(256, count - from)));
          expect(probedFrom).toEqual(probedFrom.map((_, i) => i * 2048));
          expect(probedFrom.length).toBe(count === 0 ? 0 : Math.min(Math.ceil(count / 2048), diskFrom === Infinity ? Infinity : diskFrom / 2048 + 1));
          expect(ahead.threads).toBe(count > diskFrom ? 2 : 0);
        } finally {
          await ahead.close();
        }
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
    // (Every read taken for one from memory, as these are: the files were just written.)
    const ahead = new ReadAhead(cwd, 'always', { slowReadNs: Number.POSITIVE_INFINITY });
    try {
      const paths = ahead.paths(displays)[Symbol.iterator]();
      expect(paths.next().value).toBe(displays[0]);
      // The 8 batches sent (1,024 paths): each thread reads the first 8 files of each of its batches, timed, in turn.
      const batchStarts = Array.from({ length: 8 }, (_, batch) => batch * 128);
      const probesUnread = () => batchStarts.flatMap((start) => displays.slice(Math.max(1, start), start + 8)).filter((display) => !readSince(cwd, display));
      for (let waited = 0; waited < 30_000 && probesUnread().length > 0; waited += 50) await sleep(50);
      expect(probesUnread()).toEqual([]);
      await sleep(200);
      // The rest of each batch is left to the lint.
      expect(batchStarts.flatMap((start) => displays.slice(start + 8, start + 128)).filter((display) => readSince(cwd, display))).toEqual([]);
    } finally {
      await ahead.close();
    }
  });

  it.skipIf(!atimeShowsReads())('times the first 8 files read of a batch, not those that could not be read', async () => {
    const cwd = tempDir();
    const written = writeFiles(cwd, 200);
    // A batch whose first 20 files are missing: its median is taken over the next 8, read (each taken for from disk).
    const displays = [...Array.from({ length: 20 }, (_, i) => `gone/${i}.txt`), ...written];
    const ahead = new ReadAhead(cwd, 'always', { slowReadNs: 0 });
    try {
      const paths = ahead.paths(displays)[Symbol.iterator]();
      expect(paths.next().value).toBe(displays[0]);
      const unread = () => written.filter((display) => !readSince(cwd, display));
      for (let waited = 0; waited < 30_000 && unread().length > 0; waited += 50) await sleep(50);
      expect(unread()).toEqual([]);
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
