// Regular expressions from rule packs and options, on re2js: a JavaScript port of RE2, so matching time is linear
// in the text (no backtracking) and nothing is compiled at install time. Back-references and look-around are
// rejected when the pattern is compiled (re2js's look-behind support stays off), which is what keeps it linear.
import { RE2JS, type Matcher } from 're2js';

export interface RegexMatch {
  index: number;
  /** The whole match. */
  text: string;
  /** The first capture group, when the pattern has one and it took part in the match. */
  group?: { index: number; text: string };
}

export class LinearRegex {
  private readonly regex: RE2JS;

  /** Throws an Error whose message says what is wrong with the pattern. */
  constructor(readonly source: string, options: { ignoreCase?: boolean; multiline?: boolean } = {}) {
    this.regex = RE2JS.compile(source, (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (options.multiline ? RE2JS.MULTILINE : 0));
  }

  /** Whether the pattern matches somewhere in `text` (the fastest path: no capture groups are tracked). */
  test(text: string): boolean {
    return this.regex.test(text);
  }

  /** The first match in `text` (possibly empty), or undefined. */
  exec(text: string): RegexMatch | undefined {
    const matcher = this.regex.matcher(text);
    return matcher.find() ? matchOf(matcher) : undefined;
  }

  /** Every non-empty match, left to right, without overlaps. */
  *matches(text: string): Generator<RegexMatch> {
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
