import { describe, expect, it } from 'vitest';
import { LinearRegex } from '../../src/text/linear-regex.js';
import { seededRandom } from '../helpers.js';

/** `count` random texts of up to 13 units of `alphabet` (seeded, so that a failure repeats). */
function texts(alphabet: string, count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const units = [...alphabet];
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 14) }, () => units[Math.floor(next() * units.length)]).join(''));
}

/**
 * Patterns of the shapes fix entries are wrapped in (wording.ts: a clause, a sentence, a turn, a phrase) and ones whose
 * match at a start depends on the priority of alternatives, on laziness or on what stands before the start.
 */
const CASES: [string, boolean, string][] = [
  [String.raw`\s*(不知道.*)(?:[,、;:.。!?…\n]|$)`, false, '不知道您的好,.?\n '],
  [String.raw`\s*((?:你|您)们?(?:好|的)+)(?:[.。!?…\n]|$)`, false, '你您们好的。. \n'],
  [String.raw`\s*(a|ab)(c|bcd)(d*)[\p{P}\s]*$`, false, 'abcd ,.'],
  [String.raw`(a+?)(b*)`, false, 'aab'],
  [String.raw`(?:^|[.!?,]\s*)(wh|h)\s*(\?)`, true, 'wH ?.,'],
  [String.raw`\b(no)\b(.*?)(,|$)`, true, 'no nO, x'],
  [String.raw`()`, false, 'ab'],
  [String.raw`(x*)(y|$)`, false, 'xy\n'],
];

describe('LinearRegex.matchFrom', () => {
  it.each(CASES)('%s: the leftmost match from a position, with the groups matchAt gives where it starts', (source, ignoreCase, alphabet) => {
    const regex = new LinearRegex(source, { ignoreCase });
    let matched = 0;
    for (const text of texts(alphabet, 300, source.length)) {
      for (let position = 0; position <= text.length; position++) {
        const found = regex.matchFrom(text, position);
        // No match starts between the position and the one found (nor anywhere after it, when none is found)…
        const at = found ? found[0]![0] : text.length + 1;
        for (let start = position; start < at && start <= text.length; start++) expect(regex.matchAt(text, start)).toBeUndefined();
        if (!found) continue;
        matched++;
        // …and the match found is the one matchAt gives at its start.
        expect(at).toBeGreaterThanOrEqual(position);
        expect(found).toEqual(regex.matchAt(text, at));
      }
    }
    expect(matched).toBeGreaterThan(0);
  });
});
