// options → run → exit code. The CLI is a thin layer over the library: Linter, lintFilesStream, formatters.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CommanderError } from 'commander';
import { ConfigError } from '../config/errors.js';
import { Linter } from '../engine/linter.js';
import { FORMATTERS } from '../report/index.js';
import { totals, type FormatContext } from '../report/formatter.js';
import { GroupByError, parseGroupBy, type GroupBy } from '../report/group-by.js';
import { ruleMetas } from '../report/rule-meta.js';
import { scorecardSettings, withScore, type ScorecardSettings } from '../report/scorecard.js';
import { formatSummary } from '../report/summary.js';
import { CONSOLE_FORMATS, parseReportTargets, ReportTargetError, type ReportTarget } from '../report/targets.js';
import { lintFilesStream } from '../runner/lint-files.js';
import type { LintResult } from '../types.js';
import { buildProgram, type CliOptions } from './options.js';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_TROUBLE = 2;

function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

function useColor(option: boolean | undefined, toFile: boolean): boolean {
  if (toFile) return false;
  if (option !== undefined) return option;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(packageVersion()).exitOverride();
  try {
    program.parse(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_TROUBLE;
    throw err;
  }
  const options = program.opts<CliOptions>();
  const patterns = program.processedArgs[0] as string[];
  const cwd = process.cwd();

  let targets: ReportTarget[];
  let groupBy: GroupBy | undefined;
  try {
    targets = parseReportTargets(options.format, options.outputFile);
    if (options.groupBy !== undefined) groupBy = parseGroupBy(options.groupBy);
  } catch (err) {
    if (!(err instanceof ReportTargetError || err instanceof GroupByError)) throw err;
    process.stderr.write(`transcript-lint: ${err.message}\n`);
    return EXIT_TROUBLE;
  }
  if (patterns.length === 0) {
    process.stderr.write('transcript-lint: no files given; name transcript files, folders or globs, e.g. transcript-lint fixtures/\n');
    return EXIT_TROUBLE;
  }

  let linter: Linter;
  const linterOptions = {
    cwd,
    configFile: options.config,
    noConfigLookup: !options.configLookup,
    packs: options.pack,
    rules: options.rule,
    encoding: options.encoding,
    allowUnmatched: !options.errorOnUnmatchedPattern,
    keepSource: targets.some((t) => t.format === 'html'),
  };
  let scorecard: ScorecardSettings;
  try {
    linter = Linter.create(linterOptions);
    scorecard = scorecardSettings(linter.compiled.config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_TROUBLE;
    }
    throw err;
  }

  const rules = ruleMetas(linter.compiled.config);
  const results: LintResult[] = [];
  for await (const result of lintFilesStream(patterns, linterOptions, linter)) {
    // Graded before --quiet drops warnings: the score is the call's, not the display's.
    const scored = withScore(result, rules, scorecard);
    results.push(options.quiet ? onlyErrors(scored) : scored);
  }

  const speakers = linter.compiled.speakers;
  const context: FormatContext = { cwd, color: false, rules, scorecard, groupBy, speakerRole: (label) => speakers.resolve(label), version: packageVersion() };
  const written = writeReports(results, targets, context, options.color);
  if (options.summary || groupBy) {
    // The summary follows a console report on stdout, but never mixes into data that a program reads there.
    const toStdout = written.stdoutFormat === undefined || CONSOLE_FORMATS.has(written.stdoutFormat);
    const summary = formatSummary(results, { ...context, color: toStdout && useColor(options.color, false) });
    (toStdout ? process.stdout : process.stderr).write((written.stdoutFormat ? '\n' : '') + summary);
  }

  const sum = totals(results);
  if (sum.fatal || !written.ok) return EXIT_TROUBLE;
  if (sum.errors) return EXIT_PROBLEMS;
  if (options.maxWarnings >= 0 && sum.warnings > options.maxWarnings) {
    process.stderr.write(`transcript-lint: too many warnings (${sum.warnings}, at most ${options.maxWarnings} allowed)\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/** Write each report where it goes; a file that cannot be written is reported and the others still are. */
function writeReports(results: LintResult[], targets: ReportTarget[], context: FormatContext, colorOption: boolean | undefined): { ok: boolean; stdoutFormat?: string } {
  const withoutSource = results.some((r) => r.source !== undefined) ? results.map(({ source: _text, ...rest }) => rest) : results;
  let ok = true;
  let stdoutFormat: string | undefined;
  for (const target of targets) {
    const shown = target.format === 'html' ? results : withoutSource;
    const report = FORMATTERS.get(target.format)!(shown, { ...context, color: target.file === undefined && useColor(colorOption, false) });
    if (target.file === undefined) {
      process.stdout.write(report);
      stdoutFormat = target.format;
      continue;
    }
    try {
      const path = resolve(context.cwd, target.file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, report);
    } catch (err) {
      process.stderr.write(`transcript-lint: cannot write the ${target.format} report to ${target.file}: ${(err as Error).message}\n`);
      ok = false;
    }
  }
  return { ok, stdoutFormat };
}

function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0, fixableWarningCount: 0 };
}
