// --shard K/N: a deterministic share of the files for machine K of N. A file's shard depends only on its own path
// (a hash of the path relative to the working folder, mod N), so adding files never moves others between shards.
import { sep } from 'node:path';
import { summarize } from '../engine/lint-transcript.js';
import type { LintResult, ShardTag } from '../types.js';
import { sha1 } from './sha1.js';

export interface Shard {
  /** 1-based, as in vitest, Playwright and Jest. */
  index: number;
  count: number;
  /** `--run-id`: which run the shard belongs to, carried in its results' marks. */
  run?: string;
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

/** 1-based shard of a display path: the first 32 bits of its SHA-1 (path with / separators), mod N, plus one. */
export function shardOf(displayPath: string, count: number): number {
  const portable = sep === '/' ? displayPath : displayPath.split(sep).join('/');
  return (sha1(portable, 'buffer').readUInt32BE(0) % count) + 1;
}

/**
 * What a json or jsonl report of a shard that found no files holds: one result in the shape of a clean file's (ESLint
 * JSON readers take it as one), named ".", whose mark says the shard finished with no files — an empty report carries
 * no mark, so --merge could not tell it from a report of another run or of a shard that stopped before its first file.
 */
export function emptyShardResult(tag: ShardTag): LintResult {
  return { ...summarize('.', []), shard: { ...tag, last: true, empty: true } };
}

export function inShard(displayPath: string, shard: Shard | undefined): boolean {
  return !shard || shard.count === 1 || shardOf(displayPath, shard.count) === shard.index;
}
