// Lint one file for the runner, in process or in a worker: read once, hash when the cache needs it, never throw.
import { readListedFile, readRegularFile } from '../io/read-file.js';
import { describeVanished, fatalResult, type Linter, type ShownSource } from '../engine/linter.js';
import type { LintResult } from '../types.js';
import type { FileStamp } from './cache-store.js';
import { sha1 } from './sha1.js';

export interface FileTask {
  /** Absolute path. */
  path: string;
  /** As reported (relative to the working folder when inside it). */
  display: string;
  /** With --cache: the content hash the cache holds for this file, if any; a match reuses the cached result. */
  knownHash?: string;
  /** With --cache: hash the content so the result can be cached (with the stamp of what was read). */
  hash?: boolean;
}

export interface FileOutcome {
  /** Undefined when the content hash matched `knownHash`: the cached result stands. */
  result?: LintResult;
  hash?: string;
  /** With `hash`: size, mtime, ctime and inode of the file as it was opened, before it was read. */
  stamp?: FileStamp;
  /** With the cached result, the file's text and turns when the linter keeps sources (reports that show transcripts). */
  source?: ShownSource;
}

export function contentHash(bytes: Uint8Array): string {
  return sha1(bytes, 'base64');
}

/**
 * With `handOff`, a file too large for this thread's heap (the main thread checks, since running out of memory there
 * ends the run) is not reported but left to a worker: undefined.
 */
export function lintFileTask(linter: Linter, task: FileTask): FileOutcome;
export function lintFileTask(linter: Linter, task: FileTask, handOff: 'too-large'): FileOutcome | undefined;
export function lintFileTask(linter: Linter, task: FileTask, handOff?: 'too-large'): FileOutcome | undefined {
  let bytes: Uint8Array;
  let stamp: FileStamp | undefined;
  try {
    // Lent: the bytes are hashed and decoded here, and nothing keeps them. Every task is a file the run's discovery
    // found regular; the cache wants the stamp of what was read.
    if (task.hash) {
      const read = readRegularFile(task.path, linter.lendingReadOptions);
      bytes = read.bytes;
      stamp = { size: read.stat.size, mtimeMs: read.stat.mtimeMs, ctimeMs: read.stat.ctimeMs, ino: read.stat.ino };
    } else {
      bytes = readListedFile(task.path, linter.lendingReadOptions);
    }
  } catch (err) {
    if (handOff && (err as NodeJS.ErrnoException).code === 'ENOMEM') return undefined;
    return { result: fatalResult(task.display, describeVanished(err as NodeJS.ErrnoException)) };
  }
  const hash = task.hash ? contentHash(bytes) : undefined;
  if (hash !== undefined && hash === task.knownHash) return { hash, stamp, source: linter.sourceOf(bytes, task.display) };
  try {
    return { result: linter.lintBytes(bytes, task.display), hash, stamp };
  } catch (err) {
    // A bug met on one file must not stop a run over a million: report it on that file (exit 2) and go on.
    const detail = err instanceof Error ? err.stack ?? err.message : String(err);
    return { result: fatalResult(task.display, `internal error while linting this file; please report it: ${detail}`) };
  }
}
