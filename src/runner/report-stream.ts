// Results → baseline → quiet → reports, one result at a time: what a run or a merge prints and counts.
import type { Totals } from '../report/formatter.js';
import { addToTotals, emptyTotals } from '../report/formatter.js';
import type { LintResult } from '../types.js';
import type { Baseline } from './baseline.js';

/** Where results are reported, one at a time (the CLI's open reports, cli/report-writers.ts). */
export interface ResultSink {
  start(): void;
  result(result: LintResult): void;
  end(): void;
}

export interface ReportOptions {
  sink: ResultSink;
  /** Called first for each result: what is added to it before anything reads it (a callback, not another async
   * generator around the results: each layer of those cost ~1 µs per file). */
  grade?: (result: LintResult) => void;
  /** Errors only. */
  quiet?: boolean;
  baseline?: Baseline;
  /** Record every result's problems in the baseline before filtering (--baseline-update). */
  baselineUpdate?: boolean;
  /** Called for each result as it is reported (progress). */
  onResult?: (result: LintResult) => void;
}

export interface ReportOutcome {
  /** Of what was reported (after the baseline and --quiet). */
  totals: Totals;
  /** Problems hidden because the baseline records them. */
  hidden: number;
}

/** Results in order, in batches (lintFileBatches): one step of the iteration for many results. */
export type ResultBatches = AsyncIterable<readonly LintResult[]> | Iterable<readonly LintResult[]>;

export async function reportResults(batches: ResultBatches, options: ReportOptions): Promise<ReportOutcome> {
  const { sink, baseline } = options;
  const sum = emptyTotals();
  let hidden = 0;
  sink.start();
  for await (const batch of batches) {
    for (let result of batch) {
      options.grade?.(result);
      if (baseline) {
        if (options.baselineUpdate) baseline.record(result);
        const filtered = baseline.filter(result);
        result = filtered.result;
        hidden += filtered.hidden;
      }
      if (options.quiet) result = onlyErrors(result);
      addToTotals(sum, result);
      sink.result(result);
      options.onResult?.(result);
    }
  }
  sink.end();
  return { totals: sum, hidden };
}

export function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  if (messages.length === result.messages.length && result.warningCount === 0) return result;
  return { ...result, messages, warningCount: 0, fixableWarningCount: 0 };
}
