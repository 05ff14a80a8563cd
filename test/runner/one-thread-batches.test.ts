import { describe, expect, it } from 'vitest';
import { corpus, PACK_OPTIONS } from './corpus.js';
import { Linter } from '../../dist/index.js';
import { lintFileBatches } from '../../dist/runner/lint-files.js';
import type { LintResult } from '../../dist/types.js';

const FILES = 300;
/** The run's turns of the event loop come every 64 files linted in this thread (lint-files.ts, YIELD_EVERY). */
const TURN = 64;

async function batchesOf(cwd: string, options: object, lintOne?: (file: string, shown: string) => LintResult): Promise<LintResult[][]> {
  const linter = Linter.create({ cwd, ...PACK_OPTIONS });
  const batches: LintResult[][] = [];
  for await (const batch of lintFileBatches(['calls', 'missing/'], { cwd, ...PACK_OPTIONS, concurrency: 1, ...options }, linter, lintOne)) batches.push([...batch]);
  return batches;
}

describe('a run in one thread hands on the files it lints a turn of the event loop at a time', () => {
  it('without a cache: batches of at most a turn\'s files, never empty, the same results in the same order as a file a step', async () => {
    const cwd = corpus(FILES, { 'calls/not-utf8.txt': new Uint8Array([0xff, 0xfe, 0x00]) });
    const cold = await batchesOf(cwd, {});
    // A first --cache run lints every file too, and hands each on alone.
    const cached = await batchesOf(cwd, { cache: true });
    expect(cached.map((b) => b.length)).toEqual(Array(FILES + 2).fill(1));
    expect(JSON.stringify(cold.flat())).toBe(JSON.stringify(cached.flat()));
    expect(cold.flat().map((r) => r.filePath)).toEqual([...cold.flat().map((r) => r.filePath)].sort());
    expect(cold.flat().filter((r) => r.filePath === 'missing/')).toHaveLength(1);
    for (const batch of cold) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(TURN);
    }
    expect(cold.length).toBeLessThanOrEqual(Math.ceil((FILES + 2) / TURN) + 1);
  });

  it('stopped by its signal, it has handed on every file it linted (results wait only where no signal can be seen)', async () => {
    const cwd = corpus(FILES);
    const linter = Linter.create({ cwd, ...PACK_OPTIONS });
    // Stopped as a batch is taken, and at the run's next turn of the event loop (as Ctrl-C or a closed stdout are).
    for (const [stopAfter, when] of [[1, 'now'], [2, 'now'], [1, 'next turn'], [3, 'next turn']] as const) {
      const linted: string[] = [];
      const lintOne = (file: string, shown: string): LintResult => (linted.push(shown), linter.lintFile(file, shown));
      const control = new AbortController();
      const handed: string[] = [];
      let batches = 0;
      for await (const batch of lintFileBatches(['calls'], { cwd, ...PACK_OPTIONS, concurrency: 1, signal: control.signal }, linter, lintOne)) {
        handed.push(...batch.map((r) => r.filePath));
        if (++batches === stopAfter) {
          if (when === 'now') control.abort();
          else setImmediate(() => control.abort());
        }
      }
      expect(handed).toEqual(linted);
      expect(handed.length).toBeGreaterThan(0);
      expect(handed.length).toBeLessThan(FILES);
    }
  });
});
