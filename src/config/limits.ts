// Caps on what a pack may hold, checked as it loads, whatever the regular-expression engine: a pack is data written
// by people, and these bounds keep every match linear in the text with a small constant (a 100 KB literal pattern
// made one line cost pattern × line). Each breach is reported at its FILE:LINE:COL.
import type { ConfigIssue } from './errors.js';
import type { PathSegment, YamlFile } from './yaml-file.js';
import { countAlternatives } from '../text/phrase.js';

/** Characters in a `pattern` or in one phrase (the longest in the built-in packs: under 130). */
export const MAX_PATTERN_LENGTH = 1000;
/** Items in any one list (the longest in the built-in packs: 50). */
export const MAX_LIST_ITEMS = 10_000;
/** Phrases and patterns in one pack, all lists together (the built-in zh pack: about 1,000 strings in all). */
export const MAX_PHRASES = 50_000;

/**
 * Packs in one chain of `extends:` (the built-in packs: 2). Packs load one inside the other along a chain, so one
 * thousands deep used up the stack: "internal error: RangeError: Maximum call stack size exceeded".
 */
export const MAX_EXTENDS_DEPTH = 64;

/**
 * Phrase sets in one chain of includes (the built-in packs: 2). Sets are expanded one inside the other, so a chain
 * 20,000 deep used up the stack, as extends did.
 */
export const MAX_INCLUDE_DEPTH = 64;
/**
 * Phrases the includes of the packs bring into their sets, all sets together (the built-in packs: a few hundred).
 * Includes are not phrases of their own, so MAX_PHRASES did not bound them: 3,000 sets each including a set of 10,000
 * phrases took 14 s and 520 MB to load.
 */
export const MAX_INCLUDED_PHRASES = 1_000_000;

/**
 * Characters of all the packs and the config a run loads together (the built-in packs: under 85,000 each). Each is
 * capped at 4 MiB, but a config may extend any number of packs: 20 packs of 50,000 phrases (22 MB of YAML) took 25 s
 * and 580 MB to lint one call, and every worker thread loads them again.
 */
export const MAX_TOTAL_PACK_TEXT = 8 * 1024 * 1024;
/**
 * Phrases compiled for a run, all packs together (the built-in zh-callcenter: about 1,500). MAX_PHRASES bounds one
 * pack; two packs at it (100,000 phrases) took 7 s and 190 MB to load, and the matcher grows with every phrase.
 */
export const MAX_TOTAL_PHRASES = 100_000;
/**
 * Phrases that alternatives ({太|很|真}) stand for once spelt out (the built-in zh pack: about 1,300 from about 400
 * written). One written phrase stands for at most MAX_ALTERNATIVE_PHRASES (src/text/phrase.ts), but 50,000 such
 * phrases would stand for 50 million: this bounds each pack as it loads, before any is spelt out (MAX_TOTAL_PHRASES
 * bounds the packs of a run together as they compile). A pack at the cap (100 phrases of 1,000) loads in about 2 s of
 * CPU and 190 MB; one over it is refused in the time a small pack takes.
 */
export const MAX_EXPANDED_PHRASES = 100_000;

/** Lists of whole example transcripts, not of phrases: their texts may be long. */
const TEXT_LISTS = new Set(['good', 'bad']);

export function checkLimits(yaml: YamlFile): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  let phrases = 0;
  let expanded = 0;
  const walk = (value: unknown, path: PathSegment[], key: string | undefined, inList: boolean): void => {
    if (issues.length >= 20) return;
    if (typeof value === 'string') {
      const counted = key === 'pattern' || (inList && !TEXT_LISTS.has(key ?? ''));
      if (!counted) return;
      if (inList && !TEXT_LISTS.has(key ?? '') && expanded <= MAX_EXPANDED_PHRASES) {
        expanded += countAlternatives(value);
        if (expanded > MAX_EXPANDED_PHRASES) {
          issues.push(yaml.issueAt(path, `the pack's phrases stand for more than ${MAX_EXPANDED_PHRASES.toLocaleString('en')} phrases once their alternatives are spelt out`,
            'write fewer alternatives in each phrase, put {*} where any word may stand, or split the pack'));
        }
      }
      if (++phrases === MAX_PHRASES + 1) issues.push(yaml.issueAt(path, `the pack holds more than ${MAX_PHRASES.toLocaleString('en')} phrases and patterns`, 'split it into packs, or match variants with one pattern'));
      if (value.length > MAX_PATTERN_LENGTH) {
        issues.push(yaml.issueAt(path, `${key === 'pattern' ? 'pattern' : 'phrase'} of ${value.length.toLocaleString('en')} characters (at most ${MAX_PATTERN_LENGTH.toLocaleString('en')})`, 'match a shorter, telling part of the wording'));
      }
      return;
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ITEMS) {
        issues.push(yaml.issueAt(path, `list of ${value.length.toLocaleString('en')} items (at most ${MAX_LIST_ITEMS.toLocaleString('en')})`, 'split it into several phrase sets or packs'));
        return;
      }
      value.forEach((item, i) => walk(item, [...path, i], key, true));
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) walk(item, [...path, name], name, false);
    }
  };
  walk(yaml.data, [], undefined, false);
  return issues;
}

/**
 * Characters of the phrases matched with `max-edits` (fuzzy), all packs of a run together (the built-in packs: none).
 * Each such phrase costs every Latin character of a turn a row of its length in an edit-distance table (~6 ns a cell
 * here), so their letters bound the work as steps bound patterns': at the cap about 0.3 ms a character. Uncapped,
 * 20,000 phrases of 40 characters cost one 3,800-character English call 20 s of CPU, and a pack at the phrase cap
 * would have cost a 1 MB line hours.
 */
export const MAX_TOTAL_APPROXIMATE_UNITS = 50_000;

/**
 * States of the automata that match phrases by sound (fuzzy: pinyin), all packs of a run together (the built-in
 * packs, all four under `fuzzy: pinyin`: about 14,000). A phrase is held once per reading of its first characters, up
 * to 64 times, so a pack within the phrase cap could make millions: 50,000 phrases of polyphonic characters made
 * 4.2 million states, 19 s and 1.7 GB to load, in every thread that lints.
 */
export const MAX_TOTAL_FUZZY_STATES = 500_000;
