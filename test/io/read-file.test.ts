import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { readListedFile, readRegularFile } from '../../src/io/read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tl-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(size: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + 3) & 0xff;
  const path = join(dir, `f-${size}`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('readRegularFile', () => {
  it.each([0, 1, 3000, 65534, 65535, 65536, 200_000])('reads a %i-byte file whole, byte for byte', (size) => {
    const { path, bytes } = file(size);
    const read = readRegularFile(path).bytes;
    expect(read.length).toBe(size);
    expect(read.equals(bytes)).toBe(true);
  });

  it('returns a buffer of its own each time (the next read does not change the last one)', () => {
    const a = file(100);
    const b = file(101);
    const first = readRegularFile(a.path).bytes;
    readRegularFile(b.path);
    expect(first.equals(a.bytes)).toBe(true);
  });

  it.each([0, 3000, 65534, 65535, 200_000])('lends a %i-byte file, byte for byte, in the buffer the next read reuses when small', (size) => {
    const { path, bytes } = file(size);
    const lent = readRegularFile(path, { borrow: true }).bytes;
    expect(lent.equals(bytes)).toBe(true);
    const other = join(dir, 'other');
    writeFileSync(other, Buffer.alloc(10, 0xff));
    const next = readRegularFile(other, { borrow: true }).bytes;
    // A file that fits the read buffer is lent from it; a larger one (or one that grew) is a buffer of its own.
    expect(next.buffer === lent.buffer).toBe(size < 65535);
    if (size > 10 && size < 65535) expect(lent.equals(bytes)).toBe(false);
  });

  it('refuses a file the heap has no room for, however many small ones were let through before it', () => {
    const { path } = file(100);
    for (let i = 0; i < 300; i++) expect(readRegularFile(path, { heapPerByte: 32 }).bytes.length).toBe(100);
    // 100 bytes at a fiftieth of the heap's limit each: twice what the heap can ever hold.
    const heapPerByte = getHeapStatistics().heap_size_limit / 50;
    expect(() => readRegularFile(path, { heapPerByte })).toThrow(expect.objectContaining({ code: 'ENOMEM' }));
    expect(readRegularFile(path, { heapPerByte: 32 }).bytes.length).toBe(100);
  });

  it('reads a file whose size says nothing of its content (procfs: size 0) to its end', () => {
    const status = readRegularFile('/proc/self/status').bytes.toString('utf8');
    expect(status).toMatch(/^Name:/);
    expect(status).toMatch(/\nPid:\s+\d+/);
  });

  it.each([[99, 100, true], [100, 100, true], [101, 100, false], [70_000, 70_000, true], [70_001, 70_000, false]])(
    'a %i-byte file with a limit of %i bytes: read %s', (size, limit, ok) => {
      const { path } = file(size);
      if (ok) expect(readRegularFile(path, { maxBytes: limit }).bytes.length).toBe(size);
      else expect(() => readRegularFile(path, { maxBytes: limit })).toThrow(expect.objectContaining({ code: 'EFBIG' }));
    });
});

describe('readListedFile (a file found regular as it was listed: no fstat while it fits in one read)', () => {
  it.each([0, 1, 3000, 65535, 65536, 65537, 200_000])('reads a %i-byte file whole, byte for byte, lent or its own', (size) => {
    const { path, bytes } = file(size);
    expect(readListedFile(path).equals(bytes)).toBe(true);
    const own = readListedFile(path);
    readListedFile(file(7).path);
    expect(own.equals(bytes)).toBe(true); // not lent: the next read leaves it alone
    expect(readListedFile(path, { borrow: true }).equals(bytes)).toBe(true);
  });

  it.each([[99, 100, true], [100, 100, true], [101, 100, false], [65536, 65535, false], [70_000, 70_000, true], [70_001, 70_000, false]])(
    'a %i-byte file with a limit of %i bytes: read %s', (size, limit, ok) => {
      const { path } = file(size);
      if (ok) expect(readListedFile(path, { maxBytes: limit }).length).toBe(size);
      else expect(() => readListedFile(path, { maxBytes: limit })).toThrow(expect.objectContaining({ code: 'EFBIG' }));
    });

  it('what took a listed file\'s place cannot block or run on, and is refused as readRegularFile refuses it', () => {
    for (const device of ['/dev/zero', '/dev/null']) {
      expect(() => readListedFile(device)).toThrow(expect.objectContaining({ code: 'ENOTREG' }));
      expect(() => readListedFile(device, { maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'ENOTREG' }));
    }
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(() => readListedFile(folder)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readListedFile(fifo)).toThrow(expect.objectContaining({ code: 'ENOTREG', message: 'a named pipe (FIFO), not a regular file' })); // no writer
    // With a writer that has written nothing, a read would wait: it is refused as well, at once.
    const writer = openSync(fifo, constants.O_RDWR);
    try {
      expect(() => readListedFile(fifo)).toThrow(expect.objectContaining({ code: 'ENOTREG' }));
    } finally {
      closeSync(writer);
    }
  });

  it('refuses a longer file the heap has no room for', () => {
    const { path } = file(70_000);
    const heapPerByte = getHeapStatistics().heap_size_limit / 50_000;
    expect(() => readListedFile(path, { heapPerByte })).toThrow(expect.objectContaining({ code: 'ENOMEM' }));
  });
});
