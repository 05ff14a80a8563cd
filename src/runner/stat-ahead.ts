// A --cache rerun over unchanged files is mostly one stat per file, then restoring and reporting its result. A thread
// of its own stats the files a few batches ahead, so that on a machine with a core to spare the two overlap. Its
// stats land in shared memory, read without a message back or a turn of the event loop; a file the thread has not
// got to yet is stat'ed here rather than waited for.
import type { Worker } from 'node:worker_threads';
import { startHelperThread } from './boot-flags.js';
import { monotonicMs } from './machine-load.js';
import * as protocol from './stat-protocol.cjs';
import type { FileStats, StatRequest, StatRing } from './stat-protocol.cjs';

export type { FileStats };

// Bound once: the bundle (scripts/build-runtime.mjs) reaches a CommonJS module's exports through a namespace object
// whose every name is a getter (`() => from[key]`, a megamorphic keyed load), and next() read six to eight of them
// per file — ~0.25 G of the 3.3 G instructions of a --cache rerun's main thread over 100,000 files (callgrind).
const { BATCH_SIZE, done, free, MINE, newStatRing, RING_SLOTS, STAT_FIELDS, statBase, statOrUndefined, absoluteOf, taken } = protocol;

/** Its thread starts in tens of milliseconds: worth it from about this many files (a stat is ~5–15 µs). */
export const STAT_AHEAD_MIN_FILES = 2000;

/** Looks at a file the thread is stat'ing before waiting for it: about a stat's time. */
const SPINS = 64;
/**
 * How long the lookups wait, at most, for a file the thread has taken: a stat takes microseconds, so a file taken
 * longer than this belongs to a thread that is stuck or gone, and is stat'ed here. Stat'ing it here sooner doubled the
 * stats of 26,000-51,000 of 100,000 files in a rerun on a machine where a stat costs 3-15 us.
 */
export const TAKEN_WAIT_MS = 200;
/** One wait's length: the thread wakes the lookups when it is done (Atomics.notify), this only bounds a missed wake. */
const WAIT_SLICE_MS = 1;

export interface StatEntry {
  display: string;
  stats: FileStats | null;
}

interface Batch {
  number: number;
  displays: string[];
}

export class StatAhead {
  private readonly worker: Worker;
  private readonly ring: StatRing = newStatRing();
  private readonly base: string;
  /** Batches sent to the thread and not read to their end yet, the one being read first. */
  private readonly batches: Batch[] = [];
  private sent = 0;
  private index = 0;
  /** Files stat'ed on this thread because the stat thread had not got to them. */
  statedHere = 0;
  /** Files the lookups waited for because the thread was stat'ing them. */
  waitedFor = 0;
  private exhausted = false;

  private take: () => string | undefined = () => undefined;

  /**
   * Start the thread, which boots while the run finds its files. Until it is given its paths (`from`) it does not
   * keep the process alive: a run that fails before then still ends.
   */
  constructor(cwd: string) {
    this.base = statBase(cwd);
    // (A thread that fails stats nothing more: each file is then stat'ed here when it is reached.)
    this.worker = startHelperThread(new URL('../runner/stat-worker.cjs', import.meta.url), { workerData: { cwd, ring: this.ring } });
  }

  /** The next display path with its stats (null: cannot be stat'ed), undefined after the last. */
  next(): StatEntry | undefined {
    let batch = this.batches[0];
    if (!batch || this.index === batch.displays.length) {
      if (batch) this.batches.shift();
      this.index = 0;
      this.fill();
      batch = this.batches[0];
      if (!batch) return undefined;
    }
    const display = batch.displays[this.index];
    const word = (batch.number % RING_SLOTS) * BATCH_SIZE + this.index++;
    const stats = this.statsAt(word, batch.number);
    return { display, stats: stats === undefined ? this.statHere(display) : stats };
  }

  /** Whether the thread stats for a run over `cwd` as the process stands now (statBase is taken when it is made). */
  isFor(cwd: string): boolean {
    return this.base === statBase(cwd);
  }

  /** Where the paths come from: `take` gives the next display path, undefined after the last. */
  from(take: () => string | undefined): this {
    this.take = take;
    this.worker.ref();
    return this;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }

  /** The thread's stats of a file (null: it cannot be stat'ed), or undefined when they are not there (soon enough). */
  private statsAt(word: number, batch: number): FileStats | null | undefined {
    const { states, fields } = this.ring;
    let state = Atomics.load(states, word);
    // The swap gives the word as it was: still free, the file is now this thread's to stat.
    if (state === free(batch)) state = Atomics.compareExchange(states, word, state, MINE);
    if (state === free(batch)) return undefined;
    for (let spin = 0; state === taken(batch) && spin < SPINS; spin++) state = Atomics.load(states, word);
    if (state === taken(batch)) state = this.waitTaken(word, batch);
    if (state !== done(batch)) return undefined;
    const at = word * STAT_FIELDS;
    if (Number.isNaN(fields[at])) return null;
    return { size: fields[at], mtimeMs: fields[at + 1], ctimeMs: fields[at + 2], ino: fields[at + 3], mode: fields[at + 4], uid: fields[at + 5], gid: fields[at + 6] };
  }

  /** The word once the thread is done with the file, or still taken after TAKEN_WAIT_MS (a stuck or dead thread). */
  private waitTaken(word: number, batch: number): number {
    const { states } = this.ring;
    const until = monotonicMs() + TAKEN_WAIT_MS;
    let state = taken(batch);
    while (state === taken(batch) && monotonicMs() < until) {
      Atomics.wait(states, word, state, WAIT_SLICE_MS);
      state = Atomics.load(states, word);
    }
    this.waitedFor++;
    return state;
  }

  private statHere(display: string): FileStats | null {
    this.statedHere++;
    return statOrUndefined(absoluteOf(display, this.base)) ?? null;
  }

  /** Batches sent until the ring is full: a slot is used again only once its batch has been read to its end. */
  private fill(): void {
    while (!this.exhausted && this.batches.length < RING_SLOTS) {
      const displays: string[] = [];
      while (displays.length < BATCH_SIZE) {
        const display = this.take();
        if (display === undefined) {
          this.exhausted = true;
          break;
        }
        displays.push(display);
      }
      if (!displays.length) return;
      const number = this.sent++;
      this.batches.push({ number, displays });
      const first = (number % RING_SLOTS) * BATCH_SIZE;
      this.ring.states.fill(free(number), first, first + displays.length);
      const request: StatRequest = { batch: number, displays: `${displays.join('\0')}\0` };
      this.worker.postMessage(request);
    }
  }
}

/**
 * A stat thread started before its run has loaded its config, opened its cache and found its files
 * (startStatAheadEarly), for that run to take (statAheadFor). Its thread takes ~25 ms to boot on an idle core and
 * 23–42 ms beside a starting run (under Node's own flags, bootUnderNodeFlags); made when the run reached its cache,
 * it came up well after the run's first file, and the run stat'ed the files before that itself (6,000–12,000 of
 * 100,000 in a rerun).
 */
let early: StatAhead | undefined;

/** Start the stat thread of the run over `cwd` that is about to begin (one at most). */
export function startStatAheadEarly(cwd: string): void {
  early ??= new StatAhead(cwd);
}

/** The stat thread for a run over `cwd`: the one started early, when it was started for that folder, or a new one. */
export function statAheadFor(cwd: string): StatAhead {
  const ahead = early?.isFor(cwd) ? early : new StatAhead(cwd);
  if (ahead === early) early = undefined;
  return ahead;
}

/** Stop a thread started early that the run did not take (its cache could not be used, or held too few files). */
export function dropEarlyStatAhead(): void {
  void early?.close();
  early = undefined;
}

/** Whether a thread started early is waiting for its run (for the tests). */
export function hasEarlyStatAhead(): boolean {
  return early !== undefined;
}
