// The checksum of each --cache line and section (cache-store.ts): XXH32 with seed 0, in WebAssembly over a buffer that
// lives in the module's memory (a reader's, or a section read whole; src/runner/xxh32.wat, compiled below), and in
// JavaScript for everything else (lines being written, a short buffer, a Node without WebAssembly). A rerun checks
// every line it reads: over the 29 MB of 100,000 lines, 8–9 ms in WebAssembly against 16–17 ms for the CRC-32 sliced
// by 8 it replaced (cache format 12) and 28 ms for zlib's `crc32` called per line; a whole rerun gains a few
// milliseconds, within its noise (docs/performance.md, "The rerun's last hundredth").

/** src/runner/xxh32.wat as `wat2wasm` (WABT 1.0.32) compiles it (a test compares the two where WABT is installed). */
export const XXH32_WASM = 'AGFzbQEAAAABBwFgAn9/AX8CDgECanMGbWVtb3J5AgABAwIBAAcIAQRoYXNoAAAK7gIB6wIBB38gACABaiECIAFBEE8EQCACQRBrIQNBqIiNoQIhBUH3lK+veCEGQQAhB0HPjKKOBiEIA0AgBSAAKAIAQfeUr694bGpBDXdBsfPd8XlsIQUgBiAAKAIEQfeUr694bGpBDXdBsfPd8XlsIQYgByAAKAIIQfeUr694bGpBDXdBsfPd8XlsIQcgCCAAKAIMQfeUr694bGpBDXdBsfPd8XlsIQggAEEQaiEAIAAgA00NAAsgBUEBdyAGQQd3aiAHQQx3IAhBEndqaiEEBUGxz9myASEECyAEIAFqIQQCQANAIABBBGogAksNASAEIAAoAgBBvdzKlXxsakERd0Gv1tO+AmwhBCAAQQRqIQAMAAsLAkADQCAAIAJPDQEgBCAALQAAQbHP2bIBbGpBC3dBsfPd8XlsIQQgAEEBaiEADAALCyAEIARBD3ZzQfeUr694bCEEIAQgBEENdnNBvdzKlXxsIQQgBCAEQRB2cws=';

/** A buffer in a module's memory, and the checksum of its bytes [at, at + length). */
export interface ChecksumBuffer {
  buffer: Buffer;
  checksum: (at: number, length: number) => number;
}

/** What is used of WebAssembly (declared by TypeScript's DOM library, which this project does not load). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}
/** Not there under `--jitless` or `--no-expose-wasm`. */
const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
let compiled: object | null | undefined;

/** From this many bytes a buffer is checked in WebAssembly; a shorter one is not worth a module's memory. */
const WASM_FROM = 1 << 16;

/**
 * A buffer of `size` bytes whose lines checksum() checks, or undefined where it is short (under WASM_FROM) or
 * WebAssembly cannot be had (`--jitless`, no address space for its memory): the caller then uses xxh32(). Its memory
 * is its own and never grows (growing would detach the buffer).
 */
export function checksumBuffer(size: number): ChecksumBuffer | undefined {
  if (size < WASM_FROM) return undefined;
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(Buffer.from(XXH32_WASM, 'base64')) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled || !wasm) return undefined;
  try {
    const pages = Math.max(1, Math.ceil(size / 65536));
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    const { hash } = new wasm.Instance(compiled, { js: { memory } }).exports as { hash: (at: number, length: number) => number };
    return { buffer: Buffer.from(memory.buffer, 0, size), checksum: (at, length) => hash(at, length) >>> 0 };
  } catch {
    return undefined;
  }
}

const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));
const word = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
const round = (v: number, input: number): number => Math.imul(rotl((v + Math.imul(input, PRIME2)) | 0, 13), PRIME1);

/** XXH32 (seed 0) of `data`, as the WebAssembly module computes it. */
export function xxh32(data: Uint8Array): number {
  const n = data.length;
  let p = 0;
  let h: number;
  if (n >= 16) {
    let v1 = (PRIME1 + PRIME2) | 0;
    let v2 = PRIME2 | 0;
    let v3 = 0;
    let v4 = -PRIME1 | 0;
    for (; p <= n - 16; p += 16) {
      v1 = round(v1, word(data, p));
      v2 = round(v2, word(data, p + 4));
      v3 = round(v3, word(data, p + 8));
      v4 = round(v4, word(data, p + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = PRIME5;
  }
  h = (h + n) | 0;
  for (; p + 4 <= n; p += 4) h = Math.imul(rotl((h + Math.imul(word(data, p), PRIME3)) | 0, 17), PRIME4);
  for (; p < n; p++) h = Math.imul(rotl((h + Math.imul(data[p], PRIME5)) | 0, 11), PRIME1);
  h = Math.imul(h ^ (h >>> 15), PRIME2);
  h = Math.imul(h ^ (h >>> 13), PRIME3);
  return (h ^ (h >>> 16)) >>> 0;
}
