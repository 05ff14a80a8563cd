// A pool worker: compiles the packs once, then lints the batches of files the main thread sends.
import { parentPort, workerData } from 'node:worker_threads';
import { Linter, type LinterOptions } from '../engine/linter.js';
import { lintFileTask } from './file-task.js';
import type { BatchReply, BatchRequest, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
// The main thread has already loaded the same config and checked the rules' examples.
const linter = Linter.create({ ...(setup.linterOptions as LinterOptions), skipExamples: true });
const port = parentPort!;
port.on('message', (request: BatchRequest) => {
  const reply: BatchReply = { batch: request.batch, outcomes: request.tasks.map((task) => lintFileTask(linter, task)) };
  port.postMessage(reply);
});
