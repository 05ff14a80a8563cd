// Threads started under Node's own V8 flags: the stat thread (stat-ahead.ts), the readers ahead (read-ahead.ts) and
// the lint pool's workers (pool.ts).
import { cachedDataVersionTag, setFlagsFromString } from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { COMMAND_LINE_V8_FLAG } from '../v8-flag.cjs';

/** Threads booting under Node's own V8 flags, and whether the command line's flag is to be set again after them. */
let booting = 0;
let flagToRestore = false;

/**
 * Set V8's flags back to Node's own while a thread boots; the function returned (to call once it is up, or gone, and
 * more than once if need be) sets the command line's flag again once no other thread is booting. Node's modules carry
 * a code cache that V8 takes only under the flags it was made under: under the command line's flag
 * (bin/transcript-lint.js) a new thread compiles every module of its bootstrap from source, 35–37 ms of CPU against
 * 15–18 ms (a bare worker, four runs each), and the stat thread came up 55–85 ms after it was made in a rerun (23–42 ms
 * under Node's flags). (The flag matters for what the main thread keeps over a long cold run; a thread's boot is a
 * few tens of milliseconds at the start.) Nothing is changed where the flags were Node's own already (a library's
 * run): V8's version tag, which covers its flags, says so.
 */
export function bootUnderNodeFlags(): () => void {
  const before = cachedDataVersionTag();
  if (booting === 0) {
    setFlagsFromString(COMMAND_LINE_V8_FLAG.unset);
    flagToRestore = cachedDataVersionTag() !== before;
  }
  booting++;
  let up = false;
  return () => {
    if (up) return;
    up = true;
    if (--booting === 0 && flagToRestore) setFlagsFromString(COMMAND_LINE_V8_FLAG.set);
  };
}

/**
 * Start a thread that helps a run from the side (the stat thread, the readers ahead), under Node's own flags. It does
 * not keep the process alive (`ref()` it for as long as the run waits on it), and one that fails only stops helping:
 * the run then does that work itself.
 */
export function startHelperThread(file: URL, options: WorkerOptions): Worker {
  const booted = bootUnderNodeFlags();
  let worker: Worker;
  try {
    worker = new Worker(file, options);
  } catch (err) {
    booted();
    throw err;
  }
  worker.unref();
  worker.once('online', booted).once('exit', booted);
  worker.on('error', () => undefined);
  return worker;
}
