// Where the report goes: stdout or -o FILE, written as it is produced. A reader that goes away (`| head`) ends
// the run quietly instead of with an EPIPE stack trace.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeAll } from '../io/write-all.js';

/** Bigger chunks, fewer system calls; a terminal gets every piece at once. */
const CHUNK = 1 << 16;

export class ReportOutput {
  private buffer = '';
  private readonly fd: number | undefined;
  private readonly immediate: boolean;
  /** The reader closed the pipe: nothing more can be written. */
  closed = false;

  private readonly stream: NodeJS.WriteStream;

  /** `toStderr`: the report goes to standard error (standard output carries a fixed transcript). */
  constructor(file: string | undefined, private readonly onClosed: () => void, toStderr = false) {
    this.stream = toStderr ? process.stderr : process.stdout;
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      this.fd = openSync(file, 'w');
      this.immediate = false;
    } else {
      this.immediate = this.stream.isTTY === true;
      this.stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        this.close();
      });
    }
  }

  write(text: string): void {
    if (this.closed) return;
    this.buffer += text;
    if (this.immediate || this.buffer.length >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.closed || !this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    if (this.fd !== undefined) {
      writeAll(this.fd, text);
      return;
    }
    try {
      this.stream.write(text);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
      this.close();
    }
  }

  end(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer = '';
    this.onClosed();
  }
}
