// The fuzzy view of a normalized text, for rules that tolerate speech-recognition noise: filler words (嗯, 啊,
// um, uh) are dropped. Phrases of fuzzy rules go through the same pass, so both sides agree. Offsets still point
// into the original file. (A character said twice, 请问问, is the matcher's business: see fuzzy-matcher.ts.)
import { isWordUnit, type FoldTable } from './fold-table.js';
import { TURN_BREAK, normalizeString, type NormalizedText } from './normalize.js';

/** Fillers dropped when a rule says `fuzzy: pinyin` without its own list. */
export const DEFAULT_FILLERS: readonly string[] = ['嗯', '啊', '呃', 'um', 'uh', 'uhm', 'erm', 'hmm'];

const SPACE = 0x20;
const utf16 = new TextDecoder('utf-16le');

/** Filler words, normalized, grouped by their first unit (longest first, so that "uhm" wins over "uh"). */
export class FillerSet {
  private readonly byFirstUnit = new Map<number, string[]>();
  readonly key: string;

  constructor(fillers: readonly string[], table: FoldTable) {
    const normalized = [...new Set(fillers.map((f) => normalizeString(f, table)).filter(Boolean))].sort();
    this.key = normalized.join('\u0001');
    for (const filler of normalized) {
      const first = filler.charCodeAt(0);
      const list = this.byFirstUnit.get(first) ?? [];
      list.push(filler);
      list.sort((a, b) => b.length - a.length);
      this.byFirstUnit.set(first, list);
    }
  }

  occursIn(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.fillerAt(text, i)) return true;
    return false;
  }

  /** Length of the filler at `at` (0 if none). A Latin filler counts only as a whole word. */
  fillerAt(text: string, at: number): number {
    const candidates = this.byFirstUnit.get(text.charCodeAt(at));
    if (!candidates) return 0;
    for (const filler of candidates) {
      if (!text.startsWith(filler, at)) continue;
      const end = at + filler.length;
      if (isWordUnit(filler.charCodeAt(0)) && at > 0 && isWordUnit(text.charCodeAt(at - 1))) continue;
      if (isWordUnit(filler.charCodeAt(filler.length - 1)) && end < text.length && isWordUnit(text.charCodeAt(end))) continue;
      return filler.length;
    }
    return 0;
  }
}

class FuzzyBuffer {
  units: Uint16Array;
  offsets: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(1, capacity));
    this.offsets = new Int32Array(Math.max(1, capacity));
  }

  last(): number {
    return this.length ? this.units[this.length - 1] : TURN_BREAK;
  }

  push(unit: number, offset: number): void {
    // A space stays only between two Latin words: dropping "uh" from "you uh for" must leave one space.
    if (this.last() === SPACE && !isWordUnit(unit)) this.length--;
    if (unit === SPACE && !isWordUnit(this.last())) return;
    this.units[this.length] = unit;
    this.offsets[this.length++] = offset;
  }
}

/** Drop fillers and doubled characters from a normalized text; offsets keep pointing into the original. */
export function fuzzyView(normalized: NormalizedText, fillers: FillerSet): NormalizedText {
  const { text, offsets } = normalized;
  const out = new FuzzyBuffer(text.length);
  const groupStarts = new Int32Array(normalized.groupStarts.length);
  let group = 0;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    if (unit === TURN_BREAK) {
      if (out.last() === SPACE) out.length--;
      out.units[out.length] = unit;
      out.offsets[out.length++] = offsets[i];
      groupStarts[++group] = out.length;
      i++;
      continue;
    }
    const skip = fillers.fillerAt(text, i);
    if (skip) {
      i += skip;
      continue;
    }
    out.push(unit, offsets[i]);
    i++;
  }
  if (out.last() === SPACE) out.length--;
  const bytes = new Uint8Array(out.units.buffer, 0, out.length * 2);
  return { text: utf16.decode(bytes), offsets: out.offsets.subarray(0, out.length), groupStarts };
}

/** The fuzzy view of an already normalized phrase literal. */
export function fuzzyString(normalizedLiteral: string, fillers: FillerSet): string {
  const offsets = Int32Array.from({ length: normalizedLiteral.length }, (_, i) => i);
  return fuzzyView({ text: normalizedLiteral, offsets, groupStarts: new Int32Array(1) }, fillers).text;
}
