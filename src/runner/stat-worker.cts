// The thread behind StatAhead (stat-ahead.ts): stats the files of each batch it is sent into the shared ring, each
// file it takes before the lookups get to it. CommonJS: Node starts a worker from a CommonJS file without its ES
// module loader, a few milliseconds sooner.
import { parentPort, workerData } from 'node:worker_threads';
import { BATCH_SIZE, done, free, RING_SLOTS, STAT_FIELDS, statBase, statOrUndefined, absoluteOf, taken, type StatRequest, type StatRing } from './stat-protocol.cjs';

const { cwd, ring } = workerData as { cwd: string; ring: StatRing };
const base = statBase(cwd);
const { states, fields } = ring;
parentPort!.on('message', ({ batch, displays }: StatRequest) => {
  const first = (batch % RING_SLOTS) * BATCH_SIZE;
  for (let i = first, start = 0; start < displays.length; i++) {
    const end = displays.indexOf('\0', start);
    const display = displays.slice(start, end);
    start = end + 1;
    if (Atomics.compareExchange(states, i, free(batch), taken(batch)) !== free(batch)) continue;
    const s = statOrUndefined(absoluteOf(display, base));
    const at = i * STAT_FIELDS;
    if (s) {
      fields[at] = s.size;
      fields[at + 1] = s.mtimeMs;
      fields[at + 2] = s.ctimeMs;
      fields[at + 3] = s.ino;
      fields[at + 4] = s.mode;
      fields[at + 5] = s.uid;
      fields[at + 6] = s.gid;
    } else {
      fields[at] = Number.NaN;
    }
    // Swapped, not stored: a file this thread was too slow to finish may have been read already and its word reused.
    Atomics.compareExchange(states, i, taken(batch), done(batch));
  }
});
