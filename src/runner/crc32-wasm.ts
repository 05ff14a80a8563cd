// The CRC-32 of the cache's lines in WebAssembly (src/runner/crc32.wat, compiled below), over a buffer that lives in
// the module's memory: a reader reads its lines there, and checks each by its place and length. zlib's `crc32` is
// its table code (~4.4 instructions a byte), and each call made a view of the line and went through Node's argument
// checks; eight bytes a step in WebAssembly, called with two numbers, took about half the time over the 100,000
// lines of a rerun (docs/performance.md, "Cached rerun").

/** src/runner/crc32.wat as `wat2wasm` (WABT 1.0.32) compiles it (a test compares the two where WABT is installed). */
export const CRC32_WASM = 'AGFzbQEAAAABBwFgAn9/AX8CDgECanMGbWVtb3J5AgABAwIBAAcHAQNjcmMAAAryAQHvAQEFf0F/IQIgACABaiEDIAAgAUF4cWohBAJAA0AgACAETw0BIAAoAgAgAnMhBSAAKAIEIQYgBUH/AXFBAnQoAoA4IAVBCHZB/wFxQQJ0KAKAMHMgBUEQdkH/AXFBAnQoAoAoIAVBGHZBAnQoAoAgc3MgBkH/AXFBAnQoAoAYIAZBCHZB/wFxQQJ0KAKAEHMgBkEQdkH/AXFBAnQoAoAIIAZBGHZBAnQoAgBzc3MhAiAAQQhqIQAMAAsLAkADQCAAIANPDQEgAiAALQAAc0H/AXFBAnQoAgAgAkEIdnMhAiAAQQFqIQAMAAsLIAJBf3ML';

/** Where a buffer starts in the module's memory: after the first page, which holds the tables (8 KB). */
export const BUFFER_AT = 65536;

/** A buffer in a module's memory, and the CRC-32 of its bytes [at, at + length) (at: from the buffer's start). */
export interface CrcBuffer {
  buffer: Buffer;
  crc: (at: number, length: number) => number;
}

/** What is used of WebAssembly (declared by TypeScript's DOM library, which this project does not load). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}
/** Not there under `--jitless` or `--no-expose-wasm`. */
const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;

/** The tables of slicing by 8: table k (at 1024 k bytes) gives a byte's CRC k bytes further on. */
let tables: Int32Array | undefined;
let compiled: object | null | undefined;

/**
 * A buffer of `size` bytes whose lines crc() checks, or undefined where WebAssembly cannot be had (`--jitless`, no
 * address space for its memory): the caller then uses zlib's. Its memory is its own and never grows (growing would
 * detach the buffer).
 */
export function crcBuffer(size: number): CrcBuffer | undefined {
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(Buffer.from(CRC32_WASM, 'base64')) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled || !wasm) return undefined;
  try {
    const pages = Math.ceil((BUFFER_AT + size) / 65536);
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    const { crc } = new wasm.Instance(compiled, { js: { memory } }).exports as { crc: (at: number, length: number) => number };
    new Int32Array(memory.buffer, 0, 2048).set(tables ??= crcTables());
    return { buffer: Buffer.from(memory.buffer, BUFFER_AT, size), crc: (at, length) => crc(BUFFER_AT + at, length) >>> 0 };
  } catch {
    return undefined;
  }
}

function crcTables(): Int32Array {
  const t = new Int32Array(2048);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let k = 256; k < 2048; k++) t[k] = (t[k - 256] >>> 8) ^ t[t[k - 256] & 0xff];
  return t;
}
