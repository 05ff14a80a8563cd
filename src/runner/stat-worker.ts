// The thread behind StatAhead (stat-ahead.ts): stats batches of files and sends their fields back in one array.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { STAT_FIELDS, type StatRequest, type StatReply } from './stat-ahead.js';

const port = parentPort!;
const cwd = workerData as string;
port.on('message', ({ batch, displays }: StatRequest) => {
  const paths = displays.split('\0');
  paths.pop(); // after the last NUL
  const fields = new Float64Array(paths.length * STAT_FIELDS).fill(Number.NaN);
  paths.forEach((display, i) => {
    const s = statSync(resolve(cwd, display), { throwIfNoEntry: false });
    if (s) fields.set([s.size, s.mtimeMs, s.ctimeMs, s.ino, s.mode, s.uid, s.gid], i * STAT_FIELDS);
  });
  const reply: StatReply = { batch, fields };
  port.postMessage(reply, [fields.buffer]);
});
