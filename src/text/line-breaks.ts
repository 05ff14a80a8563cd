// Line breaks: "\n", "\r\n" and a lone "\r" (old Mac OS files, some recorders' exports) each end a line, as they do
// in editors, in the Language Server Protocol and in the SRT and WebVTT specifications. Parsers and line counting
// see every break as "\n"; the file keeps its own (--fix writes back around them, byte for byte).
import { MARK_CR, SHARED_UNITS, unitMarks } from './text-units.js';

const LONE_CR = /\r(?!\n)/;
const LONE_CRS = /\r(?!\n)/g;

/** The text with every lone "\r" as "\n": of the same length, so an offset into either is an offset into the other. */
export function withLfBreaks(text: string): string {
  // Tested before replaced: a replace that finds nothing still copies the text (a CRLF file of 64 MB: 0.4 s, 72 MB).
  // A call's text whose units are held says whether it has a "\r" at all without a search (text-units.ts).
  const marks = unitMarks(text);
  if (marks !== undefined && (marks & MARK_CR) === 0) return text;
  return text.indexOf('\r') < 0 || !LONE_CR.test(text) ? text : text.replace(LONE_CRS, '\n');
}

/**
 * The line break a change at `offset` inserts: the one that ends its line, or for the last line the one before it
 * ("\n" in a text of one line). A file of mixed breaks keeps each line's own.
 */
export function lineBreakAt(text: string, offset: number): string {
  const after = /\r\n?|\n/g;
  after.lastIndex = offset;
  const found = after.exec(text);
  if (found) return found[0];
  const lf = text.lastIndexOf('\n');
  const cr = text.lastIndexOf('\r');
  if (lf < 0 && cr < 0) return '\n';
  return lf > cr ? (text[lf - 1] === '\r' ? '\r\n' : '\n') : '\r';
}

// The "\n" of the last text split into lines (the line-based parsers' forEachLineSpan), kept for the LineIndex that
// places the call's problems: it searched the whole text for them twice more (to count the lines, then to fill their
// starts), where the parser had found each already.

/** Line breaks kept at most (256 KB): a longer text's LineIndex searches its own. */
const KEPT_BREAKS = 1 << 16;
/** The text whose line breaks `kept` holds (undefined: none). */
let keptText: string | undefined;
let kept = new Int32Array(0);
let keptCount = 0;

/**
 * Records the "\n" offsets of `text` in order as a splitter finds them (`add`), and keeps them once it has found all
 * (`keep`): a splitter that stops early (a throw) leaves none kept.
 */
export class LineBreakRecorder {
  private count = 0;

  constructor(private readonly text: string) {
    // (The buffer is about to be written: whatever it held is no longer any text's.)
    keptText = undefined;
  }

  add(offset: number): void {
    const count = this.count++;
    if (count >= kept.length) {
      if (count >= KEPT_BREAKS) return;
      const grown = new Int32Array(Math.min(Math.max(2 * kept.length, 256), KEPT_BREAKS));
      grown.set(kept.subarray(0, count));
      kept = grown;
    }
    kept[count] = offset;
  }

  /**
   * All of the text's line breaks were added. Kept for a text of at most SHARED_UNITS units only: the text is kept
   * alive until the next one is split, and a long recording must not leave its size in the thread's memory.
   */
  keep(): void {
    if (this.count > KEPT_BREAKS || this.text.length > SHARED_UNITS) return;
    keptText = this.text;
    keptCount = this.count;
  }
}

/** How many "\n" `text` has, if they were kept (`keptLineBreaks` then holds their offsets in order); -1 if not. */
export function keptLineBreakCount(text: string): number {
  return text === keptText ? keptCount : -1;
}

/** The kept line breaks (valid for keptLineBreakCount's text, until the next text is split). */
export function keptLineBreaks(): Int32Array {
  return kept;
}
