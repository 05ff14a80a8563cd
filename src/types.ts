// Shared shapes that travel along the pipeline: decode → parse → normalize → match → rules → report.

export type Role = 'agent' | 'customer' | 'other';

/** Languages a pack can declare and a transcript can be recognised in (by its script). */
export type PackLanguage = 'zh' | 'en';

/** A half-open range [start, end) of UTF-16 offsets into the decoded file text. */
export interface Span {
  start: number;
  end: number;
}

export interface Turn {
  index: number;
  role: Role;
  /** The speaker label as written (客服, Agent, …). */
  label: string;
  /** Where the turn's text stands in the decoded file: one span per physical line (continuations). */
  segments: Span[];
  /** Seconds from the start of the call, when the transcript has timestamps. */
  start?: number;
  end?: number;
}

/** A turn as a report shows it: who spoke, when, and where its words stand in the file as the user opens it. */
export interface ShownTurn {
  role: Role;
  label: string;
  /** Seconds from the start of the call. */
  start?: number;
  /** One range per line of the file that holds the turn's words: [line, column, endColumn), 1-based, in characters. */
  lines: [number, number, number][];
}

/** A directive comment such as `# transcript-lint-disable-next-line rule-id`, kept for the engine. */
export interface CommentLine {
  line: number; // 1-based
  text: string;
  span: Span;
}

export interface Transcript {
  /** The decoded file text: every offset in the transcript points into it. */
  text: string;
  turns: Turn[];
  comments: CommentLine[];
  /** Call metadata (agent id, call id, …) from front matter or header lines. */
  meta: Record<string, string>;
  /** Problems found while parsing (unknown labels, bad timestamps): reported like rule problems. */
  notices: ParseNotice[];
  /** The file format the transcript was parsed from. */
  format?: 'plain' | 'srt' | 'webvtt' | 'json';
  /**
   * Set when `text` is not the file as the user opens it (JSON, whose string literals hold escapes): the file's
   * text, and for every UTF-16 offset of `text` (plus one past the end) the offset in the file it came from.
   */
  origin?: TextOrigin;
}

export interface TextOrigin {
  text: string;
  offsets: Int32Array;
  /** How replacement text must be written into the file (JSON string escaping). */
  escape(text: string): string;
}

export interface ParseNotice {
  severity: 1 | 2;
  message: string;
  span: Span;
  /** A notice that makes the whole file unusable (binary, malformed JSON). */
  fatal?: boolean;
  /** The span is an offset range of the original file (origin.text), not of the transcript's text. */
  inOrigin?: boolean;
  /** The warning naming speaker labels no pack knows (left out where no speaker at all is known: the error names them). */
  unknownLabels?: boolean;
}

export type SeverityLevel = 0 | 1 | 2;

export interface Fix {
  /** UTF-16 offsets into the decoded text, as in ESLint. */
  range: [number, number];
  text: string;
}

/** A change offered for a problem but never applied by plain --fix: ESLint's suggestion shape. */
export interface Suggestion {
  desc: string;
  fix: Fix;
}

/** One problem, shaped as ESLint's LintMessage so tools that read ESLint JSON read ours. */
export interface LintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  /** A change certain to read right in place: applied by --fix. */
  fix?: Fix;
  /** Changes applied only on request (--fix-type suggestion, --interactive). */
  suggestions?: Suggestion[];
  /** The prescribed wording, when the rule gives one. */
  suggestion?: string;
  /** Why --fix left this problem's change unapplied (it would have made a new problem). */
  fixRefused?: string;
  /** What the turn said at that place. */
  excerpt?: string;
  speaker?: Role;
}

/** Why a message was suppressed: an inline directive, with the reason written after ` -- `. */
export interface Suppression {
  kind: 'directive';
  justification: string;
}

/** A message an inline directive turned off, as ESLint's SuppressedLintMessage. */
export interface SuppressedMessage extends LintMessage {
  suppressions: Suppression[];
}

/** One file's result, shaped as ESLint's LintResult. */
/**
 * Why a rule could not judge a file: it has no timestamps (a timing rule, a scope in seconds), it ends before the reply
 * the rule waits for, or the speaker whose words the rule checks never speaks (a chat nobody answered).
 */
export type NotEvaluatedReason = 'no-timestamps' | 'no-reply' | 'speaker-silent';

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
  /** Call metadata carried from the transcript. */
  meta?: Record<string, string>;
  /** Rules that could not be evaluated on this file: reported as such, never guessed. */
  notEvaluated?: string[];
  /** Why, for each rule of `notEvaluated` (in its order). */
  notEvaluatedReasons?: Record<string, NotEvaluatedReason>;
  /** The fixed text, when linting with fix enabled and something changed. */
  output?: string;
  /** How many changes --fix applied (or --fix-dry-run would apply) to this file. */
  appliedFixes?: number;
  /** The decoded transcript text, kept when a report shows transcripts (the HTML report). */
  source?: string;
  /**
   * Kept with `source` for formats whose file is not one turn per line (SRT, WebVTT, JSON): each turn's speaker
   * and where its words stand in `source`, so that a report shows turns rather than cue numbers and markup.
   */
  turns?: ShownTurn[];
  /**
   * Set on the result that stands for a pattern which matched no file (under the pattern's name, with one fatal
   * message), so that people's reports show it as an error about the command line rather than as a file.
   */
  unmatchedPattern?: boolean;
  /** The call's scorecard grade (see src/report/scorecard.ts); absent when the file could not be linted or was not. */
  score?: Score;
  /** Set when no rule was run on the file, which is then not scored either: see NotLinted. */
  notLinted?: NotLinted;
  /** Set by a run with --shard: which share of which run the result is, so that --merge can tell a missing or foreign shard. */
  shard?: ShardTag;
}

/** A sharded run's mark on each of its results (--merge checks them and drops them). */
export interface ShardTag {
  /** 1-based. */
  index: number;
  count: number;
  /** The packs, rules, result-changing options and build the shard ran with (the cache's key without the working folder). */
  config: string;
  /** The working folder the shard ran in (a hash of its absolute path): the same relative paths elsewhere are other files. */
  folder?: string;
  /**
   * What chose the files (a hash of the paths and patterns named, normalized, the ignore rules — .transcript-lintignore's
   * text, --ignore-pattern, --no-ignore — --follow-symlinks and --no-error-on-unmatched-pattern): shards over other
   * files add up to no run's total.
   */
  files?: string;
  /** `--run-id`: the run the shard belongs to (a night's date, a job's id), so that a report left from another run of the same archive and settings is told apart. */
  run?: string;
  /**
   * On the last result of a shard that lints to its end (not stopped by a signal, killed, or cut short): a report
   * without it is of a shard that did not finish, whose last files are missing.
   */
  last?: true;
  /** On the one result a shard that found no files writes (filePath ".", no messages), which stands for it. */
  empty?: true;
}

/**
 * Why a readable file's rules were not run: it has no agent or customer turn (empty, no labels, or only labels no pack
 * knows), or its text is plainly in
 * another language than the packs were written for (`language:`), where every rule would report the same misses.
 */
export type NotLinted = { reason: 'no-turns' } | { reason: 'language'; transcript: 'zh' | 'en'; packs: 'zh' | 'en' };

/** A call's grade on the pack's scorecard. */
export interface Score {
  /** 0–100: the share of evaluated rules' weight that the call kept; 0 when a critical rule was broken. */
  points: number;
  /** 1–5, from the scorecard's thresholds. */
  stars: number;
  /** A critical rule was broken, or the points fell below the scorecard's pass mark. */
  failed: boolean;
  /** The critical rules the call broke. */
  critical: string[];
}
