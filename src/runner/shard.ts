// --shard K/N: a deterministic share of the files for machine K of N. A file's shard depends only on its own path
// (a hash of the path relative to the working folder, mod N), so adding files never moves others between shards.
import { sep } from 'node:path';
import { lazyModule } from '../lazy-module.js';

export interface Shard {
  /** 1-based, as in vitest, Playwright and Jest. */
  index: number;
  count: number;
}

/** Shards are chosen by 32 bits of a hash. */
export const MAX_SHARDS = 2 ** 32;

export class ShardSyntaxError extends Error {}

export function parseShard(value: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  // The hash is 32 bits: more shards than that could never be filled (and 1e20 is not even an exact number here).
  if (!m || !Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new ShardSyntaxError(`--shard ${value}: write it as K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, e.g. --shard 2/8 (a Kubernetes Indexed Job passes $((JOB_COMPLETION_INDEX + 1))/N)`);
  }
  return { index, count };
}

// crypto.hash (Node 20.12) takes half the time of a Hash object; a sharded run asks it twice of every file. (Looked
// up on the module, not imported by name: an older Node 20 would refuse to load a module importing it.)
const crypto = lazyModule<typeof import('node:crypto')>('node:crypto');
function sha1(text: string): Buffer {
  const { hash, createHash } = crypto();
  return typeof hash === 'function' ? hash('sha1', text, 'buffer') : createHash('sha1').update(text).digest();
}

/** 1-based shard of a display path: the first 32 bits of its SHA-1 (path with / separators), mod N, plus one. */
export function shardOf(displayPath: string, count: number): number {
  const portable = sep === '/' ? displayPath : displayPath.split(sep).join('/');
  return (sha1(portable).readUInt32BE(0) % count) + 1;
}

export function inShard(displayPath: string, shard: Shard | undefined): boolean {
  return !shard || shard.count === 1 || shardOf(displayPath, shard.count) === shard.index;
}
