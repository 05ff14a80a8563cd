// Lint many files: discovery, shard, cache, then one result per file, streamed in input order — in process for a
// few files, on a pool of worker threads for many.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { Linter, fatalResult, type LinterOptions } from '../engine/linter.js';
import type { LintResult } from '../types.js';
import { cacheFilePath, configFingerprint, LintCache, type CacheLookup } from './cache.js';
import { comparePaths, discoverFiles, displayPath } from './discover.js';
import { lintFileTask, type FileOutcome, type FileTask } from './file-task.js';
import { LintPool } from './pool.js';
import { inShard, type Shard } from './shard.js';

export interface LintFilesOptions extends LinterOptions {
  /** Patterns that match nothing are not an error. */
  allowUnmatched?: boolean;
  /** More .gitignore-style patterns to skip, relative to cwd (on top of .transcript-lintignore). */
  ignorePatterns?: string[];
  /** Read no .transcript-lintignore and apply no ignore pattern. */
  noIgnore?: boolean;
  /** Worker threads: a number, or 'auto' (default) for one per core except for small runs. 1 lints in this thread. */
  concurrency?: number | 'auto';
  /** Skip files unchanged since the last run with the same packs and options. */
  cache?: boolean;
  /** The cache file, or a folder to hold `.transcript-lint-cache` (default: `.transcript-lint-cache` in cwd). */
  cacheLocation?: string;
  /** Only this share of the files (and of unmatched patterns), for one machine of several. */
  shard?: Shard;
  /** Stop early: results so far have been yielded; the rest are not. */
  signal?: AbortSignal;
  /** Told how many results the run will yield, once files are found. */
  onTotal?: (total: number) => void;
  /** Notices about the run itself (an unusable cache); default: stderr. */
  notice?: (message: string) => void;
}

/** Below this many files to lint, starting workers (each compiles the packs) costs more than it saves. */
export const IN_PROCESS_MAX_FILES = 400;
/** Give the event loop a turn this often when linting in process, so Ctrl-C and the progress bar are served. */
const YIELD_EVERY = 64;

const RUNNER_KEYS = ['allowUnmatched', 'ignorePatterns', 'noIgnore', 'concurrency', 'cache', 'cacheLocation', 'shard', 'signal', 'onTotal', 'notice'] as const;

type Slot =
  | { kind: 'fatal'; display: string; message: string }
  | { kind: 'cached'; path: string; display: string }
  | { kind: 'lint'; path: string; display: string; lookup?: CacheLookup };

export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

/** The options a worker needs to build the same Linter: plain data only. */
export function linterOptionsOf(options: LintFilesOptions): LinterOptions {
  const copy: Record<string, unknown> = { ...options };
  for (const key of RUNNER_KEYS) delete copy[key];
  return copy as LinterOptions;
}

/** Workers to start: as many as asked; with 'auto', one per core unless the run is small. 0: lint in this thread. */
export function workerCount(concurrency: LintFilesOptions['concurrency'], filesToLint: number): number {
  if (typeof concurrency === 'number') return concurrency <= 1 || filesToLint === 0 ? 0 : concurrency;
  const cores = availableParallelism();
  return cores <= 1 || filesToLint <= IN_PROCESS_MAX_FILES ? 0 : cores;
}

/**
 * Lint every transcript the patterns name, yielding results in a deterministic order (display paths in code-unit
 * order) whatever the concurrency. A pattern that matches nothing yields a fatal result under its own name (unless
 * allowUnmatched), so that nothing is silently skipped.
 */
export async function* lintFilesStream(patterns: string[], options: LintFilesOptions = {}, linter = Linter.create(options)): AsyncGenerator<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const notice = options.notice ?? ((message: string) => process.stderr.write(`transcript-lint: ${message}\n`));
  const { files, unmatched } = await discoverFiles(patterns, { cwd, allowUnmatched: options.allowUnmatched, ignorePatterns: options.ignorePatterns, noIgnore: options.noIgnore });
  const cache = options.cache
    ? LintCache.load(cacheFilePath(cwd, options.cacheLocation), configFingerprint(linter, packageVersion(), { encoding: options.encoding ?? null }), notice)
    : undefined;

  const slots: Slot[] = [];
  for (const path of files) {
    const display = displayPath(path, cwd);
    if (!inShard(display, options.shard)) continue;
    const lookup = cache?.lookup(path);
    slots.push(lookup?.hit ? { kind: 'cached', path, display } : { kind: 'lint', path, display, lookup });
  }
  if (!options.allowUnmatched) {
    const fatal: Slot[] = unmatched
      .filter(({ pattern }) => inShard(pattern, options.shard))
      .map(({ pattern, reason }) => ({ kind: 'fatal', display: pattern, message: `${reason}; check the path or pattern (or pass --no-error-on-unmatched-pattern)` }));
    if (fatal.length) slots.push(...fatal), slots.sort((a, b) => comparePaths(a.display, b.display));
  }
  options.onTotal?.(slots.length);

  const toLint = slots.filter((s) => s.kind === 'lint').length;
  const workers = workerCount(options.concurrency, toLint);
  const pool = workers ? new LintPool(workers, { linterOptions: { ...linterOptionsOf(options), cwd } }) : undefined;
  const task = (slot: Slot & { kind: 'lint' }): FileTask => ({ path: slot.path, display: slot.display, hash: Boolean(cache), knownHash: slot.lookup?.knownHash });
  function* tasks(): Generator<FileTask> {
    for (const slot of slots) if (slot.kind === 'lint') yield task(slot);
  }
  const pooled = pool?.run(tasks(), options.signal);

  try {
    let sinceYield = 0;
    for (const slot of slots) {
      if (options.signal?.aborted) return;
      if (slot.kind === 'fatal') {
        yield fatalResult(slot.display, slot.message);
        continue;
      }
      if (slot.kind === 'cached') {
        yield cache!.restore(slot.path, slot.display) ?? lintFileTask(linter, { path: slot.path, display: slot.display }).result!;
        continue;
      }
      let outcome: FileOutcome;
      if (pooled) {
        const step = await pooled.next();
        if (step.done) return; // aborted
        outcome = step.value;
      } else {
        if (++sinceYield % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) return;
        outcome = lintFileTask(linter, task(slot));
      }
      let result = outcome.result;
      if (!result) {
        // The content hash matched the cache after a touch: the cached result stands.
        result = cache?.reuse(slot.path, slot.display, slot.lookup?.stat) ?? lintFileTask(linter, { path: slot.path, display: slot.display }).result!;
      } else {
        cache?.store(slot.path, slot.lookup?.stat, outcome.hash, result);
      }
      yield result;
    }
  } finally {
    await pooled?.return(undefined);
    await pool?.close();
    cache?.save();
  }
}

export async function lintFiles(patterns: string[], options: LintFilesOptions = {}): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for await (const result of lintFilesStream(patterns, options)) results.push(result);
  return results;
}
