// Offsets in the decoded text → 1-based line and column, columns counted in characters (code points).
import { firstAbove, intArray, type IntArray } from '../text/int-array.js';
import { keptLineBreakCount, keptLineBreaks, withLfBreaks } from '../text/line-breaks.js';
import { MARK_SURROGATE, unitMarks } from '../text/text-units.js';

export class LineIndex {
  /** Lines end at "\n", "\r\n" or a lone "\r", as in an editor. */
  constructor(private readonly source: string) {}

  /**
   * The text with its lone "\r" as "\n", made on first use: a run makes an index per file, and a file with no problem
   * to place (and no directive) never asks it anything — its look for a "\r" was a pass over every file's text.
   */
  private get text(): string {
    return (this.lfText ??= withLfBreaks(this.source));
  }
  private lfText: string | undefined;

  /**
   * Offset where each line starts, found on first use (most files of an archive have no problem to place): counted
   * first, then filled (a long call has a million lines, grown by push it was copied over and over).
   */
  private get starts(): IntArray {
    if (this.lineStarts) return this.lineStarts;
    const { text } = this;
    // The text the parser split into lines (the call's, unless it is JSON) has its line breaks kept: no search.
    const kept = keptLineBreakCount(text);
    if (kept >= 0) {
      const breaks = keptLineBreaks();
      const starts = (this.lineStarts = intArray(kept + 1));
      for (let line = 0; line < kept; line++) starts[line + 1] = breaks[line] + 1;
      return starts;
    }
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const starts = (this.lineStarts = intArray(lines));
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
    return starts;
  }
  private lineStarts: IntArray | undefined;

  lineOf(offset: number): number {
    // Lines starting at or before the offset (the first starts at 0).
    return Math.max(1, firstAbove(this.starts, offset));
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    const start = this.starts[line - 1];
    const end = Math.min(offset, this.text.length);
    // The second half of a surrogate pair is part of the same character.
    return { line, column: 1 + Math.max(0, end - start) - (this.lowSurrogatesBefore(end) - this.lowSurrogatesBefore(start)) };
  }

  /** Low surrogates in text[0, offset): counted from a checkpoint every 4096 units, so that columns far into a
   * very long line (single-line JSON) cost no more than near its start. */
  private checkpoints?: Int32Array;
  /** Whether the text has any surrogate at all: most transcripts have none, and then a column is a subtraction. */
  private surrogates?: boolean;

  private lowSurrogatesBefore(offset: number): number {
    if (!(this.surrogates ??= hasSurrogate(this.text))) return 0;
    const block = offset >> 12;
    if (block > 0 && !this.checkpoints) {
      const length = this.text.length;
      this.checkpoints = new Int32Array((length >> 12) + 1);
      let count = 0;
      for (let i = 0; i <= length; i++) {
        if ((i & 4095) === 0) this.checkpoints[i >> 12] = count;
        if (i < length && isLowSurrogate(this.text.charCodeAt(i))) count++;
      }
    }
    let count = block > 0 ? this.checkpoints![block] : 0;
    for (let i = block << 12; i < offset; i++) if (isLowSurrogate(this.text.charCodeAt(i))) count++;
    return count;
  }

  /** 1-based line and column (in code points) → offset. */
  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line, this.starts.length) - 1)];
    let offset = start;
    for (let c = 1; c < column && offset < this.text.length; c++) offset += isLowSurrogate(this.text.charCodeAt(offset + 1)) ? 2 : 1;
    return offset;
  }

  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const end = this.starts[line] !== undefined ? this.starts[line] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Whether a text has a surrogate unit: from its held units' marks when it is a call's (text-units.ts), else searched. */
function hasSurrogate(text: string): boolean {
  const marks = unitMarks(text);
  return marks !== undefined ? (marks & MARK_SURROGATE) !== 0 : /[\ud800-\udfff]/.test(text);
}
