// Text set aside on disk, to be read back piece by piece in another order (the HTML report's calls, written as they
// arrive and copied into the page worst first). Only the caller's offsets stay in memory. The file is removed as soon
// as it is open where the system allows it (the open descriptor keeps it), so that a run that is killed leaves
// nothing behind; it is readable by its owner only, since it holds transcripts.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeAll } from './write-all.js';
import { ByteChunks } from './byte-chunks.js';

export interface SpooledPiece {
  offset: number;
  length: number;
}

export class Spool {
  private readonly fd: number;
  private readonly path: string;
  private removed = false;
  /** Bytes written to the file; more wait in `chunks`. */
  private size = 0;
  private readonly chunks = new ByteChunks((bytes) => {
    writeAll(this.fd, bytes, this.size);
    this.size += bytes.length;
  });
  /** What read() reads into, reused: 100,000 buffers of a call each made V8 collect for their outside memory. */
  private scratch = Buffer.allocUnsafe(1 << 16);

  constructor(folder: string) {
    this.path = join(folder, `.transcript-lint-${randomBytes(6).toString('hex')}.spool`);
    this.fd = openSync(this.path, 'wx+', 0o600);
    this.remove(); // Windows refuses to remove an open file: then it is removed by close()
  }

  append(text: string): SpooledPiece {
    const length = this.chunks.write(text);
    // The text is the last of what was written and what waits.
    return { offset: this.size + this.chunks.used - length, length };
  }

  /** The piece's bytes, valid until the next read. */
  read({ offset, length }: SpooledPiece): Buffer {
    this.chunks.flush();
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(length, this.scratch.length * 2));
    const bytes = this.scratch.subarray(0, length);
    for (let done = 0; done < length;) {
      const read = readSync(this.fd, bytes, done, length - done, offset + done);
      if (read === 0) throw new Error(`the spool file ended early (${this.path})`);
      done += read;
    }
    return bytes;
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
