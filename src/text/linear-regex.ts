// Regular expressions from rule packs and options, on re2js: a JavaScript port of RE2, so matching time is linear
// in the text (no backtracking) and nothing is compiled at install time. Back-references and look-around are
// rejected when the pattern is compiled (re2js's look-behind support stays off), which is what keeps it linear.
import { RE2JS, type Matcher } from 're2js';
import { RegexPrefilter, type ConditionData } from './regex-prefilter.js';

export interface RegexMatch {
  index: number;
  /** The whole match. */
  text: string;
  /** The first capture group, when the pattern has one and it took part in the match. */
  group?: { index: number; text: string };
}

/**
 * Patterns known to compile (flags and source) → their prefilter's conditions: those of the built-in packs,
 * recorded by the build in dist/verified-packs/compiled.json. Compiling a pack's ~30 patterns is ~50 ms of start-up (parsing
 * \p{…} classes most of it), and most runs need few of them: a known pattern is compiled when first run, any other
 * one at once, so that a mistake in it is still reported when the pack loads. With its recorded filter, a known
 * pattern is not compiled to tell that a transcript lacks what it needs (mayMatchPieces).
 */
const knownToCompile = new Map<string, readonly ConditionData[]>();
/** Every pattern compiled in this process (the build records them). */
const compiledPatterns = new Map<string, RE2JS>();

/** The steps each pattern known to compile spells out to, recorded by the build (see MAX_TOTAL_PROGRAM_SIZE). */
const knownSteps = new Map<string, number>();

/** Patterns known to compile, by key (flags:source) → the conditions of their filters ([]: none), and their steps. */
export function trustPatterns(patterns: Record<string, readonly ConditionData[]>, steps: Record<string, number> = {}): void {
  for (const [key, conditions] of Object.entries(patterns)) knownToCompile.set(key, conditions);
  for (const [key, count] of Object.entries(steps)) knownSteps.set(key, count);
}

/** Patterns known to compile, and their steps, as trustPatterns takes them. */
export interface TrustedPatterns {
  patterns: Record<string, readonly ConditionData[]>;
  steps: Record<string, number>;
}

/** Trusted patterns not read yet (trustPatternsWhenNeeded). */
let trustLater: (() => TrustedPatterns) | undefined;

/**
 * Trust the patterns `load` gives, read when the first pattern is made: a run that makes none (a rerun whose cache
 * vouches for its packs) never reads them.
 */
export function trustPatternsWhenNeeded(load: () => TrustedPatterns): void {
  trustLater = load;
}

function settleTrust(): void {
  const load = trustLater;
  if (!load) return;
  trustLater = undefined;
  const { patterns, steps } = load();
  trustPatterns(patterns, steps);
}

/** Each pattern compiled in this process (flags:source, sorted) → the steps it spells out to. */
export function compiledPatternSteps(): Record<string, number> {
  const keys = [...compiledPatterns.keys()].sort();
  return Object.fromEntries(keys.map((key) => [key, compiledPatterns.get(key)!.programSize()]));
}

/** Each pattern compiled in this process (flags:source, sorted) → its filter's conditions ([]: none). */
export function compiledPatternFilters(): Record<string, ConditionData[]> {
  const keys = [...compiledPatterns.keys()].sort();
  return Object.fromEntries(keys.map((key) => [key, RegexPrefilter.of(compiledPatterns.get(key))?.data() ?? []]));
}

/**
 * The most steps (RE2 program instructions) a pattern may spell out to. Matching is linear in the text, at a cost per
 * character of up to one step each: the length cap (MAX_PATTERN_LENGTH, 1,000 characters) meant to bound that cost,
 * but a counted repetition spells out what it follows n times, so [\p{L}\p{N}]{1000} written 50 times (900
 * characters) was 50,000 steps, and one 60,000-character line took 250 s. A literal at the length cap is about 1,000
 * steps; the built-in packs' largest pattern under 200.
 */
export const MAX_PROGRAM_SIZE = 2000;

/**
 * The most steps the patterns of a run's packs may spell out to together, rule patterns and fix patterns, the
 * built-in packs' included: zh-callcenter's come to about 1,700 (35 of them in rule patterns), en-callcenter's to about
 * 2,500 (its three rude-clause fixes ~800 each), all four packs' to about 4,250 — so a bilingual team loading both call
 * packs has ~5,750 left for its own. Each pattern costs every character of the turns it runs on up to its steps (about
 * 85 ns a step and character when a hostile pattern keeps them all busy), so MAX_PROGRAM_SIZE alone let a pack of
 * 50,000 patterns of 2,000 steps each cost a 1 MB line some 10^14 steps: months. At this cap a hostile pack costs a
 * 100,000-character turn at most about 80 s, and a 1 MB line (MAX_LINE_LENGTH; a JSON transcript's turn may be longer)
 * about 14 minutes; the built-in zh pack lints such a line in 2.6 s.
 */
export const MAX_TOTAL_PROGRAM_SIZE = 10_000;

export class LinearRegex {
  private compiled: RE2JS | undefined;
  /** What every match must contain, checked before the engine runs (undefined: nothing useful is known). */
  private prefilter: RegexPrefilter | undefined;
  private prefilterMade = false;
  private readonly flags: number;
  private readonly key: string;

  /** Throws an Error whose message says what is wrong with the pattern (unless it is known to compile). */
  constructor(readonly source: string, options: { ignoreCase?: boolean; multiline?: boolean } = {}) {
    this.flags = (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (options.multiline ? RE2JS.MULTILINE : 0);
    this.key = `${this.flags}:${source}`;
    settleTrust();
    // A pattern known to compile is compiled when first run; its steps are the build's record.
    this.steps = knownToCompile.has(this.key) ? knownSteps.get(this.key) : this.regex.programSize();
  }

  /** The steps the pattern spells out to (undefined: known to compile, and not recorded): what a run's patterns cost together is capped too. */
  readonly steps: number | undefined;

  private get regex(): RE2JS {
    if (!this.compiled) {
      const compiled = RE2JS.compile(this.source, this.flags);
      const steps = compiled.programSize();
      if (steps > MAX_PROGRAM_SIZE) {
        throw new Error(`it spells out to ${steps.toLocaleString('en')} steps (at most ${MAX_PROGRAM_SIZE.toLocaleString('en')}): a counted repetition {n} repeats what it follows n times, and matching costs each character up to one step each; use smaller counts, or * and +`);
      }
      this.compiled = compiled;
      compiledPatterns.set(this.key, this.compiled);
    }
    return this.compiled;
  }

  /** The prefilter: from the build's record for a known pattern, else from the compiled pattern. */
  private get filter(): RegexPrefilter | undefined {
    if (!this.prefilterMade) {
      const recorded = knownToCompile.get(this.key);
      this.prefilter = recorded ? RegexPrefilter.fromData(recorded) : RegexPrefilter.of(this.regex);
      this.prefilterMade = true;
    }
    return this.prefilter;
  }

  /** Whether the pattern matches somewhere in `text` (the fastest path: no capture groups are tracked). */
  test(text: string): boolean {
    return this.mayMatch(text) && this.regex.test(text);
  }

  /**
   * Whether some text made of pieces of `text`, folded through `fold` and joined by line breaks, might match (the
   * turns of a transcript, told from its raw text without folding and joining them). True when unknown.
   */
  mayMatchPieces(text: string, fold: Uint16Array): boolean {
    return this.filter?.mayMatchPieces(text, fold) ?? true;
  }

  /**
   * When every match starts a line (`^` or \A on every path to it): whether a line of a text folded through `fold`
   * may hold one, told from the raw unit it starts with. Undefined otherwise.
   */
  lineStartTest(fold: Uint16Array): ((unit: number) => boolean) | undefined {
    return this.filter?.lineStartTest(fold);
  }

  /** False when the text lacks what every match contains (see regex-prefilter.ts). */
  private mayMatch(text: string): boolean {
    const filter = this.filter;
    return filter === undefined || filter.mayMatch(text);
  }

  /** The first match in `text` (possibly empty), or undefined. */
  exec(text: string): RegexMatch | undefined {
    if (!this.mayMatch(text)) return undefined;
    const matcher = this.regex.matcher(text);
    return matcher.find() ? matchOf(matcher) : undefined;
  }

  /**
   * The match that starts exactly at `position`, with the span of every group (undefined for a group that took no
   * part); `^` still means the start of `text`. Undefined when no match starts there.
   */
  matchAt(text: string, position: number): ([number, number] | undefined)[] | undefined {
    // What a match from `position` on needs is looked for from there on: a fix tried at each of a long turn's problems
    // read the turn from its start each time (its square in all).
    if (!this.mayMatch(position > 0 ? text.slice(position) : text)) return undefined;
    const matcher = this.regex.matcher(text);
    // The leftmost match at or after `position` starts at it whenever one does.
    if (!matcher.find(position) || matcher.start() !== position) return undefined;
    const groups: ([number, number] | undefined)[] = [];
    for (let g = 0; g <= matcher.groupCount(); g++) groups.push(matcher.start(g) >= 0 ? [matcher.start(g), matcher.end(g)] : undefined);
    return groups;
  }

  /**
   * The leftmost match that starts at or after `position`, with the span of every group (undefined for a group that
   * took no part); undefined when none does. Its groups are those matchAt gives at the match's start: the search
   * prefers, among the matches starting at one position, the same one whichever position it began at. So a caller
   * trying several starts in increasing order needs one search for all the starts up to the match's (none of those
   * before it has a match), where matchAt searched the text after each start again.
   */
  matchFrom(text: string, position: number): ([number, number] | undefined)[] | undefined {
    if (!this.mayMatch(position > 0 ? text.slice(position) : text)) return undefined;
    const matcher = this.regex.matcher(text);
    if (!matcher.find(position)) return undefined;
    const groups: ([number, number] | undefined)[] = [];
    for (let g = 0; g <= matcher.groupCount(); g++) groups.push(matcher.start(g) >= 0 ? [matcher.start(g), matcher.end(g)] : undefined);
    return groups;
  }

  /** Every non-empty match, left to right, without overlaps. */
  *matches(text: string): Generator<RegexMatch> {
    if (!this.mayMatch(text)) return;
    const matcher = this.regex.matcher(text);
    while (matcher.find()) {
      if (matcher.end() > matcher.start()) yield matchOf(matcher);
    }
  }
}

function matchOf(matcher: Matcher): RegexMatch {
  const groupIndex = matcher.groupCount() > 0 ? matcher.start(1) : -1;
  const group = groupIndex >= 0 ? { index: groupIndex, text: matcher.group(1) ?? '' } : undefined;
  return { index: matcher.start(), text: matcher.group() ?? '', group };
}
