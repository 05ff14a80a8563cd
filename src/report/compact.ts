// One line per problem: file:line:column: severity message [rule] — for grep and editors' problem matchers.
import type { LintMessage, LintResult } from '../types.js';
import { ByteWriter, isCount } from './byte-writer.js';
import { terminalSafe } from './terminal-text.js';
import { plural, streamingFormatter } from './formatter.js';

/** A problem's line as text (the formatter's `result`; `resultBytes` writes the same text as UTF-8). */
function problemLine(file: string, m: LintMessage): string {
  return `${file}:${m.line}:${m.column}:${lineEnd(m)}`;
}

/** The part of a problem's line after its column: ` error message [rule]` and the newline. */
function lineEnd(m: LintMessage): string {
  return ` ${m.severity === 2 ? 'error' : 'warning'} ${terminalSafe(m.message)}${m.ruleId ? ` [${terminalSafe(m.ruleId)}]` : ''}\n`;
}

/**
 * Line ends kept as UTF-8, by message: an archive's problems repeat a few hundred messages over and over (426 distinct
 * among the 54,575 problems of the generated 100,000 calls), and encoding each line's text again was the report's
 * largest cost (V8's UTF-8 encoder 4 % of a cached rerun's main thread, with the copy that flattened each file's
 * joined lines first). A message met with another rule or severity than last time is encoded afresh.
 */
interface LineEnd {
  ruleId: string | null;
  error: boolean;
  bytes: Buffer;
}

/** How many messages' line ends are kept: a run over an archive whose messages are all different stays flat. */
const LINE_ENDS_KEPT = 4096;

/** Writes a result's lines as UTF-8 into one buffer reused from file to file. */
class CompactBytes {
  private readonly out = new ByteWriter();
  private readonly ends = new Map<string, LineEnd>();

  /** The lines of `result`'s problems, valid until the next call. */
  lines(result: LintResult): Uint8Array {
    const out = this.out;
    out.clear();
    const file = terminalSafe(result.filePath);
    let fileStart = -1;
    let fileEnd = -1;
    for (const m of result.messages) {
      const { line, column, message, ruleId } = m;
      if (typeof message !== 'string' || (ruleId !== null && typeof ruleId !== 'string') || !isCount(line) || !isCount(column)) {
        // Not of the linter's shape (a library's result): its line as text, as `result` makes it.
        out.text(problemLine(file, m));
        continue;
      }
      // The file's path once per result, then copied: a path is the same bytes on each of its lines.
      if (fileEnd < 0) {
        fileStart = out.length;
        out.text(file);
        fileEnd = out.length;
      } else {
        out.repeat(fileStart, fileEnd);
      }
      out.byte(COLON);
      out.count(line);
      out.byte(COLON);
      out.count(column);
      out.byte(COLON);
      out.bytes(this.lineEndBytes(m, message, ruleId));
    }
    return out.view();
  }

  private lineEndBytes(m: LintMessage, message: string, ruleId: string | null): Buffer {
    const error = m.severity === 2;
    let kept = this.ends.get(message);
    if (kept === undefined || kept.ruleId !== ruleId || kept.error !== error) {
      const end: LineEnd = { ruleId, error, bytes: Buffer.from(lineEnd(m), 'utf8') };
      if (kept !== undefined || this.ends.size < LINE_ENDS_KEPT) this.ends.set(message, end);
      kept = end;
    }
    return kept.bytes;
  }
}

const COLON = 0x3a;

const NO_BYTES = new Uint8Array(0);

// It shows no fix, suggested edit, end, excerpt or score: a run that writes only it skips working them out.
export const compact = Object.assign(streamingFormatter(() => {
  // The run's totals are reportResults' business: the last line needs only the problems.
  let problems = 0;
  let bytes: CompactBytes | undefined;
  return {
    result(result) {
      problems += result.errorCount + result.warningCount;
      let text = '';
      if (!result.messages.length) return text; // most files of an archive
      const file = terminalSafe(result.filePath);
      for (const m of result.messages) text += problemLine(file, m);
      return text;
    },
    resultBytes(result) {
      problems += result.errorCount + result.warningCount;
      if (!result.messages.length) return NO_BYTES;
      bytes ??= new CompactBytes();
      return bytes.lines(result);
    },
    end: () => `\n${plural(problems, 'problem')}\n`,
  };
}), { showsChanges: false, showsScores: false });
