// SHA-1 for content hashes (the cache) and shard assignment. crypto.hash (Node 20.12) takes half the time of a Hash
// object for a short input, and a run asks for one per file (a sharded run two). It is looked up on the module, not
// imported by name: an older Node 20 would refuse to load a module importing it.
import { lazyModule } from '../lazy-module.js';

const crypto = lazyModule<typeof import('node:crypto')>('node:crypto');

export function sha1(data: string | Uint8Array, encoding: 'base64'): string;
export function sha1(data: string | Uint8Array, encoding: 'buffer'): Buffer;
export function sha1(data: string | Uint8Array, encoding: 'base64' | 'buffer'): string | Buffer {
  const { hash, createHash } = crypto();
  if (typeof hash === 'function') return hash('sha1', data, encoding);
  const digest = createHash('sha1').update(data);
  return encoding === 'buffer' ? digest.digest() : digest.digest('base64');
}
