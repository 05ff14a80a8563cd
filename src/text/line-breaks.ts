// Line breaks: "\n", "\r\n" and a lone "\r" (old Mac OS files, some recorders' exports) each end a line, as they do
// in editors, in the Language Server Protocol and in the SRT and WebVTT specifications. Parsers and line counting
// see every break as "\n"; the file keeps its own (--fix writes back around them, byte for byte).
import { MARK_CR, unitMarks } from './text-units.js';

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
