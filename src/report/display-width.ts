// Terminal columns of a string: Chinese counts two. Segmenting graphemes with Intl.Segmenter took 40% of a run over
// 100,000 transcripts, and making one costs ~40 ms of start-up; text made only of plain and CJK characters (nearly
// all of ours) is measured here unit by unit, and anything else (emoji, combining marks, surrogates, escapes) by
// graphemes, as string-width does it, with a segmenter made on first need.
import { stripVTControlCharacters } from 'node:util';
import emojiRegex from 'emoji-regex';
import { eastAsianWidth } from 'get-east-asian-width';
import { isTerminalUnsafe } from './terminal-text.js';

function isWide(unit: number): boolean {
  return (unit >= 0x1100 && unit <= 0x115f) || (unit >= 0x2e80 && unit <= 0x303e) || (unit >= 0x3041 && unit <= 0x33ff) ||
    (unit >= 0x3400 && unit <= 0x4dbf) || (unit >= 0x4e00 && unit <= 0x9fff) || (unit >= 0xa000 && unit <= 0xa4cf) ||
    (unit >= 0xac00 && unit <= 0xd7a3) || (unit >= 0xf900 && unit <= 0xfaff) || (unit >= 0xfe30 && unit <= 0xfe4f) ||
    (unit >= 0xff00 && unit <= 0xff60) || (unit >= 0xffe0 && unit <= 0xffe6);
}

/** Units whose width depends on their neighbours or on emoji tables. */
function needsSegmenting(unit: number): boolean {
  return unit < 0x20 || (unit >= 0x7f && unit < 0xa0) || (unit >= 0x300 && unit <= 0x36f) || (unit >= 0x2000 && unit <= 0x200f) ||
    (unit >= 0x2190 && unit <= 0x2bff && unit !== 0x2192) || (unit >= 0xd800 && unit <= 0xdfff) || (unit >= 0xfe00 && unit <= 0xfe0f);
}

/**
 * A unit's columns when it can be told alone (1 or 2), -1 when its width depends on its neighbours. Printable ASCII,
 * the CJK Unified Ideographs and Chinese punctuation first, each told by two comparisons: a unit of a problem's message
 * went through ~20 of the tests below (callgrind).
 */
function unitWidth(unit: number): number {
  if (unit >= 0x20 && unit < 0x7f) return 1;
  if (unit >= 0x4e00 && unit <= 0x9fff) return 2;
  if ((unit >= 0x3000 && unit <= 0x303e) || (unit >= 0xff00 && unit <= 0xff60)) return 2; // 「」、。，：（）
  if (needsSegmenting(unit)) return -1;
  return isWide(unit) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const columns = unitWidth(text.charCodeAt(i));
    if (columns < 0) return graphemeWidth(text);
    width += columns;
  }
  return width;
}

/**
 * The columns of text made only of printable ASCII, CJK and other units measured one by one, and without any unit
 * terminalSafe escapes (controls, DEL, the bidirectional overrides); -1 when it holds one of those or one to segment.
 * A report measuring text it must also make safe walks it once: the regex test of each message had cost about half what
 * measuring it did (--cpu-prof of a --cache rerun).
 */
export function plainWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const columns = unitWidth(unit);
    if (columns < 0 || isTerminalUnsafe(unit)) return -1;
    width += columns;
  }
  return width;
}

let segmenter: Intl.Segmenter | undefined;
const DEFAULT_IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;

/** Columns taken by nothing visible: controls, zero-width and combining characters, surrogates, variation selectors. */
function zeroWidth(codePoint: number): boolean {
  return codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f) || (codePoint >= 0x200b && codePoint <= 0x200f) ||
    codePoint === 0xfeff || (codePoint >= 0x300 && codePoint <= 0x36f) || (codePoint >= 0x1ab0 && codePoint <= 0x1aff) ||
    (codePoint >= 0x1dc0 && codePoint <= 0x1dff) || (codePoint >= 0x20d0 && codePoint <= 0x20ff) ||
    (codePoint >= 0xfe20 && codePoint <= 0xfe2f) || (codePoint >= 0xd800 && codePoint <= 0xdfff) || (codePoint >= 0xfe00 && codePoint <= 0xfe0f);
}

/** string-width's measure (escapes stripped, ambiguous characters narrow), grapheme by grapheme. */
function graphemeWidth(text: string): number {
  let width = 0;
  const emoji = emojiRegex();
  for (const { segment } of (segmenter ??= new Intl.Segmenter()).segment(stripVTControlCharacters(text))) {
    const codePoint = segment.codePointAt(0)!;
    if (zeroWidth(codePoint) || DEFAULT_IGNORABLE.test(segment)) continue;
    emoji.lastIndex = 0;
    width += emoji.test(segment) ? 2 : eastAsianWidth(codePoint);
  }
  return width;
}
