// A pool of worker threads that lints files in batches and hands the outcomes back in input order. The calling
// thread may lint batches too, while it would otherwise wait for the workers.
// Order is kept with a small reorder buffer: at most a few batches per worker are in flight or waiting, so memory
// stays flat however many files there are, and the output is the same as a one-thread run.
//
// A worker that dies (out of memory on one huge file, a crash) costs one file, not the run: each worker notes in
// shared memory which file it is linting, so the pool reports that file as fatal, starts a new worker, and sends it
// the rest of the dead worker's files again.
import { Worker } from 'node:worker_threads';
import { fatalResult, type LinterOptions } from '../engine/linter.js';
import { bootUnderNodeFlags } from './boot-flags.js';
import { encodeTasks, OutcomeDecoder, type BatchReply } from './batch-codec.js';
import type { FileOutcome, FileTask } from './file-task.js';
import { NumberedWindow } from './ring.js';

/**
 * A worker's young generation stays at 16 MB (V8's own limit lets it grow to 48 MB over a long run): over 100,000
 * files two workers peaked at 180–187 MB against 220–223 MB, as fast, and at 10,000 files no differently (~143 MB).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

export interface WorkerSetup {
  linterOptions: LinterOptions;
}

/** What a worker is started with: the setup, and where it notes the file it is linting: [batch, index in the request]. */
export interface WorkerData extends WorkerSetup {
  progress: SharedArrayBuffer;
}

/**
 * Files per message, and per turn of this thread's event loop when it lints a batch itself. Each batch costs the
 * threads ~0.1 ms of CPU in all (its message, the copies, the turns of their event loops), which on two busy cores
 * is wall time: over 100,000 files 128 a batch took 3.90 s and 7.5 s of CPU where 32 took 4.01 s and 7.7 s (medians
 * of ten interleaved pairs, lower in all ten; in an earlier eight, 3.86 against 4.03 s), 64 in between; 256 no less
 * than 128, with ~17 MB more held in the reorder window. The last batch leaves at most ~10 ms of one thread's work
 * for the other to wait for.
 */
export const BATCH_SIZE = 128;
/**
 * Files per message when the outcomes carry the files' texts and turns (a report that shows transcripts): each is
 * then kilobytes, and 128 a batch held 217–234 MB at the peak of the bench's five reports over 100,000 files, and took
 * 13.6–16.3 s, where 32 held 166–178 MB and took 12.9–13.8 s (three runs each).
 */
export const BATCH_SIZE_WITH_SOURCES = 32;
/** Batches in flight or waiting per worker. */
const BATCHES_PER_WORKER = 4;
/**
 * Batches a worker holds: the one it lints and two queued behind it. The main thread takes in a reply (and sends the
 * next batch) only between the batches it lints itself, which take as long as a worker's: with one batch queued, the
 * worker ran out of work and waited 0.2–0.8 s of a 5 s run over 100,000 files (its event loop's idle time), with two
 * 0.03–0.06 s.
 */
const BATCHES_IN_FLIGHT = 3;

interface Thread {
  worker: Worker;
  /** [batch, index in the request] of the file the worker is linting (batch -1: none yet). */
  progress: Int32Array;
  /** The batches sent to it and not answered yet, oldest first. */
  holds: number[];
  /** What the worker threw, if it did (its 'exit' follows). */
  error?: Error;
  /** Makes the outcomes it sent as numbers and arrays into objects again (batch-codec.ts). */
  decoder: OutcomeDecoder;
}

interface Batch {
  tasks: FileTask[];
  /** Filled as they are known: by the reply, or a fatal outcome for the file a worker died on. */
  outcomes: (FileOutcome | undefined)[];
  /** The task indices of the request now out: all of them, or those still unknown after a worker died. */
  sent: number[];
  /** Every outcome is known: the batch waits for its turn to be handed on. */
  complete: boolean;
}

/** The fatal problem of a file whose worker died linting it: what happened and what to do. */
export function workerDeathMessage(error: Error | undefined, exitCode: number): string {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return 'ran out of memory linting this file (the worker thread\'s JavaScript heap is full); the other files were linted. '
      + 'Give Node more memory (NODE_OPTIONS=--max-old-space-size=MB), or skip files this large with --max-file-size';
  }
  const why = error ? `${error.name}: ${error.message}` : `exit code ${exitCode}`;
  return `the worker thread linting this file stopped (${why}); the other files were linted. Please report it, with the file if you can`;
}

/**
 * Lints one file in the calling thread as a worker would; undefined for a file this thread cannot lint (too large
 * for what its heap has left), which is then sent to a worker: a file's result must not depend on which thread took it.
 */
export type LocalLinter = (task: FileTask) => FileOutcome | undefined;

export class LintPool {
  private readonly threads: Thread[];
  private failure: Error | undefined;
  private readonly batchSize: number;

  /**
   * `size` workers; with `lintHere`, the calling thread lints batches as well whenever no outcome is ready for it to
   * hand on and no worker is waiting for a batch. It then needs no worker of its own: one thread fewer to start and
   * warm up (most of a second of CPU each), and the outcomes of the files it lints are not copied between threads.
   */
  constructor(size: number, private readonly setup: WorkerSetup, private readonly lintHere?: LocalLinter) {
    this.threads = Array.from({ length: size }, () => this.spawn());
    this.batchSize = setup.linterOptions.keepSource ? BATCH_SIZE_WITH_SOURCES : BATCH_SIZE;
  }

  private spawn(): Thread {
    const progress = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    const data: WorkerData = { ...this.setup, progress };
    // (By way of ../runner/: the same file from dist/runner/ and from the one-file CLI in dist/cli/.)
    // Booted under Node's own V8 flags, whose code cache of Node's modules V8 takes: 18.5 ms of the worker's CPU to
    // its first line against 41 ms under the command line's flag (boot-flags.ts). Its bundle's code cache is chosen
    // by the flags as they are when it loads (the build makes one for each).
    const booted = bootUnderNodeFlags();
    let worker: Worker;
    try {
      worker = new Worker(new URL('../runner/worker-thread.cjs', import.meta.url), { workerData: data, resourceLimits: WORKER_LIMITS });
    } catch (err) {
      booted();
      throw err;
    }
    worker.once('online', booted).once('exit', booted);
    const thread: Thread = { worker, progress: new Int32Array(progress), holds: [], decoder: new OutcomeDecoder() };
    thread.progress[0] = -1;
    return thread;
  }

  /**
   * Lint the tasks, yielding their outcomes in task order, a batch at a time (each array is the next outcomes, never
   * empty). Stops early (without the rest) when `signal` aborts. Batches rather than single outcomes: each step of an
   * async generator costs the main thread ~0.4 µs, and it hands on every file's outcome, its own and the workers'.
   */
  async *run(tasks: Iterable<FileTask>, signal?: AbortSignal): AsyncGenerator<FileOutcome[]> {
    const source = tasks[Symbol.iterator]();
    /** Free slots (a worker may hold two) held back by the reorder window or an empty queue. */
    let idle: Thread[] = [];
    /** Batches in flight, waiting or done but not handed on: the reorder window (this thread counts as a worker). */
    const windowSize = (this.threads.length + (this.lintHere ? 1 : 0)) * BATCHES_PER_WORKER;
    /** Those batches by number, answered (complete) or not. Not a Map: see ring.ts. */
    const batches = new NumberedWindow<Batch>(windowSize);
    /**
     * Batches to send before any new one (the reorder window waits for them): a dead worker's, and files this thread
     * left to a worker.
     */
    const retry: number[] = [];
    let sent = 0;
    let exhausted = false;
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };

    const nextBatch = (): FileTask[] | undefined => {
      if (exhausted) return undefined;
      const batch: FileTask[] = [];
      while (batch.length < this.batchSize) {
        const step = source.next();
        if (step.done) {
          exhausted = true;
          break;
        }
        batch.push(step.value);
      }
      return batch.length ? batch : undefined;
    };
    const send = (thread: Thread, number: number): void => {
      const batch = batches.get(number)!;
      batch.sent = batch.tasks.flatMap((_, i) => (batch.outcomes[i] ? [] : [i]));
      thread.holds.push(number);
      thread.worker.postMessage(encodeTasks(number, batch.sent.map((i) => batch.tasks[i])));
    };
    let emitted = 0;
    const feed = (thread: Thread): void => {
      if (retry.length) return send(thread, retry.shift()!);
      if (signal?.aborted || sent - emitted >= windowSize) {
        idle.push(thread);
        return;
      }
      const tasks = nextBatch();
      if (!tasks) {
        idle.push(thread);
        return;
      }
      batches.set(sent, { tasks, outcomes: new Array<FileOutcome | undefined>(tasks.length).fill(undefined), sent: [], complete: false });
      send(thread, sent++);
    };
    const complete = (number: number): void => {
      batches.get(number)!.complete = true;
    };
    /** Lint the next batch in this thread, when the window has room that no waiting worker takes; false otherwise. */
    const lintBatchHere = (): boolean => {
      const { lintHere } = this;
      if (!lintHere || signal?.aborted || idle.length || sent - emitted >= windowSize) return false;
      const tasks = nextBatch();
      if (!tasks) return false;
      const outcomes: (FileOutcome | undefined)[] = [];
      let left = false;
      for (const task of tasks) {
        const outcome = lintHere(task);
        outcomes.push(outcome);
        if (!outcome) left = true;
      }
      const number = sent++;
      batches.set(number, { tasks, outcomes, sent: [], complete: !left });
      if (left) {
        // The files left out go to the next worker that asks for a batch (none is idle, so each holds some).
        retry.push(number);
        retry.sort((a, b) => a - b);
      }
      return true;
    };

    const listeners = new Map<Thread, { onMessage: (reply: BatchReply) => void; onError: (err: Error) => void; onExit: (code: number) => void }>();
    const listen = (thread: Thread): void => {
      const onMessage = (reply: BatchReply): void => {
        thread.holds.splice(thread.holds.indexOf(reply.batch), 1);
        const batch = batches.get(reply.batch)!;
        thread.decoder.learn(reply);
        batch.sent.forEach((task, k) => (batch.outcomes[task] = thread.decoder.decode(reply.outcomes[k], batch.tasks[task].display)));
        complete(reply.batch);
        feed(thread);
        notify();
      };
      const onError = (err: Error): void => {
        thread.error = err;
      };
      const onExit = (code: number): void => {
        detach(thread);
        const [number, index] = thread.progress;
        if (number < 0) {
          // It died before linting any file (while starting): no file to blame, and a new one would die the same way.
          this.failure ??= thread.error ?? new Error(`a worker thread stopped while starting (exit code ${code})`);
          notify();
          return;
        }
        // The file it was linting, unless it died between batches: then its batches are only sent again.
        const batch = thread.holds.includes(number) ? batches.get(number) : undefined;
        const task = batch?.sent[index];
        if (batch && task !== undefined) batch.outcomes[task] = { result: fatalResult(batch.tasks[task].display, workerDeathMessage(thread.error, code)) };
        for (const held of thread.holds) {
          if (batches.get(held)!.outcomes.every(Boolean)) complete(held);
          else retry.push(held);
        }
        retry.sort((a, b) => a - b);
        idle = idle.filter((t) => t !== thread);
        const fresh = this.spawn();
        this.threads[this.threads.indexOf(thread)] = fresh;
        listen(fresh);
        for (let round = 0; round < BATCHES_IN_FLIGHT; round++) feed(fresh);
        notify();
      };
      thread.worker.on('message', onMessage);
      thread.worker.on('error', onError);
      thread.worker.on('exit', onExit);
      listeners.set(thread, { onMessage, onError, onExit });
    };
    const detach = (thread: Thread): void => {
      const l = listeners.get(thread);
      if (!l) return;
      thread.worker.off('message', l.onMessage);
      thread.worker.off('error', l.onError);
      thread.worker.off('exit', l.onExit);
      listeners.delete(thread);
    };

    for (const thread of this.threads) listen(thread);
    // Batches in flight per worker (each reply is answered with the next): messages wait in the worker's port until
    // it has compiled the packs and listens.
    for (let round = 0; round < BATCHES_IN_FLIGHT; round++) for (const thread of [...this.threads]) feed(thread);
    const onAbort = (): void => notify();
    signal?.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        if (signal?.aborted) return;
        const batch = batches.get(emitted);
        if (batch?.complete) {
          batches.delete(emitted++);
          // A slot freed in the reorder window: wake workers that were held back.
          for (const t of idle.splice(0)) feed(t);
          yield batch.outcomes as FileOutcome[];
          continue;
        }
        if (exhausted && emitted === sent) return;
        // Rather than wait, lint a batch here; then a turn of the event loop takes in the workers' replies and feeds
        // them (and serves Ctrl-C and the progress bar).
        if (lintBatchHere()) await new Promise<void>((resolve) => setImmediate(resolve));
        // (Asking for a batch may have found the tasks' end: with every batch handed on, nothing is left to wait for.
        // A pool of no workers whose files filled its last batch exactly waited here for ever.)
        else if (exhausted && emitted === sent) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      for (const thread of [...listeners.keys()]) detach(thread);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
