// A pack's RE2 pattern, made ready for the turns it runs on: folded in script and width as their texts are (so a
// Simplified pattern matches Traditional text); case is left to the i flag, so that \D, \S, \W keep meaning.
import type { PathSegment } from '../config/yaml-file.js';
import { foldTable, PATTERN_FOLD } from '../text/fold-table.js';
import { LinearRegex } from '../text/linear-regex.js';
import { foldString } from '../text/normalize.js';
import type { RuleBuilder } from './rule-kind.js';

export interface PackPattern {
  regex: LinearRegex;
  /** The folded source, for variants of the same pattern. */
  source: string;
  ignoreCase: boolean;
}

/** The compiled pattern; undefined, with the mistake reported at `path`, when it cannot be used. */
export function compilePackPattern(builder: RuleBuilder, pattern: string, path: PathSegment[]): PackPattern | undefined {
  const ignoreCase = builder.table.fold['A'.charCodeAt(0)] === 'a'.charCodeAt(0);
  const source = foldString(pattern, foldTable(PATTERN_FOLD));
  try {
    const regex = new LinearRegex(source, { ignoreCase });
    builder.patternSteps(path, regex.steps);
    return { regex, source, ignoreCase };
  } catch (err) {
    builder.error(path, `pattern cannot be used: ${(err as Error).message}`,
      'patterns use RE2 syntax: no look-around and no back-references, which is what keeps matching linear-time');
    return undefined;
  }
}
