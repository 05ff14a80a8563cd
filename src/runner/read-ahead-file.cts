// What ReadAhead (read-ahead.ts) and its threads (read-ahead-worker.cts) share: reading a file ahead of its lint.
// CommonJS, like the threads' own file: a thread starts without Node's ES module loader.
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';

/** A batch of files to read ahead: the number of its first path among those the run takes from where reading ahead
 * started, and the paths (display paths, each ended by a NUL: one string is cloned across threads in a copy). */
export interface ReadRequest {
  first: number;
  displays: string;
}

/** Files larger than this are left to the kernel, which reads ahead within a file by itself. */
export const READ_AHEAD_MAX_BYTES = 1 << 20;

/** A buffer to read into and throw away: what is read is only to be in the kernel's memory when the lint reads it. */
export function readAheadBuffer(): Buffer {
  return Buffer.allocUnsafe(64 * 1024);
}

/**
 * Read a regular file of up to READ_AHEAD_MAX_BYTES whole, into `scratch`; whether it was read. Nothing else is opened:
 * a FIFO's writer, unblocked by a reader that opens and leaves, would write to no one (and a device may never end).
 * Failures are the lint's to report: here a file that cannot be read is only not read.
 */
export function readAheadFile(path: string, scratch: Buffer): boolean {
  let fd: number;
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > READ_AHEAD_MAX_BYTES) return false;
    // (Without waiting all the same: what took the file's place since cannot block the thread.)
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    while (readSync(fd, scratch, 0, scratch.length, null) === scratch.length);
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** Files whose reads tell where the files come from: the median of their times. */
export const PROBES = 8;
/** A file read from memory takes a few microseconds here (stat, open, read, close); from this disk ~100. */
export const SLOW_READ_NS = 50_000;

/** How long reading `path` took (readAheadFile), in nanoseconds; -1 if it was not read. */
export function timedRead(path: string, scratch: Buffer): number {
  const start = process.hrtime.bigint();
  return readAheadFile(path, scratch) ? Number(process.hrtime.bigint() - start) : -1;
}

/** Whether the median of these reads' times (of files read: timedRead's, not -1) is a read from disk. */
export function slowMedian(times: number[], slowReadNs: number): boolean {
  times.sort((a, b) => a - b);
  return times.length > 0 && times[times.length >> 1] >= slowReadNs;
}
