// The thread behind StatAhead (stat-ahead.ts): stats the files of each batch it is sent into the shared ring, each
// file it takes before the lookups get to it. CommonJS: Node starts a worker from a CommonJS file without its ES
// module loader, a few milliseconds sooner.
import { parentPort, workerData } from 'node:worker_threads';
import { BATCH_SIZE, done, free, RING_SLOTS, STAT_FIELDS, statBase, statOrUndefined, absoluteOf, taken, type StatRequest, type StatRing } from './stat-protocol.cjs';

const { cwd, ring } = workerData as { cwd: string; ring: StatRing };
const base = statBase(cwd);
const { states, fields } = ring;
// Each batch from its end backwards, while the lookups take its files from the front: the two meet in the middle,
// and a file the lookups reach is rarely one this thread is still stat'ing (which they then wait for).
parentPort!.on('message', ({ batch, displays }: StatRequest) => {
  const first = (batch % RING_SLOTS) * BATCH_SIZE;
  let i = first - 1;
  for (let at = 0; at < displays.length; at = displays.indexOf('\0', at) + 1) i++;
  for (let end = displays.length - 1; end > 0; i--) {
    const start = displays.lastIndexOf('\0', end - 1) + 1;
    const display = displays.slice(start, end);
    end = start - 1;
    // Not free: the lookups have reached this file, so every file before it is theirs too.
    if (Atomics.compareExchange(states, i, free(batch), taken(batch)) !== free(batch)) break;
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
    if (Atomics.compareExchange(states, i, taken(batch), done(batch)) === taken(batch)) Atomics.notify(states, i);
  }
});
