// The --cache file on disk, read and written as a stream so that memory stays flat however many files it holds.
//
// Layout: a header line padded to HEADER_BYTES, then one line per file, sorted by display path in code-unit order —
// the order in which every run visits its files. A run therefore reads the old cache front to back beside its own
// progress and writes the new one in the same pass: lookups and the rewrite are a merge of two sorted streams, with
// no index and no entry held in memory. Each line carries a checksum of itself (XXH32), checked whenever it is read.
//
//   checksum TAB length TAB "display path" (JSON) TAB size mtimeMs ctimeMs inode TAB content hash TAB result NEWLINE
//   (the checksum and the length in bytes of the whole line, newline included, as 32-bit integers, 4 bytes each; the
//   four numbers as the 8 bytes of their 64-bit floats, 32 bytes after the key's TAB; all little-endian and read by
//   place: they may hold any byte, a TAB or a newline too, and the reader looks for no TAB within them (read exactly,
//   and cheaper than the hex digits of format 10). The result as cache-result.ts writes it, whose lists of problems
//   may hold any byte too: a line ends where its length says, and its last byte must be the newline. The checksum
//   covers the line from its length to its newline, so a length that is wrong fails it.)
//
// After the lines, a section the header places ({at, bytes, checksum}): the folder listings (folder-listings.ts).
//
// A line is read from its bytes: only its key and hash become strings, and its result an object (cache-result.ts).
import { readSync } from 'node:fs';
import { writeAll } from '../io/write-all.js';
import { discard, openBeside, renameOver, type TemporaryFile } from './atomic-write.js';
import { lacksChanges, ResultDecoder, type StoredResult } from './cache-result.js';
import { checksumBuffer, xxh32 } from './line-checksum.js';
import { comparePaths } from './sorted-paths.js';

/** The header line's length, newline included: rewritten in place once the number of entries is known. */
export const HEADER_BYTES = 256;
const CHUNK = 1 << 20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What identifies a file's state without reading it: a change of content changes at least ctime. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface CacheRecord extends FileStamp {
  /** Display path (relative to the working folder the cache was made in). */
  key: string;
  /** Content hash of the file when it was linted. */
  hash: string;
  /** Where the line stands in its file: [start, end), newline included. */
  start: number;
  end: number;
}

/** The stamp's field: a TAB, the four numbers' 64-bit floats (little-endian, 8 bytes each) and a TAB. */
const STAMP_FIELD = 34;

/** Write the stamp's field at `at` (the TAB after the key); where it ends. */
function writeStampField(b: Buffer, at: number, stamp: FileStamp): number {
  b[at] = TAB;
  b.writeDoubleLE(stamp.size, at + 1);
  b.writeDoubleLE(stamp.mtimeMs, at + 9);
  b.writeDoubleLE(stamp.ctimeMs, at + 17);
  b.writeDoubleLE(stamp.ino, at + 25);
  b[at + 33] = TAB;
  return at + STAMP_FIELD;
}

/** Where a line's length is (after its checksum and a TAB), and where its key starts (after the length and a TAB). */
const LENGTH_AT = 5;
const KEY_AT = 10;
/** The fewest bytes a line can have: its checksum, length, a key of two quotes, the stamp, a hash, TAB, result, newline. */
const SHORTEST_LINE = KEY_AT + 2 + STAMP_FIELD + 1 + 1 + 1 + 1;
/** The longest line read (a result of a few million problems); a longer length is damage, not a buffer to allocate. */
const LONGEST_LINE = 1 << 30;

/** The most bytes writeRecord may need for a line (UTF-8 takes at most 3 bytes for a UTF-16 code unit). */
function recordBound(jsonKey: string, hash: string, result: Uint8Array): number {
  return KEY_AT + 3 * jsonKey.length + STAMP_FIELD + 3 * hash.length + 1 + result.length + 1;
}

/**
 * Write one cache line, newline included, into `b` at `at`; its end, or -1 when `b` has no room for it. Written in
 * place (a string made and encoded per line, then copied, was most of what storing a result cost).
 */
function writeRecord(b: Buffer, at: number, jsonKey: string, stamp: FileStamp, hash: string, result: Uint8Array): number {
  if (at + recordBound(jsonKey, hash, result) > b.length) return -1;
  let end = at + KEY_AT + b.write(jsonKey, at + KEY_AT, 'utf8');
  end = writeStampField(b, end, stamp);
  end += b.write(`${hash}\t`, end, 'utf8');
  b.set(result, end);
  end += result.length;
  b[at + LENGTH_AT - 1] = TAB;
  b.writeUInt32LE(end + 1 - at, at + LENGTH_AT);
  b[at + KEY_AT - 1] = TAB;
  b.writeUInt32LE(xxh32(b.subarray(at + LENGTH_AT, end)), at);
  b[end] = NEWLINE;
  return end + 1;
}

/** One cache line, newline included; `result` is the result field (cache-result.ts), or its text as UTF-8. */
export function encodeRecord(key: string, stamp: FileStamp, hash: string, result: Uint8Array | string): Buffer {
  const jsonKey = JSON.stringify(key);
  const bytes = typeof result === 'string' ? Buffer.from(result, 'utf8') : result;
  const line = Buffer.allocUnsafe(recordBound(jsonKey, hash, bytes));
  return line.subarray(0, writeRecord(line, 0, jsonKey, stamp, hash, bytes));
}

/**
 * Reads the lines of a cache file in order from `start` to `end`, one at a time: the reader is the current record
 * (no object is made per line). A line that fails its checksum, cannot be parsed, or is out of order stops the reader
 * (`damagedAt`): nothing from there on is trusted.
 */
export class RecordReader implements CacheRecord {
  private buffer: Buffer;
  /** The buffer `bind` last took its memory from, that memory, where the buffer starts in it, and a view of the buffer
   * to read a line's integers and floats. */
  private viewOf: Buffer | undefined;
  private memory: ArrayBufferLike = new ArrayBuffer(0);
  private memoryAt = 0;
  private data = new DataView(this.memory);
  private bufferStart = 0;
  private bufferEnd = 0;
  private readonly results = new ResultDecoder();
  /** The buffer in WebAssembly's memory that `wasmChecksum` checks (a longer line moves the reader to JavaScript). */
  private readonly wasmBuffer: Buffer | undefined;
  private readonly wasmChecksum: ((at: number, length: number) => number) | undefined;
  /** The current line's hash and result fields, in the buffer. */
  private hashAt = 0;
  private resultAt = 0;
  private lineEnd = 0;
  private lastKey: string | undefined;
  /** The current line's key is the one asked for (see next). */
  private keyFound = false;
  key = '';
  size = 0;
  mtimeMs = 0;
  ctimeMs = 0;
  ino = 0;
  start = 0;
  end = 0;
  damagedAt: number | undefined;

  constructor(private readonly fd: number, public position: number, readonly last: number) {
    // A short range (the lines of a few files a run skipped) needs no megabyte; a long line doubles it as needed.
    const size = Math.max(4096, Math.min(CHUNK, last - position));
    const wasm = checksumBuffer(size); // in WebAssembly's memory unless short (line-checksum.ts)
    this.wasmBuffer = wasm?.buffer;
    this.wasmChecksum = wasm?.checksum;
    this.buffer = wasm?.buffer ?? Buffer.allocUnsafe(size);
  }

  /** The checksum of the buffer's bytes [start, end). */
  private checksum(start: number, end: number): number {
    return this.buffer === this.wasmBuffer ? this.wasmChecksum!(start, end - start) : xxh32(this.view(start, end));
  }

  /**
   * The buffer's bytes [start, end) as a view for the checksum. Made from the buffer's memory, not by `subarray`:
   * Node's `Buffer#subarray` reads the buffer's length, memory and offset through property loads that a run's many
   * kinds of buffers leave megamorphic, and builds a `Buffer` through its class — ~740 instructions a line of a rerun,
   * against ~1,300 for the CRC-32 then checked (callgrind).
   */
  private view(start: number, end: number): Uint8Array {
    if (this.buffer !== this.viewOf) this.bind();
    return new Uint8Array(this.memory, this.memoryAt + start, end - start);
  }

  /** Take the current buffer's memory for `view` and `data` (once per buffer: a refill keeps it). */
  private bind(): void {
    const b = this.buffer;
    this.viewOf = b;
    this.memory = b.buffer;
    this.memoryAt = b.byteOffset;
    this.data = new DataView(this.memory, this.memoryAt, b.length);
  }

  /**
   * Move to the next record: false at the end or at damage. Its fields, hash and result are readable until the next
   * call. `expected`: the key the caller looks for; a line whose key is it takes that very string as its key, read
   * without decoding the line's (see keyIs). Keys asked for must ascend from one line found to the next (lookups come
   * in path order): a line found after a line found is then in order without comparing their keys.
   */
  next(expected?: string): boolean {
    if (this.damagedAt !== undefined || this.position >= this.last) return false;
    const length = this.lineAt(this.position);
    const from = this.position - this.bufferStart;
    const found = this.keyFound;
    if (length < 0 || !this.parse(from, from + length - 1, expected)
      || (this.lastKey !== undefined && !(found && this.keyFound) && comparePaths(this.key, this.lastKey) <= 0)) {
      this.damagedAt = this.position;
      return false;
    }
    this.lastKey = this.key;
    this.position = this.end;
    return true;
  }

  /** The content hash of the current record. */
  get hash(): string {
    return this.buffer.toString('latin1', this.hashAt, this.resultAt - 1);
  }

  /** The current record's result, made for the file `filePath` (its key); undefined if it cannot be read. */
  result(filePath: string): StoredResult | undefined {
    return this.results.decode(this.buffer, this.resultAt, this.lineEnd, filePath);
  }

  /** The current record's result has problems whose changes were not worked out (cache-result.ts). */
  get resultLacksChanges(): boolean {
    return lacksChanges(this.buffer, this.resultAt);
  }

  /** The current record's result field as written, a copy (to write it again under another stamp). */
  resultBytes(): Buffer {
    return Buffer.from(this.buffer.subarray(this.resultAt, this.lineEnd));
  }

  /**
   * The length of the line at `offset`, newline included, once the buffer holds it (reading more of the file as
   * needed); -1 when its length is not one or runs past the range read, or its last byte is not a newline.
   */
  private lineAt(offset: number): number {
    if (!this.holds(offset, KEY_AT)) return -1;
    if (this.buffer !== this.viewOf) this.bind();
    const length = this.data.getUint32(offset - this.bufferStart + LENGTH_AT, true);
    if (length < SHORTEST_LINE || length > LONGEST_LINE || !this.holds(offset, length)) return -1;
    return this.buffer[offset - this.bufferStart + length - 1] === NEWLINE ? length : -1;
  }

  /** Whether the buffer holds the `length` bytes at `offset`, after reading them if needed; false past the range. */
  private holds(offset: number, length: number): boolean {
    if (offset + length > this.last) return false;
    if (offset >= this.bufferStart && offset + length <= this.bufferEnd) return true;
    // Refill from `offset`, keeping what the buffer has of it; a line longer than the buffer grows it.
    const from = offset - this.bufferStart;
    const kept = offset >= this.bufferStart && offset < this.bufferEnd ? this.bufferEnd - offset : 0;
    if (length > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(length, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, from, from + kept);
      this.buffer = bigger;
    } else if (kept) {
      this.buffer.copy(this.buffer, 0, from, from + kept);
    }
    this.bufferStart = offset;
    this.bufferEnd = offset + kept;
    while (this.bufferEnd < offset + length) {
      const want = Math.min(this.buffer.length, this.last - offset) - (this.bufferEnd - offset);
      const got = readSync(this.fd, this.buffer, this.bufferEnd - offset, want, this.bufferEnd);
      if (got <= 0) return false;
      this.bufferEnd += got;
    }
    return true;
  }

  /** Read the line [start, stop) of the buffer into the current record; false if it is not a whole, good line. */
  private parse(start: number, stop: number, expected: string | undefined): boolean {
    const b = this.buffer;
    if (b[start + LENGTH_AT - 1] !== TAB || b[start + KEY_AT - 1] !== TAB) return false;
    // (`data` is bound to this buffer: lineAt read the line's length through it.)
    if (this.checksum(start + LENGTH_AT, stop) !== this.data.getUint32(start, true)) return false;
    // The key: JSON.stringify escapes with a backslash whatever a path needs escaped, and never writes a TAB; without
    // a backslash, the key is what the quotes hold (parsing a JSON string for each of a rerun's files cost more).
    let at = start + KEY_AT;
    if (b[at] !== QUOTE) return false;
    let key: string | undefined;
    this.keyFound = false;
    if (expected !== undefined && keyIs(b, at, stop, expected)) {
      key = expected;
      this.keyFound = true;
      at += expected.length + 2;
    } else {
      let escaped = false;
      for (at++; at < stop && b[at] !== TAB; at++) if (b[at] === BACKSLASH) escaped = true;
      if (at >= stop || b[at - 1] !== QUOTE || at - start < KEY_AT + 2) return false;
      key = escaped ? jsonKey(b, start + KEY_AT, at) : b.toString('utf8', start + KEY_AT + 1, at - 1);
      if (key === undefined) return false;
    }
    // The stamp: 32 bytes of four floats between the key's TAB and another (taken by place: they may hold any byte),
    // then the hash up to the next TAB.
    if (stop - at < STAMP_FIELD + 1 || b[at + STAMP_FIELD - 1] !== TAB) return false;
    const data = this.data;
    this.size = data.getFloat64(at + 1, true);
    this.mtimeMs = data.getFloat64(at + 9, true);
    this.ctimeMs = data.getFloat64(at + 17, true);
    this.ino = data.getFloat64(at + 25, true);
    if (!(Number.isFinite(this.size) && Number.isFinite(this.mtimeMs) && Number.isFinite(this.ctimeMs) && Number.isFinite(this.ino))) return false;
    this.hashAt = at + STAMP_FIELD;
    at = this.hashAt;
    while (at < stop && b[at] !== TAB) at++;
    if (at === this.hashAt || at >= stop) return false;
    this.key = key;
    this.resultAt = at + 1;
    this.lineEnd = stop;
    this.start = this.bufferStart + start;
    this.end = this.bufferStart + stop + 1;
    return true;
  }
}

/**
 * Whether the key field at `at` (its opening quote) holds `key` and ends there, checked against the field's bytes as
 * Latin-1 rather than by decoding it as UTF-8: true only for a key of printable ASCII without a quote or backslash
 * (which JSON.stringify writes as they are, one byte each), as nearly every path is. False does not mean another key:
 * the field is then read as any other. (One string out of the buffer compared whole, and the field's bytes looked up in
 * a table: a loop over the key's code units, joined paths as the walk makes them, cost ~30 instructions a character.)
 */
function keyIs(b: Buffer, at: number, stop: number, key: string): boolean {
  const close = at + 1 + key.length;
  if (close + 1 >= stop || b[close] !== QUOTE || b[close + 1] !== TAB) return false;
  for (let i = at + 1; i < close; i++) if (!PLAIN_BYTE[b[i]]) return false;
  return b.toString('latin1', at + 1, close) === key;
}

/** 1 for printable ASCII but the quote and the backslash: the characters JSON.stringify writes as themselves. */
const PLAIN_BYTE = new Uint8Array(256);
for (let c = 0x20; c < 0x7f; c++) PLAIN_BYTE[c] = c === QUOTE || c === BACKSLASH ? 0 : 1;

/** A key field with escapes, [start, end) with its quotes; undefined if it is not a JSON string. */
function jsonKey(b: Buffer, start: number, end: number): string | undefined {
  try {
    const key = JSON.parse(b.toString('utf8', start, end)) as unknown;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Where a cache file's section after its lines is (see RecordWriter.commit), as its header records it. */
export interface SectionPlace {
  at: number;
  bytes: number;
  checksum: number;
}

/** Whether `field` (a parsed header's `folders`) places a section that ends a file of `size` bytes. */
export function isSectionPlace(field: unknown, size: number): field is SectionPlace {
  const { at, bytes, checksum } = (field ?? {}) as Partial<Record<keyof SectionPlace, unknown>>;
  return Number.isSafeInteger(at) && Number.isSafeInteger(bytes) && Number.isSafeInteger(checksum)
    && (at as number) >= HEADER_BYTES && (bytes as number) >= 0 && (at as number) + (bytes as number) === size;
}

/**
 * The section at `place` of the file `fd`, if it can be read and its checksum matches. Read into WebAssembly's memory
 * where it can be had, as the lines are: the folder listings of 100,000 files (1.7 MB) took 7 ms to check in
 * JavaScript not yet compiled, as a rerun starts (the main thread's time 290 against 293 ms, medians of 15 pairs).
 */
export function readSection(fd: number, place: SectionPlace): Buffer | undefined {
  const wasm = checksumBuffer(place.bytes);
  const section = wasm?.buffer ?? Buffer.allocUnsafe(place.bytes);
  try {
    for (let got = 0; got < place.bytes; ) {
      const n = readSync(fd, section, got, place.bytes - got, place.at + got);
      if (n <= 0) return undefined;
      got += n;
    }
  } catch {
    return undefined;
  }
  return (wasm ? wasm.checksum(0, place.bytes) : xxh32(section)) === place.checksum ? section : undefined;
}

/**
 * Writes the next cache beside the old one, in order, and renames it over the old one at the end. Lines copied
 * unchanged from the old file are only noted while the new file would equal the old one: an unchanged rerun writes
 * nothing. `old`: the old file's descriptor (for copying), where its lines end, and the section that follows them.
 */
export class RecordWriter {
  private output: TemporaryFile | undefined;
  /** While nothing differs: the new file equals the old one up to here. */
  private sameUpTo = HEADER_BYTES;
  private written = HEADER_BYTES;
  /** Bytes not written yet: lines copied and added, in order. */
  private buffer: Buffer | undefined;
  private used = 0;
  private copyFrom = 0;
  private copyTo = 0;
  private lastKey: string | undefined;
  count = 0;

  constructor(private readonly file: string, private readonly old: { fd: number; end: number; section?: Buffer } | undefined,
    private readonly header: (count: number, section: SectionPlace | undefined) => string) {}

  /** Keep the old line [start, end) as it is. */
  copy(key: string, start: number, end: number): void {
    if (!this.inOrder(key)) return;
    this.count++;
    if (!this.output && start === this.sameUpTo) {
      this.sameUpTo = end;
      return;
    }
    this.open();
    if (start !== this.copyTo) this.flushCopy(), (this.copyFrom = start);
    this.copyTo = end;
  }

  /** A new line for `key`: its stamp, content hash and result field (cache-result.ts), or its text as UTF-8. */
  add(key: string, stamp: FileStamp, hash: string, field: Uint8Array | string): void {
    const result = typeof field === 'string' ? Buffer.from(field, 'utf8') : field;
    if (!this.inOrder(key)) return;
    this.count++;
    this.open();
    this.flushCopy();
    const jsonKey = JSON.stringify(key);
    let end = writeRecord(this.buffer!, this.used, jsonKey, stamp, hash, result);
    if (end < 0) {
      this.flushPending();
      end = writeRecord(this.buffer!, 0, jsonKey, stamp, hash, result);
    }
    if (end < 0) {
      // A line longer than the buffer (a result with thousands of problems) is written on its own.
      const line = encodeRecord(key, stamp, hash, result);
      writeAll(this.output!.fd, line, this.written);
      this.written += line.length;
      return;
    }
    this.used = end;
  }

  /** Whether anything must be written: a line added or dropped, or fewer lines than the old file held. */
  get changed(): boolean {
    return Boolean(this.output) || this.sameUpTo !== (this.old?.end ?? -1);
  }

  /**
   * Write the header and `section` (bytes kept after the lines, placed by the header: the folder listings) and rename
   * the new file over the old one; nothing when the file would not change.
   */
  commit(section?: Buffer): void {
    const oldSection = this.old?.section;
    if (!this.changed && (section && oldSection ? section.equals(oldSection) : section === oldSection)) return;
    this.open();
    this.flushCopy();
    this.flushPending();
    const output = this.output!;
    this.output = undefined;
    let place: SectionPlace | undefined;
    if (section) {
      place = { at: this.written, bytes: section.length, checksum: xxh32(section) };
      writeAll(output.fd, section, this.written);
    }
    renameOver(output, { beforeClose: () => writeAll(output.fd, Buffer.from(this.header(this.count, place).padEnd(HEADER_BYTES - 1) + '\n', 'utf8'), 0) });
  }

  /** Leave the old file as it is and remove the new one. */
  abandon(): void {
    if (!this.output) return;
    discard(this.output);
    this.output = undefined;
  }

  private inOrder(key: string): boolean {
    // (One comparison of strings, as comparePaths orders them: a copy per file of a rerun asks this.)
    if (this.lastKey !== undefined && key <= this.lastKey) return false;
    this.lastKey = key;
    return true;
  }

  /** Start the new file (beside the old one, through a link to what it points at, with its mode) and copy what was the same. */
  private open(): void {
    if (this.output) return;
    this.output = openBeside(this.file);
    this.buffer ??= Buffer.allocUnsafe(CHUNK);
    if (this.sameUpTo > HEADER_BYTES) (this.copyFrom = HEADER_BYTES), (this.copyTo = this.sameUpTo);
  }

  /** Copy the old file's lines [copyFrom, copyTo) into the buffer, writing it out whenever it is full. */
  private flushCopy(): void {
    if (this.copyTo <= this.copyFrom || !this.old) return;
    const buffer = this.buffer!;
    for (let at = this.copyFrom; at < this.copyTo; ) {
      if (this.used === buffer.length) this.flushPending();
      const got = readSync(this.old.fd, buffer, this.used, Math.min(buffer.length - this.used, this.copyTo - at), at);
      if (got <= 0) throw new Error('the old cache file shrank while it was being copied');
      this.used += got;
      at += got;
    }
    this.copyFrom = this.copyTo = 0;
  }

  private flushPending(): void {
    if (!this.used) return;
    writeAll(this.output!.fd, this.buffer!.subarray(0, this.used), this.written);
    this.written += this.used;
    this.used = 0;
  }
}
