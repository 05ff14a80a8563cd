// The lint and merge commands: library runners wired to the process — output, progress bar, Ctrl-C, exit status.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Linter } from '../engine/linter.js';
import { FORMATTERS } from '../report/index.js';
import { openStream, plural, type FormatContext, type Totals } from '../report/formatter.js';
import { Baseline, BaselineError } from '../runner/baseline.js';
import { lintFilesStream, type LintFilesOptions } from '../runner/lint-files.js';
import { MergeError, mergeReports } from '../runner/merge.js';
import { ProgressBar } from '../runner/progress.js';
import { reportResults } from '../runner/report-stream.js';
import { parseShard, ShardSyntaxError, type Shard } from '../runner/shard.js';
import type { LintResult } from '../types.js';
import type { CliOptions } from './options.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE } from './exit-codes.js';
import { writeRuleStats } from './commands/stats.js';
import { ReportOutput } from './output.js';

/** Stopped by Ctrl-C (128 + SIGINT, as shells report it); what was linted until then is reported. */
export const EXIT_INTERRUPTED = 130;

export interface JobSettings {
  options: CliOptions;
  cwd: string;
  context: FormatContext;
}

function say(message: string): void {
  process.stderr.write(`transcript-lint: ${message}\n`);
}

export function exitStatus(sum: Totals, maxWarnings: number): number {
  if (sum.fatal) return EXIT_TROUBLE;
  if (sum.errors) return EXIT_PROBLEMS;
  if (maxWarnings >= 0 && sum.warnings > maxWarnings) {
    say(`too many warnings (${sum.warnings}, at most ${maxWarnings} allowed)`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/** Checks the run-level options that need no config; returns an error message or the parsed shard. */
export function checkJobOptions(options: CliOptions): { shard?: Shard } | string {
  if (options.baselineUpdate && !options.baseline) return '--baseline-update needs --baseline FILE';
  if (options.merge && (options.shard || options.cache)) return '--merge combines reports: it takes neither --shard nor --cache';
  try {
    return { shard: options.shard === undefined ? undefined : parseShard(options.shard) };
  } catch (err) {
    if (err instanceof ShardSyntaxError) return err.message;
    throw err;
  }
}

function openBaseline(options: CliOptions, cwd: string): Baseline | undefined | string {
  if (!options.baseline) return undefined;
  const file = resolve(cwd, options.baseline);
  if (options.baselineUpdate && !existsSync(file)) return Baseline.empty(file, options.baseline);
  try {
    return Baseline.read(file, options.baseline);
  } catch (err) {
    if (!(err instanceof BaselineError)) throw err;
    if (!options.baselineUpdate) return err.message;
    say(`${err.message.split(';')[0]}; recording it afresh`);
    return Baseline.empty(file, options.baseline);
  }
}

interface RunControl {
  /** Stopped by Ctrl-C. */
  aborted: () => boolean;
  /** The reader of stdout went away: stop the run. */
  abort: () => void;
  progress?: ProgressBar;
}

async function report(settings: JobSettings, results: AsyncIterable<LintResult> | Iterable<LintResult>, control: RunControl, baseline: Baseline | undefined, linter?: Linter): Promise<number> {
  const { options, cwd, context } = settings;
  const output = new ReportOutput(options.outputFile ? resolve(cwd, options.outputFile) : undefined, control.abort);
  const { progress } = control;
  const write = (text: string): void => {
    progress?.clear();
    output.write(text);
  };
  const formatter = FORMATTERS.get(options.format)!;
  // --stats needs every result: the one option that keeps them all in memory.
  const kept: LintResult[] | undefined = options.stats && linter ? [] : undefined;
  const outcome = await reportResults(results, {
    stream: openStream(formatter, context),
    write,
    quiet: options.quiet,
    baseline,
    baselineUpdate: options.baselineUpdate,
    onResult: (result) => {
      progress?.tick();
      kept?.push(result);
    },
  });
  progress?.clear();
  output.end();
  if (kept && linter && !output.closed) writeRuleStats(kept, linter, options);
  if (output.closed) return exitStatus(outcome.totals, -1);
  if (control.aborted()) {
    say(`interrupted: ${plural(outcome.totals.files, 'file')} reported before Ctrl-C`);
    return EXIT_INTERRUPTED;
  }
  if (baseline && options.baselineUpdate) {
    baseline.write(cwd);
    const { problems, files } = baseline.size();
    say(`baseline ${options.baseline}: ${plural(problems, 'problem')} in ${plural(files, 'file')} recorded`);
  } else if (outcome.hidden) {
    say(`${plural(outcome.hidden, 'problem')} recorded in the baseline ${options.baseline} not reported`);
  }
  return exitStatus(outcome.totals, options.maxWarnings);
}

/** Ctrl-C once: stop, report what was done, exit 130. Twice: leave at once. */
function interruptible(): { signal: AbortSignal; aborted: () => boolean; abort: () => void; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  return {
    signal: controller.signal,
    aborted: () => controller.signal.aborted,
    abort: () => controller.abort(),
    dispose: () => process.off('SIGINT', onSignal),
  };
}

export async function lintCommand(settings: JobSettings, patterns: string[], runOptions: LintFilesOptions, linter: Linter): Promise<number> {
  const checked = checkJobOptions(settings.options);
  if (typeof checked === 'string') return (say(checked), EXIT_TROUBLE);
  const baseline = openBaseline(settings.options, settings.cwd);
  if (typeof baseline === 'string') return (say(baseline), EXIT_TROUBLE);
  const { options } = settings;
  const control = interruptible();
  let pipeClosed = false;
  const progress = options.progress && process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  try {
    const results = lintFilesStream(patterns, {
      ...runOptions,
      ignorePatterns: options.ignorePattern,
      noIgnore: !options.ignore,
      concurrency: options.concurrency,
      cache: options.cache,
      cacheLocation: options.cacheLocation,
      shard: checked.shard,
      signal: control.signal,
      onTotal: progress && ((total) => progress.setTotal(total)),
    }, linter);
    const pipe = { aborted: () => control.aborted() && !pipeClosed, abort: () => ((pipeClosed = true), control.abort()), progress };
    return await report(settings, results, pipe, baseline, linter);
  } finally {
    control.dispose();
  }
}

export async function mergeCommand(settings: JobSettings, reports: string[]): Promise<number> {
  const checked = checkJobOptions(settings.options);
  if (typeof checked === 'string') return (say(checked), EXIT_TROUBLE);
  if (reports.length === 0) return (say('--merge needs the report files of the shards, e.g. transcript-lint --merge shard-*.jsonl'), EXIT_TROUBLE);
  const baseline = openBaseline(settings.options, settings.cwd);
  if (typeof baseline === 'string') return (say(baseline), EXIT_TROUBLE);
  let results: LintResult[];
  try {
    results = mergeReports(reports, say);
  } catch (err) {
    if (err instanceof MergeError) return (say(err.message), EXIT_TROUBLE);
    throw err;
  }
  return report(settings, results, { aborted: () => false, abort: () => {} }, baseline);
}
