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
}

export function totals(results: readonly LintResult[]): Totals {
  const sum: Totals = { errors: 0, warnings: 0, fatal: 0, fixable: 0, files: results.length };
  for (const r of results) {
    sum.errors += r.errorCount;
    sum.warnings += r.warningCount;
    sum.fatal += r.fatalErrorCount;
    sum.fixable += r.fixableErrorCount + r.fixableWarningCount;
  }
  return sum;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
