// options → run → exit code. The CLI is a thin layer over the library: Linter, lintFilesStream, formatters
// (src/cli/job.ts wires lint and merge runs to the process: reports, progress, Ctrl-C).
import { resolve } from 'node:path';
import { CommanderError } from 'commander';
import { isPackPath } from '../config/load.js';
import { FORMATTERS } from '../report/index.js';
import { redactResults } from '../report/redact.js';
import { reportFileNamedAsPath } from '../report/targets.js';
import { IgnoreFileError, ignoreFileProblem } from '../runner/discover.js';
import { cacheHeaderFor, cacheVouchesForPacks, startStatThreadEarly } from '../runner/lint-files.js';
import { onlyErrors } from '../runner/report-stream.js';
import { packageVersion } from '../runner/build-id.js';
import { encodingLabel, SUPPORTED_ENCODINGS } from '../transcript/decode.js';
import type { LintResult } from '../types.js';
import { buildProgram, type CliOptions } from './options.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE } from './exit-codes.js';
import { authoringCommand } from './commands/authoring.js';
import { createLinterOrReport } from './commands/command-context.js';
import { checkJobOptions, lintCommand, mergeCommand } from './job.js';
import { ReportOptionError, ReportPlan } from './reports.js';
import { runWatch } from './watch-view.js';
import { colorsAllowed } from './color.js';
import { terminalSafeLines } from '../report/terminal-text.js';

export { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE };
export { leaveWhenIdle } from './leave.js';

function useColor(option: boolean | undefined, toFile: boolean): boolean {
  if (toFile) return false;
  if (option !== undefined) return option;
  return colorsAllowed(process.stdout);
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
  try {
    return await runCommand(options, patterns, process.cwd());
  } catch (err) {
    // A .transcript-lintignore that cannot be read, met by --watch or --test-pack as they look for files (a lint run
    // checks it first).
    if (!(err instanceof IgnoreFileError)) throw err;
    process.stderr.write(`transcript-lint: ${terminalSafeLines(err.message)}\n`);
    return EXIT_TROUBLE;
  }
}

async function runCommand(options: CliOptions, patterns: string[], cwd: string): Promise<number> {
  if (options.lsp) return languageServer(options, patterns, cwd);

  let reports: ReportPlan;
  try {
    reports = ReportPlan.fromOptions(options);
  } catch (err) {
    if (!(err instanceof ReportOptionError)) throw err;
    process.stderr.write(`transcript-lint: ${err.message}\n`);
    return EXIT_TROUBLE;
  }
  const jobCheck = checkJobOptions(options);
  const conflict = conflictingOptions(options, patterns) ?? (typeof jobCheck === 'string' ? jobCheck : undefined)
    ?? (options.merge ? undefined : reportFileNamedAsPath(reports.targets, patterns));
  if (conflict) {
    process.stderr.write(`transcript-lint: ${conflict}\n`);
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
    noInlineConfig: !options.inlineConfig,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    keepSource: reports.keepSource,
    maxFileBytes: options.maxFileSize,
    followSymlinks: options.followSymlinks,
  };
  const command = authoringCommand({ cwd, options, patterns, linterOptions, color: useColor(options.color, false) });
  if (command) return command();
  const settings = { options, cwd, reports, color: (toStdout: boolean) => useColor(options.color, !toStdout) };
  if (options.merge) {
    // The shards' config, as they loaded it: the merged report lists its rules (SARIF, HTML) and scores on its
    // scorecard's bands (the summary drew the default bands, and SARIF listed no rules).
    const linter = createLinterOrReport(linterOptions);
    if (!linter || !reports.useLinter(linter)) return EXIT_TROUBLE;
    return mergeCommand(settings, patterns, linter);
  }
  // An ignore file that cannot be read stops the run before any file is linted or fixed (or watched); standard input
  // is held to it only under a name.
  const ignoreProblem = options.stdin && !options.stdinFilename ? undefined
    : ignoreFileProblem({ cwd, ignorePatterns: options.ignorePattern, noIgnore: !options.ignore });
  if (ignoreProblem) {
    process.stderr.write(`transcript-lint: ${terminalSafeLines(ignoreProblem)}\n`);
    return EXIT_TROUBLE;
  }
  // No files named: the working folder, as ESLint does.
  if (patterns.length === 0 && !options.stdin) patterns.push('.');

  const changes = changesWanted(reports, options);
  const lintOptions = changes ? linterOptions : { ...linterOptions, changes };
  // A --cache run leaves the compile to the first file it must lint when its cache vouches for the packs: a rerun over
  // unchanged files never needs it (fixing, standard input and --watch lint at once).
  const cachedRun = options.cache && !options.watch && !options.stdin && !options.fix && !options.fixDryRun;
  // Such a run over many cached files has them stat'ed by a thread of its own: started now, it boots while the config
  // loads (~15–25 ms before the run reaches its cache, where it was started before).
  // (The cache's header is read once for both; the run's cache reads it again as it opens the file.)
  const cacheHeader = cachedRun ? cacheHeaderFor({ cwd, cache: true, cacheLocation: options.cacheLocation }) : undefined;
  if (cachedRun) startStatThreadEarly({ cwd, cache: true, cacheLocation: options.cacheLocation }, cacheHeader);
  const linter = createLinterOrReport(lintOptions, cachedRun ? (loaded) => cacheVouchesForPacks({ ...lintOptions, cache: true, cacheLocation: options.cacheLocation }, loaded, cacheHeader) : undefined);
  if (!linter || !reports.useLinter(linter)) return EXIT_TROUBLE;

  if (options.watch) {
    const color = useColor(options.color, false);
    const console = FORMATTERS.get(reports.consoleFormat)!;
    // Graded before --quiet drops warnings; redacted before any formatter.
    const shown = (all: LintResult[]): LintResult[] => {
      const graded = all.map((result) => reports.grade(result));
      const visible = options.quiet ? graded.map(onlyErrors) : graded;
      return options.redact ? redactResults(visible) : visible;
    };
    return runWatch(patterns, lintOptions, linter, { render: (all) => console(shown(all), { cwd, color, quiet: options.quiet }), out: process.stdout, err: process.stderr });
  }
  return lintCommand(settings, patterns, lintOptions, linter);
}

/**
 * Whether a lint run works out the changes problems offer: when a report shows them, --fix applies them, or a baseline
 * keeps results (its entries must be those of any report). The cache tells per entry whether they were worked out.
 */
export function changesWanted(reports: Pick<ReportPlan, 'showsChanges'>, options: Pick<CliOptions, 'fix' | 'fixDryRun' | 'baseline'>): boolean {
  return reports.showsChanges || Boolean(options.fix || options.fixDryRun || options.baseline);
}

/** --lsp: loaded only when asked for, so that a lint run does not pay for the protocol library. */
async function languageServer(options: CliOptions, patterns: string[], cwd: string): Promise<number> {
  if (patterns.length) {
    process.stderr.write('transcript-lint: --lsp serves the files an editor opens; do not also name files\n');
    return EXIT_TROUBLE;
  }
  const { runLanguageServer } = await import('../lsp/server.js');
  // Paths given on the command line mean what they mean in the folder the editor started the server in.
  const fromHere = (reference: string): string => (isPackPath(reference) ? resolve(cwd, reference) : reference);
  return runLanguageServer({
    configFile: options.config && resolve(cwd, options.config),
    noConfigLookup: !options.configLookup,
    packs: options.pack.map(fromHere),
    rules: options.rule,
    noInlineConfig: !options.inlineConfig,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    maxFileBytes: options.maxFileSize,
  });
}

/** Options that cannot go together, as a message saying what to do; undefined when all is well. */
function conflictingOptions(options: CliOptions, patterns: string[]): string | undefined {
  if (options.fix && options.fixDryRun) return '--fix writes the files and --fix-dry-run only shows the changes; choose one';
  if (options.interactive && !options.fix) return '--interactive asks before each change --fix makes; add --fix';
  if (options.interactive && options.stdin) return '--interactive reads your answers from standard input; it does not combine with --stdin';
  if (options.fixType && !options.fix && !options.fixDryRun) return '--fix-type chooses what --fix (or --fix-dry-run) applies; add --fix';
  if (options.stdinFilename !== undefined && !options.stdin) return '--stdin-filename names the transcript read with --stdin; add --stdin';
  if (options.stdin && patterns.length) return '--stdin reads the transcript from standard input; do not also name files';
  if (options.watch && options.stdin) return '--watch watches files; it does not combine with --stdin';
  if (options.watch && (options.fix || options.fixDryRun)) return '--watch does not combine with --fix (an editor may be writing the file); run --fix once when you are ready';
  if (options.watch && options.outputFile) return '--watch redraws the report on the terminal; it does not combine with --output-file';
  return undefined;
}
