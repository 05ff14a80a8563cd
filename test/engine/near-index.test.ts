import { describe, expect, it } from 'vitest';
import { HitList, NEAR_HITS_LOOKED_AT, NearIndex } from '../../src/engine/spans.js';
import { breaksClause } from '../../src/text/clause.js';
import { seededRandom } from '../helpers.js';

/** What standsBy answers, by its definition: a list hit in the turn overlaps the hit or lies within `chars` of it. */
function standsByDefinition(hits: [number, number, number][], chars: number, turn: number, start: number, end: number): boolean {
  return hits.some(([t, s, e]) => t === turn && ((s < end && e > start) || (e <= start && start - e <= chars) || (s >= end && s - end <= chars)));
}

describe('NearIndex', () => {
  // Each way of answering (looking at every list hit while few have been looked at, the index past them), and the two
  // in turn as a run meets them (by default: the first questions looked through, the rest indexed).
  it.each([['indexed from the first question', 0], ['looked through', Infinity], ['looked through, then indexed', NEAR_HITS_LOOKED_AT]])('answers as its definition does, for lists in scan order, out of order, and several lists (%s)', (_, hitsLookedAt) => {
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
      const index = new NearIndex(lists, { selector: { phraseIds: [], speaker: 'any', slot: 0 }, chars }, ' '.repeat(100), hitsLookedAt);
      for (let turn = 0; turn < 3; turn++) {
        for (let start = 0; start < 95; start += 3) {
          const end = start + 2;
          expect(index.standsBy(turn, start, end)).toBe(standsByDefinition(all, chars, turn, start, end));
        }
      }
    }
  });

  it.each([['indexed from the first question', 0], ['looked through', Infinity]])('within the clause (no chars): the closest list hit on each side decides, as its definition says (%s)', (_, hitsLookedAt) => {
    // Marks that end a clause scattered through the text: a list hit stands by the hit when nothing between them
    // ends a clause, whichever list hit that is.
    const random = seededRandom(5);
    let near = 0;
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 100 }, () => (random() < 0.08 ? '，' : '好')).join('');
      const lists: HitList[] = [];
      const all: [number, number, number][] = [];
      for (let l = 0; l < 1 + Math.floor(random() * 3); l++) {
        const list = new HitList();
        for (let i = 0; i < Math.floor(random() * 6); i++) {
          const start = Math.floor(random() * 95);
          const hit: [number, number, number] = [Math.floor(random() * 2), start, start + 1 + Math.floor(random() * 4)];
          list.push(...hit);
          all.push(hit);
        }
        if (list.length > 0) lists.push(list);
      }
      const index = new NearIndex(lists, { selector: { phraseIds: [], speaker: 'any', slot: 0 } }, text, hitsLookedAt);
      for (let turn = 0; turn < 2; turn++) {
        for (let start = 0; start < 95; start += 2) {
          const end = start + 1 + (start % 3);
          const expected = all.some(([t, s, e]) => t === turn && ((s < end && e > start) || (e <= start && !breaksClause(text, e, start)) || (s >= end && !breaksClause(text, end, s))));
          expect(index.standsBy(turn, start, end), `${turn} ${start}-${end} in round ${round}`).toBe(expected);
          if (expected) near++;
        }
      }
    }
    expect(near).toBeGreaterThan(1000);
  });
});
