// Toneless pinyin readings per Han character, for ASR-tolerant matching: 再 and 在 both read "zai".
// Every reading of a polyphonic character is kept (行 = xing|hang|heng), because speech recognition writes the
// character for the sound it heard and a one-reading table gets ~1% of syllables wrong. Readings are looked up
// lazily per code unit and memoized, so a run pays only for the characters its transcripts contain.
import { createRequire } from 'node:module';

type PinyinPro = typeof import('pinyin-pro');
let pinyinPro: PinyinPro | undefined;

/** pinyin-pro loads its dictionary when first needed: runs without a fuzzy rule never pay for it. */
function library(): PinyinPro {
  pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as PinyinPro;
  return pinyinPro;
}

/** Syllable symbols live above the UTF-16 range so that they never collide with a character's own unit. */
export const SYLLABLE_BASE = 0x10000;

const syllableIds = new Map<string, number>();
const memo: (Int32Array | null)[] = new Array(0x10000);
const NO_READINGS = new Int32Array(0);

export function isHanUnit(unit: number): boolean {
  return (unit >= 0x4e00 && unit <= 0x9fff) || (unit >= 0x3400 && unit <= 0x4dbf) || (unit >= 0xf900 && unit <= 0xfaff);
}

function syllableSymbol(syllable: string): number {
  let id = syllableIds.get(syllable);
  if (id === undefined) {
    id = syllableIds.size;
    syllableIds.set(syllable, id);
  }
  return SYLLABLE_BASE + id;
}

/** The syllable symbols of a Han character (empty for anything else): one per distinct toneless reading. */
export function readingsOf(unit: number): Int32Array {
  const known = memo[unit];
  if (known !== undefined) return known ?? NO_READINGS;
  if (!isHanUnit(unit)) {
    memo[unit] = null;
    return NO_READINGS;
  }
  const char = String.fromCharCode(unit);
  const syllables = library().pinyin(char, { multiple: true, toneType: 'none', type: 'array' })
    // pinyin-pro echoes characters it has no reading for; ü is written v by some tables and ü by others.
    .filter((s) => s && s !== char && /^[a-zü]+$/.test(s))
    .map((s) => s.replace(/ü/g, 'v'));
  const result = syllables.length ? Int32Array.from(new Set(syllables), syllableSymbol) : NO_READINGS;
  memo[unit] = syllables.length ? result : null;
  return result;
}
