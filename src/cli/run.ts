// options → run → exit code. The CLI is a thin layer over the library: Linter, lintFilesStream, formatters.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CommanderError } from 'commander';
import { ConfigError } from '../config/errors.js';
import { Linter } from '../engine/linter.js';
import { FORMATTERS } from '../report/index.js';
import { totals } from '../report/formatter.js';
import { lintFilesStream } from '../runner/lint-files.js';
import { displayPath } from '../runner/discover.js';
import { fixBytes, fixFile, type FixPreview } from '../runner/fix-files.js';
import { lintBytes, readAll } from '../runner/stdin.js';
import { formatFixPreviews } from '../report/fix-preview.js';
import { runWatch } from './watch-view.js';
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

  if (!FORMATTERS.has(options.format)) {
    process.stderr.write(`transcript-lint: unknown format "${options.format}"; formats: ${[...FORMATTERS.keys()].join(', ')}\n`);
    return EXIT_TROUBLE;
  }
  const conflict = conflictingOptions(options, patterns);
  if (conflict) {
    process.stderr.write(`transcript-lint: ${conflict}\n`);
    return EXIT_TROUBLE;
  }
  if (patterns.length === 0 && !options.stdin) {
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
    noInlineConfig: !options.inlineConfig,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
  };
  try {
    linter = Linter.create(linterOptions);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_TROUBLE;
    }
    throw err;
  }

  const color = useColor(options.color, Boolean(options.outputFile));
  const render = (all: LintResult[]): string => FORMATTERS.get(options.format)!(all.map((r) => (options.quiet ? onlyErrors(r) : r)), { cwd, color });
  if (options.watch) return runWatch(patterns, linterOptions, linter, { render, out: process.stdout, err: process.stderr });

  const fixing = options.fix || options.fixDryRun;
  const previews: FixPreview[] = [];
  const results: LintResult[] = [];
  if (options.stdin) {
    const shown = options.stdinFilename ? displayPath(resolve(cwd, options.stdinFilename), cwd) : '<stdin>';
    const bytes = await readAll(process.stdin);
    if (fixing) {
      const fixed = fixBytes(linter, bytes, shown, options.encoding);
      results.push(fixed.result);
      if (fixed.preview) previews.push(fixed.preview);
      // --stdin --fix is a filter: the fixed transcript on stdout (the input unchanged when nothing applies or it
      // cannot be fixed, so `< a > b` never loses text), the report on stderr.
      if (options.fix) process.stdout.write(fixed.bytes ?? bytes);
    } else {
      results.push(lintBytes(linter, bytes, shown, options.encoding));
    }
  } else {
    const lintOne = fixing
      ? (file: string, shown: string): LintResult => {
          const fixed = fixFile(linter, file, shown, { write: options.fix, encoding: options.encoding });
          if (fixed.preview) previews.push(fixed.preview);
          return fixed.result;
        }
      : undefined;
    for await (const result of lintFilesStream(patterns, linterOptions, linter, lintOne)) results.push(result);
  }

  if (options.fixDryRun && options.format !== 'json' && previews.length) process.stdout.write(`${formatFixPreviews(previews, color)}\n`);
  const report = render(results);
  if (options.stdin && options.fix && !options.outputFile) {
    process.stderr.write(report);
  } else if (options.outputFile) {
    const target = resolve(cwd, options.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, report);
  } else {
    process.stdout.write(report);
  }

  const sum = totals(results);
  if (sum.fatal) return EXIT_TROUBLE;
  if (sum.errors) return EXIT_PROBLEMS;
  if (options.maxWarnings >= 0 && sum.warnings > options.maxWarnings) {
    process.stderr.write(`transcript-lint: too many warnings (${sum.warnings}, at most ${options.maxWarnings} allowed)\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/** Options that cannot go together, as a message saying what to do; undefined when all is well. */
function conflictingOptions(options: CliOptions, patterns: string[]): string | undefined {
  if (options.fix && options.fixDryRun) return '--fix writes the files and --fix-dry-run only shows the changes; choose one';
  if (options.stdinFilename !== undefined && !options.stdin) return '--stdin-filename names the transcript read with --stdin; add --stdin';
  if (options.stdin && patterns.length) return '--stdin reads the transcript from standard input; do not also name files';
  if (options.watch && options.stdin) return '--watch watches files; it does not combine with --stdin';
  if (options.watch && (options.fix || options.fixDryRun)) return '--watch does not combine with --fix (an editor may be writing the file); run --fix once when you are ready';
  if (options.watch && options.outputFile) return '--watch redraws the report on the terminal; it does not combine with --output-file';
  return undefined;
}

function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0, fixableWarningCount: 0 };
}
