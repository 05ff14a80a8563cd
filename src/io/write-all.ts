// `writeSync` may write fewer bytes than asked (a nearly full disk, a signal): write the rest, or fail trying.
import { writeSync } from 'node:fs';

/** Write all of `content` at the file's current offset, or at `position` when one is given. */
export function writeAll(fd: number, content: Uint8Array | string, position?: number): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset, position === undefined ? null : position + offset);
    if (written <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    offset += written;
  }
}
