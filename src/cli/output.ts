// Where the report goes: stdout or -o FILE, written as it is produced. A reader that goes away (`| head`) ends
// the run quietly instead of with an EPIPE stack trace. A report file is written beside its place and renamed over
// it at the end, so that a full disk or a stopped run leaves the previous report whole (a FIFO or a device named by
// -o is written to directly: it is someone's plumbing).
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { discard, openBeside, renameOver, type TemporaryFile } from '../runner/atomic-write.js';
import { writeAll } from '../io/write-all.js';
import { ByteChunks } from '../io/byte-chunks.js';

export class ReportOutput {
  /** Chunks, fewer system calls; a terminal gets every piece at once (`immediate`). */
  private readonly chunks = new ByteChunks((bytes, reused) => this.send(bytes, reused));
  private readonly fd: number | undefined;
  /** The temporary file the report is written to, renamed over -o FILE by end(). */
  private readonly temporary: TemporaryFile | undefined;
  private readonly immediate: boolean;
  /** The reader closed the pipe: nothing more can be written. */
  closed = false;
  /** Why the report file could not be written (a full disk): nothing more is written to it, and the old file is kept. */
  failure: NodeJS.ErrnoException | undefined;

  private readonly stream: NodeJS.WriteStream;

  /** `toStderr`: the report goes to standard error (standard output carries a fixed transcript). */
  constructor(file: string | undefined, private readonly onClosed: () => void, toStderr = false) {
    this.stream = toStderr ? process.stderr : process.stdout;
    if (file) {
      this.temporary = isPlumbing(file) ? undefined : besideIfAllowed(file);
      this.fd = this.temporary?.fd ?? openSync(file, 'w');
      this.immediate = false;
    } else {
      this.immediate = this.stream.isTTY === true;
      this.stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        this.close();
      });
    }
  }

  /** The folder of the report file when it is written beside it, so one that takes new files; else undefined. */
  get folder(): string | undefined {
    return this.temporary && dirname(this.temporary.temporary);
  }

  write(text: string): void {
    if (this.closed || this.failure || !text) return;
    this.chunks.write(text);
    if (this.immediate) this.flush();
  }

  /** Bytes already encoded (the HTML report's calls, read back from where they were set aside); the caller may
   * reuse them once this returns. */
  writeBytes(bytes: Uint8Array): void {
    if (this.closed || this.failure || !bytes.length) return;
    this.chunks.writeBytes(bytes);
    if (this.immediate) this.flush();
  }

  flush(): void {
    if (!this.closed) this.chunks.flush();
  }

  private send(bytes: Uint8Array, reused: boolean): void {
    if (this.closed || this.failure) return;
    if (this.fd !== undefined) {
      try {
        writeAll(this.fd, bytes);
      } catch (err) {
        this.fail(err as NodeJS.ErrnoException);
      }
      return;
    }
    try {
      // A stream may still hold what it was given when the bytes are reused: it gets a copy.
      this.stream.write(reused ? Buffer.from(bytes) : bytes);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
      this.close();
    }
  }

  end(): void {
    this.flush();
    if (this.fd === undefined || this.failure) return;
    try {
      if (this.temporary) renameOver(this.temporary);
      else closeSync(this.fd);
    } catch (err) {
      this.failure = err as NodeJS.ErrnoException;
    }
  }

  /** A write failed, here or where the report's pieces were set aside: keep the old file, write no more (the run's
   * other reports go on). */
  fail(err: NodeJS.ErrnoException): void {
    if (this.failure) return;
    this.failure = err;
    this.chunks.discard();
    if (this.temporary) discard(this.temporary);
    else if (this.fd !== undefined) closeSync(this.fd);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.chunks.discard();
    this.onClosed();
  }
}

/** A FIFO, a device or a socket (`-o /dev/stderr`, `-o >(gzip > r.gz)`): written to as it is, never replaced. */
function isPlumbing(file: string): boolean {
  try {
    return !statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The folder takes no new file, where the report file itself may still be writable (made so for us). */
const noNewFileThere = (err: unknown): boolean => ['EACCES', 'EPERM', 'EROFS'].includes((err as NodeJS.ErrnoException).code ?? '');

/**
 * A temporary file beside `file`; none where its folder takes no new file: the report is then written in place. A
 * folder that could not be made is the error (writing in place would only say it does not exist).
 */
function besideIfAllowed(file: string): TemporaryFile | undefined {
  try {
    return openBeside(file);
  } catch (err) {
    if (noNewFileThere(err) && existsSync(dirname(file))) return undefined;
    throw err;
  }
}
