// The script and punctuation a text is written in, and wording converted into them: a fix inserted into a
// Traditional transcript is Traditional (OpenCC's s2t, s2tw or s2hk, whichever the text itself follows), and
// one inserted among full-width marks uses full-width marks.
import { foldString } from './normalize.js';
import { foldTable, isSimplifiedOnly } from './fold-table.js';
import { openccDictionary, type OpenccDictionaryName } from './opencc-dictionary.js';

/** Simplified, or the Traditional standard of OpenCC's s2t (`t`), s2tw (`tw`) or s2hk (`hk`). */
export type Script = 'simplified' | 't' | 'tw' | 'hk';
export type MarkWidth = 'full' | 'half';

/**
 * An OpenCC dictionary as a map, read when first needed: entries `from to [more…]|…`, the first `to` taken. Cut with
 * indexOf rather than split: the phrase table has ~50,000 entries, and this is start-up time for a fix's first use.
 */
export function dictionary(name: OpenccDictionaryName): Map<string, string> {
  const map = new Map<string, string>();
  const text = openccDictionary(name);
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('|', start);
    if (end < 0) end = text.length;
    const space = text.indexOf(' ', start);
    if (space > start && space < end) {
      let toEnd = text.indexOf(' ', space + 1);
      if (toEnd < 0 || toEnd > end) toEnd = end;
      if (toEnd > space + 1) map.set(text.slice(start, space), text.slice(space + 1, toEnd));
    }
    start = end + 1;
  }
  return map;
}

const loaded = new Map<string, Map<string, string>>();
function dict(name: 'STCharacters' | 'STPhrases' | 'TWVariants' | 'HKVariants'): Map<string, string> {
  let map = loaded.get(name);
  if (!map) loaded.set(name, (map = dictionary(name)));
  return map;
}

const LONGEST_PHRASE = 12;

/** Simplified → Traditional as OpenCC's s2t does it: longest phrase first, then character by character. */
function simplifiedToTraditional(text: string): string {
  const characters = dict('STCharacters');
  let out = '';
  for (let i = 0; i < text.length;) {
    let matched = false;
    for (let length = Math.min(LONGEST_PHRASE, text.length - i); length > 1 && !matched; length--) {
      // (The phrase table, ~40,000 entries, is read only for text of two characters or more: telling a turn's
      // script converts single characters.)
      const phrase = dict('STPhrases').get(text.slice(i, i + length));
      if (phrase !== undefined) {
        out += phrase;
        i += length;
        matched = true;
      }
    }
    if (matched) continue;
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    out += characters.get(ch) ?? ch;
    i += ch.length;
  }
  return out;
}

function variants(text: string, table: Map<string, string>): string {
  return Array.from(text, (ch) => table.get(ch) ?? ch).join('');
}

const converted = new Map<string, string>();

/** Wording (written in either script) in the given script; remembered, since a pack has only so many wordings. */
export function toScript(text: string, script: Script): string {
  const key = `${script}\u0000${text}`;
  let out = converted.get(key);
  if (out === undefined) {
    const simplified = foldString(text, foldTable({ script: 'simplified', width: false, punctuation: 'keep', case: 'sensitive' }));
    if (script === 'simplified') out = simplified;
    else {
      const traditional = simplifiedToTraditional(simplified);
      out = script === 'tw' ? variants(traditional, dict('TWVariants')) : script === 'hk' ? variants(traditional, dict('HKVariants')) : traditional;
    }
    converted.set(key, out);
  }
  return out;
}

/**
 * The script of a text, from the characters that exist in one script only; undefined when it has none (好的，谢谢
 * reads the same in both). Among the Traditional standards, the one whose forms the text uses most (為/爲, 裡/裏,
 * 著/着, 衛/衞); Taiwan's when they tie.
 */
export function detectScript(text: string): Script | undefined {
  const toSimplified = foldTable({ script: 'simplified', width: false, punctuation: 'keep', case: 'sensitive' }).fold;
  let traditional = 0;
  let simplified = 0;
  const traditionalChars: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Characters outside the BMP (surrogates, paired or not) are in neither table.
    if (unit < 0x3400 || (unit >= 0xd800 && unit <= 0xdfff)) continue;
    if (toSimplified[unit] !== unit) {
      traditional++;
      traditionalChars.push(text[i]);
    } else if (isSimplifiedOnly(unit)) simplified++;
  }
  if (traditional === simplified) return undefined;
  if (simplified > traditional) return 'simplified';
  const votes: Record<'tw' | 'hk' | 't', number> = { tw: 0, hk: 0, t: 0 };
  for (const ch of traditionalChars) {
    const plain = toScript(ch, 't');
    const forms = { t: plain, tw: variants(plain, dict('TWVariants')), hk: variants(plain, dict('HKVariants')) };
    if (forms.t === forms.tw && forms.tw === forms.hk) continue;
    for (const standard of ['tw', 'hk', 't'] as const) if (forms[standard] === ch) votes[standard]++;
  }
  return votes.tw >= votes.hk && votes.tw >= votes.t ? 'tw' : votes.hk >= votes.t ? 'hk' : 't';
}


const FULL = '，。？！：；';
const HALF = ',.?!:;';

/** Whether the text's marks are full-width (，？) or half-width (,?); undefined when it has none. */
export function detectMarkWidth(text: string): MarkWidth | undefined {
  let full = 0;
  let half = 0;
  for (const ch of text) {
    if (FULL.includes(ch)) full++;
    else if (',?!;'.includes(ch)) half++;
  }
  return full === half ? undefined : full > half ? 'full' : 'half';
}

/** The wording's marks in the given width. */
export function toMarkWidth(text: string, width: MarkWidth): string {
  const [from, to] = width === 'full' ? [HALF, FULL] : [FULL, HALF];
  return Array.from(text, (ch) => {
    const i = from.indexOf(ch);
    return i >= 0 ? to[i] : ch;
  }).join('');
}
