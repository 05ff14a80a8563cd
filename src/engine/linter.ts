// A loaded configuration, compiled and self-checked once (when first needed), ready to lint any number of transcripts.
import { isMainThread } from 'node:worker_threads';
import { ConfigError, type ConfigIssue } from '../config/errors.js';
import { loadConfig, type LoadOptions, type ResolvedConfig } from '../config/load.js';
import { DEFAULT_MAX_FILE_BYTES, readRegularFile, type ReadOptions } from '../io/read-file.js';
import { parseTranscript, readTranscript } from '../transcript/index.js';
import { DecodeError } from '../transcript/decode.js';
import type { LintMessage, LintResult, Transcript } from '../types.js';
import { compileConfig, type CompiledConfig } from './compile.js';
import { lintTranscript, summarize, type LintTranscriptOptions } from './lint-transcript.js';
import { shownTurns } from './shown-turns.js';

export interface LinterOptions extends LoadOptions {
  /** Force an encoding instead of detecting it. */
  encoding?: string;
  /** Skip checking the rules' own examples (they are checked by default, as prh checks its specs). */
  skipExamples?: boolean;
  /** Ignore inline `transcript-lint-disable…` comments (`--no-inline-config`). */
  noInlineConfig?: boolean;
  /** Report disable directives that suppress nothing (`--report-unused-disable-directives`). */
  reportUnusedDisableDirectives?: boolean;
  /** Keep each transcript's decoded text on its result (`source`), for reports that show transcripts. */
  keepSource?: boolean;
  /** Files larger than this many bytes are reported and skipped (--max-file-size; default 64 MiB; 0: no limit). */
  maxFileBytes?: number;
  /**
   * Work out the changes problems offer (`fix`, `suggestions`, and so the fixable counts); default true. false is
   * for runs whose reports show none of them (compact): messages, their prescribed wording and where they start stay
   * the same, but a problem's end and excerpt may differ where two fixes on one line would have been joined.
   */
  changes?: boolean;
}

export class Linter {
  private constructor(readonly config: ResolvedConfig, private readonly options: LinterOptions) {}

  /** Load the config (discovery, extends, overrides), compile it, and check each rule's examples. */
  static create(options: LinterOptions = {}): Linter {
    const linter = Linter.load(options);
    linter.compile();
    return linter;
  }

  /**
   * Load the config (its mistakes throw), leaving the compile to the first use of `compiled` or to `compile()`: a
   * `--cache` rerun whose files are all cached needs the packs as loaded (the cache's key, the reports' rules) but
   * lints nothing. The compile's own mistakes and the examples' are then found only when it runs.
   */
  static load(options: LinterOptions = {}): Linter {
    return new Linter(loadConfig(options), options);
  }

  private compiledConfig: CompiledConfig | undefined;

  /** The packs compiled (and their examples checked, unless skipped): a ConfigError when they cannot be. */
  compile(): CompiledConfig {
    if (this.compiledConfig) return this.compiledConfig;
    const compiled = (this.compiledConfig = compileConfig(this.config));
    if (this.options.skipExamples || this.config.examplesVerified) return compiled;
    try {
      this.checkExamples();
    } catch (err) {
      // (The examples are linted with the compiled packs: set above, and unset when they fail.)
      this.compiledConfig = undefined;
      throw err;
    }
    return compiled;
  }

  get compiled(): CompiledConfig {
    return this.compiledConfig ?? this.compile();
  }

  /** Whether the packs have been compiled yet. */
  get isCompiled(): boolean {
    return this.compiledConfig !== undefined;
  }

  private wordRules?: Set<string>;

  /** Whether a rule's problems are words of a turn (banned phrases, banned patterns), not a turn or a call. */
  flagsWords(ruleId: string): boolean {
    this.wordRules ??= new Set(this.compiled.rules
      .filter(({ entry: { def } }) => def.kind === 'banned' || (def.kind === 'pattern' && def.mode !== 'required'))
      .map(({ entry }) => entry.id));
    return this.wordRules.has(ruleId);
  }

  lintText(text: string, filePath = '<text>'): LintResult {
    const transcript = parseTranscript(text, filePath, this.compiled.speakers);
    return this.keepSource(lintTranscript(this.compiled, transcript, filePath, this.transcriptOptions()), transcript);
  }

  /** Lint a file; a file that cannot be read or decoded yields a result with one fatal message. */
  lintFile(path: string, displayPath = path): LintResult {
    let bytes: Uint8Array;
    try {
      bytes = readRegularFile(path, this.lendingReadOptions).bytes;
    } catch (err) {
      return fatalResult(displayPath, describeReadError(err as NodeJS.ErrnoException));
    }
    return this.lintBytes(bytes, displayPath);
  }

  /**
   * How this linter reads a transcript: at most --max-file-size, and in the main thread only what the heap can hold,
   * since running out of memory there ends the whole run (in a worker the pool catches it and it costs one file).
   */
  get readOptions(): ReadOptions {
    const max = this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    return { maxBytes: max > 0 ? max : Infinity, heapPerByte: isMainThread ? HEAP_PER_FILE_BYTE : undefined };
  }

  /** readOptions for a caller done with a file's bytes before it reads the next (decoded, hashed, dropped): lent. */
  get lendingReadOptions(): ReadOptions {
    return (this.lending ??= { ...this.readOptions, borrow: true });
  }
  private lending: ReadOptions | undefined;

  /** Lint a file's bytes (decode, choose the format by `displayPath`'s extension or the content, parse, lint). */
  lintBytes(bytes: Uint8Array, displayPath: string): LintResult {
    // (Outside the try: packs that cannot compile are the run's problem, not this file's.)
    const { compiled } = this;
    try {
      const transcript = readTranscript(bytes, displayPath, compiled.speakers, this.options.encoding);
      return this.keepSource(lintTranscript(compiled, transcript, displayPath, this.transcriptOptions()), transcript);
    } catch (err) {
      if (err instanceof DecodeError) return fatalResult(displayPath, err.message, err.line, err.column);
      // One file must never stop a run over an archive: a bug shows as this file's fatal problem.
      const where = err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 2).map((l) => l.trim()).join(' ') : String(err);
      return fatalResult(displayPath, `internal error while linting this file (please report it): ${where}`);
    }
  }

  /** With `keepSource`, the file's text on the result, and for formats not shown line by line, its turns. */
  private keepSource(result: LintResult, transcript: Transcript): LintResult {
    return this.options.keepSource ? Object.assign(result, shownSource(transcript)) : result;
  }

  /** What a report shows of a file whose result came from the cache (text, turns); undefined unless keeping sources. */
  sourceOf(bytes: Uint8Array, displayPath: string): ShownSource | undefined {
    if (!this.options.keepSource) return undefined;
    const { speakers } = this.compiled;
    try {
      return shownSource(readTranscript(bytes, displayPath, speakers, this.options.encoding));
    } catch {
      return undefined;
    }
  }

  /** Made once: every file is linted with the same. */
  private transcriptOptions(): LintTranscriptOptions {
    return (this.perTranscript ??= { directives: { noInlineConfig: this.options.noInlineConfig, reportUnused: this.options.reportUnusedDisableDirectives }, changes: this.options.changes });
  }
  private perTranscript: LintTranscriptOptions | undefined;

  /** The problems one rule finds in a text, whatever its severity: how examples are checked and shown (--explain). */
  problemsOfRule(ruleId: string, text: string, filePath = '<example>'): LintMessage[] {
    const transcript = parseTranscript(text, filePath, this.compiled.speakers);
    return lintTranscript(this.compiled, transcript, filePath, { onlyRule: ruleId }).messages.filter((m) => m.ruleId === ruleId);
  }

  /** Why an example's speakers are unknown (labels no pack defines, or none at all); undefined when all are known. */
  private unknownSpeakers(example: string): string | undefined {
    const { turns } = parseTranscript(example, '<example>', this.compiled.speakers);
    const unknown = [...new Set(turns.filter((t) => t.label && !this.compiled.speakers.resolve(t.label)).map((t) => t.label))];
    if (unknown.length) return `its speaker label${unknown.length > 1 ? 's' : ''} ${unknown.map((l) => `"${l}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} unknown, so ${unknown.length > 1 ? 'their turns count' : 'its turns count'} as "other"`;
    if (turns.length && turns.every((t) => !t.label)) return 'it has no speaker label (write it as "客服: …")';
    return undefined;
  }

  private checkExamples(): void {
    const issues: ConfigIssue[] = [];
    for (const rule of this.compiled.rules) {
      const { examples } = rule.entry.def;
      if (!examples) continue;
      const check = (list: string[] | undefined, expectProblem: boolean, key: 'bad' | 'good'): void => {
        list?.forEach((example, i) => {
          const found = this.problemsOfRule(rule.entry.id, example);
          if (found.length > 0 === expectProblem) return;
          const at = rule.entry.examplesAt ?? rule.entry;
          const where = ['rules', at.key, 'examples', key, i];
          const unknown = this.unknownSpeakers(example);
          if (unknown !== undefined) {
            issues.push(at.pack.yaml.issueAt(where, `this ${key} example of ${rule.entry.id} cannot be judged: ${unknown}`,
              'start each turn with a label the packs know (客服:, 客户:, Agent:, Customer:), or add yours under "speakers:"'));
            return;
          }
          issues.push(at.pack.yaml.issueAt(where,
            expectProblem ? `this bad example of ${rule.entry.id} produces no problem` : `this good example of ${rule.entry.id} produces a problem: ${found[0].message}`,
            'fix the rule or the example; examples are checked every time the pack loads'));
        });
      };
      check(examples.bad, true, 'bad');
      check(examples.good, false, 'good');
    }
    if (issues.length) throw new ConfigError(issues);
  }
}

/**
 * The text that lines and columns point into: the file as the user opens it. Formats whose transcript text is
 * rebuilt from the file (JSON string literals) keep the file's own text as `origin`.
 */
function fileText(transcript: Transcript): string {
  return transcript.origin?.text ?? transcript.text;
}

/** The parts of a result that show the transcript itself, for reports that do (`keepSource`). */
export type ShownSource = Pick<LintResult, 'source' | 'turns'>;

function shownSource(transcript: Transcript): ShownSource {
  return transcript.format === 'plain' ? { source: fileText(transcript) } : { source: fileText(transcript), turns: shownTurns(transcript) };
}

/** Heap a file takes while it is linted, per byte of the file, at most: measured ~31× for an ASR JSON file (parsed
 * objects), ~18× for plain text. */
const HEAP_PER_FILE_BYTE = 32;

export function fatalResult(filePath: string, message: string, line = 0, column = 0): LintResult {
  const fatal: LintMessage = { ruleId: null, severity: 2, fatal: true, message, line, column };
  return summarize(filePath, [fatal]);
}

/** Node reads file names as UTF-8: a GBK or Latin-1 name arrives with U+FFFD in it and cannot be opened by it. */
export const NOT_UTF8_NAME = 'the file name is not valid UTF-8 (shown with \ufffd) and cannot be opened by it; rename the file to UTF-8 (e.g. convmv -f gbk -t utf-8)';

/**
 * A file the run's discovery found (a regular file then) that has gone by the time it is read: removed or moved by
 * another process while the run went on. Said so, where "file not found; check the path" sent one to the command line.
 */
export function describeVanished(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT' && !err.path?.includes('\ufffd')) return 'file not found: it was removed or moved after the run found it, while the run went on (or it is a broken symbolic link); lint it again where it is now';
  return describeReadError(err);
}

export function describeReadError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT': return err.path?.includes('\ufffd') ? NOT_UTF8_NAME : 'file not found (or a broken symbolic link); check the path';
    case 'EACCES':
    case 'EPERM': return 'permission denied; make the file readable for this user (and its folders searchable, x)';
    case 'EISDIR': return 'is a folder, not a transcript';
    case 'ELOOP': return 'symbolic links point at each other in a loop; fix or remove the link';
    case 'ENOTREG': return `${err.message}; only regular files are linted — copy the transcript to a file first`;
    case 'EFBIG': return `${err.message}: skipped; raise --max-file-size to lint it`;
    case 'ENOMEM': return `${err.message}: skipped, so that the other files are linted; give Node more memory (NODE_OPTIONS=--max-old-space-size=MB)`;
    case 'ENOTDIR': return 'a part of the path is a file, not a folder; check the path';
    case 'EIO': return 'input/output error while reading; the disk or network share may be failing';
    default: return `cannot read file: ${err.message}`;
  }
}
