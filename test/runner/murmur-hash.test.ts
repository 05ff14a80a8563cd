import { describe, expect, it } from 'vitest';
import { murmur3x86_128 } from '../../src/runner/murmur-hash.js';

const hex = (text: string): string => murmur3x86_128(text).map((word) => word.toString(16).padStart(8, '0')).join('');

describe('murmur3x86_128', () => {
  // Expected: the reference C code (MurmurHash3_x86_128, seed 0, which gives SMHasher's verification value B3ECE62A)
  // over each string's UTF-16LE bytes — no tail, tails of 2 to 14 bytes, and units beyond ASCII.
  it('gives the reference implementation\'s hash of the string\'s UTF-16LE bytes', () => {
    expect(hex('')).toBe('00000000000000000000000000000000');
    expect(hex('a')).toBe('033bb196ccef4fe1ccef4fe1ccef4fe1');
    expect(hex('abcdefgh')).toBe('6c3576558df898a1a76d230d42147114');
    expect(hex('abcdefghi')).toBe('17a3d73237eee48604d39ee1ee7f6ddc');
    expect(hex('客服: 您好，请问有什么可以帮您？')).toBe('c54e72d09f3b10e720820d83a3cac670');
  });

  it('tells apart keys that differ in one unit, in order, or in length', () => {
    const keys = ['{"a":1}', '{"a":2}', '{"b":1}', '{"a":1} ', '1{"a":}', '{"a":10}'];
    expect(new Set(keys.map(hex)).size).toBe(keys.length);
  });
});
