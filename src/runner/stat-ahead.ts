// A --cache rerun over unchanged files is mostly one stat per file, then restoring and reporting its result. A thread
// of its own stats the files a few batches ahead, so that on a machine with a core to spare the two overlap; when it
// falls behind, this thread stats a batch too rather than wait.
import { Worker } from 'node:worker_threads';
import { STAT_FIELDS, statFields, type StatReply, type StatRequest } from './stat-protocol.cjs';

/** What a cache lookup needs of a file's stats. */
export interface FileStats {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
}

/** Its thread starts in tens of milliseconds: worth it from about this many files (a stat is ~5–15 µs). */
export const STAT_AHEAD_MIN_FILES = 2000;
/**
 * Files in flight at the thread. Every entry in flight outlives a scavenge or two, and V8 widens the main thread's
 * young generation by what survives: 4 batches of 256 took it to its limit within 100,000 files (109–112 MB peak), 2 of
 * 128 kept it at half (90–92 MB), no slower. With this thread stat'ing batches too, 4 of 64 were no faster than 2 of
 * 128 and peaked higher (91–93 against 87–90 MB over 100,000 files, 129–138 against 114–119 MB over 1,000,000).
 */
const BATCH_SIZE = 128;
const BATCHES_AHEAD = 2;

export interface StatEntry {
  display: string;
  stats: FileStats | null | undefined;
}

interface Batch {
  displays: string[];
  atThread: boolean;
  fields?: Float64Array;
  known: Promise<void>;
}

export class StatAhead {
  private readonly worker: Worker;
  private readonly batches: Batch[] = [];
  private readonly waiting = new Map<number, (fields: Float64Array) => void>();
  private sent = 0;
  /** Batches sent to the thread and not yet reached. */
  private atThread = 0;
  private index = 0;
  /** Batches stat'ed on this thread because the thread's reply was not there yet. */
  statedHere = 0;
  private exhausted = false;
  private failed = false;

  private take: () => string | undefined = () => undefined;

  /**
   * Start the thread, which boots while the run finds its files. Until it is given its paths (`from`) it does not
   * keep the process alive: a run that fails before then still ends.
   */
  constructor(private readonly cwd: string) {
    this.worker = new Worker(new URL('../runner/stat-worker.cjs', import.meta.url), { workerData: cwd });
    this.worker.unref();
    this.worker.on('message', ({ batch, fields }: StatReply) => this.waiting.get(batch)?.(fields));
    // A stat thread that fails leaves the lookups to stat for themselves (no fields: unknown).
    this.worker.on('error', () => {
      this.failed = true;
      this.waiting.forEach((done) => done(new Float64Array(0)));
    });
  }

  /**
   * The next display path with its stats (undefined: unknown, stat it yourself; null: cannot be stat'ed). A promise
   * only while its batch is on its way: awaiting a value that is there already costs a turn of the microtask queue.
   */
  next(): StatEntry | undefined | Promise<StatEntry | undefined> {
    this.fill();
    let batch = this.batches[0];
    if (batch && this.index === batch.displays.length) {
      if (this.batches.shift()!.atThread) this.atThread--;
      this.index = 0;
      this.fill();
      batch = this.batches[0];
    }
    if (!batch) return undefined;
    const known = batch;
    return known.fields ? this.entry(known) : this.whenKnown(known);
  }

  /**
   * A reply may be waiting for a turn of the event loop; if the thread has not sent it yet, the thread is behind (on
   * two cores the stat calls are the bound): stat a batch here rather than wait idle.
   */
  private async whenKnown(batch: Batch): Promise<StatEntry> {
    await new Promise((resolve) => setImmediate(resolve));
    if (!batch.fields) {
      this.statHere();
      await batch.known;
    }
    return this.entry(batch);
  }

  private entry(batch: Batch): StatEntry {
    const at = this.index++;
    const f = batch.fields!;
    const base = at * STAT_FIELDS;
    if (f.length <= base) return { display: batch.displays[at], stats: undefined };
    if (Number.isNaN(f[base])) return { display: batch.displays[at], stats: null };
    return { display: batch.displays[at], stats: { size: f[base], mtimeMs: f[base + 1], ctimeMs: f[base + 2], ino: f[base + 3], mode: f[base + 4], uid: f[base + 5], gid: f[base + 6] } };
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

  private takeBatch(): string[] {
    const displays: string[] = [];
    while (!this.exhausted && displays.length < BATCH_SIZE) {
      const display = this.take();
      if (display === undefined) this.exhausted = true;
      else displays.push(display);
    }
    return displays;
  }

  private statHere(): void {
    const displays = this.takeBatch();
    if (!displays.length) return;
    this.statedHere++;
    this.batches.push({ displays, atThread: false, fields: statFields(displays, this.cwd), known: Promise.resolve() });
  }

  private fill(): void {
    while (!this.exhausted && this.atThread < BATCHES_AHEAD) {
      const displays = this.takeBatch();
      if (!displays.length) return;
      const number = this.sent++;
      const batch: Batch = { displays, atThread: true, known: Promise.resolve() };
      this.batches.push(batch);
      this.atThread++;
      if (this.failed) {
        batch.fields = new Float64Array(0);
        continue;
      }
      batch.known = new Promise((done) => this.waiting.set(number, (fields) => {
        this.waiting.delete(number);
        batch.fields = fields;
        done();
      }));
      const request: StatRequest = { batch: number, displays: `${displays.join('\0')}\0` };
      this.worker.postMessage(request);
    }
  }
}
