// Replace a file all at once: write a temporary file beside it, flush it, then rename it over the old one. A
// reader sees the old file or the new one, never half of one; a crash or a full disk leaves the old file as it was.
// Used for transcripts (--fix), the cache and the baseline.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(file: string, content: Uint8Array | Iterable<string>): void {
  // Through a symbolic link, replace what it points at (renaming over the link would replace the link); keep an
  // existing file's permission bits.
  let path = file;
  let mode: number | undefined;
  try {
    path = realpathSync(file);
    mode = statSync(path).mode & 0o7777;
  } catch {
    mkdirSync(dirname(file), { recursive: true });
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', mode ?? 0o666);
  try {
    try {
      if (content instanceof Uint8Array) writeSync(fd, content);
      else for (const chunk of content) writeSync(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(temporary, mode); // the umask may have narrowed the mode given to open
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
