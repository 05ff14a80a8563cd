// Per-UTF-16-unit folding tables, built once per process.
// Folding is one unit to one unit so offsets into the original text survive it; that is what lets every match
// map back to a line and column, and what keeps normalization a single table look-up per character.
import tsCharacters from 'opencc-js/dict/TSCharacters';

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

let traditionalToSimplified: Map<number, number> | undefined;

function scriptPairs(): Map<number, number> {
  if (traditionalToSimplified) return traditionalToSimplified;
  const map = new Map<number, number>();
  for (const entry of tsCharacters.split('|')) {
    const [from, to] = entry.split(' ');
    // Characters outside the BMP take two units; the table folds unit by unit, so they stay as they are.
    if (from?.length === 1 && to?.length === 1) map.set(from.charCodeAt(0), to.charCodeAt(0));
  }
  for (const [from, to] of Object.entries(EXTRA_VARIANTS)) map.set(from.charCodeAt(0), to.charCodeAt(0));
  // A variant may itself be the target of another pair (帳 → 帐 → 账): follow the chain to its end.
  for (const [from, to] of map) {
    let end = to;
    for (let hops = 0; map.has(end) && hops < 4; hops++) end = map.get(end)!;
    map.set(from, end);
  }
  traditionalToSimplified = map;
  return map;
}

const SEPARATOR_RE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]/u;
const JOINER_CHARS = new Set(["'", '’', '‘', 'ʼ', '\u00ad', '\u200b', '\u200d', '\ufeff']);

function buildTable(options: NormalizeOptions): FoldTable {
  const fold = new Uint16Array(0x10000);
  const klass = new Uint8Array(0x10000);
  const script = options.script === 'none' ? undefined : scriptPairs();
  for (let unit = 0; unit < 0x10000; unit++) {
    let folded = unit;
    if (options.width) {
      if (folded >= 0xff01 && folded <= 0xff5e) folded -= 0xfee0;
      else if (folded === 0x3000) folded = 0x20;
    }
    if (script) folded = script.get(folded) ?? folded;
    if (options.case === 'insensitive' && !(folded >= 0xd800 && folded <= 0xdfff)) {
      const lower = String.fromCharCode(folded).toLowerCase();
      if (lower.length === 1) folded = lower.charCodeAt(0);
    }
    fold[unit] = folded;
    if (options.punctuation === 'ignore' && !(unit >= 0xd800 && unit <= 0xdfff)) {
      const ch = String.fromCharCode(folded);
      if (JOINER_CHARS.has(ch)) klass[unit] = JOINER;
      else if (SEPARATOR_RE.test(ch)) klass[unit] = SEPARATOR;
    }
  }
  return { fold, klass };
}

/** Latin letters and digits (after folding): the characters that make up a word in Latin script. */
export function isWordUnit(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) ||
    (unit >= 0xc0 && unit <= 0x24f);
}
