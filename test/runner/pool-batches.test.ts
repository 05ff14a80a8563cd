import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, PACK_OPTIONS } from './corpus.js';
// The pool starts dist/runner/worker-thread.cjs: this test runs the built library (npm test builds first).
import { Linter } from '../../dist/index.js';
import { lintFileBatches } from '../../dist/runner/lint-files.js';
import { BATCH_SIZE, BATCH_SIZE_WITH_SOURCES, LintPool } from '../../dist/runner/pool.js';
import { lintFileTask, type FileOutcome, type FileTask } from '../../dist/runner/file-task.js';

// Four whole batches and part of a fifth.
const FILES = 4 * BATCH_SIZE + 44;

function tasksOf(cwd: string): FileTask[] {
  const tasks: FileTask[] = [];
  for (let i = 0; i < FILES; i++) {
    const display = join('calls', String.fromCharCode(97 + (i % 5)), `call-${String(i).padStart(4, '0')}.txt`);
    tasks.push({ path: join(cwd, display), display });
  }
  return tasks.sort((a, b) => (a.display < b.display ? -1 : 1));
}

describe('the worker pool hands its outcomes on a batch at a time', () => {
  it('in task order, each batch a whole batch of files (never empty), the same outcomes as one thread', async () => {
    const cwd = corpus(FILES);
    const linter = Linter.create({ cwd, ...PACK_OPTIONS });
    const tasks = tasksOf(cwd);
    // This thread lints too, so that batches of both kinds (its own and the worker's) are handed on.
    let here = 0;
    const pool = new LintPool(1, { linterOptions: { cwd, ...PACK_OPTIONS } }, (task) => (here++, lintFileTask(linter, task)));
    const batches: FileOutcome[][] = [];
    try {
      for await (const batch of pool.run(tasks)) batches.push(batch);
    } finally {
      await pool.close();
    }
    expect(batches.every((b) => Array.isArray(b) && b.length > 0 && b.length <= BATCH_SIZE)).toBe(true);
    // One step of the iteration per batch, not per file.
    expect(batches.length).toBe(Math.ceil(FILES / BATCH_SIZE));
    const outcomes = batches.flat();
    expect(outcomes.map((o) => o.result!.filePath)).toEqual(tasks.map((t) => t.display));
    expect(outcomes.map((o) => o.result)).toEqual(tasks.map((t) => lintFileTask(linter, t).result));
    expect(here).toBeGreaterThan(0);
    expect(here).toBeLessThan(FILES);
  });

  it('sends a worker three batches before this thread lints one, so that it has work queued while this thread is busy', async () => {
    const cwd = corpus(FILES);
    const linter = Linter.create({ cwd, ...PACK_OPTIONS });
    const tasks = tasksOf(cwd);
    const here: string[] = [];
    const pool = new LintPool(1, { linterOptions: { cwd, ...PACK_OPTIONS } }, (task) => (here.push(task.display), lintFileTask(linter, task)));
    const outcomes: FileOutcome[] = [];
    try {
      for await (const batch of pool.run(tasks)) outcomes.push(...batch);
    } finally {
      await pool.close();
    }
    expect(here[0]).toBe(tasks[3 * BATCH_SIZE].display);
    expect(outcomes.map((o) => o.result!.filePath)).toEqual(tasks.map((t) => t.display));
  });

  it('sends smaller batches when the outcomes carry the files\' texts (a report that shows transcripts)', async () => {
    expect(BATCH_SIZE_WITH_SOURCES).toBeLessThan(BATCH_SIZE);
    const cwd = corpus(FILES);
    const options = { cwd, ...PACK_OPTIONS, keepSource: true };
    const linter = Linter.create(options);
    const tasks = tasksOf(cwd);
    const pool = new LintPool(1, { linterOptions: options }, (task) => lintFileTask(linter, task));
    const batches: FileOutcome[][] = [];
    try {
      for await (const batch of pool.run(tasks)) batches.push(batch);
    } finally {
      await pool.close();
    }
    expect(batches.every((b) => b.length > 0 && b.length <= BATCH_SIZE_WITH_SOURCES)).toBe(true);
    expect(batches.length).toBe(Math.ceil(FILES / BATCH_SIZE_WITH_SOURCES));
    const outcomes = batches.flat();
    expect(outcomes.map((o) => o.result!.filePath)).toEqual(tasks.map((t) => t.display));
    expect(outcomes.every((o) => typeof o.result!.source === 'string')).toBe(true);
  });

  it('ends when this thread lints every batch and the files fill the last one exactly', async () => {
    const cwd = corpus(2 * BATCH_SIZE);
    const linter = Linter.create({ cwd, ...PACK_OPTIONS });
    const tasks = tasksOf(cwd).filter((t) => Number(/call-(\d+)/.exec(t.display)![1]) < 2 * BATCH_SIZE);
    expect(tasks).toHaveLength(2 * BATCH_SIZE);
    const pool = new LintPool(0, { linterOptions: { cwd, ...PACK_OPTIONS } }, (task) => lintFileTask(linter, task));
    const sizes: number[] = [];
    for await (const batch of pool.run(tasks)) sizes.push(batch.length);
    await pool.close();
    expect(sizes).toEqual([BATCH_SIZE, BATCH_SIZE]);
  });

  it('stops handing on when the signal aborts', async () => {
    const cwd = corpus(FILES);
    const linter = Linter.create({ cwd, ...PACK_OPTIONS });
    const pool = new LintPool(1, { linterOptions: { cwd, ...PACK_OPTIONS } }, (task) => lintFileTask(linter, task));
    const control = new AbortController();
    let handed = 0;
    try {
      for await (const batch of pool.run(tasksOf(cwd), control.signal)) {
        handed += batch.length;
        control.abort();
      }
    } finally {
      await pool.close();
    }
    expect(handed).toBe(BATCH_SIZE);
  });

  it('a run with a worker yields its results in batches, in the order of one thread', async () => {
    const cwd = corpus(FILES, { 'calls/broken-link.txt': new Uint8Array([0xff, 0xfe, 0x00]) });
    const linter = Linter.create({ cwd, ...PACK_OPTIONS });
    const collect = async (concurrency: number): Promise<{ batches: number; results: unknown[] }> => {
      let batches = 0;
      const results: unknown[] = [];
      for await (const batch of lintFileBatches(['calls', 'missing/'], { cwd, ...PACK_OPTIONS, concurrency }, linter)) {
        batches++;
        results.push(...batch);
      }
      return { batches, results };
    };
    const pooled = await collect(2);
    const single = await collect(1);
    expect(pooled.results).toEqual(single.results);
    expect(pooled.results).toHaveLength(FILES + 2);
    // With the pool, the results of a batch of outcomes come together; one thread hands on its files at its turns of
    // the event loop, every 64 files (one-thread-batches.test.ts).
    expect(single.batches).toBeLessThanOrEqual(Math.ceil((FILES + 2) / 64) + 1);
    expect(pooled.batches).toBeLessThan(FILES / 4);
  });
});
