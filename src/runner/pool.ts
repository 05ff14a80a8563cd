// A pool of worker threads that lints files in batches and hands the outcomes back in input order.
// Order is kept with a small reorder buffer: at most a few batches per worker are in flight or waiting, so memory
// stays flat however many files there are, and the output is the same as a one-thread run.
import { Worker } from 'node:worker_threads';
import type { LinterOptions } from '../engine/linter.js';
import type { FileOutcome, FileTask } from './file-task.js';

export interface WorkerSetup {
  linterOptions: LinterOptions;
}

export interface BatchRequest {
  batch: number;
  tasks: FileTask[];
}

export interface BatchReply {
  batch: number;
  outcomes: FileOutcome[];
}

/** Files per message: large enough that messaging costs nothing, small enough to balance two workers at the end. */
const BATCH_SIZE = 32;
/** Batches in flight or waiting per worker. */
const BATCHES_PER_WORKER = 4;

export class LintPool {
  private readonly workers: Worker[];
  private failure: Error | undefined;

  constructor(size: number, setup: WorkerSetup) {
    const script = new URL('../runner/worker.js', import.meta.url);
    this.workers = Array.from({ length: size }, () => new Worker(script, { workerData: setup }));
  }

  /** Lint the tasks, yielding outcomes in task order. Stops early (without the rest) when `signal` aborts. */
  async *run(tasks: Iterable<FileTask>, signal?: AbortSignal): AsyncGenerator<FileOutcome> {
    const source = tasks[Symbol.iterator]();
    /** Free slots (a worker may hold two) held back by the reorder window or an empty queue. */
    const idle: Worker[] = [];
    const done = new Map<number, FileOutcome[]>();
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
      while (batch.length < BATCH_SIZE) {
        const step = source.next();
        if (step.done) {
          exhausted = true;
          break;
        }
        batch.push(step.value);
      }
      return batch.length ? batch : undefined;
    };
    let emitted = 0;
    const feed = (worker: Worker): void => {
      if (signal?.aborted || sent - emitted >= this.workers.length * BATCHES_PER_WORKER) {
        idle.push(worker);
        return;
      }
      const tasks = nextBatch();
      if (!tasks) {
        idle.push(worker);
        return;
      }
      const request: BatchRequest = { batch: sent++, tasks };
      worker.postMessage(request);
    };

    const listeners = this.workers.map((worker) => {
      const onMessage = (message: BatchReply): void => {
        done.set(message.batch, message.outcomes);
        feed(worker);
        notify();
      };
      const onError = (err: Error): void => {
        this.failure ??= err;
        notify();
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      return { worker, onMessage, onError };
    });
    // Two batches per worker in flight, so that none waits for the main thread between batches. Messages wait in
    // the worker's port until it has compiled the packs and listens.
    for (let round = 0; round < 2; round++) for (const worker of this.workers) feed(worker);
    const onAbort = (): void => notify();
    signal?.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        if (signal?.aborted) return;
        const outcomes = done.get(emitted);
        if (outcomes) {
          done.delete(emitted++);
          // A slot freed in the reorder window: wake workers that were held back.
          for (const w of idle.splice(0)) feed(w);
          yield* outcomes;
          continue;
        }
        if (exhausted && emitted === sent) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      for (const { worker, onMessage, onError } of listeners) {
        worker.off('message', onMessage);
        worker.off('error', onError);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
