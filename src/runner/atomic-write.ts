// Replace a file all at once: write a temporary file beside it, flush it, then rename it over the old one. A
// reader sees the old file or the new one, never half of one; a crash or a full disk leaves the old file as it was.
// Used for transcripts (--fix), the cache and the baseline.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fchownSync, fstatSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readRegularFile, snapshotOf, type FileSnapshot } from '../io/read-file.js';
import { writeAll } from '../io/write-all.js';
import { makeFolders } from '../io/make-folders.js';

/** The file changed on disk between reading it and replacing it (an editor or a recorder appended to it). */
export class FileChangedError extends Error {
  readonly code = 'ECHANGED';
}

export interface AtomicWriteOptions {
  /** Replace the file only if it still matches this snapshot; otherwise throw FileChangedError, writing nothing. */
  unchangedSince?: FileSnapshot;
}

function checkUnchanged(path: string, expected: FileSnapshot): void {
  let now: FileSnapshot;
  try {
    const read = readRegularFile(path);
    now = snapshotOf(read.stat, read.bytes);
  } catch {
    throw new FileChangedError('the file was moved or removed while it was being fixed');
  }
  const same = now.size === expected.size && now.mtimeMs === expected.mtimeMs && now.ino === expected.ino && now.hash === expected.hash;
  if (!same) throw new FileChangedError('the file changed while it was being fixed');
}

/** A new file being written beside the one it will replace. */
export interface TemporaryFile {
  readonly fd: number;
  readonly temporary: string;
  /** The file it replaces: through a symbolic link, what the link points at (renaming over a link replaces the link). */
  readonly path: string;
  readonly existing?: Stats;
}

/** Open a temporary file beside `file`, with the existing file's permission bits. */
export function openBeside(file: string): TemporaryFile {
  let path = file;
  let existing: Stats | undefined;
  try {
    path = realpathSync(file);
    existing = statSync(path);
  } catch {
    makeFolders(dirname(file));
  }
  // A FIFO or device named as a report, baseline or cache is someone's plumbing, not ours to replace.
  if (existing && !existing.isFile()) throw Object.assign(new Error('not a regular file, and not replaced'), { code: 'ENOTREG' });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', existing ? existing.mode & 0o7777 : 0o666);
  unfinished(temporary);
  return { fd, temporary, path, existing };
}

/** Temporary files not yet renamed or discarded. */
const pending = new Set<string>();

/**
 * Note a temporary file, removed if the process exits before it is renamed or discarded: Ctrl-C or SIGTERM a second
 * time leaves at once (process.exit), and left a report half written beside its file.
 */
function unfinished(temporary: string): void {
  if (pending.size === 0) process.once('exit', removeUnfinished);
  pending.add(temporary);
}

function finished(temporary: string): void {
  pending.delete(temporary);
  if (pending.size === 0) process.off('exit', removeUnfinished);
}

function removeUnfinished(): void {
  for (const temporary of pending) removeQuietly(temporary);
}

/**
 * Flush and close the temporary file, give it the old file's mode and rename it over the file; on any failure
 * remove it and rethrow. `beforeClose` and `beforeRename` run at those points and may throw to stop the rename.
 */
export function renameOver(target: TemporaryFile, steps: { beforeClose?: () => void; beforeRename?: () => void } = {}): void {
  try {
    try {
      steps.beforeClose?.();
      fsyncSync(target.fd);
    } finally {
      closeSync(target.fd);
    }
    if (target.existing) chmodSync(target.temporary, target.existing.mode & 0o7777); // the umask may have narrowed it
    steps.beforeRename?.();
    renameSync(target.temporary, target.path);
  } catch (err) {
    removeQuietly(target.temporary);
    throw err;
  } finally {
    finished(target.temporary);
  }
}

/** Close and remove the temporary file, leaving the old one as it was. */
export function discard(target: TemporaryFile): void {
  try {
    closeSync(target.fd);
  } catch {
    // already closed
  }
  removeQuietly(target.temporary);
  finished(target.temporary);
}

export function writeFileAtomic(file: string, content: Uint8Array | Iterable<string>, options: AtomicWriteOptions = {}): void {
  const target = openBeside(file);
  const { unchangedSince } = options;
  renameOver(target, {
    beforeClose: () => {
      if (content instanceof Uint8Array) writeAll(target.fd, content);
      else for (const chunk of content) writeAll(target.fd, chunk);
      if (target.existing) keepOwner(target.fd, target.existing);
    },
    beforeRename: unchangedSince && (() => checkUnchanged(target.path, unchangedSince)),
  });
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Give the new file the old one's owner and group; one that cannot keep its owner is not replaced. */
function keepOwner(fd: number, existing: Stats): void {
  const now = fstatSync(fd);
  if (now.uid === existing.uid && now.gid === existing.gid) return;
  try {
    fchownSync(fd, existing.uid, existing.gid);
  } catch (err) {
    // Not root: a file of another user cannot be replaced by one of ours.
    if (now.uid !== existing.uid) throw Object.assign(new Error(`cannot keep the file's owner (${(err as Error).message})`), { code: 'EOWNER' });
    // Same owner, another group we are not in: keep our group rather than fail.
  }
}
