// Read a whole file, safely: regular files only (a FIFO or /dev/zero would block or never end), at most a given
// size (one huge file must not exhaust memory and lose the rest of a batch), through one descriptor so that what
// is checked is what is read. Used for transcripts, packs and configs, baselines and merged reports.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

/** The default of --max-file-size: far above any call transcript (a day-long call is a few MB), far below a heap. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** What a file was when it was read: it is replaced (--fix) only if it is still that file with that content. */
export interface FileSnapshot {
  size: number;
  mtimeMs: number;
  ino: number;
  /** SHA-256 of the content, hex. */
  hash: string;
}

export interface ReadFile {
  bytes: Buffer;
  stat: Stats;
}

export interface ReadOptions {
  /** Refuse files larger than this many bytes (code EFBIG). Default: no limit. */
  maxBytes?: number;
  /**
   * Refuse (code ENOMEM) a file whose size times this is more than the JavaScript heap has left: what it takes to
   * hold it while it is worked on. Default: no check.
   */
  heapPerByte?: number;
  /**
   * The bytes may be a view of this thread's read buffer, valid until the next read: for a caller done with them
   * before it reads again (a transcript decoded to text). Saves a copy and a buffer per small file.
   */
  borrow?: boolean;
}

/** A path that is not a regular file: a FIFO, a device, a socket. Code ENOTREG. */
export function notRegularError(stat: Stats): NodeJS.ErrnoException {
  const kind = stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isCharacterDevice() ? 'a character device'
    : stat.isBlockDevice() ? 'a block device' : stat.isSocket() ? 'a socket' : stat.isDirectory() ? 'a folder' : 'not a regular file';
  return Object.assign(new Error(`${kind}, not a regular file`), { code: stat.isDirectory() ? 'EISDIR' : 'ENOTREG' });
}

export function snapshotOf(stat: Stats, bytes: Uint8Array): FileSnapshot {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** Read a regular file whole; throws an ErrnoException (ENOENT, EACCES, ENOTREG, EISDIR, EFBIG…) otherwise. */
export function readRegularFile(path: string, options: ReadOptions = {}): ReadFile {
  const fd = openNonBlocking(path);
  try {
    return statAndRead(fd, options);
  } finally {
    closeSync(fd);
  }
}

/**
 * readRegularFile's bytes of a file the caller found to be a regular file as it listed it (a folder's walk, a file
 * named on the command line, a glob's match): the fstat is left out while the file fits in one read (~5 µs of a
 * transcript's ~60). What may have taken its place since cannot block or run on, and is refused as readRegularFile
 * refuses it: a read that finds nothing (a FIFO without a writer, /dev/null, an empty file) or would block (a FIFO
 * with one) or fills the buffer (a device that never ends, a longer file) is followed by the fstat; a folder fails.
 */
export function readListedFile(path: string, options: ReadOptions = {}): Buffer {
  const fd = openNonBlocking(path);
  try {
    const ask = Math.min(scratch.length, (options.maxBytes ?? Infinity) + 1);
    let n = 0;
    try {
      n = readSync(fd, scratch, 0, ask, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
    if (n > 0 && n < ask) return options.borrow ? scratch.subarray(0, n) : Buffer.from(scratch.subarray(0, n));
    return statAndRead(fd, options, Buffer.from(scratch.subarray(0, n))).bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * Open a regular file to read it a part at a time (the cache); throws as readRegularFile does (ENOTREG, EISDIR for what
 * is not one).
 */
export function openRegularFile(path: string): { fd: number; stat: Stats } {
  const fd = openNonBlocking(path);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegularError(stat);
    return { fd, stat };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one. */
function openNonBlocking(path: string): number {
  return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
}

/** Check what an open file is and read it whole, after the `head` read from it already. */
function statAndRead(fd: number, options: ReadOptions, head?: Buffer): ReadFile {
  const stat = fstatSync(fd);
  if (!stat.isFile()) throw notRegularError(stat);
  const limit = options.maxBytes ?? Infinity;
  if (stat.size > limit) throw tooLarge(stat.size, limit);
  if (head && head.length > limit) throw tooLarge(Infinity, limit);
  if (options.heapPerByte) checkHeapRoom(stat.size, options.heapPerByte);
  const bytes = head ? readRest(fd, head, stat.size, limit) : readAll(fd, stat.size, limit, options.borrow === true);
  return { bytes, stat };
}

export function readRegularText(path: string, options: ReadOptions = {}): string {
  return readRegularFile(path, options).bytes.toString('utf8');
}

function tooLarge(size: number, limit: number): NodeJS.ErrnoException {
  return Object.assign(new Error(`the file is larger than ${formatBytes(limit)}${Number.isFinite(size) ? ` (${formatBytes(size)})` : ''}`), { code: 'EFBIG' });
}

/** The heap's room at the last look, and reads since: looking (a walk of the heap's spaces) cost ~20 µs a file. */
let knownRoom = 0;
let readsSinceLook = 0;
/** A file needing less than this share of the room last seen is let through without a look, up to LOOK_EVERY reads. */
const SMALL_SHARE = 1 / 8;
const LOOK_EVERY = 256;

function checkHeapRoom(size: number, heapPerByte: number): void {
  const needed = size * heapPerByte;
  if (needed <= knownRoom * SMALL_SHARE && ++readsSinceLook < LOOK_EVERY) return;
  const { heap_size_limit: limit, used_heap_size: used } = getHeapStatistics();
  knownRoom = Math.max(0, limit - used);
  readsSinceLook = 0;
  if (needed <= limit - used) return;
  throw Object.assign(new Error(`linting this ${formatBytes(size)} file takes up to ${formatBytes(needed)} of memory and `
    + `${formatBytes(Math.max(0, limit - used))} is left`), { code: 'ENOMEM' });
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) (value /= 1024), unit++;
  return `${unit ? value.toFixed(value < 10 ? 1 : 0) : value} ${units[unit]}`;
}

/**
 * One buffer per thread that small files are read into: a transcript is a few KB, and a buffer of its own for each
 * read (then cut to size) was most of what a run over many small files allocated. Bytes are copied out of it, or
 * lent (ReadOptions.borrow).
 */
const scratch = Buffer.allocUnsafeSlow(1 << 16);

/** Reads to the end (the file may have grown since fstat), never past `limit`. */
function readAll(fd: number, sizeHint: number, limit: number, borrow: boolean): Buffer {
  // One byte more than the size is asked for: a shorter read is the end of a regular file, and saves the read that
  // would only find the end.
  const ask = Math.min(sizeHint + 1, limit + 1);
  if (ask < scratch.length) {
    const n = readSync(fd, scratch, 0, ask, null);
    if (n > limit) throw tooLarge(Infinity, limit);
    if (borrow && n < ask) return scratch.subarray(0, n);
    const bytes = Buffer.allocUnsafe(n); // (from Node's pool when small)
    scratch.copy(bytes, 0, 0, n);
    return n < ask ? bytes : readRest(fd, bytes, sizeHint, limit); // (a full read: it grew)
  }
  return readRest(fd, undefined, sizeHint, limit);
}

/** Reads on after `head` until a read finds the end: the size known at first in one buffer, growth in more. */
function readRest(fd: number, head: Buffer | undefined, sizeHint: number, limit: number): Buffer {
  const chunks: Buffer[] = head ? [head] : [];
  let total = head?.length ?? 0;
  let chunk = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1 - total, 1 << 14), limit + 1 - total));
  let filled = 0;
  for (;;) {
    if (filled === chunk.length) {
      chunks.push(chunk);
      chunk = Buffer.allocUnsafe(Math.min(chunk.length, 1 << 24));
      filled = 0;
    }
    const n = readSync(fd, chunk, filled, chunk.length - filled, null);
    if (n === 0) break;
    filled += n;
    total += n;
    if (total > limit) throw tooLarge(Infinity, limit);
  }
  chunks.push(chunk.subarray(0, filled));
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** Parse a size as given on the command line: bytes, or with a K, M or G suffix (powers of 1024). */
export function parseByteSize(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!m) return undefined;
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Math.floor(Number(m[1]) * scale);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
