// A pool worker: compiles the packs once, then lints the batches of files the main thread sends. Its thread starts
// in worker-thread.cts, which loads this module from its bundle (or the compiled files) and calls serveLintBatches.
import type { MessagePort } from 'node:worker_threads';
import { Linter, type LinterOptions } from '../engine/linter.js';
import { lintFileTask } from './file-task.js';
import { decodeTasks, OutcomeEncoder, type BatchReply, type BatchRequest } from './batch-codec.js';
import type { WorkerData } from './pool.js';

/** Lint the batches `port` brings with the linter `setup` describes, and answer each on it. */
export function serveLintBatches(port: MessagePort, setup: WorkerData): void {
  // The main thread has already loaded the same config and checked the rules' examples.
  const linter = Linter.create({ ...(setup.linterOptions as LinterOptions), skipExamples: true });
  /** [batch, index]: read by the pool if this thread dies, to report the file it died on. */
  const progress = new Int32Array(setup.progress);
  const encoder = new OutcomeEncoder();
  port.on('message', (request: BatchRequest) => {
    const outcomes = decodeTasks(request).map((task, index) => {
      Atomics.store(progress, 0, request.batch);
      Atomics.store(progress, 1, index);
      return encoder.encode(lintFileTask(linter, task), task);
    });
    const reply: BatchReply = { batch: request.batch, outcomes, ...encoder.takeNew() };
    port.postMessage(reply);
  });
}
