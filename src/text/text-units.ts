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
