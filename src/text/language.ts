// Which language a transcript is written in, as far as its script tells: Han characters (zh) or Latin-script
// words (en). Only a plain case counts; mixed or short text is "unknown" and gets linted whatever the pack.
import type { PackLanguage } from '../config/pack-types.js';
import type { Span } from '../types.js';

/** Fewer words than this are too little text to judge. */
const MIN_WORDS = 4;
/** A Latin text may hold a Chinese name or term: at most one Han character per this many English words. */
const LATIN_PER_HAN = 3;

/** Runs of Han characters: counted by their length, one match per run rather than per character (a long recording). */
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

function count(pattern: RegExp, text: string): number {
  let n = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text)) n++;
  return n;
}

/** Han characters in `text` (code points: one outside the BMP is two units). */
function countHan(text: string): number {
  let n = 0;
  HAN_RUN.lastIndex = 0;
  for (let match = HAN_RUN.exec(text); match; match = HAN_RUN.exec(text)) {
    const run = match[0];
    n += run.length;
    for (let i = 0; i < run.length; i++) if ((run.charCodeAt(i) & 0xfc00) === 0xdc00) n--; // low surrogate: second unit of one character
  }
  return n;
}

/** The language of the text in `spans` (the turns' words, without speaker labels), or undefined when unclear. */
export function textLanguage(text: string, spans: readonly Span[]): PackLanguage | undefined {
  let han = 0;
  let latin = 0;
  for (const span of spans) {
    const words = text.slice(span.start, span.end);
    han += countHan(words);
    latin += count(LATIN_WORD, words);
  }
  if (han >= MIN_WORDS && han >= latin) return 'zh';
  if (latin >= MIN_WORDS && han * LATIN_PER_HAN <= latin) return 'en';
  return undefined;
}
