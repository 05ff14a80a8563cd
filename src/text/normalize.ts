// Normalization: fold each character through the table, drop punctuation and spaces (keeping one space between
// Latin words, so that whole-word matching still works), and remember where each kept unit came from.
import type { Span } from '../types.js';
import { type FoldTable, IGNORABLE_HIGH_SURROGATES, isWordUnit, SEPARATOR } from './fold-table.js';
import { intArray, type IntArray } from './int-array.js';
import { textUnits } from './text-units.js';

/** Separates turns in the normalized text; never produced by folding, so no phrase can match across it. */
export const TURN_BREAK = 0x0a;

export interface NormalizedText {
  text: string;
  /** Normalized index → UTF-16 offset in the original text. */
  offsets: Int32Array;
  /** Normalized index where each group (turn) starts. */
  groupStarts: IntArray;
}

class UnitBuffer {
  units: Uint16Array;
  offsets: Int32Array;
  length = 0;

  constructor(capacity = 4096) {
    this.units = new Uint16Array(capacity);
    this.offsets = new Int32Array(capacity);
  }

  /** Room for `capacity` units in all: writers reserve before they write, and then write without checks. */
  reserve(capacity: number): void {
    if (capacity <= this.units.length) return;
    const size = Math.max(capacity, this.units.length * 2);
    const units = new Uint16Array(size);
    units.set(this.units.subarray(0, this.length));
    this.units = units;
    const offsets = new Int32Array(size);
    offsets.set(this.offsets.subarray(0, this.length));
    this.offsets = offsets;
  }
}

/**
 * One scratch buffer per thread, reused by every call (normalization runs once per transcript and once per speaker
 * label: allocating typed arrays each time showed as the top cost in profiles). Results are copied out of it.
 */
const scratch = new UnitBuffer();

/**
 * Texts longer than this get a buffer of their own, sized once: growing the shared one by doubling copied a long
 * call's text several times over, and kept hundreds of megabytes for the rest of the run.
 */
const SCRATCH_LIMIT = 1 << 20;

/**
 * Append a span's kept units; the caller has reserved room for its length plus one (a space carried in). `units`:
 * `source`'s units (textUnits), read instead of the string where given.
 */
function appendSpan(out: UnitBuffer, source: string, units: Uint16Array | undefined, span: Span, table: FoldTable, pendingSeparator: number): number {
  const { foldAndClass } = table;
  const { units: kept, offsets } = out;
  let length = out.length;
  let pending = pendingSeparator;
  // (The span's end as a local: read from the object, it was loaded and its map checked at every unit.)
  const end = span.end;
  // SEPARATOR as a local constant (its type ties the two), not a cell load and its check at every dropped unit.
  const separator: typeof SEPARATOR = 1;
  for (let i = span.start; i < end; i++) {
    const code = units !== undefined ? units[i] : source.charCodeAt(i);
    const entry = foldAndClass[code];
    if (entry > 0xffff) {
      // A class other than KEEP (0): a separator or a joiner, dropped; a separator remembered (a space between
      // words may go there).
      if (entry >>> 16 === separator && pending < 0) pending = i;
      // The high half of an ignorable pair (a tag, an ideographic variation selector): its low half goes with it.
      else if (code >= IGNORABLE_HIGH_SURROGATES[0] && code <= IGNORABLE_HIGH_SURROGATES[1] && i + 1 < end && (source.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      continue;
    }
    const unit = entry;
    if (pending >= 0 && isWordUnit(unit) && isWordUnit(length ? kept[length - 1] : TURN_BREAK)) {
      kept[length] = 0x20;
      offsets[length++] = pending;
    }
    pending = -1;
    kept[length] = unit;
    offsets[length++] = i;
  }
  out.length = length;
  return pending;
}

/** At most one unit per unit of text, one space per segment and one break per group. */
function groupBound(spans: readonly Span[]): number {
  // (An indexed loop: for…of kept the iterator protocol's try/finally around each group's, in the scan's setup.)
  let bound = 1;
  for (let s = 0; s < spans.length; s++) bound += spans[s].end - spans[s].start + 1;
  return bound;
}

/** Append one group (a turn's spans), after a TURN_BREAK unless it is the first; returns where it starts. */
function appendGroup(out: UnitBuffer, source: string, units: Uint16Array | undefined, spans: readonly Span[], table: FoldTable, first: boolean): number {
  if (!first) {
    out.units[out.length] = TURN_BREAK;
    out.offsets[out.length++] = spans[0]?.start ?? 0;
  }
  const start = out.length;
  let pending = -1;
  for (const span of spans) {
    pending = appendSpan(out, source, units, span, table, pending);
    // A line break inside a turn separates words like any space does.
    if (pending < 0) pending = span.end;
  }
  return start;
}

/** Normalize groups of spans of `source` (one group per turn) into one text, groups separated by TURN_BREAK. */
export function normalizeGroups(source: string, groups: readonly Span[][], table: FoldTable): NormalizedText {
  let bound = 0;
  for (const spans of groups) bound += groupBound(spans);
  const out = bound > SCRATCH_LIMIT ? new UnitBuffer(bound) : scratch;
  const normalized = normalizeInto(out, bound, source, groups, table);
  // A buffer of its own is handed out as it is (a view of what was written): pages past the end were never touched,
  // so they cost no memory, where a copy would cost the offsets again. The shared scratch is copied out of.
  if (out === scratch) normalized.offsets = normalized.offsets.slice();
  return normalized;
}

/**
 * A batch of forEachNormalizedBatch: normalized units as NormalizedText's, but as the units themselves (a view of
 * the buffer they were written into, exactly their length), not a string — the phrase scan reads units, and making
 * the string only for the scan to copy it back into its own typed array cost both copies.
 */
export interface NormalizedUnits {
  units: Uint16Array;
  offsets: Int32Array;
  groupStarts: IntArray;
}

/** Normalize groups into `out` (emptied, with room for `bound` units): its offsets are a view of `out`. */
function normalizeInto(out: UnitBuffer, bound: number, source: string, groups: readonly Span[][], table: FoldTable): NormalizedText {
  const { offsets, groupStarts } = normalizeUnitsInto(out, bound, source, groups, table);
  return { text: unitsToString(out.units, out.length), offsets, groupStarts };
}

/** normalizeInto's units, left in `out` (its units and offsets views of `out`'s arrays). */
function normalizeUnitsInto(out: UnitBuffer, bound: number, source: string, groups: readonly Span[][], table: FoldTable): NormalizedUnits {
  out.length = 0;
  out.reserve(bound);
  const groupStarts = intArray(groups.length);
  // The call's units, copied once for the readers of its text (or held from decoding it): a typed array read at
  // each unit, where charCodeAt told the string's representation again (~14 instructions a unit).
  const units = textUnits(source);
  for (let g = 0; g < groups.length; g++) groupStarts[g] = appendGroup(out, source, units, groups[g], table, g === 0);
  return { units: out.units.subarray(0, out.length), offsets: out.offsets.subarray(0, out.length), groupStarts };
}

/**
 * Units in one batch of forEachNormalizedBatch: its offsets stay in the shared scratch (a long call's whole offsets
 * would be fresh memory, which costs page faults by the megabyte).
 */
const BATCH_UNITS = 1 << 15;

/**
 * The units and offsets of a batch of at most BATCH_UNITS whose text's units are held (nearly every call's only
 * batch), written by appendHeldGroups: module constants, 192 KB a thread (pages touched only as far as batches reach).
 * Written only through `keptRun` and `put`, which TurboFan inlines into appendHeldGroups: an inlined function's module
 * constants are constants to it (its closure, and so its module's context, is known), so it compiles each store as a
 * bounds check against a known length and a store to a known address. Read from an object or a parameter, a typed
 * array has its map, base and length loaded and checked again at every access inside a loop (~9 instructions; TurboFan
 * hoists none of it out), as `units` and the fold table still are.
 */
const batchUnits = new Uint16Array(BATCH_UNITS);
const batchOffsets = new Int32Array(BATCH_UNITS);

/** A batch of forEachNormalizedBatch as normalizeUnitsInto makes it, for held `units` and a bound of at most BATCH_UNITS. */
function normalizeHeldBatch(units: Uint16Array, groups: readonly Span[][], table: FoldTable): NormalizedUnits {
  const groupStarts = intArray(groups.length);
  const length = appendHeldGroups(units, groups, table.foldAndClass, groupStarts);
  return { units: batchUnits.subarray(0, length), offsets: batchOffsets.subarray(0, length), groupStarts };
}

/** Write kept unit `length` of the batch (see batchUnits). */
function put(length: number, unit: number, offset: number): void {
  batchUnits[length] = unit;
  batchOffsets[length] = offset;
}

/**
 * Units `from`… of `units` up to `end` or the first not kept, written as they fold from batch unit `length` on (no
 * space to place before them): returns where it stopped. (Most of a call's units: kept, one after another.)
 */
function keptRun(units: Uint16Array, foldAndClass: Int32Array, from: number, end: number, length: number): number {
  // (Batch unit `shift + i` for text unit i: one index for both stores.)
  const shift = length - from;
  let i = from;
  // Two units a turn: the second read of each array shares the first's checks (its map, base and length).
  for (; i + 1 < end; i += 2) {
    // An entry is its folded unit, below 0x10000, exactly when its class is KEEP.
    const first = foldAndClass[units[i]];
    const second = foldAndClass[units[i + 1]];
    if (first > 0xffff) return i;
    batchUnits[shift + i] = first;
    batchOffsets[shift + i] = i;
    if (second > 0xffff) return i + 1;
    batchUnits[shift + i + 1] = second;
    batchOffsets[shift + i + 1] = i + 1;
  }
  if (i < end) {
    const entry = foldAndClass[units[i]];
    if (entry > 0xffff) return i;
    batchUnits[shift + i] = entry;
    batchOffsets[shift + i] = i;
    i++;
  }
  return i;
}

/**
 * appendGroup of each group from an empty buffer, into batchUnits and batchOffsets (room for the groups' bound), its
 * start written into `groupStarts`, for a text whose units are held (`units`, read where appendSpan reads the
 * string): the same units, offsets and starts; returns the length written. One function for the whole batch, where
 * each group was a call and each unit told again whether the units were held, and a run of kept units while no
 * separator waits (keptRun) is a loop of its own, without the separator's and the space's tests.
 */
function appendHeldGroups(units: Uint16Array, groups: readonly Span[][], foldAndClass: Int32Array, groupStarts: IntArray): number {
  let length = 0;
  // Locals, not imported bindings (a cell load and a check at each use); their types tie them to the exported ones.
  const separator: typeof SEPARATOR = 1;
  const turnBreak: typeof TURN_BREAK = 0x0a;
  const ignorableFirst = IGNORABLE_HIGH_SURROGATES[0];
  const ignorableLast = IGNORABLE_HIGH_SURROGATES[1];
  for (let g = 0; g < groups.length; g++) {
    const spans = groups[g];
    if (g > 0) put(length++, turnBreak, spans.length > 0 ? spans[0].start : 0);
    groupStarts[g] = length;
    // A separator's offset waiting for the next kept unit (a space between Latin words may go there), or -1.
    let pending = -1;
    for (let s = 0; s < spans.length; s++) {
      const span = spans[s];
      const end = span.end;
      let i = span.start;
      while (i < end) {
        if (pending < 0) {
          const stop = keptRun(units, foldAndClass, i, end, length);
          length += stop - i;
          i = stop;
          if (i === end) break;
        }
        // One unit, as appendSpan takes it: not kept (keptRun stopped there), or kept after a separator.
        const code = units[i];
        const entry = foldAndClass[code];
        if (entry > 0xffff) {
          if (entry >>> 16 === separator && pending < 0) pending = i;
          else if (code >= ignorableFirst && code <= ignorableLast && i + 1 < end && (units[i + 1] & 0xfc00) === 0xdc00) i++;
          i++;
          continue;
        }
        if (isWordUnit(entry) && isWordUnit(length ? batchUnits[length - 1] : turnBreak)) put(length++, 0x20, pending);
        pending = -1;
        put(length++, entry, i);
        i++;
      }
      // A line break inside a turn separates words like any space does.
      if (pending < 0) pending = end;
    }
  }
  return length;
}

/**
 * Normalize groups as normalizeGroups does, a batch of whole groups at a time, handing each batch and the index of
 * its first group to `visit` before the next batch overwrites it (its units and offsets are views of the shared
 * buffer). The batches' units joined by TURN_BREAK are normalizeGroups' text: a long call is never normalized whole.
 */
export function forEachNormalizedBatch(source: string, groups: readonly Span[][], table: FoldTable, visit: (batch: NormalizedUnits, firstGroup: number) => void): void {
  let first = 0;
  let bound = 0;
  const flush = (end: number): void => {
    if (end === first) return;
    // (A call that fits one batch, nearly every call, is normalized from `groups` itself: no copy of the list.)
    const batch = first === 0 && end === groups.length ? groups : groups.slice(first, end);
    // (One turn longer than a batch is normalized on its own; beyond SCRATCH_LIMIT into a buffer of its own, as a
    // whole call would be.)
    // (A batch that fits the constant arrays, its text's units held — nearly every call — is written there.)
    const units = bound <= BATCH_UNITS ? textUnits(source) : undefined;
    visit(units !== undefined ? normalizeHeldBatch(units, batch, table)
      : normalizeUnitsInto(bound > SCRATCH_LIMIT ? new UnitBuffer(bound) : scratch, bound, source, batch, table), first);
    first = end;
    bound = 0;
  };
  for (let g = 0; g < groups.length; g++) {
    const size = groupBound(groups[g]);
    if (bound > 0 && bound + size > BATCH_UNITS) flush(g);
    bound += size;
  }
  flush(groups.length);
}

/** Normalize a standalone string (a phrase, a speaker label) exactly as transcript text is normalized. */
export function normalizeString(value: string, table: FoldTable): string {
  const out = scratch;
  out.length = 0;
  out.reserve(value.length + 1);
  // (Read as a string: a label or a phrase must not take the call's units' place.)
  appendSpan(out, value, undefined, { start: 0, end: value.length }, table, -1);
  return unitsToString(out.units, out.length);
}

/**
 * Very short strings (a speaker label on every line) are built unit by unit; longer ones by Node's UCS-2 decoder,
 * which copies the units as they are (a lone surrogate half stays itself, as the fold table keeps it) at twice
 * TextDecoder's speed. (Measured here: a 30-unit turn ~0.2 µs, where String.fromCharCode(...subarray) took 2.4 µs.)
 */
function unitsToString(units: Uint16Array, length: number): string {
  if (length <= 12) {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(units[i]);
    return out;
  }
  return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('ucs2');
}

/** Fold a string unit by unit without dropping anything (offsets stay 1:1): for regular-expression rules. */
export function foldString(value: string, table: FoldTable): string {
  return foldRange(value, 0, value.length, table);
}

/** Units of a folded slice, reused: the slice's string is copied out of it. */
let foldScratch: Uint16Array | undefined;
const FOLD_SCRATCH_UNITS = 1 << 16;

/** foldString(value).slice(start, end), without folding the rest of the text (a long call's pattern rules and fixes ask for a turn at a time). */
export function foldRange(value: string, start: number, end: number, table: FoldTable): string {
  const { fold } = table;
  const units = end - start <= FOLD_SCRATCH_UNITS ? (foldScratch ??= new Uint16Array(FOLD_SCRATCH_UNITS)) : new Uint16Array(end - start);
  for (let i = start; i < end; i++) units[i - start] = fold[value.charCodeAt(i)];
  return unitsToString(units, end - start);
}

/**
 * foldRange of every span of every group, joined by "\n" (one string for many turns' folded texts, which join their
 * segments by "\n" too): built in one reused buffer, so a first look over a stretch of turns makes no string per turn.
 */
export function foldGroups(value: string, groups: readonly (readonly Span[])[], table: FoldTable): string {
  const { fold } = table;
  // Every unit, a "\n" between two spans of a group and one between two groups (a group without spans is "").
  let length = groups.length - 1;
  for (const spans of groups) for (let s = 0; s < spans.length; s++) length += spans[s].end - spans[s].start + (s > 0 ? 1 : 0);
  if (length <= 0) return '';
  const units = length <= FOLD_SCRATCH_UNITS ? (foldScratch ??= new Uint16Array(FOLD_SCRATCH_UNITS)) : new Uint16Array(length);
  let at = 0;
  groups.forEach((spans, g) => {
    if (g > 0) units[at++] = 0x0a;
    spans.forEach((span, s) => {
      if (s > 0) units[at++] = 0x0a;
      for (let i = span.start; i < span.end; i++) units[at++] = fold[value.charCodeAt(i)];
    });
  });
  return unitsToString(units, at);
}
