// The command line: commander turns argv into CliOptions; nothing else happens here.
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_FILE_BYTES, parseByteSize } from '../io/read-file.js';
import type { AuthoringOptions } from './commands/authoring.js';

export interface CliOptions extends AuthoringOptions {
  config?: string;
  pack: string[];
  rule: string[];
  /** `-f NAME` or `-f NAME:FILE`, repeatable. */
  format: string[];
  outputFile?: string;
  summary: boolean;
  groupBy?: string;
  quiet: boolean;
  maxWarnings: number;
  color?: boolean;
  encoding?: string;
  errorOnUnmatchedPattern: boolean;
  configLookup: boolean;
  fix: boolean;
  fixDryRun: boolean;
  inlineConfig: boolean;
  reportUnusedDisableDirectives: boolean;
  stdin: boolean;
  stdinFilename?: string;
  watch: boolean;
  redact: boolean;
  ignorePattern: string[];
  ignore: boolean;
  concurrency: number | 'auto';
  cache: boolean;
  cacheLocation?: string;
  shard?: string;
  merge: boolean;
  baseline?: string;
  baselineUpdate: boolean;
  progress: boolean;
  fixForce: boolean;
  followSymlinks: boolean;
  maxFileSize: number;
  lsp: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < -1) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function concurrency(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (value === 'off') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a number of workers, auto or off');
  return n;
}

function byteSize(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new InvalidArgumentError('expected a size such as 64M, 512K or 1G (0: no limit)');
  return bytes;
}

export function buildProgram(version: string): Command {
  return new Command('transcript-lint')
    .description('Lint call-center transcripts against YAML rule packs (built-in: zh-callcenter).')
    .version(version, '-v, --version')
    .argument('[patterns...]', 'transcript files, folders or globs', [])
    .option('-c, --config <file>', 'use this config instead of looking for transcript-lint.yaml')
    .option('--no-config-lookup', 'do not look for a config file')
    .option('--pack <name|path>', 'add a rule pack (repeatable); without a config, replaces the default pack', collect, [])
    .option('--rule <setting>', "set a rule's severity, e.g. 'zh-callcenter/greet-first: off' (repeatable)", collect, [])
    .option('-f, --format <name[:file]>', 'report format (repeatable; NAME:FILE writes that report to a file): stylish, compact, json, sarif, junit, checkstyle, csv, html', collect, [])
    .option('-o, --output-file <file>', 'write the report (the -f given without a file) to this file instead of stdout')
    .option('--summary', 'also print problems per rule and the score distribution', false)
    .option('--group-by <key>', "summarize per group: agent, meta:FIELD or 'path:REGEX' (implies --summary; groups the HTML report)")
    .option('--quiet', 'report errors only', false)
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (-1: no limit)', wholeNumber, -1)
    .addOption(new Option('--color', 'force colors'))
    .addOption(new Option('--no-color', 'no colors'))
    .option('--encoding <name>', 'read transcripts in this encoding instead of detecting it')
    .option('--redact', 'mask personal data (numbers keep their last 4 digits, e-mail addresses their first letter) in the report', false)
    .option('--no-error-on-unmatched-pattern', 'a pattern that matches no file is not an error')
    .option('--fix', 'apply the suggested wordings to the files, then report what remains', false)
    .option('--fix-force', 'with --fix, also rewrite read-only files and files with several hard links', false)
    .option('--fix-dry-run', 'show what --fix would change (a diff; "output" in json), write nothing', false)
    .option('--no-inline-config', 'ignore transcript-lint-disable/enable comments in transcripts')
    .option('--report-unused-disable-directives', 'report disable comments that suppress no problem', false)
    .option('--stdin', 'lint the transcript on standard input', false)
    .option('--stdin-filename <name>', 'the name (and format) of the transcript read with --stdin')
    .option('--watch', 're-lint the transcripts that change, redrawing the report', false)
    .option('--ignore-pattern <pattern>', 'skip files matching this .gitignore-style pattern (repeatable; adds to .transcript-lintignore)', collect, [])
    .option('--no-ignore', 'read no .transcript-lintignore and apply no --ignore-pattern')
    .option('-L, --follow-symlinks', 'follow symbolic links that lead out of the folders being linted (never written by --fix)', false)
    .option('--max-file-size <size>', 'report and skip transcripts larger than this (K, M, G suffixes; 0: no limit)', byteSize, DEFAULT_MAX_FILE_BYTES)
    .option('--concurrency <n|auto|off>', 'worker threads for large runs (auto: one per core; off: this thread only)', concurrency, 'auto')
    .option('--cache', 'skip files unchanged since the last run with the same packs and options', false)
    .option('--cache-location <path>', 'cache file, or folder to hold .transcript-lint-cache (default: .transcript-lint-cache)')
    .option('--shard <K/N>', 'lint only share K of N (1-based), split by a hash of each path; combine outputs with --merge')
    .option('--merge', 'the arguments are json/jsonl reports of shards: combine them into one report and exit status', false)
    .option('--baseline <file>', 'report only problems not recorded in this baseline file')
    .option('--baseline-update', "record this run's problems in the --baseline file (then nothing recorded is reported)", false)
    .option('--no-progress', 'no progress bar (shown on stderr only when it is a terminal)')
    .option('--stats', 'after the report, count how often each rule fired and list the rules that never fired')
    .option('--list-rules', 'print the rules in effect (kind, severity, message, source) and exit')
    .option('--explain <rule>', 'print one rule in full: phrases, description, example violation and fix, source')
    .option('--init', 'write a starter transcript-lint.yaml in this folder')
    .option('--test-pack <pack>', 'check a pack against fixture transcripts (given after it) that state their expected problems')
    .option('--lsp', 'run as a language server for editors, over stdio (see docs/editors.md)', false)
    // What LSP clients add to a server's command line (vscode-languageclient: --stdio, --clientProcessId=PID).
    .addOption(new Option('--stdio').hideHelp())
    .addOption(new Option('--clientProcessId <pid>').hideHelp())
    .showHelpAfterError('(run transcript-lint --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });
}
