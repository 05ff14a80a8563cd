// Per-UTF-16-unit folding tables, built once per process.
// Folding is one unit to one unit so offsets into the original text survive it; that is what lets every match
// map back to a line and column, and what keeps normalization a single table look-up per character.
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
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

/** How a pattern is folded to meet the text: script and width like the text; case is left to the i flag. */
export const PATTERN_FOLD: NormalizeOptions = { script: 'simplified', width: true, punctuation: 'keep', case: 'sensitive' };
/** Traditional into Simplified, nothing else: how wording is told from or put into a script. */
export const SCRIPT_FOLD: NormalizeOptions = { script: 'simplified', width: false, punctuation: 'keep', case: 'sensitive' };

/**
 * The tables the build writes whole into dist/fold-units.bin, which a run reads instead of making them (~5 ms
 * each): the built-in packs' (zh: the default; en: without script folding) and the code's own folds.
 */
const PREBUILT_TABLES: readonly NormalizeOptions[] = [DEFAULT_NORMALIZE, { ...DEFAULT_NORMALIZE, script: 'none' }, PATTERN_FOLD, SCRIPT_FOLD];

/** A fold table as it is made. */
interface FoldParts {
  /** Code unit → folded code unit. */
  fold: Uint16Array;
  /** Code unit → KEEP | SEPARATOR | JOINER (SEPARATOR/JOINER only when punctuation is ignored). */
  klass: Uint8Array;
}

export interface FoldTable {
  /** Code unit → folded code unit. */
  fold: Uint16Array;
  /**
   * Each unit's fold and class in one entry, `fold | klass << 16`, for normalization's loop over every character of a
   * call: one load per unit where two took ~25 % longer (3.4 against 2.7 ns a unit over 3,000 generated calls).
   */
  foldAndClass: Int32Array;
}

const cache = new Map<string, FoldTable>();

const keyOf = (options: NormalizeOptions): string => `${options.script}|${options.width}|${options.punctuation}|${options.case}`;

export function foldTable(options: NormalizeOptions): FoldTable {
  const key = keyOf(options);
  let table = cache.get(key);
  if (!table) {
    table = readPrebuiltTable(key) ?? withFoldAndClass(buildTable(options));
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
  /** Which script alone writes a character so (SIMPLIFIED_ONLY, TRADITIONAL_ONLY or 0): writtenInUnits. */
  writtenIn: Uint8Array;
  /** HAN, LATIN or 0 (any other script, and lone surrogate halves): what language detection counts. */
  script: Uint8Array;
}

/** Unit scripts (FoldUnits.script): Unicode's Script=Han and Script=Latin. */
export const HAN = 1;
export const LATIN = 2;

/**
 * Written by the build beside the compiled code (dist/fold-units.bin); absent when the sources run (tests). Read a
 * part at a time, as a run needs it: after a header, each unit's Simplified form, lower case, class, Simplified-only
 * mark and script, then each of PREBUILT_TABLES (fold, then fold and class in one).
 */
export const FOLD_UNITS_FILE = new URL('../fold-units.bin', import.meta.url);
const UNITS = 0x10000;
/**
 * Header: a byte-order mark (0xfeff read as one unit), Node's Unicode version, which the units depend on, and a hash
 * of what else they are made from here (the variants, the classes, the prebuilt tables' options and this layout):
 * a file written by a build of other code is not read.
 */
const HEADER_UNITS = 16;
const VERSION_UNITS = 11;
// 6: writtenIn's values are SIMPLIFIED_ONLY 32 and TRADITIONAL_ONLY 64 (the marks pass's bits), where they were 1 and 2.
const LAYOUT = 6;
/** The parts of the file after the header, in order: their names and sizes in bytes. */
const PARTS: readonly (readonly [string, number])[] = [
  ['simplified', UNITS * 2], ['lower', UNITS * 2], ['klass', UNITS], ['writtenIn', UNITS], ['script', UNITS],
  ...PREBUILT_TABLES.flatMap((options) => [[`fold ${keyOf(options)}`, UNITS * 2], [`foldAndClass ${keyOf(options)}`, UNITS * 4]] as const),
];
const FILE_BYTES = HEADER_UNITS * 2 + PARTS.reduce((sum, [, bytes]) => sum + bytes, 0);

/** The parts read so far, or all of them worked out here when the file cannot be read. */
const unitsRead: Partial<FoldUnits> = {};
let unitsComputed: FoldUnits | undefined;

function foldUnit<K extends keyof FoldUnits>(name: K): FoldUnits[K] {
  const known = unitsRead[name];
  if (known) return known as FoldUnits[K];
  const into = (name === 'simplified' || name === 'lower' ? new Uint16Array(UNITS) : new Uint8Array(UNITS)) as FoldUnits[K];
  return (unitsRead[name] = readPart(name, into) ? into : (unitsComputed ??= computeFoldUnits())[name]);
}

function header(): Uint16Array {
  const out = new Uint16Array(HEADER_UNITS);
  out[0] = 0xfeff;
  const unicode = process.versions.unicode ?? '';
  for (let i = 0; i < unicode.length && i < VERSION_UNITS; i++) out[i + 1] = unicode.charCodeAt(i);
  const made = [LAYOUT, JSON.stringify(EXTRA_VARIANTS), [...JOINER_CHARS].join(''), SEPARATOR_RE.source, HAN_RE.source, LATIN_RE.source,
    IGNORABLE_RE.source, JSON.stringify(IGNORABLE_HIGH_SURROGATES), JSON.stringify(COMPATIBILITY_IDEOGRAPHS),
    ...PREBUILT_TABLES.map(keyOf)].join('\u0000');
  // FNV-1a, 64 bits as four units.
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < made.length; i++) hash = BigInt.asUintN(64, (hash ^ BigInt(made.charCodeAt(i))) * 0x100000001b3n);
  for (let i = 0; i < 4; i++) out[1 + VERSION_UNITS + i] = Number((hash >> BigInt(16 * i)) & 0xffffn);
  return out;
}

/** Whether the file is there and of this build (checked once). */
let fileOk: boolean | undefined;

/** A part of the file (PARTS), read into `into`; false when the file is absent or of another build. */
function readPart(name: string, into: Uint8Array | Uint16Array | Int32Array): boolean {
  let fd: number;
  try {
    fd = openSync(FOLD_UNITS_FILE, 'r');
  } catch {
    return (fileOk = false);
  }
  try {
    if (fileOk === undefined) {
      const found = new Uint16Array(HEADER_UNITS);
      fileOk = fstatSync(fd).size === FILE_BYTES && readSync(fd, found, 0, HEADER_UNITS * 2, 0) === HEADER_UNITS * 2
        && header().every((unit, i) => found[i] === unit);
    }
    if (!fileOk) return false;
    let at = HEADER_UNITS * 2;
    for (const [part, bytes] of PARTS) {
      if (part === name) return readSync(fd, into, 0, bytes, at) === bytes;
      at += bytes;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/** A table the build wrote whole, or undefined. */
function readPrebuiltTable(key: string): FoldTable | undefined {
  if (fileOk === false || !PREBUILT_TABLES.some((options) => keyOf(options) === key)) return undefined;
  const table = { fold: new Uint16Array(UNITS), foldAndClass: new Int32Array(UNITS) };
  return readPart(`fold ${key}`, table.fold) && readPart(`foldAndClass ${key}`, table.foldAndClass) ? table : undefined;
}

/** The table with its foldAndClass worked out (~4 ms of a thread's start, cold: the build writes the built-in ones). */
function withFoldAndClass({ fold, klass }: FoldParts): FoldTable {
  const foldAndClass = new Int32Array(UNITS);
  for (let unit = 0; unit < UNITS; unit++) foldAndClass[unit] = fold[unit] | (klass[unit] << 16);
  return { fold, foldAndClass };
}

/** Write dist/fold-units.bin (the build calls this). */
export function writeFoldUnits(): void {
  const made = computeFoldUnits();
  const parts = new Map<string, Uint8Array | Uint16Array | Int32Array>(Object.entries(made));
  for (const options of PREBUILT_TABLES) {
    const { fold, foldAndClass } = withFoldAndClass(buildTable(options, made));
    parts.set(`fold ${keyOf(options)}`, fold).set(`foldAndClass ${keyOf(options)}`, foldAndClass);
  }
  const bytes = (part: Uint8Array | Uint16Array | Int32Array): Buffer => Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  writeFileSync(FOLD_UNITS_FILE, Buffer.concat([header(), ...PARTS.map(([name]) => parts.get(name)!)].map(bytes)));
}

const SEPARATOR_RE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]/u;
const JOINER_CHARS = new Set(["'", '’', '‘', 'ʼ', '\u00ad', '\u200b', '\u200d', '\ufeff']);
/**
 * Characters Unicode says a reader does not see (variation selectors, the combining grapheme joiner, Hangul fillers):
 * the other marks are letters to the unit tables, and kept a phrase apart (不\ufe0f知道 went unreported). They join.
 */
const IGNORABLE_RE = /\p{Default_Ignorable_Code_Point}/u;
/**
 * High surrogates of U+E0000-E0FFF: tags and the variation selectors of ideographic variation sequences, all
 * default-ignorable. Normalization drops such a pair whole (normalize.ts).
 */
export const IGNORABLE_HIGH_SURROGATES = [0xdb40, 0xdb43] as const;
/**
 * Kangxi radicals and CJK compatibility ideographs, which text copied out of a PDF holds for ideographs (⾒ for 見, U+F967
 * for 不): each folds to the ideograph it stands for (NFKC), so no phrase is kept apart by them.
 */
const COMPATIBILITY_IDEOGRAPHS = [[0x2e80, 0x2fdf], [0xf900, 0xfaff]] as const;
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
  for (const [first, last] of COMPATIBILITY_IDEOGRAPHS) {
    for (let unit = first; unit <= last; unit++) {
      const ideograph = String.fromCharCode(unit).normalize('NFKC');
      if (ideograph.length === 1 && HAN_RE.test(ideograph) && !pairs.has(unit)) pairs.set(unit, ideograph.charCodeAt(0));
    }
  }
  for (let unit = 0; unit < UNITS; unit++) {
    // A variant may itself be the target of another pair (帳 → 帐 → 账): follow the chain to its end.
    let end = pairs.get(unit) ?? unit;
    for (let hops = 0; pairs.has(end) && pairs.get(end) !== end && hops < 4; hops++) end = pairs.get(end)!;
    simplified[unit] = end;
    const surrogate = unit >= 0xd800 && unit <= 0xdfff;
    const ch = String.fromCharCode(unit);
    const lowered = surrogate ? ch : ch.toLowerCase();
    lower[unit] = lowered.length === 1 ? lowered.charCodeAt(0) : unit;
    if (!surrogate) klass[unit] = JOINER_CHARS.has(ch) ? JOINER : SEPARATOR_RE.test(ch) ? SEPARATOR : IGNORABLE_RE.test(ch) ? JOINER : KEEP;
    else if (unit >= IGNORABLE_HIGH_SURROGATES[0] && unit <= IGNORABLE_HIGH_SURROGATES[1]) klass[unit] = JOINER;
    if (!surrogate) script[unit] = scriptOfCodePoint(unit);
  }
  const simplifiedOnly = new Uint8Array(UNITS);
  for (const entry of openccDictionary('STCharacters').split('|')) {
    const [from, to] = entry.split(' ');
    if (from?.length === 1 && to) simplifiedOnly[from.charCodeAt(0)] = to !== from ? 1 : 0;
  }
  const writtenIn = new Uint8Array(UNITS);
  // Han characters only (from U+3400), no surrogate halves (the unit tables cannot hold a character outside the BMP);
  // a character with a Simplified form of its own is Traditional, whatever the other table says.
  for (let unit = 0x3400; unit < UNITS; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    if (unit >= COMPATIBILITY_IDEOGRAPHS[1][0] && unit <= COMPATIBILITY_IDEOGRAPHS[1][1]) continue; // folded as ideographs, not as Traditional
    writtenIn[unit] = simplified[unit] !== unit ? TRADITIONAL_ONLY : simplifiedOnly[unit] === 1 ? SIMPLIFIED_ONLY : 0;
  }
  return { simplified, lower, klass, writtenIn, script };
}

/** Each UTF-16 unit's script (HAN, LATIN or 0); a surrogate pair's is scriptOfCodePoint's. */
export function unitScripts(): Uint8Array {
  return foldUnit('script');
}

/**
 * writtenInUnits: a character Simplified writing has and Traditional writes otherwise (么, 这, 为; OpenCC's s2t). This
 * and TRADITIONAL_ONLY are bits of the marks pass as well (text-units.ts), whose table starts as a copy of this one.
 */
export const SIMPLIFIED_ONLY = 32;
/** writtenInUnits: a character Traditional writing has and Simplified writes otherwise (麼, 這, 為; its fold differs). */
export const TRADITIONAL_ONLY = 64;

/**
 * Each unit's SIMPLIFIED_ONLY, TRADITIONAL_ONLY or 0 (both scripts write it so, or it is no Han character): telling a
 * text's script reads one table per character (it read the script fold's and a second, through a look-up of each by
 * its options, per call).
 */
export function writtenInUnits(): Uint8Array {
  return foldUnit('writtenIn');
}

function buildTable(options: NormalizeOptions, from?: FoldUnits): FoldParts {
  const [simplified, lower, unitClass] = from ? [from.simplified, from.lower, from.klass] : [foldUnit('simplified'), foldUnit('lower'), foldUnit('klass')];
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
    // The class of what the unit folds to; a surrogate half is kept, but for those of ignorable pairs.
    if (ignorePunctuation) klass[unit] = unitClass[folded];
  }
  return { fold, klass };
}

/** Latin letters and digits (after folding): the characters that make up a word in Latin script. */
export function isWordUnit(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) ||
    (unit >= 0xc0 && unit <= 0x24f);
}
