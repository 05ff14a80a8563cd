import { describe, expect, it } from 'vitest';
import { indexSegments, turnIndexed, turnLookedThrough } from '../../src/engine/lint-transcript.js';
import type { Turn } from '../../src/types.js';
import { seededRandom } from '../helpers.js';

/** Turns of random segments: in text order or not (a JSON file's channels), with equal starts and empty segments. */
function randomTurns(random: () => number, ordered: boolean): Turn[] {
  const turns: Turn[] = [];
  let at = 0;
  for (let index = 0; index < 1 + Math.floor(random() * 8); index++) {
    const segments = [];
    for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
      const start = ordered ? at + Math.floor(random() * 3) : Math.floor(random() * 40);
      const end = start + Math.floor(random() * 6);
      segments.push({ start, end });
      at = end + (random() < 0.2 ? 0 : 1);
    }
    turns.push({ index, role: 'agent', label: '客服', segments });
  }
  return turns;
}

describe('the turn a problem stands in', () => {
  it('is the same looked for through the segments as looked up in their index', () => {
    const random = seededRandom(14);
    for (let round = 0; round < 400; round++) {
      const turns = randomTurns(random, round % 2 === 0);
      const index = indexSegments(turns);
      for (let offset = 0; offset <= 45; offset++) expect(turnLookedThrough(turns, offset)).toBe(turnIndexed(index, turns, offset));
    }
  });

  it('is undefined between segments and before the first', () => {
    const turns: Turn[] = [
      { index: 0, role: 'agent', label: '客服', segments: [{ start: 4, end: 8 }] },
      { index: 1, role: 'customer', label: '客户', segments: [{ start: 12, end: 15 }, { start: 15, end: 15 }] },
    ];
    expect([3, 4, 8, 9, 12, 15, 16].map((offset) => turnLookedThrough(turns, offset)?.index)).toEqual([undefined, 0, 0, undefined, 1, 1, undefined]);
  });
});
