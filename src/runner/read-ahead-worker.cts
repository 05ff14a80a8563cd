// A thread behind ReadAhead (read-ahead.ts): reads the files of each batch it is sent, in order, ahead of the lint.
// CommonJS: Node starts a worker from a CommonJS file without its ES module loader, a few milliseconds sooner.
import { parentPort, workerData } from 'node:worker_threads';
import { readAheadBuffer, readAheadFile, type ReadRequest } from './read-ahead-file.cjs';
import { absoluteOf, statBase } from './stat-protocol.cjs';

const { cwd, taken } = workerData as { cwd: string; taken: Int32Array<SharedArrayBuffer> };
const base = statBase(cwd);
const scratch = readAheadBuffer();
parentPort!.on('message', ({ first, displays }: ReadRequest) => {
  let number = first;
  for (let at = 0, end = displays.indexOf('\0'); end >= 0; at = end + 1, end = displays.indexOf('\0', at), number++) {
    // A file the run has taken already is being read, or was, by the lint itself.
    if (number < Atomics.load(taken, 0)) continue;
    readAheadFile(absoluteOf(displays.slice(at, end), base), scratch);
  }
});
