// A thread behind ReadAhead (read-ahead.ts): reads the files of each batch it is sent, in order, ahead of the lint,
// unless the first of them read as from memory.
// CommonJS: Node starts a worker from a CommonJS file without its ES module loader, a few milliseconds sooner.
import { parentPort, workerData } from 'node:worker_threads';
import { PROBES, readAheadBuffer, readAheadFile, slowMedian, timedRead, type ReadRequest } from './read-ahead-file.cjs';
import { absoluteOf, statBase } from './stat-protocol.cjs';

const { cwd, taken, slowReadNs } = workerData as { cwd: string; taken: Int32Array<SharedArrayBuffer>; slowReadNs: number };
const base = statBase(cwd);
const scratch = readAheadBuffer();
parentPort!.on('message', ({ first, displays }: ReadRequest) => {
  let number = first;
  // The times of the batch's first files read: if their median is a read from memory, the rest of the batch is left
  // to the lint (reading it here as well would only take a core from the lint: ~10 % of a run from memory).
  const times: number[] = [];
  for (let at = 0, end = displays.indexOf('\0'); end >= 0; at = end + 1, end = displays.indexOf('\0', at), number++) {
    // A file the run has taken already is being read, or was, by the lint itself.
    if (number < Atomics.load(taken, 0)) continue;
    const path = absoluteOf(displays.slice(at, end), base);
    if (times.length < PROBES) {
      const time = timedRead(path, scratch);
      if (time >= 0) times.push(time);
      if (times.length === PROBES && !slowMedian(times, slowReadNs)) return;
    } else {
      readAheadFile(path, scratch);
    }
  }
});
