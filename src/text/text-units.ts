// A call's text as UTF-16 units in a typed array, made once and shared by the loops that read it unit by unit
// (normalizing, the language check, the script check). `charCodeAt` tells the string's representation again at every
// unit (its map, sequential or not, one or two bytes: ~14 instructions), where a typed array is a load and its checks.

/** Up to this many units (2 MB), a text's units are kept for the next reader; a longer text is read as a string. */
export const SHARED_UNITS = 1 << 20;

/**
 * The text whose units `held` holds (undefined: none). Kept alive with them until the next text is read: one call's
 * text per thread, at most SHARED_UNITS units, whatever the results (they hold none; test/result-memory.test.ts).
 */
let heldText: string | undefined;
/** heldText's units (at least its length; what lies beyond is not its own). */
let held: Uint16Array = new Uint16Array(0);
/** The buffer a copy is written into, reused from text to text: `held` is this or decoding's own units. */
let copy = new Uint16Array(0);
let copyBytes = Buffer.alloc(0);

/**
 * `text`'s units, copied by one native write unless they are held already; undefined for a text longer than
 * SHARED_UNITS (a long recording must not leave its size in this thread's memory: read it as a string). Valid until
 * the next call with another text, in this thread.
 */
export function textUnits(text: string): Uint16Array | undefined {
  if (text === heldText) return held;
  if (text.length > SHARED_UNITS) return undefined;
  if (copy.length < text.length) {
    copy = new Uint16Array(Math.min(Math.max(text.length, 2 * copy.length, 4096), SHARED_UNITS));
    copyBytes = Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
  }
  // (A lone surrogate half is written as it is: UTF-16LE here is the string's units, not an encoding of its characters.)
  copyBytes.write(text, 0, 'utf16le');
  heldText = text;
  held = copy;
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
}
