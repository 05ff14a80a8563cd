// The script and punctuation a text is written in, and wording converted into them: a fix inserted into a
// Traditional transcript is Traditional (OpenCC's s2t, s2tw or s2hk, whichever the text itself follows), and
// one inserted among full-width marks uses full-width marks.
import { foldString } from './normalize.js';
import { foldTable, SCRIPT_FOLD, SIMPLIFIED_ONLY, TRADITIONAL_ONLY, writtenInUnits } from './fold-table.js';
import { openccDictionary, type OpenccDictionaryName } from './opencc-dictionary.js';
import { heldUnits, MARK_SIMPLIFIED, MARK_TRADITIONAL, unitMarks } from './text-units.js';

/** Simplified, or the Traditional standard of OpenCC's s2t (`t`), s2tw (`tw`) or s2hk (`hk`). */
export type Script = 'simplified' | 't' | 'tw' | 'hk';
export type MarkWidth = 'full' | 'half';

/** A dictionary's look-up: the first `to` of the entry for `from`. */
export interface Dictionary {
  get(from: string): string | undefined;
}

/**
 * An OpenCC dictionary, read when first needed (entries `from to [more…]|…`, the first `to` taken), looked up where it
 * stands: its entries are sorted by `from` (test/text/script.test.ts checks), so a look-up is a binary search of the
 * text. The phrase table has ~50,000 entries; made into a map, it cost tens of milliseconds and a few MB that every
 * garbage collection after it copied, the first time a fix was offered in a Traditional transcript.
 */
export function dictionary(name: OpenccDictionaryName): Dictionary {
  const text = openccDictionary(name);
  return {
    get(from) {
      // Entries that start in [lo, hi) are left; lo is always the start of one.
      let lo = 0;
      let hi = text.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const start = text.lastIndexOf('|', mid - 1) + 1; // the entry mid falls in (≥ lo: text[lo - 1] is a '|')
        let end = text.indexOf('|', start);
        if (end < 0) end = text.length;
        let space = text.indexOf(' ', start);
        if (space < 0 || space > end) space = end;
        const order = compareAt(text, start, space, from);
        if (order === 0) {
          let toEnd = text.indexOf(' ', space + 1);
          if (toEnd < 0 || toEnd > end) toEnd = end;
          return toEnd > space + 1 ? text.slice(space + 1, toEnd) : undefined;
        }
        if (order < 0) lo = end + 1;
        else hi = start;
      }
      return undefined;
    },
  };
}

/**
 * `text[start, end)` against `key` in UTF-16 units, as `<` orders strings: negative, 0 or positive. (In place: a
 * look-up makes no strings, and detecting a transcript's script looks up each of its Traditional characters.)
 */
function compareAt(text: string, start: number, end: number, key: string): number {
  const length = Math.min(end - start, key.length);
  for (let i = 0; i < length; i++) {
    const difference = text.charCodeAt(start + i) - key.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return end - start - key.length;
}

const loaded = new Map<string, Dictionary>();
function dict(name: 'STCharacters' | 'STPhrases' | 'TWVariants' | 'HKVariants'): Dictionary {
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

function variants(text: string, table: Dictionary): string {
  return Array.from(text, (ch) => table.get(ch) ?? ch).join('');
}

/** Conversions by script, then by wording: a look-up by the wording itself (a key made of both was a string per call). */
const converted = new Map<Script, Map<string, string>>();

/** Conversions worked out by the build, not read yet (rememberConversionsWhenNeeded). */
let rememberLater: (() => Partial<Record<Script, Record<string, string>>>) | undefined;

function conversions(script: Script): Map<string, string> {
  const load = rememberLater;
  if (load) {
    rememberLater = undefined;
    rememberConversions(load());
  }
  let table = converted.get(script);
  if (!table) converted.set(script, (table = new Map()));
  return table;
}

/**
 * Conversions worked out by the build: the built-in packs' wordings in each Traditional standard (recorded in
 * dist/verified-packs/compiled.json). A run that offers no other wording in a Traditional transcript never reads OpenCC's
 * phrase table (800 KB, ~10 ms).
 */
export function rememberConversions(known: Partial<Record<Script, Record<string, string>>>): void {
  for (const [script, table] of Object.entries(known) as [Script, Record<string, string> | undefined][]) {
    const into = conversions(script);
    for (const [text, out] of Object.entries(table ?? {})) into.set(text, out);
  }
}

/**
 * The conversions `load` gives, remembered when a wording is first converted: a run that converts none (a rerun whose
 * cache vouches for its packs) never reads them.
 */
export function rememberConversionsWhenNeeded(load: () => Partial<Record<Script, Record<string, string>>>): void {
  rememberLater = load;
}

/** Wording (written in either script) in the given script; remembered, since a pack has only so many wordings. */
export function toScript(text: string, script: Script): string {
  const table = conversions(script);
  let out = table.get(text);
  if (out === undefined) {
    const simplified = foldString(text, foldTable(SCRIPT_FOLD));
    if (script === 'simplified') out = simplified;
    else {
      const traditional = simplifiedToTraditional(simplified);
      out = script === 'tw' ? variants(traditional, dict('TWVariants')) : script === 'hk' ? variants(traditional, dict('HKVariants')) : traditional;
    }
    table.set(text, out);
  }
  return out;
}

/**
 * Whether converting the text to some script may change it: only characters from U+3000 on are in OpenCC's tables
 * (the phrase table's first is 〇, U+3007) or fold (the script fold changes nothing below U+3400). A message in
 * English needs no call's script told.
 */
export function mayChangeScript(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x3000) return true;
  return false;
}

/** writtenInUnits' table, once read. */
let writtenIn: Uint8Array | undefined;

/**
 * The script of a text, from the characters that exist in one script only; undefined when it has none (好的，谢谢
 * reads the same in both). Among the Traditional standards, the one whose forms the text uses most (為/爲, 裡/裏,
 * 著/着, 衛/衞); Taiwan's when they tie.
 */
export function detectScript(text: string): Script | undefined {
  // A held call without a Traditional character (most are Simplified) is told by the pass over its units.
  const marks = unitMarks(text);
  if (marks !== undefined && (marks & MARK_TRADITIONAL) === 0) return (marks & MARK_SIMPLIFIED) !== 0 ? 'simplified' : undefined;
  let traditional = 0;
  let simplified = 0;
  let twCount = 0;
  let hkCount = 0;
  let tCount = 0;
  const tally = (unitTally ??= newUnitTally());
  // The call's units when this is the call's text (held since it was normalized): a load a unit, not charCodeAt.
  const units = heldUnits(text);
  const length = text.length;
  // A run's tallies added up without a branch a unit: whether a unit counts at all (a fifth of a call's units do)
  // was a branch mispredicted at random, ~3 ns a unit. A run is short enough that no field of its sum carries over.
  for (let from = 0; from < length; from += TALLY_RUN) {
    const end = Math.min(length, from + TALLY_RUN);
    let sum = 0;
    if (units !== undefined) for (let i = from; i < end; i++) sum += tally[units[i]];
    else for (let i = from; i < end; i++) sum += tally[text.charCodeAt(i)];
    if (sum >= TALLY_UNKNOWN) {
      // A unit first met in this thread: what it adds is worked out (a Traditional character's standards), and the
      // run added again.
      sum = 0;
      for (let i = from; i < end; i++) {
        const unit = units !== undefined ? units[i] : text.charCodeAt(i);
        if (tally[unit] === TALLY_UNKNOWN) tally[unit] = tallyOf(unit);
        sum += tally[unit];
      }
    }
    simplified += sum & TALLY_FIELD;
    traditional += (sum >>> 5) & TALLY_FIELD;
    twCount += (sum >>> 10) & TALLY_FIELD;
    hkCount += (sum >>> 15) & TALLY_FIELD;
    tCount += (sum >>> 20) & TALLY_FIELD;
  }
  if (traditional === simplified) return undefined;
  if (simplified > traditional) return 'simplified';
  return twCount >= hkCount && twCount >= tCount ? 'tw' : hkCount >= tCount ? 'hk' : 't';
}

/**
 * Whether the text has a character that exists in Traditional script only: where it has none, its script is
 * Simplified or undecided, and detectScript need not count anything. One table look-up a character: 9.5 ms where
 * detectScript took 14.6 over 1,359 generated Simplified calls (asked of every file with a problem, for the script
 * of its messages).
 */
export function hasTraditional(text: string): boolean {
  // The call's own text, its units held: told by the pass over them (text-units.ts), made once for every reader.
  const marks = unitMarks(text);
  if (marks !== undefined) return (marks & MARK_TRADITIONAL) !== 0;
  const written = (writtenIn ??= writtenInUnits());
  // TRADITIONAL_ONLY as a local constant (its type ties the two): the imported binding was a cell load and its check
  // at every character (~8 of ~38 instructions a character).
  const traditionalOnly: typeof TRADITIONAL_ONLY = 64;
  // (As in detectScript: the call's units where held, ~12 → ~7 instructions a character of a Simplified call.)
  const units = heldUnits(text);
  if (units !== undefined) {
    for (let i = 0; i < text.length; i++) if (written[units[i]] === traditionalOnly) return true;
    return false;
  }
  for (let i = 0; i < text.length; i++) if (written[text.charCodeAt(i)] === traditionalOnly) return true;
  return false;
}

const TW = 1;
const HK = 2;
const T = 4;

/**
 * The standards that write `unit` as it is, where they differ (TW | HK | T); none (0) where all three agree (it tells
 * nothing). Asked once a unit per thread: detectScript keeps the answer in its tally (unitTally).
 */
function standardsWriting(unit: number): number {
  const ch = String.fromCharCode(unit);
  const plain = toScript(ch, 't');
  const tw = variants(plain, dict('TWVariants'));
  const hk = variants(plain, dict('HKVariants'));
  if (plain === tw && tw === hk) return 0;
  return (tw === ch ? TW : 0) | (hk === ch ? HK : 0) | (plain === ch ? T : 0);
}

/** A run of units detectScript adds up at once: at most 31 in each 5-bit field of its sum. */
const TALLY_RUN = 31;
/** One 5-bit field of a tally. */
const TALLY_FIELD = 31;
/** A tally's sixth field: a unit not met yet, its tally not worked out (bits 25–29). */
const TALLY_UNKNOWN = 1 << 25;

/**
 * What each unit adds to detectScript's counts, as five 5-bit fields (Simplified, Traditional, TW, HK, T, from the
 * lowest bits): 0 for a unit written so in both scripts (and for surrogates, in neither table); TALLY_UNKNOWN until
 * the unit is first met in this thread (a table worked out whole at the start was a loop of 65,536 steps, 3–10 ms
 * before it was compiled).
 */
let unitTally: Uint32Array | undefined;

function newUnitTally(): Uint32Array {
  return new Uint32Array(0x10000).fill(TALLY_UNKNOWN);
}

/** What `unit` adds to detectScript's counts (worked out when first met). */
function tallyOf(unit: number): number {
  const written = (writtenIn ??= writtenInUnits());
  return written[unit] === SIMPLIFIED_ONLY ? 1 : written[unit] === TRADITIONAL_ONLY ? traditionalTally(standardsWriting(unit)) : 0;
}

/** The tally of a Traditional character written so by these standards (TW | HK | T). */
function traditionalTally(standards: number): number {
  return (1 << 5) | (standards & TW ? 1 << 10 : 0) | (standards & HK ? 1 << 15 : 0) | (standards & T ? 1 << 20 : 0);
}

const FULL = '，。？！：；';
const HALF = ',.?!:;';

/**
 * Whether the text's marks are full-width (，？) or half-width (,?); undefined when it has none. A text that mixes
 * them (a phone keyboard's half-width commas beside a ？！) is full-width, the standard of Chinese writing: the half
 * ones are the slips, and a wording put in with them (很抱歉,由于…?) copied the slips.
 */
export function detectMarkWidth(text: string): MarkWidth | undefined {
  let half = false;
  for (const ch of text) {
    if (FULL.includes(ch)) return 'full';
    if (',?!;'.includes(ch)) half = true;
  }
  return half ? 'half' : undefined;
}

/** The wording's marks in the given width. */
export function toMarkWidth(text: string, width: MarkWidth): string {
  const [from, to] = width === 'full' ? [HALF, FULL] : [FULL, HALF];
  return Array.from(text, (ch) => {
    const i = from.indexOf(ch);
    return i >= 0 ? to[i] : ch;
  }).join('');
}
