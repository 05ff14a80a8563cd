// The small interface every rule kind implements: compile a rule's options once, then check each transcript.
import type { PathSegment } from '../config/yaml-file.js';
import type { PhraseRef, RuleDef, SpeakerFilter, SpeakerPhraseRef } from '../config/pack-types.js';
import type { FoldTable } from '../text/fold-table.js';
import type { MessagePart } from './message-parts.js';
import type { NotEvaluatedReason, Span, Transcript, Turn } from '../types.js';
import { saysSomething } from '../transcript/spoken.js';

/** A phrase found in a turn, with offsets into the decoded file text. */
export interface Hit {
  turn: number;
  start: number;
  end: number;
  /** The pack's phrase that matched: one of the phrases its alternatives stand for, when it has them. */
  phrase: string;
  /** The phrase as the pack wrote it, when it has alternatives ({太|很}). */
  written?: string;
}

/** Where a hit stands: what rules that compare hits' places (order, follow) read of them. */
export type HitSpan = Pick<Hit, 'turn' | 'start' | 'end'>;

/** A compiled phrase reference: which phrases, and whose turns count. */
export interface PhraseSelector {
  phraseIds: readonly number[];
  speaker: SpeakerFilter;
  /** The selector's number among its config's (0, 1, …): where SelectorHits keeps what of it hit. */
  slot: number;
  /** The rule reports on these matches (phrases, after, if, hold): its `near` / `not-near` apply to them. */
  reported?: boolean;
}

export interface RuleContext {
  transcript: Transcript;
  /** Hits of the selector's phrases in the selector speaker's turns within the rule's scope, minus `except` overlaps, by position. */
  hits(selector: PhraseSelector): Hit[];
  /**
   * How many hits `hits` gives, without making them (counting a million hits of a long call made a million objects).
   * With `enough`: counted only so far, a number of at least `enough` when there are that many (exact below it).
   */
  countHits(selector: PhraseSelector, enough?: number): number;
  /** The turns in the rule's scope for this speaker, in order. */
  turnsInScope(speaker: SpeakerFilter): Turn[];
  /** All turns of this speaker, in order, whatever the rule's scope ('any': every turn). Shared: never changed. */
  turnsOf(speaker: SpeakerFilter): Turn[];
  /** A turn's text folded like phrases are (script, width, case), punctuation kept: same length as the original. */
  foldedText(turn: Turn): string;
  /** The folded texts of the turns joined by "\n" (foldedText of each, joined), made without a string per turn. */
  foldedTexts(turns: readonly Turn[]): string;
  /** The rule found something it cannot judge in this transcript (the call ends before the reply): reported, not guessed. */
  notEvaluated(reason: NotEvaluatedReason): void;
  /** The 1-based line of the file an offset of the transcript's text stands on. */
  lineOf(offset: number): number;
  /**
   * Words the pack wrote (a message, the words of a count) in the script of the transcript: a Traditional call's
   * problems read Traditional (OpenCC's s2t, s2tw or s2hk, as its wordings are). Never what was heard: quoted as said.
   */
  say(text: string): string;
  /**
   * Whether the changes a problem offers (fix, suggested edits) are wanted: false when the run's reports show none
   * (compact), so that rules skip working them out. The prescribed wording (`suggestion`) is always wanted.
   */
  readonly changesWanted: boolean;
}

/** A problem before it is placed: offsets into the decoded text. */
export interface ProblemDraft {
  start: number;
  end: number;
  /** Replaces the rule's message when set. */
  message?: string;
  suggestion?: string;
  /** A change certain to read right in place (from `fix:`): applied by --fix. */
  fix?: Edit;
  /** Changes offered but applied only on request (from `suggest:`). */
  suggestions?: (Edit & { desc: string })[];
}

/** The wording a problem offers: the prescribed words, a fix, edits to suggest (each may be absent). */
export type Offer = Pick<ProblemDraft, 'suggestion' | 'fix' | 'suggestions'>;

/**
 * A draft with every field in place, the absent ones undefined. Rules make drafts only through this (and return them
 * in arrays grown by push, not made by map / filter), so the engine's code that places them meets one shape of draft
 * and one kind of array: drafts of a dozen shapes, spread and extended, and arrays whose elements kind changed once a
 * rule was optimized, had lintTranscript deoptimized and compiled again in every run.
 */
export function problemDraft(start: number, end: number, message?: string, offer?: Offer): ProblemDraft {
  return { start, end, message, suggestion: offer?.suggestion, fix: offer?.fix, suggestions: offer?.suggestions };
}

/** Replace [start, end) of the decoded text by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * A compiled rule's check of one transcript. `triggers`: the rule can find something only where one of these
 * selectors' phrases hits in a turn of the selector's speaker (banned words, the `after` of an order, the `if` of a
 * follow), and finds nothing else there, so a transcript where none does is skipped without running it (most rules,
 * on most files). A rule with a scope is skipped only where none hits at all, whoever says it (see the engine's
 * saidBySpeaker).
 */
export type Check = ((context: RuleContext) => ProblemDraft[]) & { triggers?: readonly PhraseSelector[] };

/** A check that finds nothing unless one of `triggers` hits (see Check). */
export function triggeredBy(triggers: readonly PhraseSelector[], check: (context: RuleContext) => ProblemDraft[]): Check {
  return Object.assign(check, { triggers });
}

export interface RuleBuilder {
  def: RuleDef;
  /** Where the rule stands in its pack, for error positions. */
  path: PathSegment[];
  table: FoldTable;
  phrases(ref: PhraseRef, path: PathSegment[], speaker?: SpeakerFilter): PhraseSelector;
  speakerPhrases(ref: SpeakerPhraseRef, path: PathSegment[]): PhraseSelector;
  /** Report a mistake in the rule's options (at `path` within the rule). */
  error(path: PathSegment[], message: string, hint?: string): void;
  /** The template of a part the rule kind adds to messages, in the language of the rule's pack (see message-parts.ts). */
  part(name: MessagePart): string;
  /** Count a pattern's steps (LinearRegex.steps; undefined: a built-in pattern) against the run's total, at `path` within the rule. */
  patternSteps(path: PathSegment[], steps: number | undefined): void;
}

export interface RuleKind {
  kind: string;
  /** One line for --list-rules and --explain. */
  summary: string;
  /** The kind measures time: on a transcript without timestamps it is reported as not evaluated. */
  needsTimestamps?: boolean;
  /** Every occurrence is its own finding, even several on one line (each piece of personal data to mask). */
  everyOccurrence?: boolean;
  compile(builder: RuleBuilder): Check;
}

/**
 * Words required of a speaker who never speaks in the transcript (a chat the agent never answered, a label with no
 * words after it) cannot be judged: reports the rule as not evaluated and says so. `speaker`: the rule's (ruleSpeaker),
 * read once when the rule compiles (rule definitions come in as many shapes as their options, so a read per call of
 * `def.speaker` was a megamorphic load).
 */
export function speakerAbsent(context: RuleContext, speaker: SpeakerFilter): boolean {
  if (speaker === 'any') return false;
  const { turns, text } = context.transcript;
  // (A loop: `some` with an arrow made a closure per rule and file, ~0.4 KB of a generated call's allocations.)
  for (let i = 0; i < turns.length; i++) if (turns[i].role === speaker && saysSomething(text, turns[i])) return false;
  context.notEvaluated('speaker-silent');
  return true;
}

/** The speaker whose words a rule looks at: its `speaker:`, or any. */
export function ruleSpeaker(def: RuleDef): SpeakerFilter {
  return def.speaker ?? 'any';
}

/** Where a rule's missing phrases are due (dueSpan), told from its definition once, when it compiles. */
export interface DueAt {
  speaker: SpeakerFilter;
  /** A last-turns or last-seconds scope: due in the last turn in scope, not the first. */
  last: boolean;
}

export function dueAt(def: RuleDef): DueAt {
  return { speaker: ruleSpeaker(def), last: Boolean(def.scope?.['last-turns'] || def.scope?.['last-seconds']) };
}

/** Where a missing phrase was due: the first turn in scope (the last one for a last-turns scope). */
export function dueSpan(context: RuleContext, due: DueAt): ProblemDraft {
  const turns = context.turnsInScope(due.speaker);
  const turn = due.last ? turns[turns.length - 1] : turns[0];
  const first = turn?.segments[0];
  return first ? problemDraft(first.start, first.end) : problemDraft(0, 0);
}

export function hitDraft(hit: Hit, message?: string): ProblemDraft {
  return problemDraft(hit.start, hit.end, message);
}

/**
 * A turn's text: its segments joined by "\n". (A loop, not a map / join chain: in optimized code such a chain was
 * deoptimized when the array the inlined map made had another elements kind than the builtin's.)
 */
export function segmentsText(text: string, segments: readonly Span[]): string {
  let joined = '';
  for (let i = 0; i < segments.length; i++) joined += i > 0 ? `\n${text.slice(segments[i].start, segments[i].end)}` : text.slice(segments[i].start, segments[i].end);
  return joined;
}

/** A turn's text joins its segments with "\n": map an index in it back to the file. */
export function turnOffset(segments: readonly { start: number; end: number }[], index: number): number {
  let rest = index;
  for (const segment of segments) {
    const length = segment.end - segment.start;
    if (rest <= length) return segment.start + rest;
    rest -= length + 1;
  }
  return segments[segments.length - 1]?.end ?? 0;
}

/**
 * Up to this many pairs of two rules' hit lists (order's afters and befores, follow's triggers and responses), a rule
 * looks at each pair rather than indexing one list: the index cost more to make than a generated call's few pairs take
 * to look at; past it, the index keeps a long recording's check n·log n.
 */
export const PAIRS_LOOKED_AT = 64;

/**
 * How many leading items satisfy `isBefore`, for items ordered so that it holds for a prefix (binary search):
 * rules over hits stay n·log n in a transcript's length, however many hits a long recording has. With `from` and
 * `to`, within that range (the index where it stops holding, `to` when it holds throughout).
 */
export function partitionPoint<T>(items: ArrayLike<T>, isBefore: (item: T) => boolean, from = 0, to = items.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to this many items, stableSort sorts by insertion. */
const INSERTION_SORT_MAX = 16;

/**
 * Sort `items` in place, stably (as Array.prototype.sort). A few items (what most rules sort per file) are sorted by
 * insertion: the built-in sort first copies the array into a fresh one, and a run sorts a few per rule per file.
 */
export function stableSort<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_SORT_MAX) return items.sort(compare);
  for (let k = 1; k < items.length; k++) {
    const item = items[k];
    let j = k;
    for (; j > 0 && compare(items[j - 1], item) > 0; j--) items[j] = items[j - 1];
    items[j] = item;
  }
  return items;
}

/**
 * The running maximum of `value` over `items`: out[i] is the largest among the first i + 1. With items sorted by one
 * key, "the latest turn / furthest end among those before a point" is one binary search and one look-up.
 */
export function prefixMax<T>(items: readonly T[], value: (item: T) => number): number[] {
  const out = new Array<number>(items.length);
  let max = -Infinity;
  for (let i = 0; i < items.length; i++) out[i] = max = Math.max(max, value(items[i]));
  return out;
}
