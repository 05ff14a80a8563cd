// Which language a transcript is written in, as far as its script tells: Han characters (zh) or Latin-script
// words (en). Only a plain case counts; mixed or short text is "unknown" and gets linted whatever the pack.
import type { PackLanguage, Span } from '../types.js';
import { HAN, LATIN, scriptOfCodePoint, unitScripts } from './fold-table.js';
import { textUnits } from './text-units.js';

/** Fewer words than this are too little text to judge. */
const MIN_WORDS = 4;
/** A Latin text may hold a Chinese name or term: at most one Han character per this many English words. */
const LATIN_PER_HAN = 3;

/**
 * The language of the text in the spans of `groups` (each turn's segments: its words, without speaker labels), or
 * undefined when unclear. Han
 * characters count one each (a character outside the BMP is one, not two units); a Latin word is a run of at least
 * two Latin-script characters within a span. One table look-up per unit: this runs on every file.
 *
 * With `packs` (the packs' language), only a language other than it is told: reading stops, with undefined, as soon
 * as the rest of the text could no longer make it one (a generated Chinese call is read for an eighth of its turns'
 * text, ~103 of ~810 units, where it was over half and then a fifth).
 */
export function textLanguage(text: string, groups: readonly (readonly Span[])[], packs?: PackLanguage): PackLanguage | undefined {
  const scripts = unitScripts();
  // HAN and LATIN as local constants (their types tie them): the imported bindings were a cell load and its check
  // each, at every unit read.
  const hanScript: typeof HAN = 1;
  const latinScript: typeof LATIN = 2;
  let han = 0;
  let latin = 0;
  // Units not yet read: once what they could still hold cannot change the answer (the Han characters outnumber every
  // Latin word they could make, say), they are not read.
  let left = 0;
  // Spans not yet read to their end, the current one included: a word ends at a unit of another script or at a
  // span's end, so the words still to come are at most a third of the units and span ends left.
  let spansLeft = 0;
  for (const spans of groups) {
    for (const span of spans) left += Math.max(0, Math.min(span.end, text.length) - span.start);
    spansLeft += spans.length;
  }
  // The call's units (held since it was normalized): a load a unit, not charCodeAt.
  const units = textUnits(text);
  for (const spans of groups) for (const span of spans) {
    const end = Math.min(span.end, text.length);
    let run = 0;
    for (let i = span.start; i < end; i++) {
      if ((i & 15) === 0) {
        // At most this many Latin words in all, and at least `latin`: each word still to come takes two units (the
        // current run's among them) and ends at a unit not yet read or at a span's end.
        const latinAtMost = latin + Math.floor((left + run + spansLeft) / 3);
        if (packs !== 'zh' && han >= MIN_WORDS && han >= latinAtMost) return 'zh';
        if (packs === 'zh' && han * LATIN_PER_HAN > latinAtMost) return undefined; // it cannot be en
        if (packs === 'en' && han + left < Math.max(latin, MIN_WORDS)) return undefined; // nor zh
      }
      left--;
      const unit = units !== undefined ? units[i] : text.charCodeAt(i);
      let script = scripts[unit];
      // A surrogate pair inside the span is one character; a half on its own (or cut by the span) is neither script.
      if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < end) {
        const low = units !== undefined ? units[i + 1] : text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          script = scriptOfCodePoint(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
          i++;
          left--;
        }
      }
      if (script === hanScript) han++;
      if (script === latinScript) run++;
      else {
        if (run >= 2) latin++;
        run = 0;
      }
    }
    if (run >= 2) latin++;
    spansLeft--;
  }
  const language = han >= MIN_WORDS && han >= latin ? 'zh' : latin >= MIN_WORDS && han * LATIN_PER_HAN <= latin ? 'en' : undefined;
  return language === packs ? undefined : language;
}
