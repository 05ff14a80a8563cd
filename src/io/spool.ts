// Text set aside on disk, to be read back piece by piece in another order (the HTML report's calls, written as they
// arrive and copied into the page worst first). Only the caller's offsets stay in memory. The file is removed as soon
// as it is open where the system allows it (the open descriptor keeps it), so that a run that is killed leaves
// nothing behind; it is readable by its owner only, since it holds transcripts.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeAll } from './write-all.js';

const CHUNK = 1 << 18;

export interface SpooledPiece {
  offset: number;
  length: number;
}

export class Spool {
  private readonly fd: number;
  private readonly path: string;
  private removed = false;
  private size = 0;
  /** Pieces are gathered into chunks before they are written: a write of each of 10,000 calls took ~1 s. */
  private pending = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  /** What read() reads into, reused: 100,000 buffers of a call each made V8 collect for their outside memory. */
  private scratch = Buffer.allocUnsafe(1 << 16);

  constructor(folder: string) {
    this.path = join(folder, `.transcript-lint-${randomBytes(6).toString('hex')}.spool`);
    this.fd = openSync(this.path, 'wx+', 0o600);
    this.remove(); // Windows refuses to remove an open file: then it is removed by close()
  }

  append(text: string): SpooledPiece {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 > CHUNK) this.flush();
    const offset = this.size + this.used;
    let length: number;
    if (text.length * 3 > CHUNK) {
      const bytes = Buffer.from(text, 'utf8');
      writeAll(this.fd, bytes, offset);
      this.size += (length = bytes.length);
    } else {
      this.used += (length = this.pending.write(text, this.used, 'utf8'));
    }
    return { offset, length };
  }

  /** The piece's bytes, valid until the next read. */
  read({ offset, length }: SpooledPiece): Buffer {
    this.flush();
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(length, this.scratch.length * 2));
    const bytes = this.scratch.subarray(0, length);
    for (let done = 0; done < length;) {
      const read = readSync(this.fd, bytes, done, length - done, offset + done);
      if (read === 0) throw new Error(`the spool file ended early (${this.path})`);
      done += read;
    }
    return bytes;
  }

  private flush(): void {
    if (!this.used) return;
    writeAll(this.fd, this.pending.subarray(0, this.used), this.size);
    this.size += this.used;
    this.used = 0;
  }

  close(): void {
    closeSync(this.fd);
    this.remove();
  }

  private remove(): void {
    if (this.removed) return;
    try {
      unlinkSync(this.path);
      this.removed = true;
    } catch {
      // still open (Windows): close() tries again
    }
  }
}
