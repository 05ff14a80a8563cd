import type { LintResult, Role } from '../types.js';
import type { GroupBy } from './group-by.js';
import type { RuleMeta } from './rule-meta.js';
import type { ScorecardSettings } from './scorecard.js';

export interface FormatContext {
  cwd: string;
  /** Colors allowed (a terminal, no NO_COLOR, no --no-color). */
  color: boolean;
  /** Every configured rule (SARIF rule metadata, the HTML report's rule names and norm sources). */
  rules?: readonly RuleMeta[];
  scorecard?: ScorecardSettings;
  /** How the summary and the HTML report group calls (default in the HTML report: meta.agent). */
  groupBy?: GroupBy;
  /** The role of a speaker label (as the packs define them), to mark who speaks in a shown transcript. */
  speakerRole?: (label: string) => Role | undefined;
  /** transcript-lint's version, for reports that name the tool. */
  version?: string;
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
