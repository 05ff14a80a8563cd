// Which language a transcript is written in, as far as its script tells: Han characters (zh) or Latin-script
// words (en). Only a plain case counts; mixed or short text is "unknown" and gets linted whatever the pack.
import type { PackLanguage } from '../config/pack-types.js';
import type { Span } from '../types.js';
import { HAN, LATIN, scriptOfCodePoint, unitScripts } from './fold-table.js';

/** Fewer words than this are too little text to judge. */
const MIN_WORDS = 4;
/** A Latin text may hold a Chinese name or term: at most one Han character per this many English words. */
const LATIN_PER_HAN = 3;

/**
 * The language of the text in the spans of `groups` (each turn's segments: its words, without speaker labels), or
 * undefined when unclear. Han
 * characters count one each (a character outside the BMP is one, not two units); a Latin word is a run of at least
 * two Latin-script characters within a span. One table look-up per unit: this runs on every file.
 */
export function textLanguage(text: string, groups: readonly (readonly Span[])[]): PackLanguage | undefined {
  const scripts = unitScripts();
  let han = 0;
  let latin = 0;
  // Units not yet read: once the Han characters outnumber every Latin word the rest could still hold (a word takes
  // two units), the answer is zh whatever follows, and the rest of a Chinese call is not read.
  let left = 0;
  for (const spans of groups) for (const span of spans) left += Math.max(0, Math.min(span.end, text.length) - span.start);
  for (const spans of groups) for (const span of spans) {
    const end = Math.min(span.end, text.length);
    let run = 0;
    for (let i = span.start; i < end; i++) {
      if ((i & 255) === 0 && han >= MIN_WORDS && han >= latin + ((left + run) >> 1) + 1) return 'zh';
      left--;
      const unit = text.charCodeAt(i);
      let script = scripts[unit];
      // A surrogate pair inside the span is one character; a half on its own (or cut by the span) is neither script.
      if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < end) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          script = scriptOfCodePoint(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
          i++;
          left--;
        }
      }
      if (script === HAN) han++;
      if (script === LATIN) run++;
      else {
        if (run >= 2) latin++;
        run = 0;
      }
    }
    if (run >= 2) latin++;
  }
  if (han >= MIN_WORDS && han >= latin) return 'zh';
  if (latin >= MIN_WORDS && han * LATIN_PER_HAN <= latin) return 'en';
  return undefined;
}
