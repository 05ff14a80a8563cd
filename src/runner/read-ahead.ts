// Files read ahead of the lint, on threads of their own, where they come from disk. A linting thread that reads a file
// from disk waits for it and is switched out and back at every file: over 100,000 generated calls read from this
// machine's disk the lint took twice the CPU it takes from memory, and 12.5 s against 3.6 s. With two other readers
// a few thousand files ahead (two `cat`s, by hand) it found its files in memory: 5.7–7.5 s.
import { Worker } from 'node:worker_threads';
import { bootUnderNodeFlags } from './boot-flags.js';
import { readAheadBuffer, readAheadFile, type ReadRequest } from './read-ahead-file.cjs';
import { RingQueue } from './ring.js';
import { absoluteOf, statBase } from './stat-protocol.cjs';

/** 'auto': read ahead where the first files read slowly. 'always' and 'never' for the tests. */
export type ReadAheadMode = 'auto' | 'always' | 'never';

/** Read ahead ('auto') in runs with at least this many files to lint: the threads start in tens of milliseconds. */
export const READ_AHEAD_MIN_FILES = 2000;
/** Reads in flight: one reader alone (`cat`) took longer over the files than the lint takes from memory. */
const THREADS = 2;
/** Paths per message to a thread. */
const BATCH = 128;
/** How many files the reads may be ahead of the run (~12 MB of generated calls in the kernel's memory). */
const AHEAD = 4096;
/** Files whose reads tell where the files come from, spread over the first AHEAD. */
const PROBES = 8;
/** A file read from memory takes a few microseconds here (open, fstat, read, close); from this disk ~100. */
const SLOW_READ_NS = 50_000;

export class ReadAhead {
  private readonly workers: Worker[] = [];
  /** How many paths the run has taken: a thread skips a batch the run has passed. */
  private readonly taken = new Int32Array(new SharedArrayBuffer(4));
  private batches = 0;

  constructor(private readonly cwd: string, private readonly mode: ReadAheadMode = 'auto') {}

  /** Threads reading ahead: none until the first files show that they come from disk (or the mode says always). */
  get threads(): number {
    return this.workers.length;
  }

  /** `source`'s paths in order; their files read ahead, where they come from disk, up to AHEAD paths ahead. */
  *paths(source: Iterable<string>): Generator<string> {
    const from = source[Symbol.iterator]();
    let exhausted = false;
    const pull = (): string | undefined => {
      const next = exhausted ? undefined : from.next();
      if (next?.done) exhausted = true;
      return next?.done === false ? next.value : undefined;
    };
    const queued = new RingQueue<string>(AHEAD);
    for (let path = pull(); path !== undefined; path = queued.length < AHEAD ? pull() : undefined) queued.push(path);
    const readsAhead = this.mode === 'always' || (this.mode === 'auto' && this.fromDisk(queued));
    if (readsAhead) this.start();
    let batch: string[] = [];
    let batchFirst = 0;
    const send = (): void => {
      if (!batch.length) return;
      const request: ReadRequest = { first: batchFirst, displays: `${batch.join('\0')}\0` };
      this.workers[this.batches++ % this.workers.length].postMessage(request);
      batchFirst += batch.length;
      batch = [];
    };
    if (readsAhead) {
      for (let i = 0; i < queued.length; i++) {
        batch.push(queued.at(i)!);
        if (batch.length === BATCH) send();
      }
    }
    let taken = 0;
    for (let path = queued.shift(); path !== undefined; path = queued.shift()) {
      yield path;
      const next = pull();
      if (next !== undefined) queued.push(next);
      if (!readsAhead) continue;
      if (++taken % BATCH === 0) Atomics.store(this.taken, 0, taken);
      if (next !== undefined) batch.push(next);
      if (batch.length === BATCH || next === undefined) send();
    }
  }

  close(): Promise<void> {
    return Promise.all(this.workers.splice(0).map((worker) => worker.terminate())).then(() => undefined);
  }

  /** Whether the median of a few of the files' reads is a read from disk (those files are then the lint's sooner). */
  private fromDisk(paths: RingQueue<string>): boolean {
    const base = statBase(this.cwd);
    const scratch = readAheadBuffer();
    const step = Math.max(1, Math.floor(paths.length / PROBES));
    const times: number[] = [];
    for (let i = 0; i < paths.length && times.length < PROBES; i += step) {
      const start = process.hrtime.bigint();
      if (readAheadFile(absoluteOf(paths.at(i)!, base), scratch)) times.push(Number(process.hrtime.bigint() - start));
    }
    times.sort((a, b) => a - b);
    return times.length > 0 && times[times.length >> 1] >= SLOW_READ_NS;
  }

  private start(): void {
    for (let i = 0; i < THREADS; i++) {
      const booted = bootUnderNodeFlags();
      const worker = new Worker(new URL('../runner/read-ahead-worker.cjs', import.meta.url), { workerData: { cwd: this.cwd, taken: this.taken } });
      worker.unref();
      worker.once('online', booted).once('exit', booted);
      // A thread that fails reads nothing more: the lint reads its files as it always does.
      worker.on('error', () => undefined);
      this.workers.push(worker);
    }
  }
}
