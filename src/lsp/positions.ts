// The CLI's places (1-based line and column, columns in characters, lines split at any line break) → LSP positions
// (0-based, columns in UTF-16 code units, as every client understands). An astral character (😀, 𠮷) is one
// column for the CLI and two units for the editor; a CJK character is one of each.
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { withLfBreaks } from '../text/line-breaks.js';
import type { LintMessage } from '../types.js';

export class DocumentPositions {
  /** UTF-16 offset of each line's start, lines split at "\n", "\r\n" or a lone "\r", as the linter's LineIndex and the LSP do. */
  private readonly starts: number[] = [0];
  private readonly text: string;

  constructor(private readonly document: TextDocument) {
    this.text = document.getText();
    const lines = withLfBreaks(this.text);
    for (let i = lines.indexOf('\n'); i >= 0; i = lines.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The UTF-16 offset of a 1-based line and character column, kept within the line's text. */
  offsetOf(line: number, column: number): number {
    if (line < 1) return 0;
    if (line > this.starts.length) return this.text.length;
    const start = this.starts[line - 1];
    let end = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 0x0d) end--;
    let offset = start;
    for (let characters = 1; characters < column && offset < end; characters++) {
      const pair = isHighSurrogate(this.text.charCodeAt(offset)) && offset + 1 < end && isLowSurrogate(this.text.charCodeAt(offset + 1));
      offset += pair ? 2 : 1;
    }
    return offset;
  }

  /** Where a UTF-16 offset of the text stands (a fix's range). */
  positionAt(offset: number): Position {
    return this.document.positionAt(offset);
  }

  /** The range a message covers: from line:column to endLine:endColumn (or nothing wide when it has no end). */
  rangeOf(message: LintMessage): Range {
    const start = this.offsetOf(message.line, message.column);
    const end = message.endLine !== undefined && message.endColumn !== undefined ? Math.max(start, this.offsetOf(message.endLine, message.endColumn)) : start;
    return { start: this.document.positionAt(start), end: this.document.positionAt(end) };
  }
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
