// Files read ahead of the lint, on threads of their own, where they come from disk. A linting thread that reads a file
// from disk waits for it and is switched out and back at every file: over 100,000 generated calls read from this
// machine's disk the lint took twice the CPU it takes from memory, and 12.5 s against 3.6 s. With two other readers
// a few thousand files ahead (two `cat`s, by hand) it found its files in memory: 5.7–7.5 s.
import type { Worker } from 'node:worker_threads';
import { startHelperThread } from './boot-flags.js';
import { PROBES, readAheadBuffer, type ReadRequest, SLOW_READ_NS, slowMedian, timedRead } from './read-ahead-file.cjs';
import { RingQueue } from './ring.js';
import { absoluteOf, statBase } from './stat-protocol.cjs';

/**
 * 'auto': read ahead from where files read slowly; 'always': from the start ('never': not at all), for the tests or a
 * caller who knows. Either way a thread leaves to the lint a batch whose first files read as from memory.
 */
export type ReadAheadMode = 'auto' | 'always' | 'never';

/** Read ahead ('auto') in runs with at least this many files to lint: the threads start in tens of milliseconds. */
export const READ_AHEAD_MIN_FILES = 2000;
/** Reads in flight: one reader alone (`cat`) took longer over the files than the lint takes from memory. */
const THREADS = 2;
/** Paths per message to a thread. */
const BATCH = 128;
/**
 * How many files the reads may be ahead of the run (which hands a lint thread its files a few hundred ahead of their
 * reads): from disk, 256 took 8.5 s, 1,024 6.7 s and 4,096 6.8–7.1 s over the 100,000 generated calls, and 4,096
 * paths held in a queue kept ~10 MB more of the run's memory (V8's young generation grows for what survives it).
 */
const AHEAD = 1024;
/** The paths over which PROBES files are read to tell where the files come from (before anything is queued). */
const PROBED = 256;
/**
 * Paths from one probe to the next while no thread reads ahead: an archive whose first folders are in memory (written
 * or read lately) and whose older ones are not starts reading ahead where it reaches them. A probe from memory costs
 * the run 8 reads of a few microseconds.
 */
const PROBE_EVERY = 2048;

/**
 * How a run tells that its files come from disk: `fromDisk`, whether a few of these paths' files do (by default, the
 * median of timed reads of 8 of them); `slowReadNs`, a read that long or longer is from disk (the threads, too, stop
 * reading a batch whose first files read faster).
 */
export interface ReadAheadProbe {
  fromDisk?: (paths: readonly string[]) => boolean;
  slowReadNs?: number;
}

export class ReadAhead {
  private readonly workers: Worker[] = [];
  /** How many paths the run has taken since reading ahead started: a thread skips a batch the run has passed. */
  private readonly taken = new Int32Array(new SharedArrayBuffer(4));
  private batches = 0;

  private readonly fromDisk: (paths: readonly string[]) => boolean;
  private readonly slowReadNs: number;

  constructor(private readonly cwd: string, private readonly mode: ReadAheadMode = 'auto', probe: ReadAheadProbe = {}) {
    this.slowReadNs = probe.slowReadNs ?? SLOW_READ_NS;
    // (The folder's base and the buffer made once, at the first probe: a run probes every PROBE_EVERY paths.)
    let reads: { base: string; scratch: Buffer } | undefined;
    this.fromDisk = probe.fromDisk ?? ((paths) => readsFromDisk((reads ??= { base: statBase(cwd), scratch: readAheadBuffer() }), paths, this.slowReadNs));
  }

  /** Threads reading ahead: none until files show that they come from disk (or the mode says always). */
  get threads(): number {
    return this.workers.length;
  }

  /**
   * `source`'s paths in order; their files read ahead up to AHEAD paths ahead, from where they are found to come from
   * disk (a probe every PROBE_EVERY paths until then).
   */
  *paths(source: Iterable<string>): Generator<string> {
    const from = source[Symbol.iterator]();
    let next = from.next();
    if (this.mode === 'never') {
      for (; !next.done; next = from.next()) yield next.value;
      return;
    }
    let first: string[] = [];
    for (;;) {
      for (; !next.done && first.length < PROBED; next = from.next()) first.push(next.value);
      if (this.mode === 'always' || (first.length > 0 && this.fromDisk(first))) break;
      yield* first;
      for (let passed = first.length; !next.done && passed < PROBE_EVERY; passed++, next = from.next()) yield next.value;
      if (next.done) return;
      first = [];
    }
    this.start();
    const queued = new RingQueue<string>(AHEAD);
    let batch: string[] = [];
    let batchFirst = 0;
    const send = (): void => {
      if (!batch.length) return;
      const request: ReadRequest = { first: batchFirst, displays: `${batch.join('\0')}\0` };
      this.workers[this.batches++ % this.workers.length].postMessage(request);
      batchFirst += batch.length;
      batch = [];
    };
    const queue = (path: string): void => {
      queued.push(path);
      batch.push(path);
      if (batch.length === BATCH) send();
    };
    for (const path of first) queue(path);
    for (; !next.done && queued.length < AHEAD; next = from.next()) queue(next.value);
    send();
    let taken = 0;
    for (let path = queued.shift(); path !== undefined; path = queued.shift()) {
      yield path;
      if (++taken % BATCH === 0) Atomics.store(this.taken, 0, taken);
      if (next.done) {
        send();
      } else {
        queue(next.value);
        next = from.next();
      }
    }
  }

  close(): Promise<void> {
    return Promise.all(this.workers.splice(0).map((worker) => worker.terminate())).then(() => undefined);
  }

  private start(): void {
    for (let i = 0; i < THREADS; i++) {
      // A thread holds a batch of paths and a buffer outside its heap: with a small heap the run from disk peaked at
      // 175–180 MB against 181–187 MB (158 MB without reading ahead). One that fails or runs out only reads no more:
      // the lint reads its files as it always does.
      const worker = startHelperThread(new URL('../runner/read-ahead-worker.cjs', import.meta.url), {
        workerData: { cwd: this.cwd, taken: this.taken, slowReadNs: this.slowReadNs },
        resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
      });
      this.workers.push(worker);
    }
  }
}

/** Whether the median of a few of the files' reads is a read from disk (those files are then the lint's sooner). */
function readsFromDisk({ base, scratch }: { base: string; scratch: Buffer }, paths: readonly string[], slowReadNs: number): boolean {
  const step = Math.max(1, Math.floor(paths.length / PROBES));
  const times: number[] = [];
  for (let i = 0; i < paths.length && times.length < PROBES; i += step) {
    const time = timedRead(absoluteOf(paths[i], base), scratch);
    if (time >= 0) times.push(time);
  }
  return slowMedian(times, slowReadNs);
}
