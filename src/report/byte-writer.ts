// A report's text for one result written as UTF-8 into one buffer reused from result to result (the compact report's
// FormatStream.resultBytes). An archive's problems repeat a few hundred messages and rule ids: a report keeps them
// encoded and copies them, rather than making each file's text as a string and encoding all of it again.

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(1 << 14);
  private used = 0;

  /** Start again at the beginning: what `view` gave before is overwritten. */
  clear(): void {
    this.used = 0;
  }

  /** How many bytes are written. */
  get length(): number {
    return this.used;
  }

  /**
   * The bytes written, valid until the next write. A view of the buffer's memory rather than `subarray`, whose
   * property loads and class construction cost a rerun ~700 instructions a file with problems.
   */
  view(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.used);
  }

  /** `text` as UTF-8 (a lone surrogate as U+FFFD, as a stream writing the text would). */
  text(text: string): void {
    this.room(3 * text.length);
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  byte(byte: number): void {
    this.room(1);
    this.buffer[this.used++] = byte;
  }

  /** The decimal digits of a whole number from 0 to 2³² − 1 (isCount). */
  count(n: number): void {
    this.room(10);
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    const b = this.buffer;
    for (let i = this.used + digits - 1, rest = n; i >= this.used; i--, rest = Math.floor(rest / 10)) b[i] = 0x30 + (rest % 10);
    this.used += digits;
  }

  /** The bytes written at [start, end) once more, at the end (a file's path on each of its lines). */
  repeat(start: number, end: number): void {
    this.room(end - start);
    this.buffer.copyWithin(this.used, start, end);
    this.used += end - start;
  }

  /** Room for `length` more bytes. */
  private room(length: number): void {
    if (this.used + length <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.used + length));
    this.buffer.copy(bigger, 0, 0, this.used);
    this.buffer = bigger;
  }
}

/** A line or column as the linter gives it: a whole number that ByteWriter.count writes. */
export function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}
