// options → run → exit code. The CLI is a thin layer over the library: Linter, lintFilesStream, formatters.
import { createRequire } from 'node:module';
import { CommanderError } from 'commander';
import { redactResults } from '../report/redact.js';
import { totals } from '../report/formatter.js';
import { lintFilesStream } from '../runner/lint-files.js';
import { encodingLabel, SUPPORTED_ENCODINGS } from '../transcript/decode.js';
import type { LintResult } from '../types.js';
import { buildProgram, type CliOptions } from './options.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE } from './exit-codes.js';
import { authoringCommand } from './commands/authoring.js';
import { createLinterOrReport } from './commands/command-context.js';
import { writeRuleStats } from './commands/stats.js';
import { ReportOptionError, ReportPlan } from './reports.js';

export { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE };

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

  let reports: ReportPlan;
  try {
    reports = ReportPlan.fromOptions(options);
  } catch (err) {
    if (!(err instanceof ReportOptionError)) throw err;
    process.stderr.write(`transcript-lint: ${err.message}\n`);
    return EXIT_TROUBLE;
  }
  if (options.encoding && !encodingLabel(options.encoding)) {
    process.stderr.write(`transcript-lint: unknown encoding "${options.encoding}"; use one of ${SUPPORTED_ENCODINGS}\n`);
    return EXIT_TROUBLE;
  }
  const linterOptions = {
    cwd,
    configFile: options.config,
    noConfigLookup: !options.configLookup,
    packs: options.pack,
    rules: options.rule,
    encoding: options.encoding,
    allowUnmatched: !options.errorOnUnmatchedPattern,
    keepSource: reports.keepSource,
  };
  const command = authoringCommand({ cwd, options, patterns, linterOptions, color: useColor(options.color, false) });
  if (command) return command();
  if (patterns.length === 0) {
    process.stderr.write('transcript-lint: no files given; name transcript files, folders or globs, e.g. transcript-lint fixtures/\n');
    return EXIT_TROUBLE;
  }

  const linter = createLinterOrReport(linterOptions);
  if (!linter || !reports.useLinter(linter)) return EXIT_TROUBLE;

  const results: LintResult[] = [];
  for await (const result of lintFilesStream(patterns, linterOptions, linter)) {
    // Graded before --quiet drops warnings: the score is the call's, not the display's.
    const graded = reports.grade(result);
    results.push(options.quiet ? onlyErrors(graded) : graded);
  }

  // Redaction runs on the results, before any formatter: every format gets the masked copy.
  const shown = options.redact ? redactResults(results) : results;
  const written = reports.write(shown, cwd, packageVersion(), (toStdout) => useColor(options.color, !toStdout));
  if (options.stats) writeRuleStats(results, linter, options, reports.dataOnStdout);

  const sum = totals(results);
  if (sum.fatal || !written) return EXIT_TROUBLE;
  if (sum.errors) return EXIT_PROBLEMS;
  if (options.maxWarnings >= 0 && sum.warnings > options.maxWarnings) {
    process.stderr.write(`transcript-lint: too many warnings (${sum.warnings}, at most ${options.maxWarnings} allowed)\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0, fixableWarningCount: 0 };
}
