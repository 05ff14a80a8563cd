import type { LintResult } from '../types.js';

export interface FormatContext {
  cwd: string;
  /** Colors allowed (a terminal, no NO_COLOR, no --no-color). */
  color: boolean;
}

/**
 * A report written as results arrive, so that memory stays flat however many files a run has. Each hook returns
 * text to write (possibly empty); `result` is called once per file in order, `end` once after the last.
 */
export interface FormatStream {
  start?(): string;
  result?(result: LintResult): string;
  end?(): string;
}

/**
 * A formatter turns all results of a run into the text of one report. One that can write per result also carries
 * `stream`; runners use it when present and otherwise collect the results and call the formatter once.
 */
export type Formatter = ((results: readonly LintResult[], context: FormatContext) => string) & {
  stream?: (context: FormatContext) => FormatStream;
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
  files: number;
}

export function emptyTotals(): Totals {
  return { errors: 0, warnings: 0, fatal: 0, fixable: 0, files: 0 };
}

/** Add one result to running totals. */
export function addToTotals(sum: Totals, r: LintResult): Totals {
  sum.files++;
  sum.errors += r.errorCount;
  sum.warnings += r.warningCount;
  sum.fatal += r.fatalErrorCount;
  sum.fixable += r.fixableErrorCount + r.fixableWarningCount;
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
