// The file a lint worker's thread starts (src/runner/pool.ts): CommonJS, which Node starts faster than a module, and
// which loads the worker's code from its bundle with a code cache when there is a current one (worker-load.cts).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadLintWorker } from './worker-load.cjs';

void loadLintWorker().then(({ worker }) => worker.serveLintBatches(parentPort as MessagePort, workerData));
