// What the stat thread (stat-worker.cts) and StatAhead (stat-ahead.ts) share, and the stat'ing both do.
// CommonJS, like the thread's own file: the thread starts without Node's ES module loader (~7 ms less of its start).
import { statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';

/** Numbers per path in the ring, in FileStats order (stat-ahead.ts). */
export const STAT_FIELDS = 7;
/** Paths per batch: one message to the thread each. */
export const BATCH_SIZE = 256;
/** Batches the thread may be ahead of the lookups: slots of the shared ring it writes their stats into. */
export const RING_SLOTS = 4;

/**
 * Memory both threads see. Batch n lives in slot n % RING_SLOTS; each of its files has a state word, which tells
 * whose the file is: free(n) until one thread swaps it to taken(n) (the stat thread) or MINE (the lookups', which
 * stat it themselves), done(n) once the stat thread's fields for it are in `fields`. A word numbered by its batch
 * cannot be mistaken for the same slot's word of an earlier batch.
 */
export interface StatRing {
  states: Int32Array<SharedArrayBuffer>;
  fields: Float64Array<SharedArrayBuffer>;
}

export const free = (batch: number): number => -(batch + 1);
export const taken = (batch: number): number => 2 * (batch + 1);
export const done = (batch: number): number => 2 * (batch + 1) + 1;
export const MINE = 0;

export function newStatRing(): StatRing {
  return {
    states: new Int32Array(new SharedArrayBuffer(RING_SLOTS * BATCH_SIZE * 4)),
    fields: new Float64Array(new SharedArrayBuffer(RING_SLOTS * BATCH_SIZE * STAT_FIELDS * 8)),
  };
}

export interface StatRequest {
  batch: number;
  /** Display paths (relative to the run's folder, or absolute outside it), each ended by a NUL (which no path holds): one string is cloned
   * across threads in a copy, while an array of strings costs more than stat'ing them. */
  displays: string;
}

/** What a cache lookup needs of a file's stats. */
export interface FileStats {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
}

/**
 * A file's stats, or undefined for any failure (ENOENT, but also EACCES from a folder that lost its search
 * permission, ENOTDIR from a folder replaced since the walk, ELOOP): the file is then linted, and reading it reports
 * what is wrong with it, as for any other file, instead of the error ending the run.
 */
export function statOrUndefined(path: string): FileStats | undefined {
  try {
    return rawStat ? statFromFields(rawStat(path, false, undefined, false)) : statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Node's own stat, which gives the numbers `fs.statSync` makes its `Stats` of (and four `Date`s, in Node 20): 0.45
 * against 0.82 µs a warm stat here, and a --cache rerun is one stat a file. Used only where this Node's `statSync`
 * calls it as below (its source says so) and the numbers match `statSync`'s once; not where `process.binding` would
 * warn (--pending-deprecation), nor on Windows, whose paths Node's statSync rewrites first.
 */
type RawStat = (path: string, bigint: false, request: undefined, throwIfNoEntry: false) => Float64Array | undefined;
/** How this Node's statSync calls the binding (Node 20.20): the call statOrUndefined makes. */
export const STAT_SYNC_CALL = /binding\.stat\(\s*pathModule\.toNamespacedPath\(path\),\s*options\.bigint,\s*undefined,\s*options\.throwIfNoEntry,?\s*\)/;
const rawStat = checkedRawStat();
/** Whether statOrUndefined reads Node's stat binding (for the tests). */
export const STATS_FROM_BINDING = rawStat !== undefined;

function checkedRawStat(): RawStat | undefined {
  const pending = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('pending-deprecation'));
  // Not in Node's types: it is deprecated in the documentation, and kept for what it gives here.
  const binding = (process as { binding?: (name: string) => unknown }).binding;
  if (pending || process.platform === 'win32' || typeof binding !== 'function' || !STAT_SYNC_CALL.test(String(statSync))) return undefined;
  try {
    const stat = (binding.call(process, 'fs') as { stat?: RawStat }).stat;
    if (typeof stat !== 'function') return undefined;
    const expected = statSync(process.execPath);
    const got = statFromFields(stat(process.execPath, false, undefined, false));
    return got !== undefined && (Object.keys(got) as (keyof FileStats)[]).every((key) => got[key] === expected[key]) ? stat : undefined;
  } catch {
    return undefined;
  }
}

/** FileStats from the numbers of Node's stat binding (node_file.h FillStatsArray), as `Stats` works them out. */
function statFromFields(f: Float64Array | undefined): FileStats | undefined {
  if (f === undefined) return undefined;
  return { size: f[8], mtimeMs: f[12] * 1e3 + f[13] / 1e6, ctimeMs: f[14] * 1e3 + f[15] / 1e6, ino: f[7], mode: f[1], uid: f[3], gid: f[4] };
}

/** A display path (relative to the run's folder `base`, normalized, or absolute) as an absolute path. */
export function absoluteOf(display: string, base: string): string {
  return isAbsolute(display) ? display : base + display;
}

/**
 * The run's folder (absolute) ending in a separator: display paths are joined to it without resolve()'s work (7 % of
 * the stat thread's time, ~0.5 µs a file).
 */
export function displayBase(cwd: string): string {
  return cwd.endsWith(sep) ? cwd : cwd + sep;
}

/**
 * What the stat'ing joins display paths to: nothing when the run's folder is the process's working folder (the kernel
 * then walks fewer folders from the working one than from the root: ~5 % of a stat here), else the folder
 * (displayBase). A path joined to '' is the display path, relative.
 */
export function statBase(cwd: string): string {
  return resolve(cwd) === process.cwd() ? '' : displayBase(cwd);
}
