// The thread behind StatAhead (stat-ahead.ts): stats batches of files and sends their fields back in one array.
// CommonJS: Node starts a worker from a CommonJS file without its ES module loader, a few milliseconds sooner.
import { parentPort, workerData } from 'node:worker_threads';
import { statFields, type StatRequest, type StatReply } from './stat-protocol.cjs';

const port = parentPort!;
const cwd = workerData as string;
port.on('message', ({ batch, displays }: StatRequest) => {
  const paths = displays.split('\0');
  paths.pop(); // after the last NUL
  const fields = statFields(paths, cwd);
  const reply: StatReply = { batch, fields };
  port.postMessage(reply, [fields.buffer]);
});
