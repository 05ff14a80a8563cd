// A call's text as UTF-16 units in a typed array, made once and shared by the loops that read it unit by unit
// (normalizing, the language check, the script check). `charCodeAt` tells the string's representation again at every
// unit (its map, sequential or not, one or two bytes: ~14 instructions), where a typed array is a load and its checks.

import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY, writtenInUnits } from './fold-table.js';

/** Up to this many units (2 MB), a text's units are kept for the next reader; a longer text is read as a string. */
export const SHARED_UNITS = 1 << 20;

/**
 * The text whose units `held` holds (undefined: none). Kept alive with them until the next text is read: one call's
 * text per thread, at most SHARED_UNITS units, whatever the results (they hold none; test/result-memory.test.ts).
 */
let heldText: string | undefined;
/** heldText's units (at least its length; what lies beyond is not its own). */
let held: Uint16Array = new Uint16Array(0);
/** The copy a text is written into, reused from text to text: `held` is its array or decoding's own units. */
const copy: UnitCopy = newUnitCopy();

/**
 * A typed array a text's units are written into by one native write, reused from text to text and grown up to
 * SHARED_UNITS: the call's copy here, the phrase scan's own (text/matcher.ts).
 */
export interface UnitCopy {
  units: Uint16Array;
  bytes: Buffer;
}

export function newUnitCopy(): UnitCopy {
  return { units: new Uint16Array(0), bytes: Buffer.alloc(0) };
}

/** `text`'s units in `into`'s array (valid until its next write); undefined for a text longer than SHARED_UNITS. */
export function writeUnits(into: UnitCopy, text: string): Uint16Array | undefined {
  if (text.length > SHARED_UNITS) return undefined;
  if (into.units.length < text.length) {
    into.units = new Uint16Array(Math.min(Math.max(text.length, 2 * into.units.length, 4096), SHARED_UNITS));
    into.bytes = Buffer.from(into.units.buffer, into.units.byteOffset, into.units.byteLength);
  }
  // (A lone surrogate half is written as it is: UTF-16LE here is the string's units, not an encoding of its characters.)
  into.bytes.write(text, 0, 'utf16le');
  return into.units;
}

/**
 * `text`'s units, copied by one native write unless they are held already; undefined for a text longer than
 * SHARED_UNITS (a long recording must not leave its size in this thread's memory: read it as a string). Valid until
 * the next call with another text, in this thread.
 */
export function textUnits(text: string): Uint16Array | undefined {
  if (text === heldText) return held;
  const units = writeUnits(copy, text);
  if (units === undefined) return undefined;
  heldText = text;
  held = units;
  heldMarks = -1;
  return held;
}

/**
 * `text`'s units if they are held (by textUnits or `holdUnits`), without a copy: for readers of texts that may be a
 * call's or something else (a turn's, a message's), which would otherwise take the call's units' place.
 */
export function heldUnits(text: string): Uint16Array | undefined {
  return text === heldText ? held : undefined;
}

/**
 * Hold units already made for `text` (decoding's UTF-16, `units` holding exactly its units from index 0): the call's
 * readers then make no copy.
 */
export function holdUnits(text: string, units: Uint16Array): void {
  if (text.length > SHARED_UNITS || units.length < text.length) return;
  heldText = text;
  held = units;
  heldMarks = -1;
}

// What a call's readers each searched the whole text for — a control character (decoding), a "\r" (line breaks, twice),
// a "#" or "＃" (the plain-text parser's comments), an "@" or "＠" (handles), a surrogate (columns) — told by one pass
// over the held units: a table look-up a unit, two units a load, ~0.7–1 ns a unit, where the searches took ~4.7 µs over
// a call of 1,300 units (V8's one-character search looks for a byte of the character in the string's bytes and stops
// at every Han character that holds it: "\r" at every 不 U+4E0D, "＃" and "＠" at all full-width punctuation). And
// whether the call has a character of one script only, which the script check of its messages read it for again.

/** A control character text does not hold: U+0000–U+001F but tab, line feed, form feed and carriage return. */
export const MARK_CONTROL = 1;
/** A carriage return. */
export const MARK_CR = 2;
/** "#" or "＃" (U+FF03). */
export const MARK_HASH = 4;
/** "@" or "＠" (U+FF20). */
export const MARK_AT = 8;
/** A surrogate unit, high or low (paired or not). */
export const MARK_SURROGATE = 16;
/** A character Simplified writing has and Traditional writes otherwise (为, 这): writtenInUnits' own value. */
export const MARK_SIMPLIFIED: typeof SIMPLIFIED_ONLY = SIMPLIFIED_ONLY;
/**
 * A character Traditional writing has and Simplified writes otherwise (為, 這): writtenInUnits' own value. The script
 * check of a call's messages read the whole call for one (hasTraditional, ~1 µs a Simplified call), which the same
 * pass answers at no cost of its own.
 */
export const MARK_TRADITIONAL: typeof TRADITIONAL_ONLY = TRADITIONAL_ONLY;

/** heldText's marks (MARK_* bits), or -1 until asked. */
let heldMarks = -1;
/** Each unit's MARK_* bits: 64 KB, made on first use. */
let markTable: Uint8Array | undefined;

function marksTable(): Uint8Array {
  if (markTable) return markTable;
  // writtenInUnits' values are the script marks (MARK_SIMPLIFIED, MARK_TRADITIONAL), its other units 0: the table
  // starts as its copy, a native one (a loop setting them, 65,536 steps or a quarter as many words, took 1–10 ms at a
  // thread's start before it was compiled).
  const table = writtenInUnits().slice();
  for (let unit = 0; unit < 0x20; unit++) if (unit !== 9 && unit !== 10 && unit !== 12 && unit !== 13) table[unit] |= MARK_CONTROL;
  table[13] |= MARK_CR;
  table[0x23] |= MARK_HASH;
  table[0xff03] |= MARK_HASH;
  table[0x40] |= MARK_AT;
  table[0xff20] |= MARK_AT;
  table.fill(MARK_SURROGATE, 0xd800, 0xe000); // (no script mark there: writtenInUnits leaves surrogates 0)
  return (markTable = table);
}

/** The MARK_* bits of the first `length` units. */
export function marksOf(units: Uint16Array, length: number): number {
  const table = marksTable();
  let marks = 0;
  let i = 0;
  if ((units.byteOffset & 3) === 0) {
    // Two units a load (little-endian or not, both halves are looked up), two loads a turn of the loop: each typed
    // array access has its checks again (~8 instructions), so fewer of them (19 K instructions a call of 1,250 units,
    // against 23 K a load a turn and 29 K a unit a load).
    const pairs = new Uint32Array(units.buffer, units.byteOffset, length >> 1);
    const count = pairs.length;
    let k = 0;
    for (; k + 1 < count; k += 2) {
      const pair = pairs[k];
      const next = pairs[k + 1];
      marks |= table[pair & 0xffff] | table[pair >>> 16] | table[next & 0xffff] | table[next >>> 16];
    }
    if (k < count) marks |= table[pairs[k] & 0xffff] | table[pairs[k] >>> 16];
    i = count << 1;
  }
  for (; i < length; i++) marks |= table[units[i]];
  return marks;
}

/**
 * The MARK_* bits of `text` if its units are held (one pass, made on first ask), or undefined: the caller searches the
 * string itself.
 */
export function unitMarks(text: string): number | undefined {
  if (text !== heldText) return undefined;
  if (heldMarks < 0) heldMarks = marksOf(held, text.length);
  return heldMarks;
}
