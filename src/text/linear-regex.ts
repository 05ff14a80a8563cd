// Regular expressions from rule packs and options, on re2js: a JavaScript port of RE2, so matching time is linear
// in the text (no backtracking) and nothing is compiled at install time. Back-references and look-around are
// rejected when the pattern is compiled (re2js's look-behind support stays off), which is what keeps it linear.
import { RE2JS, type Matcher } from 're2js';
import { RegexPrefilter } from './regex-prefilter.js';

export interface RegexMatch {
  index: number;
  /** The whole match. */
  text: string;
  /** The first capture group, when the pattern has one and it took part in the match. */
  group?: { index: number; text: string };
}

/**
 * Patterns known to compile (flags and source): those of the built-in packs, recorded by the build in
 * dist/verified-packs.json. Compiling a pack's ~30 patterns is ~50 ms of start-up (parsing \p{…} classes most of
 * it), and most runs need few of them: a known pattern is compiled when first used, any other one at once, so that
 * a mistake in it is still reported when the pack loads.
 */
const knownToCompile = new Set<string>();
/** Every pattern compiled in this process (the build records them). */
const compiledKeys = new Set<string>();

export function trustPatterns(keys: Iterable<string>): void {
  for (const key of keys) knownToCompile.add(key);
}

export function compiledPatterns(): string[] {
  return [...compiledKeys].sort();
}

export class LinearRegex {
  private compiled: RE2JS | undefined;
  /** What every match must contain, checked before the engine runs (undefined: nothing useful is known). */
  private prefilter: RegexPrefilter | undefined;
  private readonly flags: number;

  /** Throws an Error whose message says what is wrong with the pattern (unless it is known to compile). */
  constructor(readonly source: string, options: { ignoreCase?: boolean; multiline?: boolean } = {}) {
    this.flags = (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (options.multiline ? RE2JS.MULTILINE : 0);
    if (!knownToCompile.has(`${this.flags}:${source}`)) void this.regex;
  }

  private get regex(): RE2JS {
    if (!this.compiled) {
      this.compiled = RE2JS.compile(this.source, this.flags);
      this.prefilter = RegexPrefilter.of(this.compiled);
      compiledKeys.add(`${this.flags}:${this.source}`);
    }
    return this.compiled;
  }

  /** Whether the pattern matches somewhere in `text` (the fastest path: no capture groups are tracked). */
  test(text: string): boolean {
    const regex = this.regex;
    return this.mayMatch(text) && regex.test(text);
  }

  /**
   * Whether some text made of pieces of `text`, folded through `fold` and joined by line breaks, might match (the
   * turns of a transcript, told from its raw text without folding and joining them). True when unknown.
   */
  mayMatchPieces(text: string, fold: Uint16Array): boolean {
    void this.regex;
    return this.prefilter?.mayMatchPieces(text, fold) ?? true;
  }

  /** False when the text lacks what every match contains (see regex-prefilter.ts). */
  private mayMatch(text: string): boolean {
    return this.prefilter === undefined || this.prefilter.mayMatch(text);
  }

  /** The first match in `text` (possibly empty), or undefined. */
  exec(text: string): RegexMatch | undefined {
    const regex = this.regex;
    if (!this.mayMatch(text)) return undefined;
    const matcher = regex.matcher(text);
    return matcher.find() ? matchOf(matcher) : undefined;
  }

  /**
   * The match that starts exactly at `position`, with the span of every group (undefined for a group that took no
   * part); `^` still means the start of `text`. Undefined when no match starts there.
   */
  matchAt(text: string, position: number): ([number, number] | undefined)[] | undefined {
    const regex = this.regex;
    if (!this.mayMatch(text)) return undefined;
    const matcher = regex.matcher(text);
    // The leftmost match at or after `position` starts at it whenever one does.
    if (!matcher.find(position) || matcher.start() !== position) return undefined;
    const groups: ([number, number] | undefined)[] = [];
    for (let g = 0; g <= matcher.groupCount(); g++) groups.push(matcher.start(g) >= 0 ? [matcher.start(g), matcher.end(g)] : undefined);
    return groups;
  }

  /** Every non-empty match, left to right, without overlaps. */
  *matches(text: string): Generator<RegexMatch> {
    const regex = this.regex;
    if (!this.mayMatch(text)) return;
    const matcher = regex.matcher(text);
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
