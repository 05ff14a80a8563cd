// The thread behind StatAhead (stat-ahead.ts): stats the files of each batch it is sent into the shared ring, each
// file it takes before the lookups get to it. CommonJS: Node starts a worker from a CommonJS file without its ES
// module loader, a few milliseconds sooner.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { BATCH_SIZE, done, free, RING_SLOTS, STAT_FIELDS, STAT_THREAD_NICENESS, statBase, statOrUndefined, absoluteOf, taken, type StatRequest, type StatRing } from './stat-protocol.cjs';

const { cwd, ring } = workerData as { cwd: string; ring: StatRing };
yieldCoreToLookups();
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

/**
 * A rerun is bound by its main thread (the lookups, the results, the report), which waited ~70 ms of a 0.4 s rerun
 * over 100,000 files for a core that this thread or V8's compiler threads held (/proc/self/task/N/schedstat). With a
 * lower priority this thread takes a core the lookups want less often, and the files it has not got to are stat'ed by
 * the lookups (stat-ahead.ts): the rerun took 0.38 against 0.39 s (medians, three sets of 11-15 interleaved runs). Only
 * on Linux, where a thread has a nice value of its own (os.setPriority(0) sets the calling thread's); elsewhere it
 * would lower the whole process.
 */
function yieldCoreToLookups(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, Math.min(19, getPriority(0) + STAT_THREAD_NICENESS));
  } catch {
    // Refused (a sandbox): the thread runs at the process's priority, as before.
  }
}
