// options → run → exit code. The CLI is a thin layer over the library: Linter, lintFilesStream, formatters
// (src/cli/job.ts wires the lint and merge runs to the process: output, progress, Ctrl-C).
import { CommanderError } from 'commander';
import { FORMATTERS } from '../report/index.js';
import { packageVersion } from '../runner/lint-files.js';
import { buildProgram, type CliOptions } from './options.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE } from './exit-codes.js';
import { authoringCommand } from './commands/authoring.js';
import { createLinterOrReport } from './commands/command-context.js';
import { lintCommand, mergeCommand } from './job.js';

export { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE };

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

  if (!FORMATTERS.has(options.format)) {
    process.stderr.write(`transcript-lint: unknown format "${options.format}"; formats: ${[...FORMATTERS.keys()].join(', ')}\n`);
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
  };
  const command = authoringCommand({ cwd, options, patterns, linterOptions, color: useColor(options.color, false) });
  if (command) return command();
  const job = { options, cwd, context: { cwd, color: useColor(options.color, Boolean(options.outputFile)) } };
  if (options.merge) return mergeCommand(job, patterns);
  if (patterns.length === 0) {
    process.stderr.write('transcript-lint: no files given; name transcript files, folders or globs, e.g. transcript-lint fixtures/\n');
    return EXIT_TROUBLE;
  }

  const linter = createLinterOrReport(linterOptions);
  if (!linter) return EXIT_TROUBLE;
  return lintCommand(job, patterns, linterOptions, linter);
}
