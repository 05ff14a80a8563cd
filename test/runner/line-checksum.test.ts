// The cache lines' checksum (src/runner/line-checksum.ts): XXH32 in JavaScript against the reference values, the
// WebAssembly module against it, and the reader without WebAssembly.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checksumBuffer, XXH32_WASM, xxh32 } from '../../src/runner/line-checksum.js';
import { ROOT, tempDir } from '../helpers.js';

const hasWabt = spawnSync('wat2wasm', ['--version']).status === 0;

describe('the lines\' checksum', () => {
  it('is XXH32 with seed 0: the reference implementation\'s values', () => {
    // From xxHash's own sanity checks and its command line (`xxh32sum`).
    expect(xxh32(Buffer.alloc(0))).toBe(0x02cc5d05);
    expect(xxh32(Buffer.from('a'))).toBe(0x550d7456);
    expect(xxh32(Buffer.from('abc'))).toBe(0x32d153ff);
    expect(xxh32(Buffer.from('Nobody inspects the spammish repetition'))).toBe(0xe2293b2f);
  });

  it('is the same in WebAssembly over every length up to 80 bytes at each of eight places, over a megabyte, and over no byte', () => {
    const wasm = checksumBuffer(1 << 20)!;
    expect(wasm.buffer.length).toBe(1 << 20);
    let seed = 12345;
    for (let i = 0; i < wasm.buffer.length; i++) wasm.buffer[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (let at = 0; at < 8; at++) {
      for (let length = 0; length <= 80; length++) {
        expect(wasm.checksum(at + 1000, length), `${length} bytes at ${at + 1000}`).toBe(xxh32(wasm.buffer.subarray(at + 1000, at + 1000 + length)));
      }
    }
    expect(wasm.checksum(0, wasm.buffer.length)).toBe(xxh32(wasm.buffer));
    expect(wasm.checksum(wasm.buffer.length - 3, 3)).toBe(xxh32(wasm.buffer.subarray(wasm.buffer.length - 3)));
    // Each buffer has its own memory: writing one does not change another's.
    const other = checksumBuffer(1 << 16)!;
    other.buffer.fill(7);
    expect(wasm.checksum(0, wasm.buffer.length)).toBe(xxh32(wasm.buffer));
    expect(other.checksum(0, 1 << 16)).toBe(xxh32(Buffer.alloc(1 << 16, 7)));
    // A short buffer is not worth a module's memory: its lines are checked in JavaScript.
    expect(checksumBuffer((1 << 16) - 1)).toBeUndefined();
  });

  it('changes with any one bit of a line', () => {
    const line = Buffer.from('\t\u0001\u0000\u0000\u0000\t"calls/a.txt"\tS\t[]\t[]\t0\t0\t0\t0\t0\t\t\n', 'latin1');
    const sum = xxh32(line);
    for (let bit = 0; bit < line.length * 8; bit++) {
      line[bit >> 3] ^= 1 << (bit & 7);
      expect(xxh32(line), `bit ${bit}`).not.toBe(sum);
      line[bit >> 3] ^= 1 << (bit & 7);
    }
  });

  it.skipIf(!hasWabt)('is src/runner/xxh32.wat as wat2wasm compiles it', () => {
    const out = join(tempDir(), 'xxh32.wasm');
    const run = spawnSync('wat2wasm', [join(ROOT, 'src', 'runner', 'xxh32.wat'), '-o', out], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(readFileSync(out).toString('base64')).toBe(XXH32_WASM);
  });

  it('is not there under --no-expose-wasm (or --jitless): a reader checks its lines in JavaScript, and a damaged line still stops it', () => {
    // The built reader (npm test builds first) over 2,000 lines (~100 KB: a reader of that much takes WebAssembly where
    // it can), the 1,500th with a byte of its result changed.
    const url = (file: string) => pathToFileURL(join(ROOT, 'dist', 'runner', file)).href;
    const script = `
      import { checksumBuffer } from ${JSON.stringify(url('line-checksum.js'))};
      import { encodeRecord, HEADER_BYTES, RecordReader } from ${JSON.stringify(url('cache-store.js'))};
      import { openSync, writeFileSync } from 'node:fs';
      const stamp = { size: 1, mtimeMs: 2, ctimeMs: 3, ino: 4 };
      const lines = Array.from({ length: 2000 }, (_, i) => encodeRecord('f' + String(i).padStart(5, '0'), stamp, 'h', '{"n":' + i + '}'));
      lines[1500][lines[1500].length - 3] ^= 1;
      const file = process.argv[1];
      writeFileSync(file, Buffer.concat([Buffer.alloc(HEADER_BYTES, 0x20), ...lines]));
      const reader = new RecordReader(openSync(file, 'r'), HEADER_BYTES, HEADER_BYTES + lines.reduce((n, l) => n + l.length, 0));
      let read = 0;
      while (reader.next()) read++;
      console.log(JSON.stringify({ wasm: checksumBuffer(1 << 16) !== undefined, read, damaged: reader.damagedAt === HEADER_BYTES + lines.slice(0, 1500).reduce((n, l) => n + l.length, 0) }));`;
    const run = (flags: string[]) => {
      const child = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script, join(tempDir(), 'cache')], { encoding: 'utf8' });
      expect(child.stderr).toBe('');
      return JSON.parse(child.stdout) as unknown;
    };
    expect(run([])).toEqual({ wasm: true, read: 1500, damaged: true });
    expect(run(['--no-expose-wasm'])).toEqual({ wasm: false, read: 1500, damaged: true });
  });
});
