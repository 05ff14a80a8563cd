// The thread behind StatAhead (stat-ahead.ts): stats batches of files and sends their fields back in one array.
// CommonJS: Node starts a worker from a CommonJS file without its ES module loader, a few milliseconds sooner.
import { statSync } from 'node:fs';
import { isAbsolute, sep } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { STAT_FIELDS, type StatRequest, type StatReply } from './stat-protocol.cjs';

const port = parentPort!;
const cwd = workerData as string;
/** A display path is relative to the run's folder and normalized, or absolute: joined without resolve()'s work. */
const base = cwd.endsWith(sep) ? cwd : cwd + sep;
port.on('message', ({ batch, displays }: StatRequest) => {
  const paths = displays.split('\0');
  paths.pop(); // after the last NUL
  const fields = new Float64Array(paths.length * STAT_FIELDS).fill(Number.NaN);
  for (let i = 0, at = 0; i < paths.length; i++, at += STAT_FIELDS) {
    const s = statSync(isAbsolute(paths[i]) ? paths[i] : base + paths[i], { throwIfNoEntry: false });
    if (!s) continue;
    fields[at] = s.size;
    fields[at + 1] = s.mtimeMs;
    fields[at + 2] = s.ctimeMs;
    fields[at + 3] = s.ino;
    fields[at + 4] = s.mode;
    fields[at + 5] = s.uid;
    fields[at + 6] = s.gid;
  }
  const reply: StatReply = { batch, fields };
  port.postMessage(reply, [fields.buffer]);
});
