// MurmurHash3, x86 128-bit variant (Austin Appleby, public domain; SMHasher's verification value B3ECE62A), of a
// string's UTF-16LE bytes. A well-tested non-cryptographic hash: the cache's key is made with it so that a rerun
// needs no node:crypto (loading it cost a rerun ~20–30 M instructions, more than this hash of the ~37,000-unit key).

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The little-endian 32-bit word at byte 4·w of the string's UTF-16LE bytes (two code units). */
const word = (text: string, w: number): number => text.charCodeAt(2 * w) | (text.charCodeAt(2 * w + 1) << 16);

/** MurmurHash3_x86_128 (seed 0) of the UTF-16LE bytes of `text`, as the four 32-bit words h1…h4. */
export function murmur3x86_128(text: string): [number, number, number, number] {
  const bytes = 2 * text.length;
  const blocks = bytes >>> 4;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  for (let i = 0; i < blocks; i++) {
    const w = 4 * i;
    h1 ^= Math.imul(rotl(Math.imul(word(text, w), C1), 15), C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(word(text, w + 1), C2), 16), C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(word(text, w + 2), C3), 17), C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(word(text, w + 3), C4), 18), C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  // The tail: 0–7 code units, an even number of bytes, so each of its words is whole or a lone unit.
  const tail = [0, 0, 0, 0];
  for (let u = 8 * blocks; u < text.length; u++) tail[(u >>> 1) & 3] |= text.charCodeAt(u) << (16 * (u & 1));
  const tailBytes = bytes & 15;
  if (tailBytes > 12) h4 ^= Math.imul(rotl(Math.imul(tail[3], C4), 18), C1);
  if (tailBytes > 8) h3 ^= Math.imul(rotl(Math.imul(tail[2], C3), 17), C4);
  if (tailBytes > 4) h2 ^= Math.imul(rotl(Math.imul(tail[1], C2), 16), C3);
  if (tailBytes > 0) h1 ^= Math.imul(rotl(Math.imul(tail[0], C1), 15), C2);
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
