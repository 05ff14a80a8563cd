// One open transcript as last linted: its text, the messages found in it, and their diagnostics, kept so that code
// actions and hovers answer from the same lint the editor shows (clients need not send diagnostics back).
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintMessage, LintResult } from '../types.js';
import type { FolderLinter } from './folders.js';
import type { DocumentPositions } from './positions.js';

export interface LintedMessage {
  message: LintMessage;
  diagnostic: Diagnostic;
}

export interface LintedDocument {
  /** The live document: its text and version move on with each edit (the library updates it in place). */
  document: TextDocument;
  /** The version that was linted: `found` holds for that text only. */
  version: number;
  /** The file path, when the document is a file. */
  file?: string;
  folder: FolderLinter;
  positions: DocumentPositions;
  found: LintedMessage[];
  /** The lint `found` came from, and how to lint another text as this document (to check a change as --fix does). */
  result?: LintResult;
  lint?: (text: string) => LintResult;
  flagsWords?: (ruleId: string) => boolean;
}

const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Whether two ranges share a position (touching counts: a cursor right after a word still points at it). */
export function touches(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
