// The command line: commander turns argv into CliOptions; nothing else happens here.
import { Command, InvalidArgumentError, Option } from 'commander';
import { FORMATTERS } from '../report/index.js';
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
  /** What --fix applies: fixes, suggestions or both (default: fixes; with --interactive, both). */
  fixType?: FixType[];
  interactive: boolean;
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
  runId?: string;
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

export type FixType = 'fix' | 'suggestion';

function fixTypes(value: string, previous: FixType[] | undefined): FixType[] {
  const types = value.split(',').map((t) => t.trim()).filter(Boolean);
  const wrong = types.find((t) => t !== 'fix' && t !== 'suggestion');
  if (wrong !== undefined || !types.length) throw new InvalidArgumentError(`expected fix, suggestion or both (fix,suggestion), not "${wrong ?? value}"`);
  return [...new Set([...(previous ?? []), ...(types as FixType[])])];
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < -1) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function concurrency(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (value === 'off') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a number of threads, auto or off');
  return n;
}

/**
 * The program, its options in sections as ESLint's help has them. Defaults are said in the descriptions where they
 * matter: commander's "(default: false)" after every switch is noise.
 */
function byteSize(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new InvalidArgumentError('expected a size such as 64M, 512K or 1G (0: no limit)');
  return bytes;
}

export function buildProgram(version: string): Command {
  const formats = [...FORMATTERS.keys()].join(', ');
  return new Command('transcript-lint')
    .description('Lint call-center transcripts against YAML rule packs (built-in: zh-callcenter).\nWithout files, lints the transcripts in the working folder.')
    .usage('[options] [files, folders or globs...]')
    .argument('[patterns...]', 'transcript files, folders or globs', [])
    .configureHelp({ optionDescription: (option) => option.description, argumentDescription: (argument) => argument.description })
    .optionsGroup('Basic configuration:')
    .option('-c, --config <file>', 'use this config instead of looking for transcript-lint.yaml')
    .option('--no-config-lookup', 'do not look for a config file')
    .option('--pack <name|path>', 'add a rule pack (repeatable); without a config, replaces the default pack', collect, [])
    .option('--rule <setting>', "set a rule's severity, e.g. 'zh-callcenter/greet-first: off' (repeatable)", collect, [])
    .optionsGroup('Output:')
    .option('-f, --format <name[:file]>', `report format: ${formats} (default: stylish; repeatable, NAME:FILE writes that report to a file)`, collect, [])
    .option('-o, --output-file <file>', 'write the report (the -f given without a file) to this file instead of stdout')
    .option('--summary', 'also print problems per rule and the score distribution', false)
    .option('--group-by <key>', "summarize per group: agent, meta:FIELD or 'path:REGEX' (implies --summary; groups the HTML report)")
    .option('--stats', 'after the report, count how often each rule fired and list the rules that never fired')
    .option('--redact', 'mask personal data in the report (numbers keep their last 4 digits, e-mail addresses their first letter)', false)
    .addOption(new Option('--color', 'force colors'))
    .addOption(new Option('--no-color', 'no colors (also when piped, or with NO_COLOR)'))
    .optionsGroup('Handle warnings:')
    .option('--quiet', 'report errors only, without notices', false)
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', wholeNumber, -1)
    .optionsGroup('Fix problems:')
    .option('--fix', 'apply the fixes (changes certain to read right in place) to the files, then report what remains', false)
    .option('--fix-force', 'with --fix, also rewrite read-only files and files with several hard links', false)
    .option('--fix-dry-run', 'show each change --fix would make, as the sentence before and after ("output" in json); write nothing', false)
    .option('--fix-type <types>', 'what --fix applies: fix (changes certain to read right, the default), suggestion, or fix,suggestion', fixTypes)
    .option('--interactive', 'with --fix: ask about each change (fixes and suggestions) before making it', false)
    .optionsGroup('Inline configuration comments:')
    .option('--no-inline-config', 'ignore transcript-lint-disable/enable comments in transcripts')
    .option('--report-unused-disable-directives', 'report disable comments that suppress no problem', false)
    .optionsGroup('Input:')
    .option('--encoding <name>', 'read transcripts in this encoding instead of detecting it')
    .option('--ignore-pattern <pattern>', 'skip files matching this .gitignore-style pattern (repeatable; adds to .transcript-lintignore)', collect, [])
    .option('--no-ignore', 'read no .transcript-lintignore and apply no --ignore-pattern')
    .option('--no-error-on-unmatched-pattern', 'a pattern that matches no file is not an error')
    .option('--stdin', 'lint the transcript on standard input', false)
    .option('--stdin-filename <name>', 'the name (and format) of the transcript read with --stdin')
    .option('-L, --follow-symlinks', 'follow symbolic links that lead out of the folders being linted (never written by --fix)', false)
    .option('--max-file-size <size>', 'report and skip transcripts larger than this (K, M, G suffixes; 0: no limit)', byteSize, DEFAULT_MAX_FILE_BYTES)
    .optionsGroup('Large runs:')
    .option('--concurrency <n|auto|off>', 'threads that lint: this one and N-1 workers (auto, the default: one per idle core; off: this thread only)', concurrency, 'auto')
    .option('--cache', 'skip files unchanged since the last run with the same packs and options', false)
    .option('--cache-location <path>', 'cache file, or folder to hold .transcript-lint-cache (default: .transcript-lint-cache)')
    .option('--shard <K/N>', 'lint only share K of N (1-based), split by a hash of each path; combine outputs with --merge')
    .option('--run-id <id>', "with --shard: the run the shard belongs to (a night's date, a job's id), carried in its report; with --merge: refuse shards of another run")
    .option('--merge', 'the arguments are json/jsonl reports of shards: combine them into one report and exit status', false)
    .option('--baseline <file>', 'report only problems not recorded in this baseline file')
    .option('--baseline-update', "record this run's problems in the --baseline file (then nothing recorded is reported)", false)
    .option('--no-progress', 'no progress bar (shown on stderr only when it is a terminal)')
    .optionsGroup('Writing packs:')
    .option('--init', 'write a starter transcript-lint.yaml in this folder')
    .option('--list-rules', 'print the rules in effect (kind, severity, message, source) and exit')
    .option('--explain <rule>', 'print one rule in full: phrases, description, example violations, good examples, fix entries, source')
    .option('--test-pack <pack>', 'check a pack against fixture transcripts (given after it) that state their expected problems')
    .optionsGroup('Editors:')
    .option('--lsp', 'run as a language server for editors, over stdio (see docs/editors.md)', false)
    // What LSP clients add to a server's command line (vscode-languageclient: --stdio, --clientProcessId=PID).
    .addOption(new Option('--stdio').hideHelp())
    .addOption(new Option('--clientProcessId <pid>').hideHelp())
    .optionsGroup('Miscellaneous:')
    .option('--watch', 're-lint the transcripts that change, redrawing the report', false)
    .version(version, '-v, --version', 'print the version number')
    .helpOption('-h, --help', 'show this help')
    .showHelpAfterError('(run transcript-lint --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });
}
