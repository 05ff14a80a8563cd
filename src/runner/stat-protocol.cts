// What the stat thread (stat-worker.cts) and StatAhead (stat-ahead.ts) send each other, and the stat'ing both do.
// CommonJS, like the thread's own file: the thread starts without Node's ES module loader (~7 ms less of its start).
import { statSync, type Stats } from 'node:fs';
import { isAbsolute, sep } from 'node:path';

/** Numbers per path in a reply, in FileStats order (stat-ahead.ts). */
export const STAT_FIELDS = 7;

export interface StatRequest {
  batch: number;
  /** Display paths (relative to the run's folder, or absolute outside it), each ended by a NUL (which no path holds): one string is cloned
   * across threads in a copy, while an array of strings costs more than stat'ing them. */
  displays: string;
}

export interface StatReply {
  batch: number;
  /** STAT_FIELDS numbers per path, in FileStats order; NaN where the file cannot be stat'ed. */
  fields: Float64Array;
}

/**
 * A file's stats, or undefined for any failure (ENOENT, but also EACCES from a folder that lost its search
 * permission, ENOTDIR from a folder replaced since the walk, ELOOP): the file is then linted, and reading it reports
 * what is wrong with it, as for any other file, instead of the error ending the run.
 */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** STAT_FIELDS numbers for each display path: relative to the run's folder and normalized, or absolute. */
export function statFields(paths: readonly string[], cwd: string): Float64Array<ArrayBuffer> {
  // Joined without resolve()'s work (it was 7 % of the stat thread's time).
  const base = cwd.endsWith(sep) ? cwd : cwd + sep;
  const fields = new Float64Array(paths.length * STAT_FIELDS).fill(Number.NaN);
  for (let i = 0, at = 0; i < paths.length; i++, at += STAT_FIELDS) {
    const s = statOrUndefined(isAbsolute(paths[i]) ? paths[i] : base + paths[i]);
    if (!s) continue;
    fields[at] = s.size;
    fields[at + 1] = s.mtimeMs;
    fields[at + 2] = s.ctimeMs;
    fields[at + 3] = s.ino;
    fields[at + 4] = s.mode;
    fields[at + 5] = s.uid;
    fields[at + 6] = s.gid;
  }
  return fields;
}
