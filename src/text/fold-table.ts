// Per-UTF-16-unit folding tables, built once per process.
// Folding is one unit to one unit so offsets into the original text survive it; that is what lets every match
// map back to a line and column, and what keeps normalization a single table look-up per character.
import { readFileSync, writeFileSync } from 'node:fs';
import { openccDictionary } from './opencc-dictionary.js';

export interface NormalizeOptions {
  /** Fold Traditional into Simplified (both 'simplified' and 'traditional' fold; only the direction is internal). */
  script: 'simplified' | 'traditional' | 'none';
  width: boolean;
  punctuation: 'ignore' | 'keep';
  case: 'insensitive' | 'sensitive';
}

export const DEFAULT_NORMALIZE: NormalizeOptions = {
  script: 'simplified',
  width: true,
  punctuation: 'ignore',
  case: 'insensitive',
};

/** Unit classes: what normalization does with a character besides folding it. */
export const KEEP = 0;
/** Punctuation, spaces, symbols: never break a match; separate Latin words. */
export const SEPARATOR = 1;
/** Apostrophes: dropped without separating ("don't" = "dont"). */
export const JOINER = 2;

/**
 * Variants that the opencc character table leaves apart but that mean the same in a call: 帳/帐/账 (account),
 * 著/着, 祇/只, 妳/你. Applied after the Traditional → Simplified table.
 */
const EXTRA_VARIANTS: Record<string, string> = { 帐: '账', 著: '着', 祇: '只', 妳: '你', 羣: '群' };

export interface FoldTable {
  /** Code unit → folded code unit. */
  fold: Uint16Array;
  /** Code unit → KEEP | SEPARATOR | JOINER (SEPARATOR/JOINER only when punctuation is ignored). */
  klass: Uint8Array;
}

const cache = new Map<string, FoldTable>();

export function foldTable(options: NormalizeOptions): FoldTable {
  const key = `${options.script}|${options.width}|${options.punctuation}|${options.case}`;
  let table = cache.get(key);
  if (!table) {
    table = buildTable(options);
    cache.set(key, table);
  }
  return table;
}

/**
 * What each unit is on its own, from which any table is a few array look-ups per unit: its Simplified form (the
 * opencc table plus EXTRA_VARIANTS, chains followed), its lower case (when that is one unit) and its class.
 * Working these out takes tens of milliseconds (the dictionary, a Unicode property test and a toLowerCase per
 * unit), so the build writes them to dist/fold-units.bin (writeFoldUnits) and a run reads them.
 */
interface FoldUnits {
  simplified: Uint16Array;
  lower: Uint16Array;
  klass: Uint8Array;
  /** 1 for a character that Simplified writing has and Traditional writes otherwise (么, 这, 为): opencc's s2t. */
  simplifiedOnly: Uint8Array;
  /** HAN, LATIN or 0 (any other script, and lone surrogate halves): what language detection counts. */
  script: Uint8Array;
}

/** Unit scripts (FoldUnits.script): Unicode's Script=Han and Script=Latin. */
export const HAN = 1;
export const LATIN = 2;

/** Written by the build beside the compiled code (dist/fold-units.bin); absent when the sources run (tests). */
export const FOLD_UNITS_FILE = new URL('../fold-units.bin', import.meta.url);
const UNITS = 0x10000;
/** Header: a byte-order mark (0xfeff read as one unit) and Node's Unicode version, which the units depend on. */
const HEADER_UNITS = 16;

let units: FoldUnits | undefined;

function foldUnits(): FoldUnits {
  return (units ??= readFoldUnits() ?? computeFoldUnits());
}

function header(): Uint16Array {
  const out = new Uint16Array(HEADER_UNITS);
  out[0] = 0xfeff;
  const unicode = process.versions.unicode ?? '';
  for (let i = 0; i < unicode.length && i + 1 < HEADER_UNITS; i++) out[i + 1] = unicode.charCodeAt(i);
  return out;
}

function readFoldUnits(): FoldUnits | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(FOLD_UNITS_FILE);
  } catch {
    return undefined;
  }
  if (bytes.length !== HEADER_UNITS * 2 + UNITS * 7 || bytes.byteOffset % 2 !== 0) return undefined;
  const words = new Uint16Array(bytes.buffer, bytes.byteOffset, HEADER_UNITS + UNITS * 2);
  // Another byte order or another Unicode version than the build's: work them out here instead.
  if (header().some((unit, i) => words[i] !== unit)) return undefined;
  return {
    simplified: words.subarray(HEADER_UNITS, HEADER_UNITS + UNITS),
    lower: words.subarray(HEADER_UNITS + UNITS, HEADER_UNITS + 2 * UNITS),
    klass: new Uint8Array(bytes.buffer, bytes.byteOffset + (HEADER_UNITS + 2 * UNITS) * 2, UNITS),
    simplifiedOnly: new Uint8Array(bytes.buffer, bytes.byteOffset + (HEADER_UNITS + 2 * UNITS) * 2 + UNITS, UNITS),
    script: new Uint8Array(bytes.buffer, bytes.byteOffset + (HEADER_UNITS + 2 * UNITS) * 2 + 2 * UNITS, UNITS),
  };
}

/** Write dist/fold-units.bin (the build calls this). */
export function writeFoldUnits(): void {
  const { simplified, lower, klass, simplifiedOnly, script } = computeFoldUnits();
  const parts = [header(), simplified, lower, klass, simplifiedOnly, script];
  writeFileSync(FOLD_UNITS_FILE, Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength))));
}

const SEPARATOR_RE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]/u;
const JOINER_CHARS = new Set(["'", '’', '‘', 'ʼ', '\u00ad', '\u200b', '\u200d', '\ufeff']);
const HAN_RE = /^\p{Script=Han}$/u;
const LATIN_RE = /^\p{Script=Latin}$/u;

/** HAN, LATIN or 0 for one code point (a character outside the BMP, which the unit tables cannot hold). */
export function scriptOfCodePoint(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  return HAN_RE.test(ch) ? HAN : LATIN_RE.test(ch) ? LATIN : 0;
}

function computeFoldUnits(): FoldUnits {
  const pairs = new Map<number, number>();
  for (const entry of openccDictionary('TSCharacters').split('|')) {
    const [from, to] = entry.split(' ');
    // Characters outside the BMP take two units; the table folds unit by unit, so they stay as they are.
    if (from?.length === 1 && to?.length === 1) pairs.set(from.charCodeAt(0), to.charCodeAt(0));
  }
  for (const [from, to] of Object.entries(EXTRA_VARIANTS)) pairs.set(from.charCodeAt(0), to.charCodeAt(0));
  const simplified = new Uint16Array(UNITS);
  const lower = new Uint16Array(UNITS);
  const klass = new Uint8Array(UNITS);
  const script = new Uint8Array(UNITS);
  for (let unit = 0; unit < UNITS; unit++) {
    // A variant may itself be the target of another pair (帳 → 帐 → 账): follow the chain to its end.
    let end = pairs.get(unit) ?? unit;
    for (let hops = 0; pairs.has(end) && pairs.get(end) !== end && hops < 4; hops++) end = pairs.get(end)!;
    simplified[unit] = end;
    const surrogate = unit >= 0xd800 && unit <= 0xdfff;
    const ch = String.fromCharCode(unit);
    const lowered = surrogate ? ch : ch.toLowerCase();
    lower[unit] = lowered.length === 1 ? lowered.charCodeAt(0) : unit;
    if (!surrogate) klass[unit] = JOINER_CHARS.has(ch) ? JOINER : SEPARATOR_RE.test(ch) ? SEPARATOR : KEEP;
    if (!surrogate) script[unit] = scriptOfCodePoint(unit);
  }
  const simplifiedOnly = new Uint8Array(UNITS);
  for (const entry of openccDictionary('STCharacters').split('|')) {
    const [from, to] = entry.split(' ');
    if (from?.length === 1 && to) simplifiedOnly[from.charCodeAt(0)] = to !== from ? 1 : 0;
  }
  return { simplified, lower, klass, simplifiedOnly, script };
}

/** Each UTF-16 unit's script (HAN, LATIN or 0); a surrogate pair's is scriptOfCodePoint's. */
export function unitScripts(): Uint8Array {
  return foldUnits().script;
}

/** Whether Simplified writing has this unit and Traditional writes it otherwise (么, 这, 为). */
export function isSimplifiedOnly(unit: number): boolean {
  return foldUnits().simplifiedOnly[unit] === 1;
}

function buildTable(options: NormalizeOptions): FoldTable {
  const { simplified, lower, klass: unitClass } = foldUnits();
  const fold = new Uint16Array(UNITS);
  const klass = new Uint8Array(UNITS);
  const script = options.script !== 'none';
  const caseless = options.case === 'insensitive';
  const ignorePunctuation = options.punctuation === 'ignore';
  for (let unit = 0; unit < UNITS; unit++) {
    let folded = unit;
    if (options.width) {
      if (folded >= 0xff01 && folded <= 0xff5e) folded -= 0xfee0;
      else if (folded === 0x3000) folded = 0x20;
    }
    if (script) folded = simplified[folded];
    if (caseless) folded = lower[folded];
    fold[unit] = folded;
    // The class of what the unit folds to; a lone surrogate half is always kept.
    if (ignorePunctuation && !(unit >= 0xd800 && unit <= 0xdfff)) klass[unit] = unitClass[folded];
  }
  return { fold, klass };
}

/** Latin letters and digits (after folding): the characters that make up a word in Latin script. */
export function isWordUnit(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) ||
    (unit >= 0xc0 && unit <= 0x24f);
}
