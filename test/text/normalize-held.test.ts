// The held-units path of forEachNormalizedBatch (appendHeldGroups, keptRun: a batch written into the module's own
// arrays, two units a turn) against normalization as appendSpan defines it, unit by unit, over random texts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMALIZE, foldTable, isWordUnit, type FoldTable } from '../../src/text/fold-table.js';
import { forEachNormalizedBatch, normalizeGroups } from '../../src/text/normalize.js';
import type { Span } from '../../src/types.js';

const table = foldTable(DEFAULT_NORMALIZE);
const KEEP_PUNCTUATION = foldTable({ ...DEFAULT_NORMALIZE, punctuation: 'keep', case: 'sensitive' });

interface Normalized {
  units: number[];
  offsets: number[];
  groupStarts: number[];
}

/** Normalization unit by unit, as appendSpan and appendGroup define it (charCodeAt, one unit a step). */
function byDefinition(text: string, groups: readonly Span[][], { foldAndClass }: FoldTable): Normalized {
  const units: number[] = [];
  const offsets: number[] = [];
  const groupStarts: number[] = [];
  groups.forEach((spans, g) => {
    if (g > 0) {
      units.push(0x0a);
      offsets.push(spans[0]?.start ?? 0);
    }
    groupStarts.push(units.length);
    let pending = -1;
    for (const { start, end } of spans) {
      for (let i = start; i < end; i++) {
        const code = text.charCodeAt(i);
        const entry = foldAndClass[code];
        if (entry > 0xffff) {
          if (entry >>> 16 === 1 && pending < 0) pending = i;
          else if (code >= 0xdb40 && code <= 0xdb43 && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
          continue;
        }
        if (pending >= 0 && isWordUnit(entry) && isWordUnit(units.length ? units[units.length - 1] : 0x0a)) {
          units.push(0x20);
          offsets.push(pending);
        }
        pending = -1;
        units.push(entry);
        offsets.push(i);
      }
      if (pending < 0) pending = end;
    }
  });
  return { units, offsets, groupStarts };
}

/** forEachNormalizedBatch's batches joined by turn breaks, as one normalized text. */
function batched(text: string, groups: readonly Span[][], fold: FoldTable): Normalized & { batches: number } {
  const out: Normalized & { batches: number } = { units: [], offsets: [], groupStarts: [], batches: 0 };
  let nextGroup = 0;
  forEachNormalizedBatch(text, groups as Span[][], fold, (batch, firstGroup) => {
    expect(firstGroup).toBe(nextGroup);
    expect(batch.offsets.length).toBe(batch.units.length);
    nextGroup += batch.groupStarts.length;
    const base = out.units.length + (out.batches > 0 ? 1 : 0);
    if (out.batches > 0) {
      out.units.push(0x0a);
      out.offsets.push(groups[firstGroup][0]?.start ?? 0);
    }
    out.units.push(...batch.units);
    out.offsets.push(...batch.offsets);
    for (const start of batch.groupStarts) out.groupStarts.push(start + base);
    out.batches++;
  });
  expect(nextGroup).toBe(groups.length);
  return out;
}

/** Deterministic random numbers (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Kept (Han, Traditional that folds, full-width letters and digits that fold to Latin), Latin letters and digits
// (word units: a space goes between two words), separators (spaces, punctuation), joiners (apostrophes, zero-width
// and soft hyphen), a tag character's pair and a variation selector's (ignorable, dropped whole), an emoji's pair, lone
// surrogate halves (an ignorable high one before a non-low unit, a low one alone) and a line break.
const PIECES = ['你', '好', '說', '請', '們', 'Ａ', '９', 'a', 'B', 'z', '0', '7', 'é', ' ', '，', '。', '！', '?', '-', "'", '’',
  '\u200b', '\u00ad', '\udb40\udc01', '\udb40\udd00', '\ud83d\ude00', '\udb40', '\udc01', '\n', '\u3000', 'Ok', 'go', '5G'];

function randomCall(next: () => number, pieces: number): { text: string; groups: Span[][] } {
  let text = '';
  // Runs of one kind, so that long kept runs, long Latin words and runs of separators all come up.
  while (text.length < pieces) {
    const piece = PIECES[Math.floor(next() * PIECES.length)];
    text += piece.repeat(1 + Math.floor(next() * next() * 12));
  }
  // Turns of one to three segments, with gaps between them (labels, times) and empty segments now and then.
  const groups: Span[][] = [];
  let at = 0;
  while (at < text.length) {
    const spans: Span[] = [];
    const segments = 1 + Math.floor(next() * 3);
    for (let s = 0; s < segments && at <= text.length; s++) {
      at += Math.floor(next() * 3);
      const end = Math.min(text.length, at + Math.floor(next() * 40));
      spans.push({ start: Math.min(at, end), end });
      at = end;
    }
    if (next() < 0.05) spans.length = 0;
    groups.push(spans);
  }
  return { text, groups };
}

function expectSame(actual: Normalized, expected: Normalized): void {
  expect(actual.units.length).toBe(expected.units.length);
  expect(String.fromCharCode(...actual.units)).toBe(String.fromCharCode(...expected.units));
  expect(actual.offsets).toEqual(expected.offsets);
  expect(actual.groupStarts).toEqual(expected.groupStarts);
}

describe('normalizing a call whose units are held', () => {
  it('gives, over random calls, what normalizing unit by unit gives (units, offsets, group starts)', () => {
    const next = random(14);
    for (let round = 0; round < 600; round++) {
      const { text, groups } = randomCall(next, 1 + Math.floor(next() * 400));
      const fold = round % 5 === 4 ? KEEP_PUNCTUATION : table;
      const expected = byDefinition(text, groups, fold);
      expectSame(batched(text, groups, fold), expected);
      const whole = normalizeGroups(text, groups, fold);
      const units = Array.from({ length: whole.text.length }, (_, k) => whole.text.charCodeAt(k));
      expectSame({ units, offsets: [...whole.offsets], groupStarts: [...whole.groupStarts] }, expected);
    }
  });

  it('runs of kept units of every length from 0 to 9, at odd and even starts, end where a unit is dropped or the span ends', () => {
    for (let lead = 0; lead < 3; lead++) {
      for (let run = 0; run < 10; run++) {
        for (const after of ['', '，', ' a', '\udb40\udc01好', 'x']) {
          const text = `${'。'.repeat(lead)}${'好說'.repeat(run).slice(0, run)}${after}B`;
          for (const end of [text.length, text.length - 1, lead + run]) {
            const groups = [[{ start: lead, end }], [{ start: 0, end: lead }, { start: lead, end }]];
            expectSame(batched(text, groups, table), byDefinition(text, groups, table));
          }
        }
      }
    }
  });

  it('a call of many batches and a turn longer than a batch (normalized apart) give what normalizing unit by unit gives', () => {
    const next = random(7);
    const { text, groups } = randomCall(next, 90_000);
    groups.push([{ start: 0, end: text.length }]);
    const out = batched(text, groups, table);
    expect(out.batches).toBeGreaterThan(3);
    expectSame(out, byDefinition(text, groups, table));
  });
});
