// Replace a file all at once: write a temporary file beside it, flush it, then rename it over the old one. A
// reader sees the old file or the new one, never half of one; a crash or a full disk leaves the old file as it was.
// Used for transcripts (--fix), the cache and the baseline.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fchownSync, fstatSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readRegularFile, type FileSnapshot } from '../io/read-file.js';
import { writeAll } from '../io/write-all.js';

/** The file changed on disk between reading it and replacing it (an editor or a recorder appended to it). */
export class FileChangedError extends Error {
  readonly code = 'ECHANGED';
}

export interface AtomicWriteOptions {
  /** Replace the file only if it still matches this snapshot; otherwise throw FileChangedError, writing nothing. */
  unchangedSince?: FileSnapshot;
}

function checkUnchanged(path: string, expected: FileSnapshot): void {
  let now: { snapshot: FileSnapshot };
  try {
    now = readRegularFile(path);
  } catch {
    throw new FileChangedError('the file was moved or removed while it was being fixed');
  }
  const same = now.snapshot.size === expected.size && now.snapshot.mtimeMs === expected.mtimeMs && now.snapshot.ino === expected.ino
    && now.snapshot.hash === expected.hash;
  if (!same) throw new FileChangedError('the file changed while it was being fixed');
}

export function writeFileAtomic(file: string, content: Uint8Array | Iterable<string>, options: AtomicWriteOptions = {}): void {
  // Through a symbolic link, replace what it points at (renaming over the link would replace the link); keep an
  // existing file's permission bits, owner and group.
  let path = file;
  let existing: Stats | undefined;
  try {
    path = realpathSync(file);
    existing = statSync(path);
  } catch {
    mkdirSync(dirname(file), { recursive: true });
  }
  const mode = existing && existing.mode & 0o7777;
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', mode ?? 0o666);
  try {
    try {
      if (content instanceof Uint8Array) writeAll(fd, content);
      else for (const chunk of content) writeAll(fd, chunk);
      if (existing) keepOwner(fd, existing);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(temporary, mode); // the umask may have narrowed the mode given to open
    if (options.unchangedSince) checkUnchanged(path, options.unchangedSince);
    renameSync(temporary, path);
  } catch (err) {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    throw err;
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
