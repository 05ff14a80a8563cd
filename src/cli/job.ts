// The lint and merge commands: library runners wired to the process — output, progress bar, Ctrl-C, exit status.
// Every run goes results → grade → baseline → --quiet → --redact → reports; a single report streams as results
// arrive (flat memory over an archive), several reports, a summary or html are written once all are in.
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ConfigError } from '../config/errors.js';
import type { Linter } from '../engine/linter.js';
import { IGNORE_FILE } from '../runner/discover.js';
import { plural, type Totals } from '../report/formatter.js';
import { formatFixPreviews } from '../report/fix-preview.js';
import { redactText } from '../report/redact.js';
import { RuleTally } from '../report/rule-stats.js';
import { Baseline, BaselineError } from '../runner/baseline.js';
import { cacheFilePath } from '../runner/cache.js';
import { packageVersion } from '../runner/build-id.js';
import { lintFileBatches, shardTagOf, type LintFilesOptions } from '../runner/lint-files.js';
import { MergeError, mergeReportBatches } from '../runner/merge.js';
import { ProgressBar } from '../runner/progress.js';
import { reportResults, type ResultBatches } from '../runner/report-stream.js';
import { emptyShardResult, parseShard, ShardSyntaxError, type Shard } from '../runner/shard.js';
import type { LintResult, ShardTag } from '../types.js';
import type { CliOptions } from './options.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE } from './exit-codes.js';
import { writeRuleStats } from './commands/stats.js';
import { lintOrFix } from './commands/lint-or-fix.js';
import { LanguageWarning } from './language-warning.js';
import { ReportWriters } from './report-writers.js';
import type { ReportPlan } from './reports.js';
import { terminalSafeLines } from '../report/terminal-text.js';
import { canMoveCursor } from './color.js';
import { describeWriteError, folderSlash } from '../io/write-error.js';

/** Stopped by Ctrl-C (128 + SIGINT, as shells report it); what was linted until then is reported. */
export const EXIT_INTERRUPTED = 130;
/** Stopped by SIGTERM (Kubernetes, systemd, timeout): handled as Ctrl-C is, exiting 128 + 15. */
export const EXIT_TERMINATED = 143;

export interface JobSettings {
  options: CliOptions;
  cwd: string;
  reports: ReportPlan;
  /** Colors for what goes to the terminal (`toStdout`) or elsewhere. */
  color: (toStdout: boolean) => boolean;
}

function say(message: string): void {
  process.stderr.write(`transcript-lint: ${terminalSafeLines(message)}\n`);
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

/** The longest --run-id: a date, a job's name or UID, a CI run's number. */
const MAX_RUN_ID = 200;

/** Checks the run-level options that need no config; returns an error message or the parsed shard. */
export function checkJobOptions(options: CliOptions): { shard?: Shard } | string {
  if (options.baselineUpdate && !options.baseline) return '--baseline-update needs --baseline FILE';
  const slash = folderSlash(options.baseline);
  if (slash) return `--baseline ${options.baseline}: a path ending in "${slash}" names a folder; name a file in it, e.g. --baseline ${options.baseline}baseline.json`;
  if (options.merge && (options.shard || options.cache)) return '--merge combines reports: it takes neither --shard nor --cache';
  if ((options.fix || options.fixDryRun || options.stdin) && (options.shard || options.cache)) return '--shard and --cache are for lint runs over an archive; they do not combine with --fix or --stdin';
  const { runId } = options;
  if (runId !== undefined) {
    if (!options.shard && !options.merge) return '--run-id marks the results of a sharded run (--shard K/N), and --merge checks it; add --shard';
    // It is shown in --merge's messages and compared as written: printable, on one line.
    if (!runId || runId.length > MAX_RUN_ID || /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.test(runId)) {
      return `--run-id: give 1 to ${MAX_RUN_ID} printable characters (a date, a job's name or id), e.g. --run-id 2026-12-02`;
    }
  }
  try {
    return { shard: options.shard === undefined ? undefined : { ...parseShard(options.shard), ...(runId === undefined ? {} : { run: runId }) } };
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
    // Only a damaged baseline is recorded afresh: one that could not be read holds entries of files this run does not
    // lint (other shards', other folders'), which a new one would lose.
    if (!options.baselineUpdate || err.unreadable) return err.message;
    say(`${err.message.split(';')[0]}; recording it afresh`);
    return Baseline.empty(file, options.baseline);
  }
}

/** The name of what stopped a run (its exit status), for the reports; undefined when nothing did. */
function stopName(status: number | undefined): string | undefined {
  return status === undefined ? undefined : status === EXIT_TERMINATED ? 'SIGTERM' : 'Ctrl-C';
}

interface RunControl {
  /** Stopped by Ctrl-C or SIGTERM: the exit status to give, else undefined. */
  stoppedBy: () => number | undefined;
  /** The reader of stdout went away: stop the run. */
  abort: () => void;
  progress?: ProgressBar;
}

async function report(settings: JobSettings, results: ResultBatches, control: RunControl,
  baseline: Baseline | undefined, linter?: Linter, toStderr = false, shard?: ShardTag): Promise<number> {
  const { options, cwd, reports } = settings;
  const version = packageVersion();
  const { progress } = control;
  const writers = new ReportWriters({
    targets: reports.targets,
    cwd,
    context: (color) => ({
      ...reports.context(cwd, version, color), stopped: () => stopName(control.stoppedBy()),
      // A shard that found no files says so in its json or jsonl report, unless it was stopped before it could know.
      emptyShard: shard && (() => (control.stoppedBy() === undefined ? emptyShardResult(shard) : undefined)),
    }),
    color: settings.color,
    dataOnStdout: reports.dataOnStdout,
    summary: reports.summary,
    redact: options.redact,
    toStderr,
    beforeWrite: () => progress?.clear(),
    onClosed: control.abort,
    say,
  });
  if (writers.none) return EXIT_TROUBLE;
  // --stats counts the rules that fired as results pass.
  const fired = options.stats && linter ? new RuleTally() : undefined;
  const wrongLanguage = new LanguageWarning();
  const outcome = await reportResults(results, {
    // Graded before --quiet drops warnings: the score is the call's, not the display's. Merged shard reports carry
    // the score their run gave them. The score is added in place (copying each result cost as much as writing it).
    grade: reports.showsScores ? (result) => {
      if (result.score) return;
      const score = reports.scoreOf(result);
      if (score) result.score = score;
    } : undefined,
    sink: writers,
    quiet: options.quiet,
    baseline,
    baselineUpdate: options.baselineUpdate,
    onResult: (result) => {
      progress?.tick();
      fired?.add(result);
      wrongLanguage.add(result);
    },
  });
  progress?.clear();
  const written = writers.close();
  if (fired && linter && !writers.closed) writeRuleStats(fired, linter, options, reports.dataOnStdout);
  const languageWarning = wrongLanguage.message(linter);
  if (languageWarning) say(languageWarning);
  if (writers.closed) return exitStatus(outcome.totals, -1);
  const stopped = control.stoppedBy();
  if (stopped !== undefined) {
    say(`interrupted: ${plural(outcome.totals.files, 'file')} reported before ${stopped === EXIT_TERMINATED ? 'SIGTERM' : 'Ctrl-C'}`);
    return stopped;
  }
  if (baseline && options.baselineUpdate) {
    try {
      baseline.write(cwd);
    } catch (err) {
      const kept = existsSync(baseline.file) ? '; the previous baseline was kept' : '';
      say(`cannot write the baseline ${options.baseline}: ${describeWriteError(err as NodeJS.ErrnoException)}${kept}`);
      return EXIT_TROUBLE;
    }
    const { problems, files } = baseline.size();
    say(`baseline ${options.baseline}: ${plural(problems, 'problem')} in ${plural(files, 'file')} recorded`);
  } else if (outcome.hidden) {
    say(`${plural(outcome.hidden, 'problem')} recorded in the baseline ${options.baseline} not reported`);
  }
  return written ? exitStatus(outcome.totals, options.maxWarnings) : EXIT_TROUBLE;
}

/** A run that a signal stops, and that stops when stdout's reader goes away (then not as stopped by a signal). */
function stoppable(control: Interruptible, progress?: ProgressBar): RunControl {
  let pipeClosed = false;
  return { stoppedBy: () => (pipeClosed ? undefined : control.stoppedBy()), abort: () => ((pipeClosed = true), control.abort()), progress };
}

interface Interruptible {
  signal: AbortSignal;
  stoppedBy: () => number | undefined;
  abort: () => void;
  dispose: () => void;
}

/**
 * Ctrl-C or SIGTERM once: stop, finish the reports (a complete -o file), save the cache, exit 130 or 143. Twice:
 * leave at once.
 */
function interruptible(): Interruptible {
  const controller = new AbortController();
  let status: number | undefined;
  const handlers = { SIGINT: EXIT_INTERRUPTED, SIGTERM: EXIT_TERMINATED } as const;
  const listeners = Object.entries(handlers).map(([name, exit]) => {
    const onSignal = (): void => {
      if (controller.signal.aborted) process.exit(status ?? exit);
      status = exit;
      controller.abort();
    };
    process.on(name, onSignal);
    return [name, onSignal] as const;
  });
  return {
    signal: controller.signal,
    stoppedBy: () => status,
    abort: () => controller.abort(),
    dispose: () => listeners.forEach(([name, onSignal]) => process.off(name, onSignal)),
  };
}

/**
 * Why a file the run writes would replace a transcript it lints, or undefined: a file named on the command line as a
 * transcript and as a report (`a.txt -o a.txt`), or a report named through a link that leads to a file of a linted
 * folder (`-o r.txt`, r.txt → calls/a.txt). (A report met in a linted folder by its own name is taken as an earlier
 * report, and skipped.)
 */
function transcriptWrittenOver(patterns: readonly string[], ownFiles: readonly string[], cwd: string): string | undefined {
  const real = (path: string): string | undefined => {
    try {
      return realpathSync(resolve(cwd, path));
    } catch {
      return undefined;
    }
  };
  const written = new Set(ownFiles.map(real).filter((path) => path !== undefined));
  const named = patterns.find((pattern) => {
    const path = real(pattern);
    return path !== undefined && written.has(path) && statSync(path).isFile();
  });
  if (named) return `${named} is named as a transcript to lint and as a file this run writes (a report, the baseline or the cache); it is not replaced: write that to another file`;
  const folders = patterns.map(real).filter((path): path is string => path !== undefined && statSync(path).isDirectory());
  for (const file of ownFiles) {
    const target = real(file);
    if (target === undefined || !lstatSync(resolve(cwd, file)).isSymbolicLink()) continue;
    const folder = folders.find((f) => target.startsWith(f.endsWith(sep) ? f : f + sep));
    if (folder && statSync(target).isFile()) return `${file} is a link to ${relative(cwd, target) || target}, a file of the folder this run lints; it is not replaced: write that to another file`;
  }
  return undefined;
}

/**
 * A report, the baseline or the cache named as a pack or config the run loads (`-o pack.yaml`, `--baseline
 * transcript-lint.yaml`), said as such, or undefined: the report replaced the pack, and a baseline read as "not valid
 * JSON" was recorded afresh over it, so that the next run had no rules to load.
 */
function packWrittenOver(named: readonly [what: string, file: string][], linter: Linter | undefined, cwd: string): string | undefined {
  if (!linter) return undefined;
  const real = (path: string): string => {
    try {
      return realpathSync(path);
    } catch {
      return path; // not there yet: written by this run
    }
  };
  const inputs = new Map(linter.config.packs.map((pack) => [real(resolve(cwd, pack.file)), [pack.file, 'a pack or config this run loads']]));
  // The ignore file too: replaced by a report, the next run linted (and --fix rewrote) what it left out.
  inputs.set(real(resolve(cwd, IGNORE_FILE)), [IGNORE_FILE, 'the file of what this run leaves out']);
  for (const [what, file] of named) {
    const input = inputs.get(real(resolve(cwd, file)));
    if (input !== undefined) return `${what} would go to ${file}, ${input[0] === file ? '' : `which is ${input[0]}, `}${input[1]}; it is not replaced: write ${what} to another file`;
  }
  return undefined;
}

/** The files a run writes besides transcripts, each with what it is: its reports, the baseline and the cache. */
function ownFilesOf(settings: JobSettings, cache: string | undefined): [what: string, file: string][] {
  const named: [string, string][] = settings.reports.targets.flatMap((t) => (t.file === undefined ? [] : [[`the ${t.format} report`, t.file]]));
  if (settings.options.baseline) named.push(['the baseline', settings.options.baseline]);
  if (cache) named.push(['the cache', cache]);
  return named;
}

/**
 * Two of the run's own files named as one (`-o r.json --baseline r.json`), said as such, or undefined: the one
 * written last replaced the other without a word (and a baseline or cache read first was lost to the report).
 */
function sameFileTwice(named: readonly [what: string, file: string][], cwd: string): string | undefined {
  const seen = new Map<string, string>();
  for (const [what, file] of named) {
    const path = resolve(cwd, file);
    let real = path;
    try {
      real = realpathSync(path);
    } catch {
      // Not there yet: written by this run.
    }
    const before = seen.get(real);
    if (before) return `${before} and ${what} would both go to ${file}; give each a file of its own`;
    seen.set(real, what);
  }
  return undefined;
}

export async function lintCommand(settings: JobSettings, patterns: string[], runOptions: LintFilesOptions, linter: Linter): Promise<number> {
  const checked = checkJobOptions(settings.options);
  if (typeof checked === 'string') return (say(checked), EXIT_TROUBLE);
  const { options } = settings;
  const named = ownFilesOf(settings, options.cache ? relative(settings.cwd, cacheFilePath(settings.cwd, options.cacheLocation)) : undefined);
  // Reports, the baseline and the cache may lie among the transcripts (a report beside the calls): never linted.
  const ownFiles = named.map(([, file]) => file);
  const overwritten = sameFileTwice(named, settings.cwd) ?? packWrittenOver(named, linter, settings.cwd) ?? transcriptWrittenOver(patterns, ownFiles, settings.cwd);
  if (overwritten) return (say(overwritten), EXIT_TROUBLE);
  const baseline = openBaseline(settings.options, settings.cwd);
  if (typeof baseline === 'string') return (say(baseline), EXIT_TROUBLE);
  const control = interruptible();
  const progress = options.progress && canMoveCursor(process.stderr) ? new ProgressBar(process.stderr) : undefined;
  const pipe = stoppable(control, progress);
  // Which files a run takes, whether it lints or fixes them (--fix fixed files --ignore-pattern had left out).
  const files = { ...runOptions, ownFiles, ignorePatterns: options.ignorePattern, noIgnore: !options.ignore, signal: control.signal };
  try {
    if (options.stdin || options.fix || options.fixDryRun) {
      // Fixing and standard input: lint (and fix) first, show the fixed text or the diff, then the report.
      const run = await lintOrFix(patterns, files, linter, options, settings.cwd);
      if (run.filtered) process.stdout.write(run.filtered);
      // (A reader that left early is not an error here either: see bin/transcript-lint.js.)
      if (run.filteredRest) await pipeline(run.filteredRest, process.stdout, { end: false }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
      });
      if (options.fixDryRun && !settings.reports.dataOnStdout && run.previews.length) {
        const diff = formatFixPreviews(run.previews, settings.color(true));
        process.stdout.write(`${options.redact ? redactText(diff) : diff}\n`);
      }
      // --stdin --fix is a filter: the transcript on stdout, the report on stderr.
      return await report(settings, [run.results], pipe, baseline, linter, Boolean(run.filtered) && !options.outputFile);
    }
    const runOptions = {
      ...files,
      concurrency: options.concurrency,
      cache: options.cache,
      cacheLocation: options.cacheLocation,
      shard: checked.shard,
      onTotal: progress && ((total: number) => progress.setTotal(total)),
    };
    const results = lintFileBatches(patterns, runOptions, linter);
    return await report(settings, results, pipe, baseline, linter, false, shardTagOf(patterns, runOptions, linter));
  } catch (err) {
    // Packs compiled when the first file was linted (their cache vouched for them, so they should compile): said as
    // at the start of a run.
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${terminalSafeLines(err.message)}\n`);
    return EXIT_TROUBLE;
  } finally {
    control.dispose();
  }
}

export async function mergeCommand(settings: JobSettings, reports: string[], linter?: Linter): Promise<number> {
  const checked = checkJobOptions(settings.options);
  if (typeof checked === 'string') return (say(checked), EXIT_TROUBLE);
  if (reports.length === 0) return (say('--merge needs the report files of the shards, e.g. transcript-lint --merge shard-*.jsonl'), EXIT_TROUBLE);
  const named = ownFilesOf(settings, undefined);
  const twice = sameFileTwice(named, settings.cwd) ?? packWrittenOver(named, linter, settings.cwd);
  if (twice) return (say(twice), EXIT_TROUBLE);
  const baseline = openBaseline(settings.options, settings.cwd);
  if (typeof baseline === 'string') return (say(baseline), EXIT_TROUBLE);
  let results: Iterable<readonly LintResult[]>;
  try {
    // Every report is checked before anything is written: a signal until then ends the process, with nothing to undo.
    results = mergeReportBatches(reports, say, settings.options.runId);
  } catch (err) {
    if (err instanceof MergeError) return (say(err.message), EXIT_TROUBLE);
    throw err;
  }
  const control = interruptible();
  try {
    return await report(settings, untilAborted(results, control.signal), stoppable(control), baseline, linter);
  } catch (err) {
    // Only a report that changed while it was merged fails here.
    if (err instanceof MergeError) return (say(err.message), EXIT_TROUBLE);
    throw err;
  } finally {
    control.dispose();
  }
}

/**
 * The batches until `signal` is aborted. Each waits a turn of the event loop: a merge reads its reports in this
 * thread without waiting on anything, so Ctrl-C and SIGTERM were never heard and ended the process where it stood,
 * the -o report half written beside its file.
 */
async function* untilAborted(batches: Iterable<readonly LintResult[]>, signal: AbortSignal): AsyncGenerator<readonly LintResult[]> {
  for (const batch of batches) {
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) return;
    yield batch;
  }
}
