import { describe, expect, it } from 'vitest';
import { HitList, NearIndex } from '../../src/engine/spans.js';
import { seededRandom } from '../helpers.js';

/** What standsBy answers, by its definition: a list hit in the turn overlaps the hit or lies within `chars` of it. */
function standsByDefinition(hits: [number, number, number][], chars: number, turn: number, start: number, end: number): boolean {
  return hits.some(([t, s, e]) => t === turn && ((s < end && e > start) || (e <= start && start - e <= chars) || (s >= end && s - end <= chars)));
}

describe('NearIndex', () => {
  it('answers as its definition does, for lists in scan order, out of order, and several lists', () => {
    const random = seededRandom(72);
    for (let round = 0; round < 300; round++) {
      const lists: HitList[] = [];
      const all: [number, number, number][] = [];
      const ordered = round % 3 === 0;
      for (let l = 0; l < 1 + Math.floor(random() * 3); l++) {
        const list = new HitList();
        let at = 0;
        for (let i = 0; i < Math.floor(random() * 6); i++) {
          const turn = ordered ? Math.floor(at / 30) : Math.floor(random() * 3);
          const start = ordered ? at : Math.floor(random() * 90);
          const end = start + 1 + Math.floor(random() * 5);
          at = end + Math.floor(random() * 8);
          list.push(turn, start, end);
          all.push([turn, start, end]);
        }
        if (list.length > 0) lists.push(list);
      }
      const chars = Math.floor(random() * 6);
      const index = new NearIndex(lists, { selector: { phraseIds: [], speaker: 'any', slot: 0 }, chars }, ' '.repeat(100));
      for (let turn = 0; turn < 3; turn++) {
        for (let start = 0; start < 95; start += 3) {
          const end = start + 2;
          expect(index.standsBy(turn, start, end)).toBe(standsByDefinition(all, chars, turn, start, end));
        }
      }
    }
  });
});
