import type { LintResult } from '../types.js';

export interface FormatContext {
  cwd: string;
  /** Colors allowed (a terminal, no NO_COLOR, no --no-color). */
  color: boolean;
}

/** A formatter turns all results of a run into the text of one report. */
export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;

export interface Totals {
  errors: number;
  warnings: number;
  fatal: number;
  fixable: number;
  files: number;
  /** Files with a fatal problem (not linted, or not completely). */
  fatalFiles: number;
  /** Files on which some rule could not be evaluated (it needs timestamps the file lacks). */
  notEvaluatedFiles: number;
}

export function totals(results: readonly LintResult[]): Totals {
  const sum: Totals = { errors: 0, warnings: 0, fatal: 0, fixable: 0, files: results.length, fatalFiles: 0, notEvaluatedFiles: 0 };
  for (const r of results) {
    sum.errors += r.errorCount;
    sum.warnings += r.warningCount;
    sum.fatal += r.fatalErrorCount;
    sum.fixable += r.fixableErrorCount + r.fixableWarningCount;
    if (r.fatalErrorCount) sum.fatalFiles++;
    if (r.notEvaluated?.length) sum.notEvaluatedFiles++;
  }
  return sum;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
