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
  /** `--quiet`: errors only, and no notices about the run (rules not evaluated). */
  quiet?: boolean;
  /** transcript-lint's version, for reports that name the tool. */
  version?: string;
  /**
   * What stopped the run before its last file (`Ctrl-C`, `SIGTERM`), asked when a report ends; undefined when nothing
   * did. A report that can say whether the run completed (SARIF's executionSuccessful) says so.
   */
  stopped?: () => string | undefined;
  /**
   * In a sharded run, asked when a report ends that holds no result: the result that stands for a shard which found no
   * files (see emptyShardResult), or undefined (not a shard, or stopped). Only the reports --merge reads write it.
   */
  emptyShard?: () => LintResult | undefined;
}

/**
 * A report written as results arrive, so that memory stays flat however many files a run has. Each hook returns
 * text to write (possibly empty); `result` is called once per file in order, `end` once after the last.
 */
export interface FormatStream {
  start?(): string;
  result?(result: LintResult): string;
  /**
   * The text `result` gives, as UTF-8, in place of it: bytes valid until the next call (a report to a stream or a
   * file copies them at once). For a report whose pieces repeat, kept encoded rather than made and encoded again.
   */
  resultBytes?(result: LintResult): Uint8Array;
  end?(): string;
}

/**
 * A formatter turns all results of a run into the text of one report. One that can write per result also carries
 * `stream`; runners use it when present and otherwise collect the results and call the formatter once.
 */
export type Formatter = ((results: readonly LintResult[], context: FormatContext) => string) & {
  stream?: (context: FormatContext) => FormatStream;
  /**
   * false: the report shows none of the changes problems offer (fixes, suggested edits, fixable counts), nor a
   * problem's end or excerpt (which joined fixes decide), so a run that writes only such reports skips working them
   * out (LinterOptions.changes). Default: it shows them.
   */
  showsChanges?: boolean;
  /** false: the report shows no call's score, so a run that writes only such reports (and no summary) grades none. */
  showsScores?: boolean;
};

/** A formatter defined by its stream: calling it runs the stream over all results at once. */
export function streamingFormatter(stream: (context: FormatContext) => FormatStream): Formatter {
  const whole = (results: readonly LintResult[], context: FormatContext): string => {
    const s = stream(context);
    let text = s.start?.() ?? '';
    if (s.result) for (const result of results) text += s.result(result);
    return text + (s.end?.() ?? '');
  };
  return Object.assign(whole, { stream });
}

/** The stream of any formatter: its own, or one that collects results and formats them at the end. */
export function openStream(formatter: Formatter, context: FormatContext): FormatStream {
  if (formatter.stream) return formatter.stream(context);
  const results: LintResult[] = [];
  return {
    result: (result) => (results.push(result), ''),
    end: () => formatter(results, context),
  };
}

export interface Totals {
  errors: number;
  warnings: number;
  fatal: number;
  fixable: number;
  /** Problems with a suggestion but no fix: --fix leaves them. */
  suggestible: number;
  /** Changes --fix applied, and changes it refused because they would have made a new problem. */
  applied: number;
  refused: number;
  /** Files reported (a pattern that matched nothing is not a file). */
  files: number;
  /** Files with at least one problem. */
  filesWithProblems: number;
  /** Patterns that matched no file (each a fatal problem under the pattern's name). */
  unmatchedPatterns: number;
  /** Files with a fatal problem (not linted, or not completely). */
  fatalFiles: number;
  /** Files not linted because their text is in another language than the packs'. */
  otherLanguageFiles: number;
}

export function emptyTotals(): Totals {
  return { errors: 0, warnings: 0, fatal: 0, fixable: 0, suggestible: 0, applied: 0, refused: 0, files: 0, filesWithProblems: 0, unmatchedPatterns: 0, fatalFiles: 0, otherLanguageFiles: 0 };
}

/** Add one result to running totals. */
export function addToTotals(sum: Totals, r: LintResult): Totals {
  sum.errors += r.errorCount;
  sum.warnings += r.warningCount;
  sum.fatal += r.fatalErrorCount;
  if (r.unmatchedPattern) {
    sum.unmatchedPatterns++;
    return sum;
  }
  sum.files++;
  if (r.messages.length) sum.filesWithProblems++;
  sum.fixable += r.fixableErrorCount + r.fixableWarningCount;
  sum.applied += r.appliedFixes ?? 0;
  for (const m of r.messages) {
    if (!m.fix && m.suggestions?.length) sum.suggestible++;
    if (m.fixRefused) sum.refused++;
  }
  if (r.fatalErrorCount) sum.fatalFiles++;
  if (r.notLinted?.reason === 'language') sum.otherLanguageFiles++;
  return sum;
}

export function totals(results: readonly LintResult[]): Totals {
  const sum = emptyTotals();
  for (const r of results) addToTotals(sum, r);
  return sum;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
