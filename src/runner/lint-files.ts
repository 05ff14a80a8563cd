// Lint many files: discovery, shard, cache, then one result per file, streamed in input order — in process for a
// few files, on a pool of worker threads for many.
import { availableParallelism, cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { Linter, fatalResult, type LinterOptions } from '../engine/linter.js';
import type { LintResult, ShardTag } from '../types.js';
import { buildIdentity } from './build-id.js';
import { cacheFilePath, cacheKey, configFingerprint, LintCache, statsOf, type CacheHeader, type CacheLookup } from './cache.js';
import { discoverFiles, displayPath, IGNORE_FILE } from './discover.js';
import { lintFileTask, type FileOutcome, type FileTask } from './file-task.js';
import { loadMeasurable, othersLoad } from './machine-load.js';
import { LintPool } from './pool.js';
import { ReadAhead, READ_AHEAD_MIN_FILES, type ReadAheadMode } from './read-ahead.js';
import { RingQueue } from './ring.js';
import { inShard, type Shard } from './shard.js';
import { sha1 } from './sha1.js';
import { dropEarlyStatAhead, STAT_AHEAD_MIN_FILES, startStatAheadEarly, statAheadFor, type FileStats } from './stat-ahead.js';
import { absoluteOf, displayBase } from './stat-protocol.cjs';
import { comparePaths, mergeSorted } from './sorted-paths.js';

export interface LintFilesOptions extends LinterOptions {
  /** Patterns that match nothing are not an error. */
  allowUnmatched?: boolean;
  /** More .gitignore-style patterns to skip, relative to cwd (on top of .transcript-lintignore). */
  ignorePatterns?: string[];
  /** Read no .transcript-lintignore and apply no ignore pattern. */
  noIgnore?: boolean;
  /** Follow symbolic links that lead out of the linted folders (--follow-symlinks). */
  followSymlinks?: boolean;
  /** Threads that lint (this one and workers): a number, or 'auto' (default) for one per core except for small runs. 1: this thread only. */
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
  /**
   * Characters of file names to keep from finding the files until linting them (default ~4 million, ~250,000 files);
   * beyond, a folder of files is listed again when reached, so that memory does not grow with the archive.
   */
  keepNamesUpTo?: number;
  /** The run's own files (its reports, its baseline), relative to cwd: never linted as transcripts, wherever they are met. */
  ownFiles?: string[];
  /**
   * Read the files to lint ahead of their turn on two threads of their own (read-ahead.ts): 'auto' (default) in a run
   * with READ_AHEAD_MIN_FILES or more to lint from where its files read as from disk, 'always' from the start (batches
   * whose first files read as from memory are left to the lint either way), or 'never'.
   */
  readAhead?: ReadAheadMode;
}

/**
 * Up to this many files to lint, 'auto' lints in this thread alone. Each worker starts Node, compiles the packs and
 * warms up its own JIT — about a second of CPU — so on 2 cores this thread and a worker break even with this thread
 * alone at about 20,000 files (three interleaved runs each at load ~1.5: 10,000 files 2.1–2.6 s against 1.8–2.5 s,
 * 20,000 files 2.8–3.4 s against 2.9–4.2 s; two workers did at about the same count before this thread linted too).
 */
export const IN_PROCESS_MAX_FILES = 20_000;
/**
 * Give the event loop a turn this often when linting in process (and, files restored from the cache being about ten
 * times cheaper, ten times less often for them), so that Ctrl-C and the progress bar are served.
 */
const YIELD_EVERY = 64;
const YIELD_EVERY_CACHED = 640;
const eventLoopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const RUNNER_KEYS = ['allowUnmatched', 'ignorePatterns', 'noIgnore', 'followSymlinks', 'concurrency', 'cache', 'cacheLocation', 'shard', 'signal', 'onTotal', 'notice', 'keepNamesUpTo', 'ownFiles'] as const;

type Slot =
  | { kind: 'fatal'; display: string; message: string }
  | { kind: 'cached'; display: string; lookup: CacheLookup }
  | { kind: 'lint'; path: string; display: string; lookup?: CacheLookup };

/** The options a worker needs to build the same Linter: plain data only. */
export function linterOptionsOf(options: LintFilesOptions): LinterOptions {
  const copy: Record<string, unknown> = { ...options };
  for (const key of RUNNER_KEYS) delete copy[key];
  return copy as LinterOptions;
}

/** The options that change a result, for the cache's key: every linter option but those that only add to it. */
function resultOptions(options: LintFilesOptions, cwd: string): Record<string, unknown> {
  // Whether changes are worked out is told per entry (cache-result.ts): runs with and without them share a cache.
  const { keepSource: _source, skipExamples: _examples, changes: _changes, cwd: _cwd, ...rest } = linterOptionsOf(options);
  return { ...rest, cwd };
}

/** The key of the cache a run uses (see cacheKey). */
function cacheKeyOf(options: LintFilesOptions, linter: Linter, cwd: string): string {
  // A run that skipped the packs' examples (a library's choice) writes a key of its own, which vouches for no examples.
  const unchecked = options.skipExamples && !linter.config.examplesVerified ? { examplesUnchecked: true } : {};
  return cacheKey(linter, buildIdentity(), { ...resultOptions(options, cwd), ...unchecked });
}

/**
 * Whether the cache this run would use was written with the same packs, options and build: then those packs compiled
 * and passed their examples (a run writes no cache otherwise), and a run whose files are all cached need not compile
 * them (Linter.load). `header`: that cache's header as read before (cacheHeaderFor); by default it is read now.
 */
export function cacheVouchesForPacks(options: LintFilesOptions, linter: Linter, header?: CacheHeader | null): boolean {
  const cwd = options.cwd ?? process.cwd();
  return Boolean(options.cache) && LintCache.writtenFor(cacheFilePath(cwd, options.cacheLocation), cacheKeyOf(options, linter, cwd), header);
}

/**
 * The header of the cache a --cache run would use (null: none usable; undefined: not a --cache run), read once for
 * startStatThreadEarly and cacheVouchesForPacks: each read is an open, a read and a close before the first file.
 */
export function cacheHeaderFor(options: LintFilesOptions): CacheHeader | null | undefined {
  if (!options.cache) return undefined;
  return LintCache.headerIn(cacheFilePath(options.cwd ?? process.cwd(), options.cacheLocation));
}

/**
 * Start the stat thread of a --cache run about to begin (see statAheadFor) when its cache, as the header says, holds
 * enough files for the run to use one: it then boots while the run loads its config and opens its cache. For a caller
 * that calls lintFileBatches next with the same options; a thread the run does not take is stopped there.
 */
export function startStatThreadEarly(options: LintFilesOptions, header?: CacheHeader | null): void {
  if (!options.cache) return;
  const cwd = options.cwd ?? process.cwd();
  if (LintCache.entriesIn(cacheFilePath(cwd, options.cacheLocation), header) > STAT_AHEAD_MIN_FILES) startStatAheadEarly(cwd);
}

/** What 'auto' looks at: cores this process may use, cores of the machine, and how many of them other processes keep busy. */
export interface MachineState {
  cores: number;
  machineCores: number;
  load: number;
}

/**
 * Threads that lint: this one, and a worker for each other. As many as asked; with 'auto', one per core that other
 * processes leave idle, unless the run is small. 1: this thread only. Workers that queue behind other work only add
 * their start-up (measured on a shared 2-core machine under load: 8,000 files took 9.3 s with two workers against
 * 3.9–6.1 s in one thread), so one idle core is no reason to start any.
 */
export function lintThreadCount(concurrency: LintFilesOptions['concurrency'], filesToLint: number, given?: MachineState): number {
  // (The machine is looked at only when the answer depends on it: that reads the cores' counters, a few ms.)
  const machine = (): MachineState => given ?? machineState();
  // More threads than cores lint no faster, and each holds its own compiled packs: --concurrency 1000 is capped.
  if (typeof concurrency === 'number') return concurrency <= 1 || filesToLint === 0 ? 1 : Math.min(concurrency, maxLintThreads(machine().cores));
  if (!loadMatters(concurrency, filesToLint)) return 1;
  const { cores, machineCores, load } = machine();
  const idle = Math.min(cores, Math.round(machineCores - load));
  return idle >= 2 ? idle : 1;
}

/** Whether lintThreadCount looks at what other processes keep busy. */
function loadMatters(concurrency: LintFilesOptions['concurrency'], filesToLint: number): boolean {
  return typeof concurrency !== 'number' && filesToLint > IN_PROCESS_MAX_FILES;
}

function machineState(): MachineState {
  return { cores: availableParallelism(), machineCores: cpus().length, load: othersLoad() };
}

/** The most threads a run lints in, whatever --concurrency asks. */
export function maxLintThreads(cores = availableParallelism()): number {
  return Math.max(4, 2 * cores);
}

/** Lints one discovered file (absolute path, path as shown). */
export type FileLinter = (file: string, shownPath: string) => LintResult;

/**
 * Lint every transcript the patterns name, yielding results in a deterministic order (display paths in code-unit
 * order) whatever the concurrency. A pattern that matches nothing yields a fatal result under its own name (unless
 * allowUnmatched), and so does a broken link or folder loop met on the way, so that nothing is silently skipped.
 * A custom `lintOne` (to fix as well as lint) runs in this thread, without workers or cache.
 */
export async function* lintFilesStream(patterns: string[], options: LintFilesOptions = {}, linter = Linter.create(options),
  lintOne?: FileLinter): AsyncGenerator<LintResult> {
  for await (const batch of lintFileBatches(patterns, options, linter, lintOne)) yield* batch;
}

/**
 * lintFilesStream's results in batches: the results at hand before the run next waits (for the stat thread, a
 * worker, a turn of the event loop) come in one. Files linted in this thread come at its turns of the event loop, up
 * to YIELD_EVERY a batch; with a cache, a file linted here comes alone, as soon as it is linted. Each step of an async
 * generator costs about a microsecond: a cached rerun is mostly such steps, and a cold run had one a file.
 */
export function lintFileBatches(patterns: string[], options: LintFilesOptions = {}, linter = Linter.create(options),
  lintOne?: FileLinter): AsyncGenerator<LintResult[]> {
  const batches = untaggedBatches(patterns, options, linter, lintOne);
  // (Not a generator that delegates: that would add a step to each of a run's many.)
  const tag = shardTagOf(patterns, options, linter);
  return tag ? markedWith(batches, tag, options.signal) : batches;
}

/** The mark a sharded run puts on its results (see ShardTag); undefined without --shard. */
export function shardTagOf(patterns: string[], options: LintFilesOptions, linter: Linter): ShardTag | undefined {
  if (!options.shard) return undefined;
  // Shards may run on machines where the archive, packs and config stand in other folders: what is compared is the
  // packs and config as loaded, not where they were found.
  const { cwd: _cwd, configFile: _configFile, packs: _packs, noConfigLookup: _lookup, ...settings } = resultOptions(options, '');
  const cwd = resolve(options.cwd ?? process.cwd());
  const { index, count, run } = options.shard;
  return {
    index, count, config: configFingerprint(linter, buildIdentity(), settings).slice(0, 16),
    // The working folder, and what chose the files in it: shards run elsewhere, or over other paths, merged into a
    // total of no run without a word.
    folder: sha1(cwd, 'base64').slice(0, 16),
    files: sha1(JSON.stringify(fileChoice(patterns, options, cwd)), 'base64').slice(0, 16),
    ...(run === undefined ? {} : { run }),
  };
}

/** What decides which files a run lints, besides the files themselves (see ShardTag.files). */
function fileChoice(patterns: string[], options: LintFilesOptions, cwd: string): unknown {
  // `calls`, `./calls/` and `calls/` name one folder; a glob is kept as written.
  const named = patterns.map((p) => (/[*?[\]{}!]/.test(p) ? p : normalize(p).replace(/[\\/]+$/, '') || '.')).sort(comparePaths);
  let ignoreFile: string | null = null;
  if (!options.noIgnore) {
    try {
      ignoreFile = readFileSync(join(cwd, IGNORE_FILE), 'utf8');
    } catch {
      // none (one that cannot be read stops the run before any result)
    }
  }
  return [named, options.noIgnore ? null : [ignoreFile, options.ignorePatterns ?? []], Boolean(options.followSymlinks), Boolean(options.allowUnmatched)];
}

/**
 * The results with the shard's mark, the last of a run that reached its end marked as such: the last result is held
 * back until the next comes or the run ends, so that a report cut short (a shard stopped by a signal, killed, out of
 * memory) lacks it, where its lines were each whole and --merge took the part for the shard.
 */
async function* markedWith(batches: AsyncGenerator<LintResult[]>, tag: ShardTag, signal: AbortSignal | undefined): AsyncGenerator<LintResult[]> {
  let held: LintResult | undefined;
  for await (const batch of batches) {
    if (!batch.length) continue;
    for (const result of batch) result.shard = tag;
    const last = batch.pop()!;
    if (held) batch.unshift(held);
    held = last;
    if (batch.length) yield batch;
  }
  if (!held) return;
  if (!signal?.aborted) held.shard = { ...tag, last: true };
  yield [held];
}

async function* untaggedBatches(patterns: string[], options: LintFilesOptions, linter: Linter, lintOne: FileLinter | undefined): AsyncGenerator<LintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const notice = options.notice ?? ((message: string) => process.stderr.write(`transcript-lint: ${message}\n`));
  const cache = options.cache && !lintOne
    ? LintCache.load(cacheFilePath(cwd, options.cacheLocation), cacheKeyOf(options, linter, cwd), cwd, notice, Boolean(options.keepSource), options.changes !== false)
    : undefined;
  // A rerun over many cached files has their stats made ahead by a thread of its own, which boots during discovery
  // (or earlier: startStatThreadEarly).
  const statThread = cache && cache.entries > STAT_AHEAD_MIN_FILES ? statAheadFor(cwd) : undefined;
  dropEarlyStatAhead();
  const { displayPaths, unmatched, problems, laterProblems, linksOut } = await discoverFiles(patterns, {
    cwd, allowUnmatched: options.allowUnmatched, ignorePatterns: options.ignorePatterns, noIgnore: options.noIgnore, followSymlinks: options.followSymlinks,
    keepNamesUpTo: options.keepNamesUpTo, ownFiles: options.ownFiles, listings: cache?.listings,
  });
  if (linksOut) notice(`${linksOut === 1 ? '1 symbolic link leads' : `${linksOut} symbolic links lead`} out of the linted folders and ${linksOut === 1 ? 'was' : 'were'} not followed (--follow-symlinks follows them)`);
  // A report that shows transcripts needs each file's text: cached files are read (and their hash checked) too.
  const needsSource = Boolean(options.keepSource);

  // One display path per item, in order; everything else about an item is made when it is reached, so that what a
  // run holds for each of a million files is its name, inside one string per folder (sorted-paths.ts).
  const fatal = new Map<string, string>();
  for (const { path, message } of problems) {
    const display = displayPath(path, cwd);
    if (inShard(display, options.shard)) fatal.set(display, message);
  }
  const unmatchedPatterns = new Set<string>();
  if (!options.allowUnmatched) {
    for (const { pattern, reason } of unmatched) {
      if (!inShard(pattern, options.shard)) continue;
      fatal.set(pattern, `${reason}; check the path or pattern (or pass --no-error-on-unmatched-pattern)`);
      unmatchedPatterns.add(pattern);
    }
  }
  // The files of this shard, counted for the progress bar in a pass of their own. Each pass asks each path (not a
  // list of choices by position): a folder listed again may have gained or lost files in between.
  let total = displayPaths.count;
  if (options.shard) {
    total = 0;
    for (const display of displayPaths.withoutReadAhead()) if (inShard(display, options.shard)) total++;
  }
  function* shardPaths(shard: Shard): Generator<string> {
    for (const display of displayPaths) if (inShard(display, shard)) yield display;
  }
  const mine: Iterable<string> = options.shard ? shardPaths(options.shard) : displayPaths;
  // Without a cache every file is linted; with one, those new to it (a guess from the number of entries it holds: the
  // cache is read beside the run, not ahead of it).
  const toLint = Math.max(0, total - (cache?.entries ?? 0));
  const readAheadMode = lintOne ? 'never' : options.readAhead ?? 'auto';
  const readAhead = readAheadMode === 'always' || (readAheadMode === 'auto' && toLint >= READ_AHEAD_MIN_FILES) ? new ReadAhead(cwd, readAheadMode) : undefined;
  const ordered = readAhead ? readAhead.paths(mine) : mine;
  const items: Iterator<string> = fatal.size ? mergeSorted([ordered, [...fatal.keys()].sort(comparePaths)]) : ordered[Symbol.iterator]();
  let nextItem = items.next();
  const itemsLeft = () => !nextItem.done;
  const takeItem = (): string => {
    const display = nextItem.value as string;
    nextItem = items.next();
    return display;
  };
  options.onTotal?.(total + fatal.size);

  const base = displayBase(resolve(cwd));
  const slotAt = (display: string, stats?: FileStats | null): Slot => {
    const message = (fatal.size ? fatal.get(display) : undefined) ?? (laterProblems.size ? laterProblems.get(display) : undefined);
    if (message !== undefined) return { kind: 'fatal', display, message };
    // A file whose cached result stands needs no absolute path (a rerun's files mostly): it is made when needed.
    let path: string | undefined;
    const lookup = cache?.lookup(display, stats !== undefined ? stats : () => statsOf((path = absoluteOf(display, base))));
    if (lookup?.hit && !needsSource) return { kind: 'cached', display, lookup };
    return { kind: 'lint', path: path ?? absoluteOf(display, base), display, lookup };
  };
  /** Slots made by the task feed ahead of the output, waiting for their turn (not a sliced array: see ring.ts). */
  const ahead = new RingQueue<Slot>(1024);

  // The worker pool is worth starting when many files are to be linted.
  if (!lintOne && loadMatters(options.concurrency, toLint)) await loadMeasurable();
  const workers = lintOne ? 0 : lintThreadCount(options.concurrency, toLint) - 1;
  const pool = workers ? new LintPool(workers, { linterOptions: { ...linterOptionsOf(options), cwd } }, (task) => lintFileTask(linter, task, 'too-large')) : undefined;
  const task = (slot: Slot & { kind: 'lint' }): FileTask => ({ path: slot.path, display: slot.display, hash: Boolean(cache), knownHash: slot.lookup?.knownHash });
  function* tasks(): Generator<FileTask> {
    while (itemsLeft()) {
      const slot = slotAt(takeItem());
      ahead.push(slot);
      if (slot.kind === 'lint') yield task(slot);
    }
  }
  const pooled = pool?.run(tasks(), options.signal);
  // Used when the run has few files to lint (no pool) and many to look up.
  const statAhead = statThread && !pool && total > STAT_AHEAD_MIN_FILES ? statThread.from(() => (itemsLeft() ? takeItem() : undefined)) : undefined;
  if (statThread && !statAhead) void statThread.close();
  const nextSlot = (): Slot | undefined => {
    if (!statAhead) return itemsLeft() ? slotAt(takeItem()) : undefined;
    const entry = statAhead.next();
    return entry && slotAt(entry.display, entry.stats);
  };

  // Asked before every file: a flag the signal's event sets (its `aborted` getter checks its receiver each time).
  let aborted = options.signal?.aborted ?? false;
  const onAbort = (): void => {
    aborted = true;
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Results not yielded yet: yielded before anything is awaited (so that nothing waits behind the run), and then empty
  // whenever the signal may have been raised.
  let batch: LintResult[] = [];
  try {
    let sinceYield = 0;
    let sinceYieldCached = 0;
    // The pool's next batch of outcomes, asked for early: asking is what starts the pool pulling tasks (into `ahead`).
    let pendingNext: Promise<IteratorResult<FileOutcome[]>> | undefined;
    // The outcomes of the pool's last batch not taken yet, each for the next slot to lint in `ahead`.
    let pooledOutcomes: FileOutcome[] = [];
    let pooledAt = 0;
    for (;;) {
      // A slot from the queue went to the pool if it needs linting; one made here did not, and is linted here.
      // With a pool nothing is made here: the pool is asked to pull, which fills the queue.
      if (pooled && !ahead.length && itemsLeft()) pendingNext ??= pooled.next();
      const queued = ahead.length > 0;
      const slot = queued ? ahead.shift() : nextSlot();
      if (!slot) break;
      if (aborted) return;
      if (slot.kind === 'fatal') {
        const result = fatalResult(slot.display, slot.message);
        if (unmatchedPatterns.has(slot.display)) result.unmatchedPattern = true;
        batch.push(result);
        continue;
      }
      if (slot.kind === 'cached') {
        if (++sinceYieldCached % YIELD_EVERY_CACHED === 0) {
          if (batch.length) yield batch, (batch = []);
          await eventLoopTurn();
        }
        if (aborted) return;
        batch.push(cache!.restore(slot.lookup) ?? lintFileTask(linter, { path: resolve(cwd, slot.display), display: slot.display }).result!);
        continue;
      }
      let outcome: FileOutcome;
      if (pooled && queued) {
        if (pooledAt === pooledOutcomes.length) {
          if (batch.length) yield batch, (batch = []);
          const step = await (pendingNext ?? pooled.next());
          pendingNext = undefined;
          if (step.done) return; // aborted
          pooledOutcomes = step.value;
          pooledAt = 0;
        }
        outcome = pooledOutcomes[pooledAt++];
      } else {
        const turn = ++sinceYield % YIELD_EVERY === 0;
        // Without a cache the results linted here wait in the batch for the run's next turn of the event loop (every
        // YIELD_EVERY files), where signals and stdout's events are seen anyway: one step of the iteration for 64
        // files, not one each. With one, what is at hand goes on before a file is linted, and the file alone after.
        if (batch.length && (turn || cache)) yield batch, (batch = []);
        if (turn) await eventLoopTurn();
        if (aborted) return;
        outcome = lintOne ? { result: lintOne(slot.path, slot.display) } : lintFileTask(linter, task(slot));
      }
      let result = outcome.result;
      if (!result) {
        // The content hash matched the cache after a touch: the cached result stands.
        result = (slot.lookup && cache?.reuse(slot.lookup, outcome.source)) ?? lintFileTask(linter, { path: slot.path, display: slot.display }).result!;
      } else if (slot.lookup) {
        cache?.store(slot.lookup, outcome.hash, result, outcome.stamp);
      }
      // From the pool, the results of a batch of outcomes go on together (yielded before the next wait, above); so do
      // those linted here without a cache (above); with a cache, a file linted here goes on alone, as soon as it is
      // linted.
      if ((pooled && queued) || !cache) batch.push(result);
      else yield [result];
    }
    if (batch.length) yield batch;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await pooled?.return(undefined);
    await pool?.close();
    await statAhead?.close();
    await readAhead?.close();
    cache?.save();
  }
}

export async function lintFiles(patterns: string[], options: LintFilesOptions = {}): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for await (const result of lintFilesStream(patterns, options)) results.push(result);
  return results;
}
